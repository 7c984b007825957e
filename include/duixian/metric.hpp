#pragma once
/// @file
/// @brief The metric schema: which facts exist, their type and the period they are kept per.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <map>
#include <vector>

#include "duixian/period.hpp"

namespace duixian {

/// @brief The type of a metric's values.
enum class MetricType : unsigned char {
  money,        ///< An amount in yuan, exact decimal (`1234567.89`).
  decimal,      ///< A dimensionless exact decimal (a rate, a ratio).
  quantity,     ///< A measured amount with a unit (kWh, m²), exact decimal.
  integer,      ///< A whole number (a head count); written without a point.
  date,         ///< A calendar date `YYYY-MM-DD`.
  enumeration,  ///< One of a fixed list of values (亩均效益评价 `A`..`D`).
  text,         ///< Free text.
};

/// @brief The type's name as written in policy books: `"money"`, `"enum"`, ...
const char* to_string(MetricType type) noexcept;
/// @brief Reads a type name (`money decimal quantity integer date enum text`); exact spelling only.
std::optional<MetricType> parse_metric_type(std::string_view name) noexcept;
/// @brief True for money, decimal, quantity and integer: the types held as a Decimal.
bool is_numeric(MetricType type) noexcept;

/// @brief A metric: a name, a value type and the kind of period its facts are kept per.
///
/// Example: `{"output_value", MetricType::money, PeriodKind::quarter}`, or
/// `{"per_mu_grade", MetricType::enumeration, PeriodKind::year, {"A", "B", "C", "D"}}`.
struct Metric {
  std::string name;                      ///< Lower-case identifier, e.g. `park_rent`.
  MetricType type = MetricType::money;   ///< The value type.
  PeriodKind period_kind = PeriodKind::timeless;  ///< Year, quarter, month or timeless.
  std::vector<std::string> enum_values;  ///< The allowed values of an enumeration, in order.
};

/// @brief A small dense id for a metric within its schema.
using MetricId = std::uint16_t;

/// @brief The metrics a register's facts may use, by name and by id.
class MetricSchema {
 public:
  /// @brief Adds a metric and returns its id (ids count up from 0 in insertion order).
  /// @throws Error `invalid_argument` for a duplicate or malformed name (must match
  ///         `[a-z][a-z0-9_]*`), an enumeration without values, values on a non-enumeration,
  ///         or more than 65,535 metrics.
  MetricId add(Metric metric);
  /// @brief The id of a metric by name.
  std::optional<MetricId> find(std::string_view name) const;
  /// @brief The metric with this id. @pre `id < size()`.
  const Metric& operator[](MetricId id) const { return metrics_[id]; }
  /// @brief The number of metrics.
  std::size_t size() const noexcept { return metrics_.size(); }
  /// @brief All metrics in id order.
  const std::vector<Metric>& metrics() const noexcept { return metrics_; }
  /// @brief Names of all metrics joined with ", " (for "expected one of ..." messages).
  std::string names() const;

 private:
  std::vector<Metric> metrics_;
  std::map<std::string, MetricId, std::less<>> by_name_;  // transparent: find by string_view without a copy
};

}  // namespace duixian
