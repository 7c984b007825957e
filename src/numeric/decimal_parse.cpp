// Decimal::parse: a strict, locale-free reader of decimal text. Hand-written because
// no Debian-packaged library parses decimals exactly without a double in between
// (std::from_chars has no decimal type, Boost's string constructors read 010 as octal).
#include <string>

#include "duixian/decimal.hpp"
#include "support/quoted.hpp"
#include "numeric/u128.hpp"

namespace duixian {

namespace {

using detail::quoted;

[[noreturn]] void reject(std::string_view text, const std::string& why) {
  throw Error(ErrorCode::parse_error, quoted(text) + " is not a decimal: " + why);
}

bool is_digit(char c) noexcept { return c >= '0' && c <= '9'; }

// The length of the UTF-8 sequence starting at text[at], or 0 when it is not a whole one.
std::size_t utf8_length(std::string_view text, std::size_t at) noexcept {
  const auto lead = static_cast<unsigned char>(text[at]);
  const std::size_t n = lead >= 0xF0 && lead < 0xF5 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC2 && lead < 0xE0 ? 2 : 0;
  if (n == 0 || at + n > text.size()) return 0;
  for (std::size_t k = 1; k < n; ++k) {
    if ((static_cast<unsigned char>(text[at + k]) & 0xC0) != 0x80) return 0;
  }
  return n;
}

// "unexpected 'a' at character 3": characters (code points) counted from 1, as the
// columns of the loaders' diagnostics are, so that "12万" names 万 as character 3.
std::string describe_char(std::string_view text, std::size_t at) {
  const char c = text[at];
  std::string what = "unexpected ";
  if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
    what += "whitespace";
  } else if (static_cast<unsigned char>(c) >= 0x80 && utf8_length(text, at) != 0) {
    what += "'" + std::string(text.substr(at, utf8_length(text, at))) + "'";
  } else if (static_cast<unsigned char>(c) < 0x20 || static_cast<unsigned char>(c) >= 0x7f) {
    static const char* const hex = "0123456789ABCDEF";
    const auto b = static_cast<unsigned char>(c);
    what += std::string("byte 0x") + hex[b >> 4] + hex[b & 15];
  } else {
    what += std::string("'") + c + "'";
  }
  std::size_t character = 1;
  for (std::size_t k = 0; k < at; ++k) character += (static_cast<unsigned char>(text[k]) & 0xC0) != 0x80 ? 1 : 0;
  what += " at character " + std::to_string(character);
  if (c == ',') what += " (grouping separators are not accepted)";
  if (c == ' ') what += " (spaces are not accepted)";
  if ((c == 'x' || c == 'X') && at == 1) what += " (hexadecimal is not accepted)";
  return what;
}

}  // namespace

Decimal Decimal::parse(std::string_view text) {
  using detail::u128;
  if (text.empty()) reject(text, "empty text");
  std::size_t i = 0;
  bool neg = false;
  if (text[i] == '+' || text[i] == '-') {
    neg = text[i] == '-';
    ++i;
  }
  if (i == text.size()) reject(text, "a sign with no digits");
  if (!is_digit(text[i])) {
    const std::string_view rest = text.substr(i);
    auto starts = [&](std::string_view word) {
      if (rest.size() < word.size()) return false;
      for (std::size_t k = 0; k < word.size(); ++k) {
        const char c = rest[k];
        const char lower = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
        if (lower != word[k]) return false;
      }
      return true;
    };
    if (starts("nan") || starts("snan")) reject(text, "NaN is not a number Duixian accepts");
    if (starts("inf")) reject(text, "infinity is not accepted");
    if (rest[0] == '.') reject(text, "a digit must precede the decimal point (write 0.5, not .5)");
    reject(text, describe_char(text, i));
  }

  // Significant digits (leading zeros skipped), accumulated while they fit 38.
  u128 coefficient = 0;
  int significant = 0;
  int fraction_digits = 0;
  bool seen_point = false;
  for (; i < text.size(); ++i) {
    const char c = text[i];
    if (is_digit(c)) {
      if (seen_point) ++fraction_digits;
      if (significant == 0 && c == '0') continue;
      if (++significant <= Decimal::max_digits) coefficient = coefficient * 10 + static_cast<unsigned>(c - '0');
    } else if (c == '.' && !seen_point) {
      seen_point = true;
      if (i + 1 == text.size() || !is_digit(text[i + 1])) reject(text, "a digit must follow the decimal point");
    } else {
      break;
    }
  }

  long exponent = 0;
  if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
    ++i;
    bool exp_neg = false;
    if (i < text.size() && (text[i] == '+' || text[i] == '-')) {
      exp_neg = text[i] == '-';
      ++i;
    }
    if (i == text.size() || !is_digit(text[i])) reject(text, "an exponent needs digits");
    for (; i < text.size() && is_digit(text[i]); ++i) {
      exponent = exponent * 10 + (text[i] - '0');
      if (exponent > 1000) reject(text, "exponent out of range (a value needs at most 38 digits and 38 places)");
    }
    if (exp_neg) exponent = -exponent;
  }
  if (i != text.size()) reject(text, describe_char(text, i));
  if (significant > Decimal::max_digits) {
    reject(text, std::to_string(significant) + " significant digits; at most 38 are allowed");
  }

  long scale = fraction_digits - exponent;
  while (scale > Decimal::max_scale && coefficient % 10 == 0 && coefficient != 0) {
    coefficient /= 10;
    --scale;
  }
  if (coefficient == 0 && scale > Decimal::max_scale) scale = Decimal::max_scale;
  if (scale > Decimal::max_scale) reject(text, "more than 38 places after the decimal point");
  if (scale < 0) {
    if (coefficient != 0 && detail::digit_count(coefficient) - scale > Decimal::max_digits) {
      reject(text, "the value needs more than 38 digits");
    }
    if (coefficient != 0) coefficient *= detail::pow10(static_cast<int>(-scale));
    scale = 0;
  }
  return from_parts(detail::make_coefficient(coefficient, neg), static_cast<int>(scale));
}

}  // namespace duixian
