#pragma once
// Private helpers over unsigned __int128, the fast path under Decimal.
// Every Decimal coefficient has |c| < 10^38 < 2^127, so its magnitude always fits.

#include <cstdint>
#include <string>

#include <boost/multiprecision/cpp_int.hpp>

#include "duixian/decimal.hpp"

namespace duixian::detail {

__extension__ typedef unsigned __int128 u128;

/// Arbitrary precision for the rare slow paths (products beyond 38 digits, division).
using Wide = boost::multiprecision::cpp_int;

/// 10^k for k in 0..38.
u128 pow10(int k) noexcept;
/// Decimal digits of m; 1 for zero.
int digit_count(u128 m) noexcept;
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
