#pragma once
/// @file
/// @brief A fact's value (a number, a date or text) and how it is read from text.

#include <string>
#include <string_view>
#include <variant>

#include "duixian/decimal.hpp"
#include "duixian/metric.hpp"
#include "duixian/period.hpp"

namespace duixian {

/// @brief The value of one fact: an exact Decimal, a Date, or text (enumeration values are text).
///
/// A *missing* fact is not a FactValue at all: lookups return `std::optional`, so
/// zero and "not reported" can never be confused.
class FactValue {
 public:
  /// @brief The number zero (a placeholder for containers; loaders never produce it implicitly).
  FactValue() = default;
  /// @brief A numeric value (money, decimal, quantity or integer metrics).
  static FactValue number(const Decimal& value) { return FactValue(value); }
  /// @brief A date value.
  static FactValue date(const Date& value) { return FactValue(value); }
  /// @brief A text or enumeration value.
  static FactValue text(std::string value) { return FactValue(std::move(value)); }

  /// @brief True when this holds a Decimal.
  bool is_number() const noexcept { return std::holds_alternative<Decimal>(value_); }
  /// @brief True when this holds a Date.
  bool is_date() const noexcept { return std::holds_alternative<Date>(value_); }
  /// @brief True when this holds text.
  bool is_text() const noexcept { return std::holds_alternative<std::string>(value_); }
  /// @brief The number. @throws Error `invalid_argument` when this is not a number.
  const Decimal& as_number() const;
  /// @brief The date. @throws Error `invalid_argument` when this is not a date.
  const Date& as_date() const;
  /// @brief The text. @throws Error `invalid_argument` when this is not text.
  const std::string& as_text() const;

  /// @brief The value as it would be written in facts.csv (`1234.50`, `2019-05-01`, `A`).
  std::string to_string() const;

  /// @brief Same alternative and same value (numbers by value: `1.5 == 1.50`).
  friend bool operator==(const FactValue& a, const FactValue& b) { return a.value_ == b.value_; }
  /// @brief Not equal.
  friend bool operator!=(const FactValue& a, const FactValue& b) { return !(a == b); }

 private:
  explicit FactValue(Decimal v) : value_(std::move(v)) {}
  explicit FactValue(Date v) : value_(v) {}
  explicit FactValue(std::string v) : value_(std::move(v)) {}
  std::variant<Decimal, Date, std::string> value_;
};

/// @brief Reads a value for `metric` from its text, exactly.
///
/// money, decimal and quantity use `Decimal::parse` (`1234567.89`); integer accepts
/// digits with an optional sign only; date is `YYYY-MM-DD`; an enumeration value must
/// be one of the metric's values, spelled exactly; text is taken as it is. Refused for every
/// numeric metric: exponent form (`1.2E+07`, how Excel displays a number it has rounded) and
/// thousands separators (`6,000,000.00`); for money, more decimals than a fen unless they are
/// zeros (`6000000.005` is refused, `6000000.5000` is 6000000.50).
/// @throws Error `parse_error` saying what was expected, e.g.
///         `"E" is not a value of per_mu_grade (expected one of A, B, C, D)`.
FactValue parse_fact_value(const Metric& metric, std::string_view text);

/// @brief True when `value` has the representation `metric`'s type calls for.
bool fits_metric(const Metric& metric, const FactValue& value) noexcept;

}  // namespace duixian
