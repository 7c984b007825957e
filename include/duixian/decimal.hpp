#pragma once
/// @file
/// @brief `duixian::Decimal`: an exact signed decimal of at most 38 digits.
///
/// A Decimal is a coefficient `c` (an integer with |c| < 10^38) and a scale `s`
/// (0 ≤ s ≤ 38); its value is c × 10^-s. `1.50` is (150, 2) and keeps its scale
/// when printed; `1.5 == 1.50` because comparison is by value.
///
/// Arithmetic never rounds silently:
/// - `a + b`, `a - b` are exact at scale max(sa, sb); `a * b` is exact at scale sa + sb.
/// - When that natural scale cannot hold the exact result (more than 38 digits or a
///   scale above 38), trailing zeros are dropped to make room; when the exact value
///   still does not fit, an `Error` with `ErrorCode::overflow` is thrown.
///   Example: 10^36 + 0.50 is 1000000000000000000000000000000000000.5 (scale 1).
/// - Rounding happens only where asked for: `round`, `round_significant`, `divide`
///   and `mul_div`, each with a named `RoundingMode`.
///
/// There is no conversion from `float` or `double`: those constructors are deleted.
/// Text is the way in: `Decimal::parse("0.0452")`.

#include <cstddef>
#include <cstdint>
#include <functional>
#include <iosfwd>
#include <string>
#include <string_view>
#include <type_traits>

#include <boost/multiprecision/cpp_int.hpp>

#include "duixian/error.hpp"
#include "duixian/rounding.hpp"

namespace duixian {

/// @brief An exact signed decimal: up to 38 significant digits, scale 0 to 38.
class Decimal {
 public:
  /// The coefficient type: a 128-bit signed-magnitude integer that throws past 2^128-1.
  using Coefficient = boost::multiprecision::checked_int128_t;

  /// Most significant digits a coefficient may have.
  static constexpr int max_digits = 38;
  /// Largest scale (digits after the decimal point).
  static constexpr int max_scale = 38;

  /// @brief Zero, at scale 0.
  Decimal() noexcept = default;

  /// @brief An integer value at scale 0, e.g. `Decimal(1409)`.
  template <class Int, std::enable_if_t<std::is_integral_v<Int> && !std::is_same_v<Int, bool>, int> = 0>
  Decimal(Int value) : coefficient_(value), scale_(0) {}  // NOLINT(google-explicit-constructor): integers are exact

  /// @brief Binary floating point is never a way in: `Decimal(0.1)` does not compile.
  template <class Float, std::enable_if_t<std::is_floating_point_v<Float>, int> = 0>
  Decimal(Float) = delete;

  /// @brief The value coefficient × 10^-scale.
  /// @throws Error `overflow` when |coefficient| ≥ 10^38; `invalid_argument` when scale is outside 0..38.
  static Decimal from_parts(const Coefficient& coefficient, int scale);

  /// @brief Parses decimal text, strictly and without regard to the locale.
  ///
  /// Grammar: `[+-] digits [. digits] [(e|E) [+-] digits]`, or a fraction with no
  /// integer digits such as `.5` is *not* accepted: at least one digit must precede
  /// the point, and one must follow it when the point is present.
  /// The scale is the number of fraction digits minus the exponent, so `1.50` has
  /// scale 2, `1.5E-3` is 0.0015 (scale 4) and `1E+3` is 1000 (scale 0).
  /// Leading zeros in the integer part are accepted (`007` is 7): text is never octal.
  ///
  /// Rejected, each with a message naming the text and the reason: empty text,
  /// spaces anywhere, grouping (`1,000`), `NaN`, `inf`, hexadecimal (`0x10`),
  /// exponents out of range (`1e99999`), more than 38 significant digits, a scale
  /// above 38 that cannot be reduced by dropping trailing zeros.
  /// @throws Error `parse_error`.
  static Decimal parse(std::string_view text);

  /// @brief The decimal text, keeping the scale: `1.50` prints as `1.50`, `-0.07` as `-0.07`.
  /// Never uses an exponent; `parse(x.to_string())` gives back the same coefficient and scale.
  std::string to_string() const;

  /// @brief The coefficient (the integer c of c × 10^-scale).
  const Coefficient& coefficient() const noexcept { return coefficient_; }
  /// @brief The number of digits after the decimal point.
  int scale() const noexcept { return scale_; }
  /// @brief -1, 0 or +1.
  int sign() const noexcept { return coefficient_.sign(); }
  /// @brief True when the value is zero (at any scale).
  bool is_zero() const noexcept { return coefficient_.is_zero(); }
  /// @brief Digits in the coefficient; 1 for zero. `120.00` has 5.
  int digits() const noexcept;
  /// @brief The exponent of the leading digit: `123.45` → 2, `0.012` → -2, `0` → -scale.
  int adjusted_exponent() const noexcept { return digits() - 1 - scale_; }

  /// @brief The same value with trailing fraction zeros dropped: `1.500` → `1.5`, `100` stays `100`.
  Decimal normalized() const;
  /// @brief The same value written with exactly `scale` fraction digits, without rounding.
  /// @throws Error `invalid_argument` when that would drop a non-zero digit; `overflow` when it needs more than 38 digits.
  Decimal with_scale(int scale) const;

  /// @brief Rounds to `places` digits after the point (negative: to tens, hundreds, ...).
  ///
  /// The result has scale max(places, 0): `Decimal::parse("2.345").round(2, half_up)` is `2.35`,
  /// `parse("1234").round(-2, half_up)` is `1200`. A value with fewer places is
  /// returned with its scale raised: `parse("2.5").round(2, ...)` is `2.50`.
  /// @param places -38 to 38.
  /// @param mode how the dropped digits round.
  /// @throws Error `invalid_argument` for places out of range; `overflow` if raising the scale needs more than 38 digits.
  Decimal round(int places, RoundingMode mode) const;

  /// @brief Rounds to at most `digits` significant digits (1 to 38).
  ///
  /// Only the coefficient's surplus digits are dropped, so the scale can only fall:
  /// `123.456` to 4 digits is `123.5`; `123456` to 2 digits is `120000` (scale 0).
  /// A value that already fits is returned unchanged (`1.50` to 5 digits stays `1.50`).
  Decimal round_significant(int digits, RoundingMode mode) const;

  /// @brief |x|.
  Decimal abs() const;
  /// @brief -x (the same scale).
  Decimal operator-() const;
  /// @brief +x (unchanged).
  Decimal operator+() const { return *this; }

  /// @brief Exact sum; see the file comment for the scale and overflow rules.
  friend Decimal operator+(const Decimal& a, const Decimal& b);
  /// @brief Exact difference.
  friend Decimal operator-(const Decimal& a, const Decimal& b);
  /// @brief Exact product.
  friend Decimal operator*(const Decimal& a, const Decimal& b);
  /// @brief `*this = *this + other`.
  Decimal& operator+=(const Decimal& other) { return *this = *this + other; }
  /// @brief `*this = *this - other`.
  Decimal& operator-=(const Decimal& other) { return *this = *this - other; }
  /// @brief `*this = *this * other`.
  Decimal& operator*=(const Decimal& other) { return *this = *this * other; }

  /// @brief Three-way comparison by value: -1, 0 or +1. `compare(1.5, 1.50)` is 0.
  static int compare(const Decimal& a, const Decimal& b) noexcept;

  /// @brief Equal by value (`1.5 == 1.50`).
  friend bool operator==(const Decimal& a, const Decimal& b) noexcept { return compare(a, b) == 0; }
  /// @brief Not equal by value.
  friend bool operator!=(const Decimal& a, const Decimal& b) noexcept { return compare(a, b) != 0; }
  /// @brief Less than by value.
  friend bool operator<(const Decimal& a, const Decimal& b) noexcept { return compare(a, b) < 0; }
  /// @brief Greater than by value.
  friend bool operator>(const Decimal& a, const Decimal& b) noexcept { return compare(a, b) > 0; }
  /// @brief Less than or equal by value.
  friend bool operator<=(const Decimal& a, const Decimal& b) noexcept { return compare(a, b) <= 0; }
  /// @brief Greater than or equal by value.
  friend bool operator>=(const Decimal& a, const Decimal& b) noexcept { return compare(a, b) >= 0; }

  /// @brief A hash that agrees with `==`: values equal across scales hash alike.
  std::size_t hash() const noexcept;

 private:
  friend struct DecimalAccess;
  Coefficient coefficient_{0};
  std::int8_t scale_ = 0;
};

/// @brief a ÷ b rounded once to `places` digits after the point.
///
/// The quotient is exact before the single rounding: `divide(2, 3, 2, half_up)` is `0.67`,
/// `divide(1, 8, 2, half_even)` is `0.12`.
/// @throws Error `division_by_zero` when b is zero; `invalid_argument` for places outside -38..38;
///         `overflow` when the rounded quotient needs more than 38 digits.
Decimal divide(const Decimal& a, const Decimal& b, int places, RoundingMode mode);

/// @brief x × num ÷ den rounded once to `places` digits after the point.
///
/// The product is never rounded before the division, and it may exceed 38 digits:
/// only the final result must fit. This is the pro-rata primitive:
/// `mul_div(park_rent, days_inside, days_in_quarter, 2, half_up)`.
/// @throws Error as `divide`.
Decimal mul_div(const Decimal& x, const Decimal& num, const Decimal& den, int places, RoundingMode mode);

/// @brief Writes `d.to_string()`.
std::ostream& operator<<(std::ostream& out, const Decimal& d);

}  // namespace duixian

namespace std {
/// @brief Hashing for unordered containers; agrees with `==`.
template <>
struct hash<duixian::Decimal> {
  /// @brief `d.hash()`.
  std::size_t operator()(const duixian::Decimal& d) const noexcept { return d.hash(); }
};
}  // namespace std
