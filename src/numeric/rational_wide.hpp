#pragma once
// Private helpers of Rational: unsigned 128-bit gcd and 128×128 → 256-bit products,
// and the arbitrary-precision bridge used only when 128 bits do not suffice.

#include <cstdint>

#include <boost/multiprecision/cpp_int.hpp>

#include "duixian/rational.hpp"

namespace duixian::detail {

using u128 = u128r;

/// Magnitude of a signed 128-bit value (never −2^127 in a Rational).
inline u128 mag(i128 v) noexcept { return v < 0 ? static_cast<u128>(-v) : static_cast<u128>(v); }

/// Trailing zero bits of a non-zero value.
inline int ctz128(u128 v) noexcept {
  const auto lo = static_cast<std::uint64_t>(v);
  return lo != 0 ? __builtin_ctzll(lo) : 64 + __builtin_ctzll(static_cast<std::uint64_t>(v >> 64));
}

/// Binary gcd (Stein): shifts and subtractions, no 128-bit division. gcd(0, b) = b.
inline u128 gcd128(u128 a, u128 b) noexcept {
  if (a == 0) return b;
  if (b == 0) return a;
  const int shift = ctz128(a | b);
  a >>= ctz128(a);
  do {
    b >>= ctz128(b);
    if (a > b) {
      const u128 t = a;
      a = b;
      b = t;
    }
    b -= a;
  } while (b != 0);
  return a << shift;
}

/// A 256-bit unsigned product as (high, low) halves.
struct U256 {
  u128 hi;
  u128 lo;
};

/// a × b exactly, in 256 bits (four 64×64 → 128 products).
inline U256 mul256(u128 a, u128 b) noexcept {
  const u128 mask = ~static_cast<std::uint64_t>(0);
  const u128 a0 = a & mask, a1 = a >> 64, b0 = b & mask, b1 = b >> 64;
  const u128 p00 = a0 * b0, p01 = a0 * b1, p10 = a1 * b0, p11 = a1 * b1;
  const u128 mid = (p00 >> 64) + (p01 & mask) + (p10 & mask);  // < 3 · 2^64: no overflow
  return U256{p11 + (p01 >> 64) + (p10 >> 64) + (mid >> 64), (mid << 64) | (p00 & mask)};
}

/// Three-way comparison of 256-bit values.
inline int cmp256(const U256& x, const U256& y) noexcept {
  if (x.hi != y.hi) return x.hi < y.hi ? -1 : 1;
  if (x.lo != y.lo) return x.lo < y.lo ? -1 : 1;
  return 0;
}

/// Arbitrary precision for the rare slow paths.
using BigInt = boost::multiprecision::cpp_int;

inline BigInt to_big(i128 v) {
  const u128 m = mag(v);
  BigInt b = static_cast<std::uint64_t>(m >> 64);
  b <<= 64;
  b += static_cast<std::uint64_t>(m);
  return v < 0 ? BigInt(-b) : b;
}

/// Most significant bit index, or -1 for zero.
inline long msb_or_zero(const BigInt& m) { return m == 0 ? -1 : static_cast<long>(boost::multiprecision::msb(m)); }

/// The value as i128 when |b| ≤ 2^127 − 1.
inline bool fits128(const BigInt& b, i128& out) {
  const BigInt m = abs(b);
  if (msb_or_zero(m) >= 127) return false;
  const u128 v = (static_cast<u128>(static_cast<std::uint64_t>(m >> 64)) << 64) |
                 static_cast<std::uint64_t>(m & BigInt(~std::uint64_t{0}));
  out = b < 0 ? -static_cast<i128>(v) : static_cast<i128>(v);
  return true;
}

}  // namespace duixian::detail
