#include "duixian/metric.hpp"

#include <array>
#include <limits>
#include <utility>

#include "duixian/error.hpp"

namespace duixian {

namespace {
constexpr std::array<std::pair<MetricType, std::string_view>, 7> kTypeNames{{
    {MetricType::money, "money"},
    {MetricType::decimal, "decimal"},
    {MetricType::quantity, "quantity"},
    {MetricType::integer, "integer"},
    {MetricType::date, "date"},
    {MetricType::enumeration, "enum"},
    {MetricType::text, "text"},
}};

bool valid_name(std::string_view name) noexcept {
  if (name.empty() || name[0] < 'a' || name[0] > 'z') return false;
  for (char c : name) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
  }
  return true;
}
}  // namespace

const char* to_string(MetricType type) noexcept {
  for (const auto& [t, name] : kTypeNames) {
    if (t == type) return name.data();
  }
  return "unknown";
}

std::optional<MetricType> parse_metric_type(std::string_view name) noexcept {
  for (const auto& [t, n] : kTypeNames) {
    if (n == name) return t;
  }
  return std::nullopt;
}

bool is_numeric(MetricType type) noexcept {
  return type == MetricType::money || type == MetricType::decimal || type == MetricType::quantity ||
         type == MetricType::integer;
}

MetricId MetricSchema::add(Metric metric) {
  if (!valid_name(metric.name)) {
    throw Error(ErrorCode::invalid_argument, "metric name \"" + metric.name + "\" must match [a-z][a-z0-9_]*");
  }
  if (by_name_.count(metric.name) != 0) {
    throw Error(ErrorCode::invalid_argument, "metric \"" + metric.name + "\" is declared twice");
  }
  if (metric.type == MetricType::enumeration && metric.enum_values.empty()) {
    throw Error(ErrorCode::invalid_argument, "enum metric \"" + metric.name + "\" has no values");
  }
  if (metric.type != MetricType::enumeration && !metric.enum_values.empty()) {
    throw Error(ErrorCode::invalid_argument, "metric \"" + metric.name + "\" is not an enum but lists values");
  }
  if (metrics_.size() >= std::numeric_limits<MetricId>::max()) {
    throw Error(ErrorCode::invalid_argument, "more than 65,535 metrics");
  }
  const auto id = static_cast<MetricId>(metrics_.size());
  by_name_.emplace(metric.name, id);
  metrics_.push_back(std::move(metric));
  return id;
}

std::optional<MetricId> MetricSchema::find(std::string_view name) const {
  const auto it = by_name_.find(name);
  if (it == by_name_.end()) return std::nullopt;
  return it->second;
}

std::string MetricSchema::names() const {
  std::string out;
  for (const Metric& m : metrics_) {
    if (!out.empty()) out += ", ";
    out += m.name;
  }
  return out;
}

}  // namespace duixian
