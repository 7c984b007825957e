#pragma once
/// @file
/// @brief `duixian::Rational`: an exact fraction, the intermediate value of formulas.
///
/// A Rational is n/d with 128-bit signed integers and d > 0. Formulas compute with
/// it so that `a / b` loses nothing and `g >= 0.30` compares exactly; the one
/// rounding comes at the end (`round`, `floor`, `ceil`).
///
/// Fractions are reduced lazily: a gcd costs about 100 ns, so `+ - × ÷` first try
/// the plain 128-bit formula on the operands as they are (`3/10 × 150/100` is
/// `450/1000`, never divided by 50). Only when that would overflow are the operands
/// reduced and the operation retried; when the exact, fully reduced result still
/// does not fit in 128 bits, `Error` with `ErrorCode::overflow` is thrown. No
/// result is ever wrapped, truncated or silently rounded.
///
/// Comparisons are exact too: cross products that overflow 128 bits are compared
/// in 256 bits. Equality is by value (`1/2 == 2/4`).
///
/// There is no conversion from `float` or `double`: those constructors are deleted.
/// Decimals and integers convert exactly: `Rational(Decimal::parse("0.0452"))` is 452/10000.

#include <optional>
#include <string>
#include <type_traits>

#include "duixian/decimal.hpp"
#include "duixian/error.hpp"
#include "duixian/rounding.hpp"

namespace duixian {

namespace detail {
__extension__ typedef __int128 i128;           ///< Signed 128-bit integer (GCC/Clang).
__extension__ typedef unsigned __int128 u128r;  ///< Unsigned 128-bit integer (GCC/Clang).
/// Largest magnitude a Rational's numerator or denominator may have: 2^127 − 1.
/// (−2^127 is excluded so that negation never overflows.)
inline constexpr i128 kRationalMax = static_cast<i128>((static_cast<u128r>(1) << 127) - 1);
}  // namespace detail

/// @brief An exact rational number n/d with 128-bit parts, d > 0, reduced lazily.
///
/// Trivially copyable (two 128-bit integers), so formula evaluation keeps values on
/// a fixed stack without allocation.
class Rational {
 public:
  /// The integer type of numerator and denominator.
  using Int = detail::i128;

  /// @brief Zero (0/1).
  constexpr Rational() noexcept = default;

  /// @brief An integer value n/1, e.g. `Rational(90)`.
  template <class I, std::enable_if_t<std::is_integral_v<I> && !std::is_same_v<I, bool>, int> = 0>
  constexpr Rational(I value) noexcept : num_(static_cast<Int>(value)), den_(1) {}  // NOLINT: exact

  /// @brief Binary floating point is never a way in: `Rational(0.1)` does not compile.
  template <class F, std::enable_if_t<std::is_floating_point_v<F>, int> = 0>
  Rational(F) = delete;

  /// @brief The exact value of a Decimal: coefficient / 10^scale (not reduced: `1.50` is 150/100).
  Rational(const Decimal& value) noexcept;  // NOLINT(google-explicit-constructor): exact

  /// @brief The fraction numerator/denominator, as given (not reduced); the sign moves to the numerator.
  /// @param numerator any value but −2^127.
  /// @param denominator non-zero, any value but −2^127.
  /// @throws Error `division_by_zero` when denominator is 0; `overflow` when either part is −2^127.
  static Rational fraction(Int numerator, Int denominator);

  /// @brief The numerator as stored (the sign of the value; not necessarily reduced).
  Int numerator() const noexcept { return num_; }
  /// @brief The denominator as stored (always > 0; not necessarily reduced).
  Int denominator() const noexcept { return den_; }
  /// @brief The same value in lowest terms (gcd(n, d) = 1; zero is 0/1).
  Rational reduced() const noexcept;

  /// @brief -1, 0 or +1.
  int sign() const noexcept { return num_ > 0 ? 1 : (num_ < 0 ? -1 : 0); }
  /// @brief True when the value is zero.
  bool is_zero() const noexcept { return num_ == 0; }
  /// @brief True when the value is a whole number (the denominator divides the numerator).
  bool is_integer() const noexcept { return den_ == 1 || num_ % den_ == 0; }

  /// @brief -x. Never overflows (parts are kept above −2^127).
  Rational operator-() const noexcept {
    Rational r = *this;
    r.num_ = -r.num_;
    return r;
  }
  /// @brief +x (unchanged).
  Rational operator+() const noexcept { return *this; }
  /// @brief |x|.
  Rational abs() const noexcept { return num_ < 0 ? -*this : *this; }

  /// @brief Exact sum. @throws Error `overflow` when the reduced result does not fit.
  friend Rational operator+(const Rational& a, const Rational& b) {
    Rational r;
    if (a.den_ == b.den_) {
      if (!__builtin_add_overflow(a.num_, b.num_, &r.num_) && r.num_ != kMin) {
        r.den_ = a.den_;
        return r;
      }
    } else if (fast_add(a, b, r)) {
      return r;
    }
    return add_slow(a, b);
  }
  /// @brief Exact difference. @throws Error `overflow` when the reduced result does not fit.
  friend Rational operator-(const Rational& a, const Rational& b) { return a + (-b); }
  /// @brief Exact product. @throws Error `overflow` when the reduced result does not fit.
  friend Rational operator*(const Rational& a, const Rational& b) {
    Rational r;
    if (!__builtin_mul_overflow(a.num_, b.num_, &r.num_) && !__builtin_mul_overflow(a.den_, b.den_, &r.den_) &&
        r.num_ != kMin) {
      return r;
    }
    return mul_slow(a, b);
  }
  /// @brief Exact quotient.
  /// @throws Error `division_by_zero` when b is zero; `overflow` when the reduced result does not fit.
  friend Rational operator/(const Rational& a, const Rational& b) {
    if (b.num_ == 0) throw_division_by_zero(a);
    Rational inv;
    inv.num_ = b.num_ < 0 ? -b.den_ : b.den_;
    inv.den_ = b.num_ < 0 ? -b.num_ : b.num_;
    return a * inv;
  }
  /// @brief `*this = *this + other`.
  Rational& operator+=(const Rational& other) { return *this = *this + other; }
  /// @brief `*this = *this - other`.
  Rational& operator-=(const Rational& other) { return *this = *this - other; }
  /// @brief `*this = *this * other`.
  Rational& operator*=(const Rational& other) { return *this = *this * other; }
  /// @brief `*this = *this / other`.
  Rational& operator/=(const Rational& other) { return *this = *this / other; }

  /// @brief Exact three-way comparison: -1, 0 or +1 (cross products in 256 bits when needed).
  static int compare(const Rational& a, const Rational& b) noexcept {
    const int sa = a.sign();
    const int sb = b.sign();
    if (sa != sb) return sa < sb ? -1 : 1;
    if (sa == 0) return 0;
    if (a.den_ == b.den_) return a.num_ < b.num_ ? -1 : (a.num_ == b.num_ ? 0 : 1);
    Int x;
    Int y;
    if (!__builtin_mul_overflow(a.num_, b.den_, &x) && !__builtin_mul_overflow(b.num_, a.den_, &y)) {
      return x < y ? -1 : (x == y ? 0 : 1);
    }
    return compare_wide(a, b);
  }
  /// @brief Equal by value (`1/2 == 2/4`).
  friend bool operator==(const Rational& a, const Rational& b) noexcept { return compare(a, b) == 0; }
  /// @brief Not equal by value.
  friend bool operator!=(const Rational& a, const Rational& b) noexcept { return compare(a, b) != 0; }
  /// @brief Less than.
  friend bool operator<(const Rational& a, const Rational& b) noexcept { return compare(a, b) < 0; }
  /// @brief Greater than.
  friend bool operator>(const Rational& a, const Rational& b) noexcept { return compare(a, b) > 0; }
  /// @brief Less than or equal.
  friend bool operator<=(const Rational& a, const Rational& b) noexcept { return compare(a, b) <= 0; }
  /// @brief Greater than or equal.
  friend bool operator>=(const Rational& a, const Rational& b) noexcept { return compare(a, b) >= 0; }
  /// @brief The smaller of two values (the first on a tie).
  friend Rational min(const Rational& a, const Rational& b) noexcept { return compare(b, a) < 0 ? b : a; }
  /// @brief The larger of two values (the first on a tie).
  friend Rational max(const Rational& a, const Rational& b) noexcept { return compare(b, a) > 0 ? b : a; }

  /// @brief The value rounded once to `places` digits after the point, as `duixian::divide` would.
  ///
  /// The result has scale max(places, 0): `Rational::fraction(2, 3).round(2, half_up)` is `0.67`,
  /// `Rational(1234).round(-2, half_up)` is `1200`.
  /// @param places -38 to 38.
  /// @param mode one of the seven modes (see rounding.hpp).
  /// @throws Error `invalid_argument` for places out of range; `overflow` when the result needs more than 38 digits.
  Decimal round(int places, RoundingMode mode) const;
  /// @brief Rounded toward negative infinity to `places` digits (`round(places, RoundingMode::floor)`).
  /// @throws Error as `round`.
  Decimal floor(int places) const { return round(places, RoundingMode::floor); }
  /// @brief Rounded toward positive infinity to `places` digits (`round(places, RoundingMode::ceiling)`).
  /// @throws Error as `round`.
  Decimal ceil(int places) const { return round(places, RoundingMode::ceiling); }

  /// @brief The exact Decimal, at the smallest scale that holds it (`5/2` → `2.5`, `6/3` → `2`).
  /// @return nothing when no Decimal is exact: the reduced denominator is not 2^a·5^b,
  ///         or the value needs more than 38 digits or a scale above 38 (`1/3` → nothing).
  std::optional<Decimal> to_decimal() const;

  /// @brief Lowest terms as text: `1/3`, `5/2`, `-7`, `0`.
  std::string to_string() const;

 private:
  static constexpr Int kMin = -detail::kRationalMax - 1;

  // a/b + c/d with unequal denominators, when nothing overflows.
  static bool fast_add(const Rational& a, const Rational& b, Rational& r) noexcept {
    Int x;
    Int y;
    return !__builtin_mul_overflow(a.num_, b.den_, &x) && !__builtin_mul_overflow(b.num_, a.den_, &y) &&
           !__builtin_add_overflow(x, y, &r.num_) && !__builtin_mul_overflow(a.den_, b.den_, &r.den_) &&
           r.num_ != kMin;
  }
  // Out of line: reduce, retry, then exact 256-bit/arbitrary precision with a final fit check.
  [[gnu::cold]] static Rational add_slow(const Rational& a, const Rational& b);
  [[gnu::cold]] static Rational mul_slow(const Rational& a, const Rational& b);
  [[gnu::cold]] static int compare_wide(const Rational& a, const Rational& b) noexcept;
  [[noreturn, gnu::cold]] static void throw_division_by_zero(const Rational& a);

  Int num_ = 0;
  Int den_ = 1;
};

static_assert(std::is_trivially_copyable_v<Rational>, "formula evaluation copies Rationals freely");

/// @brief Writes `r.to_string()`.
std::ostream& operator<<(std::ostream& out, const Rational& r);

}  // namespace duixian
