// Dates and periods: construction, arithmetic and ranges. Text is in period_parse.cpp.
#include <algorithm>
#include <cstdint>
#include <ostream>
#include <string>

#include "duixian/error.hpp"
#include "duixian/period.hpp"

namespace duixian {

namespace {

// Day counts since 1970-01-01 of the first and last supported days.
constexpr std::int64_t kMinDays = -25567;   // 1900-01-01
constexpr std::int64_t kMaxDays = 2932896;  // 9999-12-31
static_assert(date::sys_days{date::year{1900} / 1 / 1}.time_since_epoch().count() == kMinDays);
static_assert(date::sys_days{date::year{9999} / 12 / 31}.time_since_epoch().count() == kMaxDays);

bool year_in_range(std::int64_t y) noexcept { return y >= Date::min_year && y <= Date::max_year; }

[[noreturn]] void out_of_range(const std::string& what) {
  throw Error(ErrorCode::invalid_argument, what + " is outside the supported years " +
                                               std::to_string(Date::min_year) + ".." +
                                               std::to_string(Date::max_year));
}

unsigned last_day_of(int y, unsigned m) noexcept {
  return static_cast<unsigned>((date::year{y} / date::month{m} / date::last).day());
}

// Floor division, so that month arithmetic is right for negative offsets too.
std::int64_t floor_div(std::int64_t a, std::int64_t b) noexcept {
  const std::int64_t q = a / b;
  return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

// Months since year 0 → (year, month 1..12), clamping the day: the one rule of add_months/add_years.
Date clamped(std::int64_t months, unsigned day, const Date& from, const std::string& step) {
  const std::int64_t y = floor_div(months, 12);
  if (!year_in_range(y)) out_of_range(from.to_string() + " " + step);
  const int year = static_cast<int>(y);
  const auto m = static_cast<unsigned>(months - y * 12 + 1);
  return Date::from_ymd(year, m, std::min(day, last_day_of(year, m)));
}

std::string signed_count(long n, const char* unit) {
  return (n < 0 ? "- " + std::to_string(-static_cast<std::int64_t>(n)) : "+ " + std::to_string(n)) + " " + unit;
}

}  // namespace

bool is_leap_year(int year) noexcept { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

Date Date::from_ymd(int y, unsigned m, unsigned d) {
  if (!year_in_range(y)) out_of_range("year " + std::to_string(y));
  if (m < 1 || m > 12) {
    throw Error(ErrorCode::invalid_argument, "month " + std::to_string(m) + " of " + std::to_string(y) +
                                                 " is not a month (expected 1..12)");
  }
  const unsigned last = last_day_of(y, m);
  if (d < 1 || d > last) {
    throw Error(ErrorCode::invalid_argument,
                "day " + std::to_string(d) + " of " + Month(y, m).to_string() + " is not a day (the month has " +
                    std::to_string(last) + " days" + (m == 2 && d == 29 ? ": " + std::to_string(y) + " is not a leap year" : "") +
                    ")");
  }
  return Date(date::year{y} / date::month{m} / date::day{d});
}

Date Date::from_ymd(const date::year_month_day& ymd) {
  if (!ymd.ok()) {
    throw Error(ErrorCode::invalid_argument, "the year_month_day is not a valid date (ok() is false)");
  }
  return from_ymd(static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
}

Date Date::from_sys_days(date::sys_days days) {
  const std::int64_t n = days.time_since_epoch().count();
  if (n < kMinDays || n > kMaxDays) out_of_range("day number " + std::to_string(n));
  return Date(date::year_month_day{days});
}

Date Date::add_days(long n) const {
  // Checked in 64 bits before date::days (an int) could wrap.
  const std::int64_t target = static_cast<std::int64_t>(sys_days().time_since_epoch().count()) + n;
  if (target < kMinDays || target > kMaxDays) out_of_range(to_string() + " " + signed_count(n, "days"));
  return Date(date::year_month_day{date::sys_days{date::days{static_cast<int>(target)}}});
}

Date Date::add_months(int n) const {
  const std::int64_t months = static_cast<std::int64_t>(year()) * 12 + (month() - 1) + n;
  return clamped(months, day(), *this, signed_count(n, "months"));
}

Date Date::add_years(int n) const {
  const std::int64_t months = (static_cast<std::int64_t>(year()) + n) * 12 + (month() - 1);
  return clamped(months, day(), *this, signed_count(n, "years"));
}

// ---- DateRange and range functions ----

DateRange::DateRange(Date first, Date last) : first_(first), last_(last) {
  if (last < first) {
    throw Error(ErrorCode::invalid_argument, "the range " + first.to_string() + ".." + last.to_string() +
                                                 " is empty: its first day is after its last day");
  }
}

long days(const DateRange& range) noexcept {
  return static_cast<long>((range.last().sys_days() - range.first().sys_days()).count()) + 1;
}

std::optional<DateRange> intersect(const DateRange& a, const DateRange& b) noexcept {
  const Date first = std::max(a.first(), b.first());
  const Date last = std::min(a.last(), b.last());
  if (last < first) return std::nullopt;
  return DateRange(first, last);
}

long overlap_days(const DateRange& a, const DateRange& b) noexcept {
  const auto both = intersect(a, b);
  return both ? days(*both) : 0;
}

bool contains(const DateRange& range, Date day) noexcept { return range.first() <= day && day <= range.last(); }

// ---- Year, Quarter, Month ----

Year::Year(int value) : value_(value) {
  if (!year_in_range(value)) out_of_range("year " + std::to_string(value));
}
Date Year::first_day() const { return Date::from_ymd(value_, 1, 1); }
Date Year::last_day() const { return Date::from_ymd(value_, 12, 31); }
DateRange Year::range() const { return {first_day(), last_day()}; }
Year Year::previous() const { return Year(value_ - 1); }
Year Year::next() const { return Year(value_ + 1); }

Quarter::Quarter(int year, unsigned number) : year_(year), number_(number) {
  if (!year_in_range(year)) out_of_range("year " + std::to_string(year));
  if (number < 1 || number > 4) {
    throw Error(ErrorCode::invalid_argument,
                "quarter " + std::to_string(number) + " of " + std::to_string(year) + " is not a quarter (expected 1..4)");
  }
}
Month Quarter::first_month() const { return Month(year_, number_ * 3 - 2); }
Month Quarter::last_month() const { return Month(year_, number_ * 3); }
Date Quarter::first_day() const { return first_month().first_day(); }
Date Quarter::last_day() const { return last_month().last_day(); }
DateRange Quarter::range() const { return {first_day(), last_day()}; }
Quarter Quarter::previous() const { return number_ == 1 ? Quarter(year_ - 1, 4) : Quarter(year_, number_ - 1); }
Quarter Quarter::next() const { return number_ == 4 ? Quarter(year_ + 1, 1) : Quarter(year_, number_ + 1); }
Quarter Quarter::same_quarter_last_year() const { return Quarter(year_ - 1, number_); }

Month::Month(int year, unsigned number) : year_(year), number_(number) {
  if (!year_in_range(year)) out_of_range("year " + std::to_string(year));
  if (number < 1 || number > 12) {
    throw Error(ErrorCode::invalid_argument,
                "month " + std::to_string(number) + " of " + std::to_string(year) + " is not a month (expected 1..12)");
  }
}
Quarter Month::quarter() const { return Quarter(year_, (number_ + 2) / 3); }
Date Month::first_day() const { return Date::from_ymd(year_, number_, 1); }
Date Month::last_day() const { return Date::from_ymd(year_, number_, last_day_of(year_, number_)); }
DateRange Month::range() const { return {first_day(), last_day()}; }
Month Month::add_months(int n) const {
  const std::int64_t months = static_cast<std::int64_t>(year_) * 12 + (number_ - 1) + n;
  const std::int64_t y = floor_div(months, 12);
  if (!year_in_range(y)) out_of_range(to_string() + " " + signed_count(n, "months"));
  return Month(static_cast<int>(y), static_cast<unsigned>(months - y * 12 + 1));
}

Year year_of(Date day) noexcept { return Year(day.year()); }
Quarter quarter_of(Date day) noexcept { return Quarter(day.year(), (day.month() + 2) / 3); }
Month month_of(Date day) noexcept { return Month(day.year(), day.month()); }

// ---- Period ----

namespace {
constexpr std::int32_t kKindStride = 1000000;
}  // namespace

const char* to_string(PeriodKind kind) noexcept {
  switch (kind) {
    case PeriodKind::year: return "year";
    case PeriodKind::quarter: return "quarter";
    case PeriodKind::month: return "month";
    case PeriodKind::timeless: return "timeless";
  }
  return "unknown";
}

Period::Period(Year year) noexcept : kind_(PeriodKind::year), year_(year.value()) {}
Period::Period(Quarter quarter) noexcept
    : kind_(PeriodKind::quarter), year_(quarter.year()), number_(quarter.number()) {}
Period::Period(Month month) noexcept : kind_(PeriodKind::month), year_(month.year()), number_(month.number()) {}

namespace {
[[noreturn]] void wrong_kind(const Period& p, const char* wanted) {
  throw Error(ErrorCode::invalid_argument, "the period " + (p.is_timeless() ? std::string("(timeless)") : p.to_string()) +
                                               " is a " + to_string(p.kind()) + ", not a " + wanted);
}
}  // namespace

Year Period::as_year() const {
  if (kind_ != PeriodKind::year) wrong_kind(*this, "year");
  return Year(year_);
}
Quarter Period::as_quarter() const {
  if (kind_ != PeriodKind::quarter) wrong_kind(*this, "quarter");
  return Quarter(year_, number_);
}
Month Period::as_month() const {
  if (kind_ != PeriodKind::month) wrong_kind(*this, "month");
  return Month(year_, number_);
}

DateRange Period::range() const {
  switch (kind_) {
    case PeriodKind::year: return Year(year_).range();
    case PeriodKind::quarter: return Quarter(year_, number_).range();
    case PeriodKind::month: return Month(year_, number_).range();
    case PeriodKind::timeless: break;
  }
  throw Error(ErrorCode::invalid_argument, "a timeless period has no date range");
}

std::int32_t Period::key() const noexcept {
  const auto y = static_cast<std::int32_t>(year_);
  const auto n = static_cast<std::int32_t>(number_);
  switch (kind_) {
    case PeriodKind::year: return y;
    case PeriodKind::quarter: return kKindStride + y * 10 + n;
    case PeriodKind::month: return 2 * kKindStride + y * 100 + n;
    case PeriodKind::timeless: break;
  }
  return 3 * kKindStride;
}

Period Period::from_key(std::int32_t key) {
  const std::int32_t kind = key / kKindStride;
  const std::int32_t code = key % kKindStride;
  try {
    if (key >= 0) {
      if (kind == 0) return Year(code);
      if (kind == 1) return Quarter(code / 10, static_cast<unsigned>(code % 10));
      if (kind == 2) return Month(code / 100, static_cast<unsigned>(code % 100));
      if (kind == 3 && code == 0) return Period();
    }
  } catch (const Error&) {
    // Fall through to the message that names the key.
  }
  throw Error(ErrorCode::invalid_argument, "no period has the key " + std::to_string(key));
}

// ---- Streams ----

std::ostream& operator<<(std::ostream& out, const Date& d) { return out << d.to_string(); }
std::ostream& operator<<(std::ostream& out, const DateRange& r) { return out << r.to_string(); }
std::ostream& operator<<(std::ostream& out, const Year& y) { return out << y.to_string(); }
std::ostream& operator<<(std::ostream& out, const Quarter& q) { return out << q.to_string(); }
std::ostream& operator<<(std::ostream& out, const Month& m) { return out << m.to_string(); }
std::ostream& operator<<(std::ostream& out, const Period& p) {
  return out << (p.is_timeless() ? std::string("timeless") : p.to_string());
}

}  // namespace duixian
