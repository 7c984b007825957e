#include "duixian/rational.hpp"

#include <ostream>

#include "numeric/rational_wide.hpp"
#include "numeric/round_away.hpp"
#include "numeric/u128.hpp"

namespace duixian {

using detail::BigInt;
using detail::gcd128;
using detail::i128;
using detail::mag;
using detail::u128;

namespace {

[[noreturn]] void throw_overflow(const char* what, const Rational& a, const Rational& b) {
  throw Error(ErrorCode::overflow, std::string("rational ") + what + " of " + a.to_string() + " and " +
                                       b.to_string() + ": the exact result does not fit in 128 bits");
}

using detail::round_away;

/// A rational from arbitrary-precision parts: reduced, then fitted into 128 bits or refused.
bool fit(BigInt n, BigInt d, Rational& out) {
  const BigInt g = gcd(n, d);
  if (g > 1) {
    n /= g;
    d /= g;
  }
  i128 n128;
  i128 d128;
  if (!detail::fits128(n, n128) || !detail::fits128(d, d128)) return false;
  out = Rational::fraction(n128, d128);
  return true;
}

Decimal make_decimal(u128 m, bool neg, int scale, const char* what) {
  if (m >= detail::pow10(38)) {
    throw Error(ErrorCode::overflow, std::string(what) + ": the result needs more than 38 digits");
  }
  return Decimal::from_parts(detail::make_coefficient(m, neg), scale);
}

}  // namespace

Rational::Rational(const Decimal& value) noexcept
    : num_(static_cast<Int>(detail::magnitude(value.coefficient()))), den_(static_cast<Int>(detail::pow10(value.scale()))) {
  // |coefficient| < 10^38 < 2^127 and 10^scale ≤ 10^38: both parts fit.
  if (detail::negative(value.coefficient())) num_ = -num_;
}

Rational Rational::fraction(Int numerator, Int denominator) {
  if (denominator == 0) {
    throw Error(ErrorCode::division_by_zero, "rational with denominator 0");
  }
  if (numerator == kMin || denominator == kMin) {
    throw Error(ErrorCode::overflow, "rational part -2^127 is out of range");
  }
  Rational r;
  r.num_ = denominator < 0 ? -numerator : numerator;
  r.den_ = denominator < 0 ? -denominator : denominator;
  return r;
}

Rational Rational::reduced() const noexcept {
  Rational r;
  if (num_ == 0) return r;
  const u128 g = gcd128(mag(num_), static_cast<u128>(den_));
  r.num_ = num_ / static_cast<Int>(g);
  r.den_ = den_ / static_cast<Int>(g);
  return r;
}

Rational Rational::add_slow(const Rational& a, const Rational& b) {
  // Reduce, then retry in 128 bits.
  const Rational ra = a.reduced();
  const Rational rb = b.reduced();
  Rational r;
  if (ra.den_ == rb.den_) {
    if (!__builtin_add_overflow(ra.num_, rb.num_, &r.num_) && r.num_ != kMin) {
      r.den_ = ra.den_;
      return r;
    }
  } else if (fast_add(ra, rb, r)) {
    return r;
  }
  // Exact in arbitrary precision; only a result that does not fit once reduced is an error.
  const BigInt n = detail::to_big(ra.num_) * detail::to_big(rb.den_) + detail::to_big(rb.num_) * detail::to_big(ra.den_);
  const BigInt d = detail::to_big(ra.den_) * detail::to_big(rb.den_);
  if (!fit(n, d, r)) throw_overflow("sum", a, b);
  return r;
}

Rational Rational::mul_slow(const Rational& a, const Rational& b) {
  // Reduced operands, cross-reduced: the product is then in lowest terms, so an
  // overflow here is definitive.
  const Rational ra = a.reduced();
  const Rational rb = b.reduced();
  const u128 g1 = gcd128(mag(ra.num_), static_cast<u128>(rb.den_));
  const u128 g2 = gcd128(mag(rb.num_), static_cast<u128>(ra.den_));
  const Int n1 = g1 == 0 ? 0 : ra.num_ / static_cast<Int>(g1);
  const Int d2 = g1 == 0 ? rb.den_ : rb.den_ / static_cast<Int>(g1);
  const Int n2 = g2 == 0 ? 0 : rb.num_ / static_cast<Int>(g2);
  const Int d1 = g2 == 0 ? ra.den_ : ra.den_ / static_cast<Int>(g2);
  Rational r;
  if (n1 == 0 || n2 == 0) return r;
  if (__builtin_mul_overflow(n1, n2, &r.num_) || __builtin_mul_overflow(d1, d2, &r.den_) || r.num_ == kMin) {
    throw_overflow("product", a, b);
  }
  return r;
}

int Rational::compare_wide(const Rational& a, const Rational& b) noexcept {
  // Same non-zero sign here: compare |a.n|·b.d with |b.n|·a.d in 256 bits.
  const detail::U256 x = detail::mul256(mag(a.num_), static_cast<u128>(b.den_));
  const detail::U256 y = detail::mul256(mag(b.num_), static_cast<u128>(a.den_));
  const int c = detail::cmp256(x, y);
  return a.num_ > 0 ? c : -c;
}

void Rational::throw_division_by_zero(const Rational& a) {
  throw Error(ErrorCode::division_by_zero, "division of " + a.to_string() + " by zero");
}

Decimal Rational::round(int places, RoundingMode mode) const {
  if (places < -38 || places > 38) {
    throw Error(ErrorCode::invalid_argument, "cannot round to " + std::to_string(places) + " places: places must be between -38 and 38");
  }
  const bool neg = num_ < 0;
  const u128 m = mag(num_);
  const auto d = static_cast<u128>(den_);
  if (places >= 0 && places <= 18 && (m >> 64) == 0 && (d >> 63) == 0) {
    // Fast path: amounts and rates of everyday size round with 64-bit division
    // (a 128-bit division is a library call several times slower).
    std::uint64_t x64;
    const auto d64 = static_cast<std::uint64_t>(d);
    if (!__builtin_mul_overflow(static_cast<std::uint64_t>(m), static_cast<std::uint64_t>(detail::pow10(places)), &x64)) {
      std::uint64_t q = x64 / d64;
      const std::uint64_t r = x64 - q * d64;
      const std::uint64_t rest = d64 - r;
      const int half_cmp = r < rest ? -1 : (r == rest ? 0 : 1);
      if (round_away(mode, neg, r != 0, half_cmp, (q & 1) != 0)) ++q;  // r ≠ 0 needs d64 ≥ 2, so q < 2^63
      return make_decimal(q, neg, places, "round");
    }
  }
  u128 x;            // dividend
  u128 divisor = d;  // both below 2^128; the quotient is rounded with the remainder
  if (places >= 0) {
    if (__builtin_mul_overflow(m, detail::pow10(places), &x)) {
      // Slow path: the scaled numerator exceeds 128 bits.
      BigInt q;
      BigInt r;
      boost::multiprecision::divide_qr(BigInt(detail::to_big(static_cast<i128>(m)) *
                                              detail::to_big(static_cast<i128>(detail::pow10(places)))),
                                       detail::to_big(den_), q, r);
      const BigInt twice = r * 2;
      const int half_cmp = twice < detail::to_big(den_) ? -1 : (twice == detail::to_big(den_) ? 0 : 1);
      if (round_away(mode, neg, r != 0, half_cmp, bit_test(q, 0))) ++q;
      i128 q128;
      if (!detail::fits128(q, q128)) {
        throw Error(ErrorCode::overflow, "rounding " + to_string() + " needs more than 38 digits");
      }
      return make_decimal(static_cast<u128>(q128), neg, places, "round");
    }
  } else {
    x = m;
    if (__builtin_mul_overflow(d, detail::pow10(-places), &divisor)) {
      // The divisor exceeds 2^128 > 2·m: the quotient is 0 and the remainder below half.
      const bool away = round_away(mode, neg, m != 0, -1, false);
      return away ? make_decimal(detail::pow10(-places), neg, 0, "round") : Decimal();
    }
  }
  u128 q = x / divisor;
  const u128 r = x - q * divisor;
  const u128 rest = divisor - r;
  const int half_cmp = r < rest ? -1 : (r == rest ? 0 : 1);
  if (round_away(mode, neg, r != 0, half_cmp, (q & 1) != 0)) ++q;
  if (places >= 0) return make_decimal(q, neg, places, "round");
  u128 scaled;
  if (__builtin_mul_overflow(q, detail::pow10(-places), &scaled)) {
    throw Error(ErrorCode::overflow, "rounding " + to_string() + " needs more than 38 digits");
  }
  return make_decimal(scaled, neg, 0, "round");
}

std::optional<Decimal> Rational::to_decimal() const {
  const Rational r = reduced();
  auto d = static_cast<u128>(r.den_);
  const int twos = detail::ctz128(d);
  d >>= twos;
  int fives = 0;
  while (d % 5 == 0) {
    d /= 5;
    ++fives;
  }
  if (d != 1) return std::nullopt;
  const int scale = twos > fives ? twos : fives;
  if (scale > Decimal::max_scale) return std::nullopt;
  const u128 factor = detail::pow10(scale) / static_cast<u128>(r.den_);
  u128 m;
  if (__builtin_mul_overflow(mag(r.num_), factor, &m) || m >= detail::pow10(38)) return std::nullopt;
  return Decimal::from_parts(detail::make_coefficient(m, r.num_ < 0), scale);
}

std::string Rational::to_string() const {
  const Rational r = reduced();
  std::string text = detail::u128_to_string(mag(r.num_));
  if (r.num_ < 0) text.insert(0, 1, '-');
  if (r.den_ != 1) text += "/" + detail::u128_to_string(static_cast<u128>(r.den_));
  return text;
}

std::ostream& operator<<(std::ostream& out, const Rational& r) { return out << r.to_string(); }

}  // namespace duixian
