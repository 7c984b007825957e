#pragma once
/// @file
/// @brief Business days from data: weekends, public holidays and make-up working days (调休).
///
/// A `BusinessCalendar` is read from a small text file (format in
/// `data/calendars/README.md`):
///
///     year 2019                                 # the complete 2019 schedule follows
///     holiday 2018-12-30..2019-01-01 元旦        # days off (ends included)
///     workday 2018-12-29 元旦调休                 # a Saturday or Sunday that is worked
///
/// How a day is decided:
/// - a day listed in the file is what the file says (a holiday, or a working day);
/// - otherwise, in a year the file declares with `year`, Saturday and Sunday are days
///   off and Monday to Friday are working days;
/// - any other day is unknown, and asking about it throws `Error` (`invalid_argument`)
///   rather than guessing. So the shipped China calendar answers for 2018-12-29..31
///   (listed in the 2019 schedule) but not for 2018-12-28, and not for 2021.
///
/// Examples (China, 2019): 2019-02-02 is a working Saturday; 2019-10-07, a Monday,
/// is a holiday; the day after 2019-09-30 that is a business day is 2019-10-08.

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "duixian/period.hpp"

namespace duixian {

/// @brief Which days are business days, for the years a data file covers.
class BusinessCalendar {
 public:
  /// @brief Reads a calendar from text.
  /// @param text the file's contents (UTF-8; a leading byte-order mark and CRLF line ends are accepted).
  /// @param source_name the name used in error messages and by `source_name()`, usually the path.
  /// @throws Error `parse_error` with the message `source_name:line: why`, e.g.
  ///         `cn.calendar:9: unknown statement "holliday" (expected year, holiday or workday)`.
  static BusinessCalendar parse(std::string_view text, std::string_view source_name);

  /// @brief Reads a calendar file; errors are named by `path`.
  /// @throws Error `invalid_argument` when the file cannot be read; `parse_error` as `parse`.
  static BusinessCalendar load(const std::string& path);

  /// @brief Mainland China, 2019 and 2020 (and the 2018 days the 2019 schedule lists).
  ///
  /// Built in: the library carries a copy of `data/calendars/cn.calendar`, so it
  /// needs no data files at run time. Its `source_name()` is `cn.calendar`.
  static BusinessCalendar china();

  /// @brief The text `china()` reads: the built-in copy of `data/calendars/cn.calendar`,
  ///        for a host that wants to show it or start its own file from it.
  static std::string_view china_text() noexcept;

  /// @brief The name given to `parse` (the path for `load`).
  const std::string& source_name() const noexcept { return source_; }
  /// @brief The years the file declares, ascending.
  const std::vector<int>& years() const noexcept { return years_; }
  /// @brief True when the file declares `year`, i.e. every day of that year is known.
  bool covers(int year) const noexcept;

  /// @brief True for a working day, false for a weekend day or holiday.
  /// @throws Error `invalid_argument` when the day is not known (see the file comment).
  bool is_business_day(Date day) const;
  /// @brief The name on the file's line for this day (`国庆节`, `春节调休`; empty when the line has none),
  ///        or nothing for a day the file does not list.
  std::optional<std::string> listed_name(Date day) const;

  /// @brief The first business day strictly after `day`.
  /// @throws Error `invalid_argument` when the search reaches a day that is not known.
  Date next_business_day(Date day) const;
  /// @brief The last business day strictly before `day`.
  /// @throws Error `invalid_argument` when the search reaches a day that is not known.
  Date previous_business_day(Date day) const;
  /// @brief `day` when it is a business day, otherwise the next one ("following").
  /// @throws Error `invalid_argument` when a day on the way is not known.
  Date roll_forward(Date day) const;
  /// @brief `day` when it is a business day, otherwise the previous one ("preceding").
  /// @throws Error `invalid_argument` when a day on the way is not known.
  Date roll_backward(Date day) const;

  /// @brief Moves `n` business days: `n` > 0 forward, `n` < 0 backward.
  ///
  /// Counting starts after (or before) `day`, which need not be a business day itself:
  /// from Friday 2019-09-27, +1 is Sunday 2019-09-29 (a make-up working day) and +2 is
  /// 2019-09-30. `n` = 0 gives `roll_forward(day)`, as QuantLib's `advance` does.
  /// @throws Error `invalid_argument` when a day on the way is not known.
  Date add_business_days(Date day, int n) const;

 private:
  struct Entry {
    bool working;      // true for a workday line, false for a holiday line
    std::string name;  // the rest of the line, possibly empty
    std::size_t line;  // for "listed twice" messages
  };
  std::string source_;
  std::vector<int> years_;
  std::map<std::int32_t, Entry> entries_;  // by day number since 1970-01-01
};

/// @brief When a quarter's amount is paid: a day of a month some months after the quarter ends.
///
/// The default is "the 15th of the month after the quarter ends": 2019Q3 → 2019-10-15.
/// A day past the month's end is clamped to it (31 in April is 04-30), and the date is
/// then moved forward to a business day (`BusinessCalendar::roll_forward`).
struct PaymentDateRule {
  int day_of_month = 15;             ///< 1..31; clamped to the month's last day.
  int months_after_quarter_end = 1;  ///< 0 = the quarter's last month, 1 = the month after, ...
};

/// @brief The date the rule names for `quarter`, before moving it to a business day.
/// @throws Error `invalid_argument` for a day_of_month outside 1..31 or negative months_after_quarter_end.
Date scheduled_payment_date(const Quarter& quarter, const PaymentDateRule& rule);

/// @brief `calendar.roll_forward(scheduled_payment_date(quarter, rule))`.
///
/// 2019Q3 → 2019-10-15 (a Tuesday); 2019Q4 → 2020-01-15; with `day_of_month = 1`,
/// 2019Q3 → 2019-10-01 is National Day, so the payment moves to 2019-10-08.
/// @throws Error `invalid_argument` for a bad rule or a day the calendar does not know.
Date payment_date(const Quarter& quarter, const PaymentDateRule& rule, const BusinessCalendar& calendar);

}  // namespace duixian
