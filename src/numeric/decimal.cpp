#include "duixian/decimal.hpp"

#include <ostream>

#include "numeric/round_away.hpp"
#include "numeric/u128.hpp"

namespace duixian {

/// Prototype: builds a Decimal whose invariants (|m| < 10^38, scale 0..38) the caller has proven.
struct DecimalAccess {
  static Decimal raw(detail::u128 m, bool neg, int scale) noexcept {
    Decimal d;
    *d.coefficient_.backend().limbs() = m;
    d.coefficient_.backend().sign(neg && m != 0);
    d.scale_ = static_cast<std::int8_t>(scale);
    return d;
  }
};

using detail::digit_count;
using detail::magnitude;
using detail::make_coefficient;
using detail::negative;
using detail::pow10;
using detail::u128;
using detail::Wide;

namespace {

constexpr int kMaxPlaces = 38;

[[noreturn]] void throw_overflow(const std::string& what) {
  throw Error(ErrorCode::overflow, "the exact result of " + what + " needs more than 38 digits or a scale above 38");
}

void check_places(int places, const char* what) {
  if (places < -kMaxPlaces || places > kMaxPlaces) {
    throw Error(ErrorCode::invalid_argument,
                "cannot " + std::string(what) + " to " + std::to_string(places) + " places: places must be between -38 and 38");
  }
}

/// Builds the exact result m × 10^-scale, dropping trailing zeros only when the
/// natural scale cannot hold it. Slow path, arbitrary precision.
Decimal fit_exact(Wide m, bool neg, int scale, const char* what) {
  const Wide limit = detail::to_wide(pow10(38));
  while (scale > 0 && (scale > Decimal::max_scale || m >= limit) && m % 10 == 0) {
    m /= 10;
    --scale;
  }
  if (scale > Decimal::max_scale || m >= limit) throw_overflow(what);
  u128 small = (static_cast<u128>(static_cast<std::uint64_t>(m >> 64)) << 64) |
               static_cast<std::uint64_t>(m & Wide(~std::uint64_t{0}));
  return Decimal::from_parts(make_coefficient(small, neg), scale);
}

/// Fast path: a magnitude known to be below 2^128 at a scale in 0..38.
Decimal fit_exact(u128 m, bool neg, int scale, const char* what) {
  if (m < pow10(38)) return Decimal::from_parts(make_coefficient(m, neg), scale);
  return fit_exact(detail::to_wide(m), neg, scale, what);
}

using detail::round_away;

/// round(num / den) to an integer with `mode`; num, den > 0 magnitudes, sign separate.
Wide round_quotient(const Wide& num, const Wide& den, bool neg, RoundingMode mode) {
  Wide q, r;
  boost::multiprecision::divide_qr(num, den, q, r);
  Wide twice = r * 2;
  int half_cmp = twice < den ? -1 : (twice == den ? 0 : 1);
  if (round_away(mode, neg, r != 0, half_cmp, bit_test(q, 0))) ++q;
  return q;
}

/// Rounds the exact rational (sign) num / den to `places`, the single rounding of
/// divide() and mul_div().
Decimal round_rational(Wide num, Wide den, bool neg, int places, RoundingMode mode, const char* what) {
  if (places >= 0) {
    num *= boost::multiprecision::pow(Wide(10), static_cast<unsigned>(places));
    return fit_exact(round_quotient(num, den, neg, mode), neg, places, what);
  }
  den *= boost::multiprecision::pow(Wide(10), static_cast<unsigned>(-places));
  Wide q = round_quotient(num, den, neg, mode) * boost::multiprecision::pow(Wide(10), static_cast<unsigned>(-places));
  return fit_exact(q, neg, 0, what);
}

Decimal add_signed(const Decimal& a, const Decimal& b, bool negate_b) {
  const int scale = a.scale() > b.scale() ? a.scale() : b.scale();
  const int shift_a = scale - a.scale();
  const int shift_b = scale - b.scale();
  const u128 ma = magnitude(a.coefficient());
  const u128 mb = magnitude(b.coefficient());
  const bool na = negative(a.coefficient());
  const bool nb = negative(b.coefficient()) != negate_b && mb != 0;
  if (shift_a == 0 && shift_b == 0) {
    // Same scale: both below 10^38, so the sum is below 2^128; one compare decides.
    const u128 r = na == nb ? ma + mb : (ma >= mb ? ma - mb : mb - ma);
    const bool rn = na == nb ? na : (ma >= mb ? na : nb);
    if (r < pow10(38)) return DecimalAccess::raw(r, rn, scale);
    return fit_exact(r, rn, scale, "addition");
  }
  if (digit_count(ma) + shift_a <= 38 && digit_count(mb) + shift_b <= 38) {
    // Both aligned magnitudes are below 10^38, so their sum is below 2^128.
    const u128 xa = ma * pow10(shift_a);
    const u128 xb = mb * pow10(shift_b);
    if (na == nb) return fit_exact(xa + xb, na, scale, "addition");
    if (xa >= xb) return fit_exact(xa - xb, na, scale, "addition");
    return fit_exact(xb - xa, nb, scale, "addition");
  }
  Wide xa = detail::to_wide(ma) * detail::to_wide(pow10(shift_a));
  Wide xb = detail::to_wide(mb) * detail::to_wide(pow10(shift_b));
  if (na == nb) return fit_exact(Wide(xa + xb), na, scale, "addition");
  if (xa >= xb) return fit_exact(Wide(xa - xb), na, scale, "addition");
  return fit_exact(Wide(xb - xa), nb, scale, "addition");
}

}  // namespace

Decimal Decimal::from_parts(const Coefficient& coefficient, int scale) {
  if (scale < 0 || scale > max_scale) {
    throw Error(ErrorCode::invalid_argument, "scale must be between 0 and 38, got " + std::to_string(scale));
  }
  if (magnitude(coefficient) >= pow10(38)) {
    throw Error(ErrorCode::overflow, "coefficient has more than 38 digits");
  }
  Decimal d;
  d.coefficient_ = coefficient;
  d.scale_ = static_cast<std::int8_t>(scale);
  return d;
}

int Decimal::digits() const noexcept { return digit_count(magnitude(coefficient_)); }

std::string Decimal::to_string() const {
  std::string digits_text = detail::u128_to_string(magnitude(coefficient_));
  const auto scale = static_cast<std::size_t>(scale_);
  if (scale > 0) {
    if (digits_text.size() <= scale) digits_text.insert(0, scale + 1 - digits_text.size(), '0');
    digits_text.insert(digits_text.size() - scale, 1, '.');
  }
  if (negative(coefficient_)) digits_text.insert(0, 1, '-');
  return digits_text;
}

Decimal Decimal::normalized() const {
  u128 m = magnitude(coefficient_);
  int s = scale_;
  if (m == 0) return Decimal();
  while (s > 0 && m % 10 == 0) {
    m /= 10;
    --s;
  }
  return from_parts(make_coefficient(m, negative(coefficient_)), s);
}

Decimal Decimal::with_scale(int scale) const {
  if (scale < 0 || scale > max_scale) {
    throw Error(ErrorCode::invalid_argument, "cannot give a decimal " + std::to_string(scale) + " places: the scale must be between 0 and 38");
  }
  const u128 m = magnitude(coefficient_);
  if (scale >= scale_) {
    if (digit_count(m) + (scale - scale_) > 38 && m != 0) throw_overflow("giving " + to_string() + " " + std::to_string(scale) + " decimal places");
    return from_parts(make_coefficient(m * pow10(scale - scale_), negative(coefficient_)), scale);
  }
  const u128 unit = pow10(scale_ - scale);
  if (m % unit != 0) {
    throw Error(ErrorCode::invalid_argument,
                "cannot give " + to_string() + " " + std::to_string(scale) + " decimal places: it has non-zero digits beyond them");
  }
  return from_parts(make_coefficient(m / unit, negative(coefficient_)), scale);
}

Decimal Decimal::round(int places, RoundingMode mode) const {
  check_places(places, "round");
  const u128 m = magnitude(coefficient_);
  const bool neg = negative(coefficient_);
  if (places >= scale_) return with_scale(places);
  if (places >= 0 && (m >> 64) == 0 && scale_ - places <= 18) {
    // Fast path: 64-bit division (unit <= 10^18, so 2r fits); q + 1 <= 10^(38 - drop) cannot overflow.
    const auto m64 = static_cast<std::uint64_t>(m);
    const auto unit = static_cast<std::uint64_t>(pow10(scale_ - places));
    std::uint64_t q = m64 / unit;
    const std::uint64_t r = m64 - q * unit;
    const int half_cmp = 2 * r < unit ? -1 : (2 * r == unit ? 0 : 1);
    if (round_away(mode, neg, r != 0, half_cmp, (q & 1) != 0)) ++q;
    return DecimalAccess::raw(q, neg, places);
  }
  const int drop = scale_ - places;  // 1..76 digits removed
  u128 q = 0;
  bool inexact = m != 0;
  int half_cmp = -1;
  if (drop <= 38) {
    const u128 unit = pow10(drop);
    q = m / unit;
    const u128 r = m - q * unit;
    inexact = r != 0;
    const u128 twice = r * 2;  // r < 10^38, so no overflow
    half_cmp = twice < unit ? -1 : (twice == unit ? 0 : 1);
  }
  // drop > 38: m < 10^38 is below half of 10^drop, so q = 0 and the remainder is m.
  if (round_away(mode, neg, inexact, half_cmp, (q & 1) != 0)) ++q;
  if (places >= 0) return fit_exact(q, neg, places, "round");
  // Rounded to tens, hundreds, ...: scale 0 with the dropped digits restored as zeros.
  const int zeros = -places;
  if (q != 0 && digit_count(q) + zeros > 38) throw_overflow("rounding " + to_string());
  return fit_exact(q * pow10(zeros), neg, 0, "round");
}

Decimal Decimal::round_significant(int digits, RoundingMode mode) const {
  if (digits < 1 || digits > max_digits) {
    throw Error(ErrorCode::invalid_argument,
                "round_significant: digits must be between 1 and 38, got " + std::to_string(digits));
  }
  const int have = this->digits();
  if (have <= digits) return *this;
  Decimal r = round(scale_ - (have - digits), mode);
  // A carry (999 → 1000) adds a digit; drop the trailing zero it leaves when a scale allows.
  if (r.digits() > digits && r.scale_ > 0) r = r.with_scale(r.scale_ - 1);
  return r;
}

Decimal Decimal::abs() const { return from_parts(make_coefficient(magnitude(coefficient_), false), scale_); }

Decimal Decimal::operator-() const {
  return from_parts(make_coefficient(magnitude(coefficient_), !negative(coefficient_)), scale_);
}

Decimal operator+(const Decimal& a, const Decimal& b) { return add_signed(a, b, false); }
Decimal operator-(const Decimal& a, const Decimal& b) { return add_signed(a, b, true); }

Decimal operator*(const Decimal& a, const Decimal& b) {
  const u128 ma = magnitude(a.coefficient());
  const u128 mb = magnitude(b.coefficient());
  const bool neg = (negative(a.coefficient()) != negative(b.coefficient())) && ma != 0 && mb != 0;
  const int scale = a.scale() + b.scale();
  u128 p;
  if (!__builtin_mul_overflow(ma, mb, &p) && p < pow10(38) && scale <= Decimal::max_scale) {
    return DecimalAccess::raw(p, neg, scale);
  }
  return fit_exact(Wide(detail::to_wide(ma) * detail::to_wide(mb)), neg, scale, "multiplication");
}

int Decimal::compare(const Decimal& a, const Decimal& b) noexcept {
  const int sa = a.sign();
  const int sb = b.sign();
  if (sa != sb) return sa < sb ? -1 : 1;
  if (sa == 0) return 0;
  const u128 ma = magnitude(a.coefficient_);
  const u128 mb = magnitude(b.coefficient_);
  int mag_cmp;
  if (a.scale_ == b.scale_) {
    mag_cmp = ma < mb ? -1 : (ma == mb ? 0 : 1);
  } else {
    const int ea = a.adjusted_exponent();
    const int eb = b.adjusted_exponent();
    if (ea != eb) {
      mag_cmp = ea < eb ? -1 : 1;
    } else {
      // Same leading-digit position: align to the larger scale; the shifted value
      // keeps the same digit count as the other, so it stays below 10^38.
      const int scale = a.scale_ > b.scale_ ? a.scale_ : b.scale_;
      const u128 xa = ma * pow10(scale - a.scale_);
      const u128 xb = mb * pow10(scale - b.scale_);
      mag_cmp = xa < xb ? -1 : (xa == xb ? 0 : 1);
    }
  }
  return sa > 0 ? mag_cmp : -mag_cmp;
}

std::size_t Decimal::hash() const noexcept {
  u128 m = magnitude(coefficient_);
  if (m == 0) return 0;
  int s = scale_;
  while (s > 0 && m % 10 == 0) {
    m /= 10;
    --s;
  }
  // Equal values share the normalized (m, s, sign); mix them (splitmix64 finaliser).
  std::uint64_t h = static_cast<std::uint64_t>(m) ^ (static_cast<std::uint64_t>(m >> 64) * 0x9E3779B97F4A7C15ULL);
  h ^= static_cast<std::uint64_t>(s) << 56 ^ (negative(coefficient_) ? 0x8000000000000000ULL : 0);
  h = (h ^ (h >> 30)) * 0xBF58476D1CE4E5B9ULL;
  h = (h ^ (h >> 27)) * 0x94D049BB133111EBULL;
  return static_cast<std::size_t>(h ^ (h >> 31));
}

Decimal divide(const Decimal& a, const Decimal& b, int places, RoundingMode mode) {
  check_places(places, "divide");
  if (b.is_zero()) throw Error(ErrorCode::division_by_zero, "division by zero: " + a.to_string() + " / 0");
  const bool neg = a.sign() * b.sign() < 0;
  // a / b = (ca · 10^sb) / (cb · 10^sa)
  Wide num = detail::to_wide(magnitude(a.coefficient())) * detail::to_wide(pow10(b.scale()));
  Wide den = detail::to_wide(magnitude(b.coefficient())) * detail::to_wide(pow10(a.scale()));
  return round_rational(std::move(num), std::move(den), neg, places, mode, "divide");
}

Decimal mul_div(const Decimal& x, const Decimal& num, const Decimal& den, int places, RoundingMode mode) {
  check_places(places, "multiply and divide");
  if (den.is_zero()) throw Error(ErrorCode::division_by_zero, "division by zero: the denominator of a multiply-and-divide is 0");
  const bool neg = x.sign() * num.sign() * den.sign() < 0;
  // x · n / d = (cx · cn · 10^sd) / (cd · 10^(sx + sn))
  Wide n = detail::to_wide(magnitude(x.coefficient())) * detail::to_wide(magnitude(num.coefficient())) *
           detail::to_wide(pow10(den.scale()));
  Wide d = detail::to_wide(magnitude(den.coefficient())) * detail::to_wide(pow10(x.scale())) *
           detail::to_wide(pow10(num.scale()));
  return round_rational(std::move(n), std::move(d), neg, places, mode, "mul_div");
}

std::ostream& operator<<(std::ostream& out, const Decimal& d) { return out << d.to_string(); }

}  // namespace duixian
