#include "formula/names.hpp"

#include <algorithm>
#include <array>
#include <utility>

#include "support/suggestions.hpp"

namespace duixian::detail {

namespace {

constexpr std::array<std::pair<Builtin, std::string_view>, 11> kBuiltins{{
    {Builtin::this_quarter, "this_quarter"},
    {Builtin::settlement_quarter, "settlement_quarter"},
    {Builtin::same_quarter_last_year, "same_quarter_last_year"},
    {Builtin::prev_quarter, "prev_quarter"},
    {Builtin::prev_year, "prev_year"},
    {Builtin::book_year, "book_year"},
    {Builtin::first_day, "first_day"},
    {Builtin::last_day, "last_day"},
    {Builtin::registered_on, "registered_on"},
    {Builtin::region, "region"},
    {Builtin::industry, "industry"},
}};

constexpr std::array<std::pair<Function, std::string_view>, 22> kFunctions{{
    {Function::min, "min"},
    {Function::max, "max"},
    {Function::abs, "abs"},
    {Function::clamp, "clamp"},
    {Function::round, "round"},
    {Function::floor, "floor"},
    {Function::ceil, "ceil"},
    {Function::tier, "tier"},
    {Function::progressive, "progressive"},
    {Function::days, "days"},
    {Function::overlap_days, "overlap_days"},
    {Function::add_years, "add_years"},
    {Function::add_months, "add_months"},
    {Function::add_days, "add_days"},
    {Function::year_of, "year_of"},
    {Function::quarter_of, "quarter_of"},
    {Function::within, "within"},
    {Function::has_tag, "has_tag"},
    {Function::in_region, "in_region"},
    {Function::in_industry, "in_industry"},
    {Function::exists, "exists"},
    {Function::coalesce, "coalesce"},
}};

}  // namespace

Builtin find_builtin(std::string_view name) noexcept {
  for (const auto& [b, n] : kBuiltins) {
    if (n == name) return b;
  }
  return Builtin::none;
}

const char* to_string(Builtin builtin) noexcept {
  for (const auto& [b, n] : kBuiltins) {
    if (b == builtin) return n.data();
  }
  return "none";
}

const char* builtin_names() noexcept {
  return "this_quarter, settlement_quarter, same_quarter_last_year, prev_quarter, prev_year, book_year, "
         "first_day, last_day, registered_on, region, industry";
}

std::optional<Function> find_function(std::string_view name) noexcept {
  for (const auto& [f, n] : kFunctions) {
    if (n == name) return f;
  }
  return std::nullopt;
}

const char* to_string(Function function) noexcept {
  for (const auto& [f, n] : kFunctions) {
    if (f == function) return n.data();
  }
  return "?";
}

const char* function_names() noexcept {
  return "min, max, abs, clamp, round, floor, ceil, tier, progressive, days, overlap_days, add_years, add_months, "
         "add_days, year_of, quarter_of, within, has_tag, in_region, in_industry, exists, coalesce";
}

std::string closest(std::string_view word, const std::vector<std::string>& candidates) {
  return closest_match(word, candidates).value_or(std::string());
}

std::optional<FormulaType> formula_type_of(MetricType type) noexcept {
  switch (type) {
    case MetricType::money: return FormulaType::money;
    case MetricType::decimal: return FormulaType::decimal;
    case MetricType::quantity: return FormulaType::quantity;
    case MetricType::integer: return FormulaType::decimal;
    case MetricType::date: return FormulaType::date;
    case MetricType::enumeration: return FormulaType::text;
    case MetricType::text: return std::nullopt;
  }
  return std::nullopt;
}

}  // namespace duixian::detail
