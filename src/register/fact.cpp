#include "duixian/fact.hpp"

#include <algorithm>

#include "duixian/error.hpp"

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

namespace {
[[noreturn]] void reject(const Metric& metric, std::string_view text, const std::string& expected) {
  throw Error(ErrorCode::parse_error, "\"" + std::string(text.substr(0, 64)) + "\" is not a value of " + metric.name +
                                          " (expected " + expected + ")");
}
}  // namespace

FactValue parse_fact_value(const Metric& metric, std::string_view text) {
  switch (metric.type) {
    case MetricType::money:
    case MetricType::decimal:
    case MetricType::quantity:
      try {
        return FactValue::number(Decimal::parse(text));
      } catch (const Error& e) {
        reject(metric, text, std::string("a decimal such as 1234567.89; ") + e.what());
      }
    case MetricType::integer: {
      const std::size_t start = (!text.empty() && (text[0] == '-' || text[0] == '+')) ? 1 : 0;
      const bool digits_only = text.size() > start &&
                               std::all_of(text.begin() + static_cast<std::ptrdiff_t>(start), text.end(),
                                           [](char c) { return c >= '0' && c <= '9'; });
      if (!digits_only) reject(metric, text, "an integer");
      try {
        return FactValue::number(Decimal::parse(text));
      } catch (const Error& e) {
        reject(metric, text, std::string("an integer; ") + e.what());
      }
    }
    case MetricType::date:
      try {
        return FactValue::date(Date::parse(text));
      } catch (const Error& e) {
        reject(metric, text, std::string("a date YYYY-MM-DD; ") + e.what());
      }
    case MetricType::enumeration: {
      for (const std::string& v : metric.enum_values) {
        if (v == text) return FactValue::text(v);
      }
      std::string list;
      for (const std::string& v : metric.enum_values) list += (list.empty() ? "" : ", ") + v;
      reject(metric, text, "one of " + list);
    }
    case MetricType::text:
      return FactValue::text(std::string(text));
  }
  reject(metric, text, "a value of a known type");
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
