#pragma once
// Private helpers over unsigned __int128, the fast path under Decimal.
// Every Decimal coefficient has |c| < 10^38 < 2^127, so its magnitude always fits.

#include <array>
#include <cstdint>
#include <string>

#include <boost/multiprecision/cpp_int.hpp>

#include "duixian/decimal.hpp"

namespace duixian::detail {

__extension__ typedef unsigned __int128 u128;

/// Arbitrary precision for the rare slow paths (products beyond 38 digits, division).
using Wide = boost::multiprecision::cpp_int;

constexpr std::array<u128, 39> make_pow10_tab() {
  std::array<u128, 39> p{};
  p[0] = 1;
  for (std::size_t i = 1; i < p.size(); ++i) p[i] = p[i - 1] * 10;
  return p;
}
inline constexpr std::array<u128, 39> kPow10Tab = make_pow10_tab();
/// 10^k for k in 0..38.
inline u128 pow10(int k) noexcept { return kPow10Tab[static_cast<std::size_t>(k)]; }
/// Decimal digits of m; 1 for zero.
inline int digit_count(u128 m) noexcept {
  const auto hi = static_cast<std::uint64_t>(m >> 64);
  const auto lo = static_cast<std::uint64_t>(m);
  const int bits = hi != 0 ? 128 - __builtin_clzll(hi) : (lo != 0 ? 64 - __builtin_clzll(lo) : 0);
  const int t = (bits * 1233) >> 12;
  const int d = t + 1 - (m < kPow10Tab[static_cast<std::size_t>(t)] ? 1 : 0);
  return d < 1 ? 1 : d;
}
/// Decimal text of m, no sign.
std::string u128_to_string(u128 m);

/// |c| of a coefficient, read straight from Boost's 128-bit backend (a single limb).
inline u128 magnitude(const Decimal::Coefficient& c) noexcept { return c.backend().limbs()[0]; }
/// True when the coefficient is negative.
inline bool negative(const Decimal::Coefficient& c) noexcept { return c.backend().sign(); }
/// A coefficient from a magnitude and sign.
inline Decimal::Coefficient make_coefficient(u128 m, bool neg) {
  Decimal::Coefficient c = m;
  if (neg && m != 0) c.backend().negate();
  return c;
}

inline Wide to_wide(u128 m) {
  Wide w = static_cast<std::uint64_t>(m >> 64);
  w <<= 64;
  w += static_cast<std::uint64_t>(m);
  return w;
}

}  // namespace duixian::detail
