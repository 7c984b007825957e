#pragma once
// An independent arbitrary-precision reference (boost::multiprecision::cpp_int) used to
// predict, before calling the library, what a case needs: the exact result, where the
// quotient's leading digit is, and whether a value fits Duixian's 38 digits / scale 38.
// It never produces the result that is compared; the library does.
#include <string_view>

#include <boost/multiprecision/cpp_int.hpp>

#include "duixian/rounding.hpp"

namespace dectest::model {

using Int = boost::multiprecision::cpp_int;

/// A finite GDA number: (-1)^negative × coefficient × 10^exponent, coefficient ≥ 0.
struct Num {
  bool negative = false;
  Int coefficient = 0;
  long exponent = 0;
};

/// NaN, sNaN (with or without a sign and diagnostic digits).
bool is_nan(std::string_view text);
/// Inf or Infinity, any case, with or without a sign.
bool is_infinity(std::string_view text);
/// The GDA numeric-string grammar (`.5`, `1.`, `1E+3` all accepted); false for anything else.
bool parse(std::string_view text, Num& out);

/// 10^n, n ≥ 0.
Int pow10(long n);
/// Digits in the coefficient; 1 for zero.
long digits(const Int& coefficient);
/// Exponent of the leading digit: digits - 1 + exponent.
long adjusted(const Num& x);

/// The value can be held by a Decimal in some form (trailing zeros dropped as needed).
bool fits(const Num& x);
/// The value can be held with exactly this exponent (or at scale 0 when the exponent is positive).
bool fits_at_exponent(const Num& x);

/// Exact a + b (negate_b: a - b), exponent min(ea, eb).
Num add(const Num& a, const Num& b, bool negate_b);
/// Exact a × b, exponent ea + eb.
Num multiply(const Num& a, const Num& b);
/// x rounded to a multiple of 10^exponent with `mode`; exact (zeros appended) when x is finer.
Num round_to_exponent(const Num& x, long exponent, duixian::RoundingMode mode);
/// x rounded to `precision` significant digits, as GDA does (a carry keeps `precision` digits).
Num round_to_precision(const Num& x, long precision, duixian::RoundingMode mode);

/// Exponent of the leading digit of |a / b|; a and b non-zero.
long quotient_adjusted(const Num& a, const Num& b);
/// a / b rounded to a multiple of 10^exponent; `exact` tells whether nothing was discarded.
Num quotient_at(const Num& a, const Num& b, long exponent, duixian::RoundingMode mode, bool& exact);

}  // namespace dectest::model
