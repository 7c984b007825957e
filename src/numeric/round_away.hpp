#pragma once
// The one decision every rounding in Duixian makes (Decimal, Rational): given the
// truncated quotient, does it move one unit away from zero?

#include "duixian/rounding.hpp"

namespace duixian::detail {

/// `inexact`: a non-zero remainder was dropped; `half_cmp`: the remainder compared with
/// half the divisor (-1, 0, +1); `q_odd`: the truncated quotient is odd (for half_even).
inline bool round_away(RoundingMode mode, bool neg, bool inexact, int half_cmp, bool q_odd) noexcept {
  if (!inexact) return false;
  switch (mode) {
    case RoundingMode::down: return false;
    case RoundingMode::up: return true;
    case RoundingMode::ceiling: return !neg;
    case RoundingMode::floor: return neg;
    case RoundingMode::half_up: return half_cmp >= 0;
    case RoundingMode::half_down: return half_cmp > 0;
    case RoundingMode::half_even: return half_cmp > 0 || (half_cmp == 0 && q_odd);
  }
  return false;
}

}  // namespace duixian::detail
