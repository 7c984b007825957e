#include "dectest_model.hpp"

#include <cctype>
#include <string>

namespace dectest::model {

namespace {

using duixian::RoundingMode;

std::string lower_unsigned(std::string_view text) {
  if (!text.empty() && (text[0] == '+' || text[0] == '-')) text.remove_prefix(1);
  std::string s(text);
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

/// Whether the truncated quotient q of a division with remainder r (0 ≤ r < den) moves one
/// unit away from zero.
bool away_from_zero(RoundingMode mode, bool negative, const Int& q, const Int& r, const Int& den) {
  if (r == 0) return false;
  const Int twice = 2 * r;
  const int half = twice < den ? -1 : (twice == den ? 0 : 1);
  switch (mode) {
    case RoundingMode::up: return true;
    case RoundingMode::down: return false;
    case RoundingMode::ceiling: return !negative;
    case RoundingMode::floor: return negative;
    case RoundingMode::half_up: return half >= 0;
    case RoundingMode::half_down: return half > 0;
    case RoundingMode::half_even: return half > 0 || (half == 0 && (q % 2) == 1);
  }
  return false;
}

/// (-1)^negative × num / den rounded to an integer.
Int round_ratio(const Int& num, const Int& den, bool negative, RoundingMode mode, bool& exact) {
  Int q;
  Int r;
  boost::multiprecision::divide_qr(num, den, q, r);
  exact = r == 0;
  if (away_from_zero(mode, negative, q, r, den)) ++q;
  return q;
}

Num from_signed(const Int& value, long exponent) {
  Num n;
  n.negative = value < 0;
  n.coefficient = boost::multiprecision::abs(value);
  n.exponent = exponent;
  return n;
}

Int signed_value(const Num& x) { return x.negative ? Int(-x.coefficient) : x.coefficient; }

}  // namespace

bool is_nan(std::string_view text) {
  const std::string s = lower_unsigned(text);
  return s.rfind("nan", 0) == 0 || s.rfind("snan", 0) == 0;
}

bool is_infinity(std::string_view text) {
  const std::string s = lower_unsigned(text);
  return s == "inf" || s == "infinity";
}

bool parse(std::string_view text, Num& out) {
  Num n;
  std::size_t i = 0;
  if (i < text.size() && (text[i] == '+' || text[i] == '-')) n.negative = text[i++] == '-';
  long fraction = 0;
  long count = 0;
  bool point = false;
  for (; i < text.size(); ++i) {
    if (is_digit(text[i])) {
      n.coefficient = n.coefficient * 10 + (text[i] - '0');
      ++count;
      if (point) ++fraction;
    } else if (text[i] == '.' && !point) {
      point = true;
    } else {
      break;
    }
  }
  if (count == 0) return false;
  long exponent = 0;
  if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
    ++i;
    bool negative = false;
    if (i < text.size() && (text[i] == '+' || text[i] == '-')) negative = text[i++] == '-';
    if (i == text.size()) return false;
    for (; i < text.size() && is_digit(text[i]); ++i) {
      exponent = exponent * 10 + (text[i] - '0');
      if (exponent > 100000000000L) return false;
    }
    if (negative) exponent = -exponent;
  }
  if (i != text.size()) return false;
  n.exponent = exponent - fraction;
  out = n;
  return true;
}

Int pow10(long n) { return boost::multiprecision::pow(Int(10), static_cast<unsigned>(n)); }

long digits(const Int& coefficient) {
  return coefficient == 0 ? 1 : static_cast<long>(coefficient.str().size());
}

long adjusted(const Num& x) { return digits(x.coefficient) - 1 + x.exponent; }

bool fits(const Num& x) {
  if (x.coefficient == 0) return true;
  Int c = x.coefficient;
  long e = x.exponent;
  while (e < 0 && c % 10 == 0) {
    c /= 10;
    ++e;
  }
  return e >= -38 && digits(c) + (e > 0 ? e : 0) <= 38;
}

bool fits_at_exponent(const Num& x) {
  if (x.exponent < -38) return false;
  return x.coefficient == 0 || digits(x.coefficient) + (x.exponent > 0 ? x.exponent : 0) <= 38;
}

Num add(const Num& a, const Num& b, bool negate_b) {
  const long e = a.exponent < b.exponent ? a.exponent : b.exponent;
  const Int va = signed_value(a) * pow10(a.exponent - e);
  Int vb = signed_value(b) * pow10(b.exponent - e);
  if (negate_b) vb = -vb;
  return from_signed(va + vb, e);
}

Num multiply(const Num& a, const Num& b) {
  Num n;
  n.negative = a.negative != b.negative;
  n.coefficient = a.coefficient * b.coefficient;
  n.exponent = a.exponent + b.exponent;
  return n;
}

Num round_to_exponent(const Num& x, long exponent, RoundingMode mode) {
  Num n = x;
  n.exponent = exponent;
  if (x.exponent >= exponent) {
    n.coefficient = x.coefficient * pow10(x.exponent - exponent);
    return n;
  }
  bool exact = false;
  n.coefficient = round_ratio(x.coefficient, pow10(exponent - x.exponent), x.negative, mode, exact);
  return n;
}

Num round_to_precision(const Num& x, long precision, RoundingMode mode) {
  if (digits(x.coefficient) <= precision) return x;
  Num n = round_to_exponent(x, adjusted(x) - precision + 1, mode);
  if (digits(n.coefficient) > precision) {  // 999.5 → 1000: keep `precision` digits
    n.coefficient /= 10;
    ++n.exponent;
  }
  return n;
}

long quotient_adjusted(const Num& a, const Num& b) {
  const long d = digits(a.coefficient) - digits(b.coefficient);
  const bool at_least = d >= 0 ? a.coefficient >= b.coefficient * pow10(d) : a.coefficient * pow10(-d) >= b.coefficient;
  return (at_least ? d : d - 1) + a.exponent - b.exponent;
}

Num quotient_at(const Num& a, const Num& b, long exponent, RoundingMode mode, bool& exact) {
  // |a / b| / 10^exponent = ca × 10^k / cb with k = ea - eb - exponent.
  const long k = a.exponent - b.exponent - exponent;
  const Int num = k > 0 ? Int(a.coefficient * pow10(k)) : a.coefficient;
  const Int den = k < 0 ? Int(b.coefficient * pow10(-k)) : b.coefficient;
  Num n;
  n.negative = a.negative != b.negative;
  n.coefficient = round_ratio(num, den, n.negative, mode, exact);
  n.exponent = exponent;
  return n;
}

}  // namespace dectest::model
