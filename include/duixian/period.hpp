#pragma once
/// @file
/// @brief Dates and periods: `Date`, `DateRange`, `Year`, `Quarter`, `Month` and the tagged `Period`.
///
/// Small value types in the style of Howard Hinnant's `date` (which they wrap).
/// Every value is valid by construction: a constructor or `from_*` given an
/// impossible value throws `Error` (`invalid_argument`), and `parse` throws
/// `Error` (`parse_error`) with a message naming the text and the reason.
///
/// Supported years are 1900 to 9999 (`Date::min_year`..`Date::max_year`), so every
/// date prints as `YYYY-MM-DD` and arithmetic that leaves that span is an error.
/// Leap years are Gregorian: 2000 and 2016 are leap years, 1900 and 2019 are not.
///
/// ## Text forms (strict: no spaces, no other separators, ASCII digits only)
///
/// | type      | text                     | range                    |
/// |-----------|--------------------------|--------------------------|
/// | Date      | `2019-05-01`             | the day itself           |
/// | Year      | `2019`                   | 2019-01-01..2019-12-31   |
/// | Quarter   | `2019Q2`                 | 2019-04-01..2019-06-30   |
/// | Month     | `2019-05`                | 2019-05-01..2019-05-31   |
/// | DateRange | `2019-05-01..2019-06-30` | inclusive at both ends   |
/// | Period    | any of year, quarter, month, or empty text for "timeless" | |
///
/// `to_string` gives back exactly the text `parse` accepts, so text round-trips.
///
/// ## Adding months and years: clamp to the end of the month
///
/// Adding months or years keeps the day of the month when the target month has it,
/// and otherwise clamps to the target month's last day. It never rolls into the
/// next month (`date::year_month_day` would produce an invalid date such as
/// 2019-02-29, which converts silently to 2019-03-01):
///
///     2019-01-31 + 1 month   = 2019-02-28   (February 2019 has 28 days)
///     2020-01-31 + 1 month   = 2020-02-29   (2020 is a leap year)
///     2019-03-31 - 1 month   = 2019-02-28
///     2019-05-31 + 1 month   = 2019-06-30
///     2016-02-29 + 3 years   = 2019-02-28   (2019 is not a leap year)
///     2016-02-29 + 4 years   = 2020-02-29
///     2019-01-31 + 1 month + 1 month = 2019-03-28  (clamping loses the 31st;
///                                                   + 2 months gives 2019-03-31)
///
/// So "entry + 3 years, minus one day" for an entry on 2016-02-29 is
/// `add_years(3).add_days(-1)` = 2019-02-27: the window 2016-02-29..2019-02-27
/// covers 58 days of 2019Q1.
///
/// ## Ranges
///
/// A `DateRange` is inclusive at both ends and never empty (first ≤ last), so
/// `days(2019Q1.range())` is 90. `intersect` returns no range when two ranges are
/// disjoint and `overlap_days` returns 0.

#include <cstdint>
#include <functional>
#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>

#include <date/date.h>

namespace duixian {

/// @brief True for Gregorian leap years: divisible by 4, except centuries not divisible by 400.
/// @param year any year (2000 → true, 1900 → false, 2016 → true, 2019 → false).
bool is_leap_year(int year) noexcept;

/// @brief A calendar day between 1900-01-01 and 9999-12-31; always a valid date.
class Date {
 public:
  /// Earliest supported year.
  static constexpr int min_year = 1900;
  /// Latest supported year.
  static constexpr int max_year = 9999;

  /// @brief 1970-01-01, the `sys_days` epoch (so that Date can live in containers).
  Date() noexcept = default;

  /// @brief Reads `YYYY-MM-DD` exactly: four-digit year, two-digit month and day, nothing else.
  ///
  /// Rejected, each with the reason in the message: empty text, `2019-5-1`,
  /// `2019-05-01 ` (trailing text), `2019-13-01`, `2019-02-29` (2019 is not a leap
  /// year), `2019-04-31` (April has 30 days), years outside 1900..9999.
  /// @throws Error `parse_error`.
  static Date parse(std::string_view text);

  /// @brief The date y-m-d.
  /// @param y year, 1900..9999.
  /// @param m month, 1..12.
  /// @param d day, 1..days in that month.
  /// @throws Error `invalid_argument` when y-m-d is not a date in 1900..9999.
  static Date from_ymd(int y, unsigned m, unsigned d);

  /// @brief The date held by a `date::year_month_day`.
  /// @throws Error `invalid_argument` when `ymd` is not `ok()` or outside 1900..9999.
  static Date from_ymd(const date::year_month_day& ymd);

  /// @brief The date of a day count since 1970-01-01.
  /// @throws Error `invalid_argument` outside 1900..9999.
  static Date from_sys_days(date::sys_days days);

  /// @brief The year, e.g. 2019.
  int year() const noexcept { return static_cast<int>(ymd_.year()); }
  /// @brief The month, 1..12.
  unsigned month() const noexcept { return static_cast<unsigned>(ymd_.month()); }
  /// @brief The day of the month, 1..31.
  unsigned day() const noexcept { return static_cast<unsigned>(ymd_.day()); }
  /// @brief The day of the week (`date::Saturday`, ...).
  date::weekday weekday() const noexcept { return date::weekday{sys_days()}; }

  /// @brief The wrapped `date::year_month_day` (always `ok()`).
  date::year_month_day ymd() const noexcept { return ymd_; }
  /// @brief The day count since 1970-01-01.
  date::sys_days sys_days() const noexcept { return date::sys_days{ymd_}; }

  /// @brief `YYYY-MM-DD`, e.g. `2019-05-01`.
  std::string to_string() const;

  /// @brief The date `n` days later (earlier when `n` is negative).
  /// @throws Error `invalid_argument` when the result leaves 1900..9999.
  Date add_days(long n) const;
  /// @brief The date `n` months later, clamped to the end of the month (see the file comment).
  /// @throws Error `invalid_argument` when the result leaves 1900..9999.
  Date add_months(int n) const;
  /// @brief The date `n` years later, clamped to the end of the month (2016-02-29 + 3 years = 2019-02-28).
  /// @throws Error `invalid_argument` when the result leaves 1900..9999.
  Date add_years(int n) const;

  /// @brief Same day.
  friend bool operator==(const Date& a, const Date& b) noexcept { return a.ymd_ == b.ymd_; }
  /// @brief Different days.
  friend bool operator!=(const Date& a, const Date& b) noexcept { return a.ymd_ != b.ymd_; }
  /// @brief Earlier.
  friend bool operator<(const Date& a, const Date& b) noexcept { return a.ymd_ < b.ymd_; }
  /// @brief Later.
  friend bool operator>(const Date& a, const Date& b) noexcept { return a.ymd_ > b.ymd_; }
  /// @brief Earlier or the same day.
  friend bool operator<=(const Date& a, const Date& b) noexcept { return a.ymd_ <= b.ymd_; }
  /// @brief Later or the same day.
  friend bool operator>=(const Date& a, const Date& b) noexcept { return a.ymd_ >= b.ymd_; }

 private:
  explicit Date(date::year_month_day ymd) noexcept : ymd_(ymd) {}
  date::year_month_day ymd_{date::year{1970}, date::month{1}, date::day{1}};
};

/// @brief An inclusive range of days, first..last, never empty (first ≤ last).
class DateRange {
 public:
  /// @brief The single day 1970-01-01 (so that DateRange can live in containers).
  DateRange() noexcept = default;

  /// @brief The days first..last, both included.
  /// @throws Error `invalid_argument` when first is after last.
  DateRange(Date first, Date last);

  /// @brief Reads `YYYY-MM-DD..YYYY-MM-DD`, e.g. `2019-05-01..2019-06-30`; a single day is `2019-05-01..2019-05-01`.
  /// @throws Error `parse_error` for a malformed date, a missing `..`, or first after last.
  static DateRange parse(std::string_view text);

  /// @brief `first..last`, e.g. `2019-05-01..2019-06-30`.
  std::string to_string() const;

  /// @brief The first day (included).
  Date first() const noexcept { return first_; }
  /// @brief The last day (included).
  Date last() const noexcept { return last_; }
  /// @brief The first day, as for the period types.
  Date first_day() const noexcept { return first_; }
  /// @brief The last day, as for the period types.
  Date last_day() const noexcept { return last_; }
  /// @brief The range itself, as for the period types.
  DateRange range() const noexcept { return *this; }

  /// @brief Same first and last day.
  friend bool operator==(const DateRange& a, const DateRange& b) noexcept {
    return a.first_ == b.first_ && a.last_ == b.last_;
  }
  /// @brief Different first or last day.
  friend bool operator!=(const DateRange& a, const DateRange& b) noexcept { return !(a == b); }
  /// @brief Ordered by first day, then by last day.
  friend bool operator<(const DateRange& a, const DateRange& b) noexcept {
    return a.first_ < b.first_ || (a.first_ == b.first_ && a.last_ < b.last_);
  }
  /// @brief `b < a`.
  friend bool operator>(const DateRange& a, const DateRange& b) noexcept { return b < a; }
  /// @brief `!(b < a)`.
  friend bool operator<=(const DateRange& a, const DateRange& b) noexcept { return !(b < a); }
  /// @brief `!(a < b)`.
  friend bool operator>=(const DateRange& a, const DateRange& b) noexcept { return !(a < b); }

 private:
  Date first_;
  Date last_;
};

/// @brief Days in the range, both ends included: `days(2019Q1)` is 90, a single day is 1.
long days(const DateRange& range) noexcept;

/// @brief Days in both ranges (`days(a ∩ b)`), 0 when they are disjoint.
long overlap_days(const DateRange& a, const DateRange& b) noexcept;

/// @brief True when `day` is in `range` (ends included).
bool contains(const DateRange& range, Date day) noexcept;

/// @brief The days in both ranges, or nothing when they are disjoint.
std::optional<DateRange> intersect(const DateRange& a, const DateRange& b) noexcept;

class Quarter;
class Month;

/// @brief A calendar year, 1900..9999.
class Year {
 public:
  /// @brief 1970 (so that Year can live in containers).
  Year() noexcept = default;
  /// @brief The year `value`.
  /// @throws Error `invalid_argument` outside 1900..9999.
  explicit Year(int value);

  /// @brief Reads exactly four digits, e.g. `2019`.
  /// @throws Error `parse_error` otherwise (`19`, `2019 `, `+2019`, `1899`).
  static Year parse(std::string_view text);

  /// @brief The year as a number.
  int value() const noexcept { return value_; }
  /// @brief Four digits, e.g. `2019`.
  std::string to_string() const;
  /// @brief True for leap years (366 days).
  bool is_leap() const noexcept { return is_leap_year(value_); }

  /// @brief January 1st.
  Date first_day() const;
  /// @brief December 31st.
  Date last_day() const;
  /// @brief January 1st..December 31st.
  DateRange range() const;

  /// @brief The year before. @throws Error `invalid_argument` before 1900.
  Year previous() const;
  /// @brief The year after. @throws Error `invalid_argument` after 9999.
  Year next() const;

  /// @brief Same year.
  friend bool operator==(Year a, Year b) noexcept { return a.value_ == b.value_; }
  /// @brief Different years.
  friend bool operator!=(Year a, Year b) noexcept { return a.value_ != b.value_; }
  /// @brief Earlier.
  friend bool operator<(Year a, Year b) noexcept { return a.value_ < b.value_; }
  /// @brief Later.
  friend bool operator>(Year a, Year b) noexcept { return a.value_ > b.value_; }
  /// @brief Earlier or the same.
  friend bool operator<=(Year a, Year b) noexcept { return a.value_ <= b.value_; }
  /// @brief Later or the same.
  friend bool operator>=(Year a, Year b) noexcept { return a.value_ >= b.value_; }

 private:
  int value_ = 1970;
};

/// @brief A calendar quarter: Q1 = January..March, ..., Q4 = October..December.
///
/// 2019's quarters have 90, 91, 92 and 92 days; a leap year's Q1 has 91.
class Quarter {
 public:
  /// @brief 1970Q1 (so that Quarter can live in containers).
  Quarter() noexcept = default;
  /// @brief Quarter `number` of `year`.
  /// @param year 1900..9999.
  /// @param number 1..4.
  /// @throws Error `invalid_argument` when either is out of range.
  Quarter(int year, unsigned number);

  /// @brief Reads `YYYYQn` with an upper-case Q and n in 1..4, e.g. `2019Q2`.
  /// @throws Error `parse_error` otherwise (`2019Q5`, `2019q2`, `2019-Q2`, `2019Q02`).
  static Quarter parse(std::string_view text);

  /// @brief The year.
  int year() const noexcept { return year_; }
  /// @brief The quarter of the year, 1..4.
  unsigned number() const noexcept { return number_; }
  /// @brief `YYYYQn`, e.g. `2019Q2`.
  std::string to_string() const;

  /// @brief The quarter's first month (2019Q2 → 2019-04).
  Month first_month() const;
  /// @brief The quarter's last month (2019Q2 → 2019-06).
  Month last_month() const;
  /// @brief The first day (2019Q2 → 2019-04-01).
  Date first_day() const;
  /// @brief The last day (2019Q2 → 2019-06-30).
  Date last_day() const;
  /// @brief first_day()..last_day().
  DateRange range() const;

  /// @brief The quarter before (2019Q1 → 2018Q4). @throws Error `invalid_argument` before 1900Q1.
  Quarter previous() const;
  /// @brief The quarter after (2019Q4 → 2020Q1). @throws Error `invalid_argument` after 9999Q4.
  Quarter next() const;
  /// @brief The same quarter a year earlier (2019Q2 → 2018Q2), for year-on-year growth.
  /// @throws Error `invalid_argument` before 1900.
  Quarter same_quarter_last_year() const;

  /// @brief Same quarter.
  friend bool operator==(Quarter a, Quarter b) noexcept { return a.year_ == b.year_ && a.number_ == b.number_; }
  /// @brief Different quarters.
  friend bool operator!=(Quarter a, Quarter b) noexcept { return !(a == b); }
  /// @brief Earlier.
  friend bool operator<(Quarter a, Quarter b) noexcept {
    return a.year_ < b.year_ || (a.year_ == b.year_ && a.number_ < b.number_);
  }
  /// @brief Later.
  friend bool operator>(Quarter a, Quarter b) noexcept { return b < a; }
  /// @brief Earlier or the same.
  friend bool operator<=(Quarter a, Quarter b) noexcept { return !(b < a); }
  /// @brief Later or the same.
  friend bool operator>=(Quarter a, Quarter b) noexcept { return !(a < b); }

 private:
  int year_ = 1970;
  unsigned number_ = 1;
};

/// @brief A calendar month of a given year.
class Month {
 public:
  /// @brief 1970-01 (so that Month can live in containers).
  Month() noexcept = default;
  /// @brief Month `number` of `year`.
  /// @param year 1900..9999.
  /// @param number 1..12.
  /// @throws Error `invalid_argument` when either is out of range.
  Month(int year, unsigned number);

  /// @brief Reads `YYYY-MM` with a two-digit month, e.g. `2019-05`.
  /// @throws Error `parse_error` otherwise (`2019-13`, `2019-5`, `2019/05`).
  static Month parse(std::string_view text);

  /// @brief The year.
  int year() const noexcept { return year_; }
  /// @brief The month of the year, 1..12.
  unsigned number() const noexcept { return number_; }
  /// @brief `YYYY-MM`, e.g. `2019-05`.
  std::string to_string() const;

  /// @brief The quarter this month is in (2019-05 → 2019Q2).
  Quarter quarter() const;
  /// @brief The first day.
  Date first_day() const;
  /// @brief The last day (2019-02 → 2019-02-28, 2020-02 → 2020-02-29).
  Date last_day() const;
  /// @brief first_day()..last_day().
  DateRange range() const;

  /// @brief The month `n` months later (earlier for negative n). @throws Error `invalid_argument` outside 1900..9999.
  Month add_months(int n) const;
  /// @brief The month before. @throws Error `invalid_argument` before 1900-01.
  Month previous() const { return add_months(-1); }
  /// @brief The month after. @throws Error `invalid_argument` after 9999-12.
  Month next() const { return add_months(1); }

  /// @brief Same month.
  friend bool operator==(Month a, Month b) noexcept { return a.year_ == b.year_ && a.number_ == b.number_; }
  /// @brief Different months.
  friend bool operator!=(Month a, Month b) noexcept { return !(a == b); }
  /// @brief Earlier.
  friend bool operator<(Month a, Month b) noexcept {
    return a.year_ < b.year_ || (a.year_ == b.year_ && a.number_ < b.number_);
  }
  /// @brief Later.
  friend bool operator>(Month a, Month b) noexcept { return b < a; }
  /// @brief Earlier or the same.
  friend bool operator<=(Month a, Month b) noexcept { return !(b < a); }
  /// @brief Later or the same.
  friend bool operator>=(Month a, Month b) noexcept { return !(a < b); }

 private:
  int year_ = 1970;
  unsigned number_ = 1;
};

/// @brief The year a day is in.
Year year_of(Date day) noexcept;
/// @brief The quarter a day is in (2019-05-01 → 2019Q2).
Quarter quarter_of(Date day) noexcept;
/// @brief The month a day is in (2019-05-01 → 2019-05).
Month month_of(Date day) noexcept;

/// @brief Which kind of period a `Period` is; also the first ordering criterion of `Period`.
enum class PeriodKind : unsigned char {
  year,      ///< A calendar year, text `2019`.
  quarter,   ///< A calendar quarter, text `2019Q2`.
  month,     ///< A calendar month, text `2019-05`.
  timeless,  ///< No period: a fact that holds at all times (registered capital), text empty.
};

/// @brief `"year"`, `"quarter"`, `"month"` or `"timeless"`.
const char* to_string(PeriodKind kind) noexcept;

/// @brief A year, a quarter, a month, or timeless: the period a fact is about.
///
/// Periods order by kind first (every year before every quarter before every month,
/// timeless last), then by time. `key()` is a compact integer with the same order.
/// A timeless period has no days: `range()`, `first_day()` and `last_day()` throw
/// for it, so ask `is_timeless()` first when a period may be timeless.
class Period {
 public:
  /// @brief Timeless.
  Period() noexcept = default;
  /// @brief A year period. Implicit: a Year is a Period.
  Period(Year year) noexcept;  // NOLINT(google-explicit-constructor)
  /// @brief A quarter period. Implicit: a Quarter is a Period.
  Period(Quarter quarter) noexcept;  // NOLINT(google-explicit-constructor)
  /// @brief A month period. Implicit: a Month is a Period.
  Period(Month month) noexcept;  // NOLINT(google-explicit-constructor)

  /// @brief The timeless period (same as `Period()`).
  static Period timeless() noexcept { return Period(); }

  /// @brief Reads `2019` (year), `2019Q2` (quarter), `2019-05` (month) or empty text (timeless).
  /// @throws Error `parse_error` naming the text and why (`2019Q5`: quarter must be 1..4;
  ///         `2019-13`: month must be 01..12; `2019-05-01`: a date is not a period).
  static Period parse(std::string_view text);

  /// @brief The kind.
  PeriodKind kind() const noexcept { return kind_; }
  /// @brief True for the timeless period.
  bool is_timeless() const noexcept { return kind_ == PeriodKind::timeless; }
  /// @brief The text `parse` reads back: `2019`, `2019Q2`, `2019-05`, or empty for timeless.
  std::string to_string() const;

  /// @brief The year. @throws Error `invalid_argument` unless kind() is `year`.
  Year as_year() const;
  /// @brief The quarter. @throws Error `invalid_argument` unless kind() is `quarter`.
  Quarter as_quarter() const;
  /// @brief The month. @throws Error `invalid_argument` unless kind() is `month`.
  Month as_month() const;

  /// @brief The days of the period. @throws Error `invalid_argument` for timeless.
  DateRange range() const;
  /// @brief The first day. @throws Error `invalid_argument` for timeless.
  Date first_day() const { return range().first(); }
  /// @brief The last day. @throws Error `invalid_argument` for timeless.
  Date last_day() const { return range().last(); }

  /// @brief A unique integer per period, ordered as periods are (kind, then time).
  ///
  /// Readable in a debugger: kind × 1,000,000 + a code, where the code is `YYYY`
  /// for a year, `YYYYQ` for a quarter and `YYYYMM` for a month:
  /// 2019 → 2019, 2019Q2 → 1,020,192, 2019-05 → 2,201,905, timeless → 3,000,000.
  /// Part of the stable API: fact stores may persist it.
  std::int32_t key() const noexcept;
  /// @brief The period whose `key()` is `key`.
  /// @throws Error `invalid_argument` when no period has that key.
  static Period from_key(std::int32_t key);

  /// @brief Same period.
  friend bool operator==(const Period& a, const Period& b) noexcept { return a.key() == b.key(); }
  /// @brief Different periods.
  friend bool operator!=(const Period& a, const Period& b) noexcept { return a.key() != b.key(); }
  /// @brief Kind first, then time.
  friend bool operator<(const Period& a, const Period& b) noexcept { return a.key() < b.key(); }
  /// @brief `b < a`.
  friend bool operator>(const Period& a, const Period& b) noexcept { return a.key() > b.key(); }
  /// @brief `!(b < a)`.
  friend bool operator<=(const Period& a, const Period& b) noexcept { return a.key() <= b.key(); }
  /// @brief `!(a < b)`.
  friend bool operator>=(const Period& a, const Period& b) noexcept { return a.key() >= b.key(); }

 private:
  PeriodKind kind_ = PeriodKind::timeless;
  int year_ = 0;          // unused for timeless
  unsigned number_ = 0;   // quarter 1..4 or month 1..12; 0 for a year or timeless
};

/// @brief Writes `d.to_string()`.
std::ostream& operator<<(std::ostream& out, const Date& d);
/// @brief Writes `r.to_string()`.
std::ostream& operator<<(std::ostream& out, const DateRange& r);
/// @brief Writes `y.to_string()`.
std::ostream& operator<<(std::ostream& out, const Year& y);
/// @brief Writes `q.to_string()`.
std::ostream& operator<<(std::ostream& out, const Quarter& q);
/// @brief Writes `m.to_string()`.
std::ostream& operator<<(std::ostream& out, const Month& m);
/// @brief Writes `p.to_string()`, or `timeless` for the timeless period (empty output would be invisible).
std::ostream& operator<<(std::ostream& out, const Period& p);

}  // namespace duixian

namespace std {
/// @brief Hashing for unordered containers, from `Period::key()`.
template <>
struct hash<duixian::Period> {
  /// @brief The hash of `p.key()`.
  std::size_t operator()(const duixian::Period& p) const noexcept { return std::hash<std::int32_t>{}(p.key()); }
};
}  // namespace std
