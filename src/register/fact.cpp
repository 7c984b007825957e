#include "duixian/fact.hpp"

#include <algorithm>

#include "duixian/error.hpp"
#include "register/fact_text.hpp"

namespace duixian {

const Decimal& FactValue::as_number() const {
  if (const auto* d = std::get_if<Decimal>(&value_)) return *d;
  throw Error(ErrorCode::invalid_argument, "fact value " + to_string() + " is not a number");
}

const Date& FactValue::as_date() const {
  if (const auto* d = std::get_if<Date>(&value_)) return *d;
  throw Error(ErrorCode::invalid_argument, "fact value " + to_string() + " is not a date");
}

const std::string& FactValue::as_text() const {
  if (const auto* s = std::get_if<std::string>(&value_)) return *s;
  throw Error(ErrorCode::invalid_argument, "fact value " + to_string() + " is not text");
}

std::string FactValue::to_string() const {
  if (const auto* d = std::get_if<Decimal>(&value_)) return d->to_string();
  if (const auto* d = std::get_if<Date>(&value_)) return d->to_string();
  return std::get<std::string>(value_);
}

namespace detail {

namespace {

FactText refused(const Metric& metric, std::string_view text, const std::string& expected,
                 const char* code = "invalid_value") {
  return {std::nullopt, code,
          "\"" + std::string(text.substr(0, 64)) + "\" is not a value of " + metric.name + " (expected " + expected + ")"};
}

bool numeric(MetricType t) noexcept {
  return t == MetricType::money || t == MetricType::decimal || t == MetricType::quantity || t == MetricType::integer;
}

// (A plain loop: string_view::find_first_of calls memchr once per character.)
bool has_exponent_mark(std::string_view t) noexcept {
  for (const char c : t) {
    if ((c | 0x20) == 'e') return true;
  }
  return false;
}

// "1.2E+07", "-3e5": digits, an exponent mark and an exponent. Excel shows a cell this way
// when the column is too narrow or the number long, and exports what it shows.
bool exponent_form(std::string_view t) noexcept {
  std::size_t e = 0;
  while (e < t.size() && (t[e] | 0x20) != 'e') ++e;
  if (e == t.size() || e == 0) return false;
  const bool digit_before = (t[e - 1] >= '0' && t[e - 1] <= '9') || t[e - 1] == '.';
  std::size_t i = e + 1;
  if (i < t.size() && (t[i] == '+' || t[i] == '-')) ++i;
  return digit_before && i < t.size() && t[i] >= '0' && t[i] <= '9';
}

// "6,000,000.00": digit groups of three after the first, separated by commas.
bool thousands_separated(std::string_view t) noexcept {
  std::size_t i = (!t.empty() && (t[0] == '-' || t[0] == '+')) ? 1 : 0;
  std::size_t lead = 0;
  while (i < t.size() && t[i] >= '0' && t[i] <= '9') ++i, ++lead;
  if (lead == 0 || lead > 3 || i >= t.size() || t[i] != ',') return false;
  while (i < t.size() && t[i] == ',') {
    ++i;
    for (int k = 0; k < 3; ++k, ++i) {
      if (i >= t.size() || t[i] < '0' || t[i] > '9') return false;
    }
  }
  return i == t.size() || t[i] == '.';
}

FactText grouped(const Metric& metric, std::string_view text) {
  return refused(metric, text, "a number without digit grouping (thousands separators), such as 6000000.00",
                 "thousands_separator");
}

}  // namespace

FactText parse_fact_text(const Metric& metric, std::string_view text) {
  // Exponent form parses as a Decimal, so it is looked for first (a scan of a few bytes);
  // thousands separators do not, so they are only looked for in text that failed.
  if (numeric(metric.type) && has_exponent_mark(text) && exponent_form(text)) {
    return refused(metric, text,
                   "the number's digits: exponent form such as 1.2E+07 is how Excel displays a number it has "
                   "rounded, so the digits it hides are lost; format the column as a number with its decimals "
                   "before exporting",
                   "exponent_form");
  }
  switch (metric.type) {
    case MetricType::money:
    case MetricType::decimal:
    case MetricType::quantity: {
      Decimal d;
      try {
        d = Decimal::parse(text);
      } catch (const Error& e) {
        if (thousands_separated(text)) return grouped(metric, text);
        return refused(metric, text, std::string("a decimal such as 1234567.89; ") + std::string(e.message()));
      }
      // Money is kept to the fen: 6000000.005 cannot be paid and would be rounded somewhere
      // unnamed. Trailing zeros (6000000.5000, as DECIMAL(18,4) columns export) are whole fen.
      if (metric.type == MetricType::money && d.scale() > 2 && d.normalized().scale() > 2) {
        return refused(metric, text, "an amount in yuan with at most two decimals (whole fen)", "fraction_of_a_fen");
      }
      return {FactValue::number(d), nullptr, {}};
    }
    case MetricType::integer: {
      const std::size_t start = (!text.empty() && (text[0] == '-' || text[0] == '+')) ? 1 : 0;
      const bool digits_only = text.size() > start &&
                               std::all_of(text.begin() + static_cast<std::ptrdiff_t>(start), text.end(),
                                           [](char c) { return c >= '0' && c <= '9'; });
      if (!digits_only) return thousands_separated(text) ? grouped(metric, text) : refused(metric, text, "an integer");
      try {
        return {FactValue::number(Decimal::parse(text)), nullptr, {}};
      } catch (const Error& e) {
        return refused(metric, text, std::string("an integer; ") + std::string(e.message()));
      }
    }
    case MetricType::date:
      try {
        return {FactValue::date(Date::parse(text)), nullptr, {}};
      } catch (const Error& e) {
        return refused(metric, text, std::string("a date YYYY-MM-DD; ") + std::string(e.message()));
      }
    case MetricType::enumeration: {
      for (const std::string& v : metric.enum_values) {
        if (v == text) return {FactValue::text(v), nullptr, {}};
      }
      std::string list;
      for (const std::string& v : metric.enum_values) list += (list.empty() ? "" : ", ") + v;
      return refused(metric, text, "one of " + list);
    }
    case MetricType::text:
      return {FactValue::text(std::string(text)), nullptr, {}};
  }
  return refused(metric, text, "a value of a known type");
}

}  // namespace detail

FactValue parse_fact_value(const Metric& metric, std::string_view text) {
  detail::FactText parsed = detail::parse_fact_text(metric, text);
  if (!parsed.value) throw Error(ErrorCode::parse_error, std::move(parsed.message));
  return std::move(*parsed.value);
}

bool fits_metric(const Metric& metric, const FactValue& value) noexcept {
  switch (metric.type) {
    case MetricType::money:
    case MetricType::decimal:
    case MetricType::quantity:
      return value.is_number();
    case MetricType::integer:
      return value.is_number() && value.as_number().normalized().scale() == 0;
    case MetricType::date:
      return value.is_date();
    case MetricType::enumeration:
      return value.is_text() &&
             std::find(metric.enum_values.begin(), metric.enum_values.end(), value.as_text()) != metric.enum_values.end();
    case MetricType::text:
      return value.is_text();
  }
  return false;
}

}  // namespace duixian
