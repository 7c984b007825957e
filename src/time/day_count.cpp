#include "duixian/day_count.hpp"

#include <array>
#include <utility>

namespace duixian {

namespace {
constexpr std::array<std::pair<DayCount, std::string_view>, 3> kNames{{
    {DayCount::act_360, "ACT/360"},
    {DayCount::act_365f, "ACT/365F"},
    {DayCount::act_act, "ACT/ACT"},
}};
}  // namespace

const char* to_string(DayCount dc) noexcept {
  for (const auto& [d, name] : kNames) {
    if (d == dc) return name.data();
  }
  return "unknown";
}

std::optional<DayCount> parse_day_count(std::string_view name) noexcept {
  for (const auto& [d, n] : kNames) {
    if (n == name) return d;
  }
  return std::nullopt;
}

YearFraction year_fraction(const DateRange& period, DayCount dc) noexcept {
  const long total = days(period);
  switch (dc) {
    case DayCount::act_360: return {total, 360};
    case DayCount::act_365f: return {total, 365};
    case DayCount::act_act: break;
  }
  // Split the days by calendar year; each year contributes to the leap or the common count.
  long leap = 0;
  long common = 0;
  for (int y = period.first().year(); y <= period.last().year(); ++y) {
    const long d = overlap_days(period, Year(y).range());
    (is_leap_year(y) ? leap : common) += d;
  }
  if (leap == 0) return {common, 365};
  if (common == 0) return {leap, 366};
  // Over one denominator, so the sum stays exact: leap/366 + common/365.
  return {leap * 365 + common * 366, 365L * 366L};
}

Decimal accrue(const Decimal& principal, const Decimal& annual_rate, const DateRange& period, DayCount dc, int places,
               RoundingMode mode) {
  const YearFraction f = year_fraction(period, dc);
  // rate × numerator is exact and small; mul_div keeps principal × that unrounded until the one rounding.
  return mul_div(principal, annual_rate * Decimal(f.numerator), Decimal(f.denominator), places, mode);
}

}  // namespace duixian
