#include "duixian/policy.hpp"

#include <array>
#include <utility>

namespace duixian {
namespace {

// Names as written in policy books; the enum's value is the array index.
constexpr std::array<std::string_view, 2> kKinds{"reward", "burden_reduction"};
constexpr std::array<std::string_view, 3> kBases{"annual", "per_quarter", "event"};
constexpr std::array<std::string_view, 4> kSchedules{"every_quarter", "lump_in_quarter", "lump_on_date",
                                                     "instalments"};

template <class Enum, std::size_t N>
std::optional<Enum> find_name(const std::array<std::string_view, N>& names, std::string_view name) noexcept {
  for (std::size_t i = 0; i < N; ++i) {
    if (names[i] == name) return static_cast<Enum>(i);
  }
  return std::nullopt;
}

template <std::size_t N>
const char* name_of(const std::array<std::string_view, N>& names, std::size_t i) noexcept {
  return i < N ? names[i].data() : "unknown";
}

}  // namespace

const char* to_string(PolicyKind kind) noexcept { return name_of(kKinds, static_cast<std::size_t>(kind)); }
std::optional<PolicyKind> parse_policy_kind(std::string_view name) noexcept {
  return find_name<PolicyKind>(kKinds, name);
}

const char* to_string(PolicyBasis basis) noexcept { return name_of(kBases, static_cast<std::size_t>(basis)); }
std::optional<PolicyBasis> parse_policy_basis(std::string_view name) noexcept {
  return find_name<PolicyBasis>(kBases, name);
}

const char* to_string(ScheduleKind kind) noexcept { return name_of(kSchedules, static_cast<std::size_t>(kind)); }
std::optional<ScheduleKind> parse_schedule_kind(std::string_view name) noexcept {
  return find_name<ScheduleKind>(kSchedules, name);
}

Schedule Schedule::every_quarter() { return Schedule{}; }

Schedule Schedule::lump_in_quarter(Quarter quarter) {
  Schedule s;
  s.kind = ScheduleKind::lump_in_quarter;
  s.quarters.push_back(quarter);
  return s;
}

Schedule Schedule::lump_on_date(std::string date_formula) {
  Schedule s;
  s.kind = ScheduleKind::lump_on_date;
  s.date = std::move(date_formula);
  return s;
}

Schedule Schedule::instalments(std::vector<Quarter> quarters) {
  Schedule s;
  s.kind = ScheduleKind::instalments;
  s.quarters = std::move(quarters);
  return s;
}

LineCap LineCap::fixed(Decimal yuan) {
  LineCap c;
  c.amount = std::move(yuan);
  return c;
}

LineCap LineCap::of_formula(std::string money_formula) {
  LineCap c;
  c.formula = std::move(money_formula);
  return c;
}

bool Policy::in_force_during(const DateRange& days) const noexcept {
  if (valid_from && days.last() < *valid_from) return false;
  if (valid_until && days.first() > *valid_until) return false;
  return true;
}

bool operator==(const Policy& a, const Policy& b) {
  return a.id == b.id && a.title == b.title && a.document_number == b.document_number && a.kind == b.kind &&
         a.category == b.category && a.valid_from == b.valid_from && a.valid_until == b.valid_until &&
         a.basis == b.basis && a.event_date == b.event_date && a.eligible == b.eligible && a.amount == b.amount &&
         a.line_cap == b.line_cap && a.annual_cap == b.annual_cap && a.rounding == b.rounding &&
         a.stacking_group == b.stacking_group && a.budget == b.budget && a.schedule == b.schedule;
}

}  // namespace duixian
