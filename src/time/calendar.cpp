// BusinessCalendar: the reader of calendar files, the day rules, and the built-in China calendar.
#include "duixian/calendar.hpp"

#include <algorithm>
#include <cstring>

#include "duixian/error.hpp"
#include "support/file.hpp"

namespace duixian {

namespace detail {
// data/calendars/cn.calendar, embedded at build time (src/calendar_data.cpp.in) so that
// china() needs no files at run time: an installed library may not find data/.
extern const std::string_view kChinaCalendar;
}  // namespace detail

namespace {

std::int32_t day_number(Date d) noexcept { return d.sys_days().time_since_epoch().count(); }

[[noreturn]] void fail(std::string_view source, std::size_t line, const std::string& why) {
  throw Error(ErrorCode::parse_error, std::string(source) + ":" + std::to_string(line) + ": " + why);
}

// An Error's message without the "parse_error: " prefix that Error adds, to re-wrap it with file:line.
std::string reason(const Error& e) {
  return std::string(e.message());
}

bool is_blank(char c) noexcept { return c == ' ' || c == '\t'; }

// Splits off the next word (space or tab separated) from the front of `rest`.
std::string_view next_word(std::string_view& rest) noexcept {
  std::size_t i = 0;
  while (i < rest.size() && is_blank(rest[i])) ++i;
  std::size_t j = i;
  while (j < rest.size() && !is_blank(rest[j])) ++j;
  const std::string_view word = rest.substr(i, j - i);
  rest.remove_prefix(j);
  return word;
}

std::string_view trimmed(std::string_view s) noexcept {
  while (!s.empty() && is_blank(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_blank(s.back())) s.remove_suffix(1);
  return s;
}

bool is_weekend(Date d) noexcept {
  const date::weekday w = d.weekday();
  return w == date::Saturday || w == date::Sunday;
}

const char* weekday_name(Date d) noexcept {
  static constexpr const char* kNames[] = {"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"};
  return kNames[d.weekday().c_encoding()];
}

}  // namespace

BusinessCalendar BusinessCalendar::parse(std::string_view text, std::string_view source_name) {
  BusinessCalendar cal;
  cal.source_ = std::string(source_name);
  std::map<int, std::size_t> year_lines;  // declared year → its line, for "declared twice"
  int section = 0;                        // the year of the last `year` line; 0 before the first
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);

  std::size_t line_no = 0;
  for (std::size_t pos = 0; pos <= text.size();) {
    std::size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(pos, end - pos);
    pos = end + 1;
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (const std::size_t hash = line.find('#'); hash != std::string_view::npos) line = line.substr(0, hash);

    std::string_view rest = line;
    const std::string_view keyword = next_word(rest);
    if (keyword.empty()) continue;
    const std::string_view operand = next_word(rest);
    auto error = [&](const std::string& why) { fail(source_name, line_no, why); };

    if (keyword == "year") {
      if (operand.empty()) error("a year line needs a year, e.g. \"year 2019\"");
      if (!trimmed(rest).empty()) error("unexpected text \"" + std::string(trimmed(rest)) + "\" after the year");
      int y = 0;
      try {
        y = Year::parse(operand).value();
      } catch (const Error& e) {
        error(reason(e));
      }
      if (const auto it = year_lines.find(y); it != year_lines.end()) {
        error("year " + std::to_string(y) + " is declared twice (first on line " + std::to_string(it->second) + ")");
      }
      year_lines.emplace(y, line_no);
      section = y;
      continue;
    }

    const bool working = keyword == "workday";
    if (!working && keyword != "holiday") {
      error("unknown statement \"" + std::string(keyword) + "\" (expected year, holiday or workday)");
    }
    if (section == 0) error("a " + std::string(keyword) + " line must follow a year line");
    if (operand.empty()) error("a " + std::string(keyword) + " line needs a date or a range FIRST..LAST");
    DateRange range;
    try {
      range = operand.find("..") != std::string_view::npos
                  ? DateRange::parse(operand)
                  : DateRange(Date::parse(operand), Date::parse(operand));
    } catch (const Error& e) {
      error(reason(e));
    }
    // A schedule reaches at most into the neighbouring December and January; further is a typo.
    const DateRange window(section > Date::min_year ? Date::from_ymd(section - 1, 12, 1) : Year(section).first_day(),
                           section < Date::max_year ? Date::from_ymd(section + 1, 1, 31) : Year(section).last_day());
    if (!contains(window, range.first()) || !contains(window, range.last())) {
      error(std::string(operand) + " is outside year " + std::to_string(section) +
            "'s schedule, which may reach only into the December before and the January after");
    }
    const std::string name(trimmed(rest));
    for (Date d = range.first();; d = d.add_days(1)) {
      if (working && !is_weekend(d)) {
        error(d.to_string() + " is a " + weekday_name(d) +
              ", a working day already; a workday line is for a Saturday or Sunday");
      }
      const auto [it, added] = cal.entries_.emplace(day_number(d), Entry{working, name, line_no});
      if (!added) error(d.to_string() + " is already listed on line " + std::to_string(it->second.line));
      if (d == range.last()) break;
    }
  }
  for (const auto& [y, line] : year_lines) cal.years_.push_back(y);
  return cal;
}

BusinessCalendar BusinessCalendar::load(const std::string& path) { return parse(read_file(path), path); }

std::string_view BusinessCalendar::china_text() noexcept { return detail::kChinaCalendar; }

BusinessCalendar BusinessCalendar::china() {
  static const BusinessCalendar cal = parse(detail::kChinaCalendar, "cn.calendar");
  return cal;
}

bool BusinessCalendar::covers(int year) const noexcept { return std::binary_search(years_.begin(), years_.end(), year); }

bool BusinessCalendar::is_business_day(Date day) const {
  if (const auto it = entries_.find(day_number(day)); it != entries_.end()) return it->second.working;
  if (!covers(day.year())) {
    std::string covered;
    for (const int y : years_) covered += (covered.empty() ? "" : ", ") + std::to_string(y);
    throw Error(ErrorCode::invalid_argument,
                "the calendar \"" + source_ + "\" does not know whether " + day.to_string() +
                    " is a business day: it does not cover " + std::to_string(day.year()) + " (it covers " +
                    (covered.empty() ? std::string("no year") : covered) + ")");
  }
  return !is_weekend(day);
}

std::optional<std::string> BusinessCalendar::listed_name(Date day) const {
  if (const auto it = entries_.find(day_number(day)); it != entries_.end()) return it->second.name;
  return std::nullopt;
}

Date BusinessCalendar::next_business_day(Date day) const {
  // Terminates: a covered year has business days, and an uncovered day throws.
  do {
    day = day.add_days(1);
  } while (!is_business_day(day));
  return day;
}

Date BusinessCalendar::previous_business_day(Date day) const {
  do {
    day = day.add_days(-1);
  } while (!is_business_day(day));
  return day;
}

Date BusinessCalendar::roll_forward(Date day) const { return is_business_day(day) ? day : next_business_day(day); }

Date BusinessCalendar::roll_backward(Date day) const {
  return is_business_day(day) ? day : previous_business_day(day);
}

Date BusinessCalendar::add_business_days(Date day, int n) const {
  if (n == 0) return roll_forward(day);
  for (; n > 0; --n) day = next_business_day(day);
  for (; n < 0; ++n) day = previous_business_day(day);
  return day;
}

Date scheduled_payment_date(const Quarter& quarter, const PaymentDateRule& rule) {
  if (rule.day_of_month < 1 || rule.day_of_month > 31) {
    throw Error(ErrorCode::invalid_argument,
                "a payment day of the month must be 1..31, not " + std::to_string(rule.day_of_month));
  }
  if (rule.months_after_quarter_end < 0) {
    throw Error(ErrorCode::invalid_argument, "a payment cannot be due before its quarter ends (months_after_quarter_end " +
                                                 std::to_string(rule.months_after_quarter_end) + ")");
  }
  const Month month = quarter.last_month().add_months(rule.months_after_quarter_end);
  const auto day = std::min(static_cast<unsigned>(rule.day_of_month), month.last_day().day());
  return Date::from_ymd(month.year(), month.number(), day);
}

Date payment_date(const Quarter& quarter, const PaymentDateRule& rule, const BusinessCalendar& calendar) {
  return calendar.roll_forward(scheduled_payment_date(quarter, rule));
}

}  // namespace duixian
