// Text of dates and periods: strict readers and the writers they round-trip with.
// Hand-written because date::parse("%F") accepts 2019-5-1 and stops before trailing text.
#include <cstddef>
#include <string>
#include <string_view>

#include "duixian/error.hpp"
#include "support/quoted.hpp"
#include "duixian/period.hpp"

namespace duixian {

namespace {

using detail::quoted;

[[noreturn]] void reject(std::string_view text, const char* what, const std::string& why) {
  throw Error(ErrorCode::parse_error, quoted(text) + " is not " + what + ": " + why);
}

// n ASCII digits at pos, read into out; false for anything else (including a short text).
bool digits_at(std::string_view s, std::size_t pos, std::size_t n, unsigned& out) noexcept {
  if (pos + n > s.size()) return false;
  unsigned v = 0;
  for (std::size_t i = pos; i < pos + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    v = v * 10 + static_cast<unsigned>(s[i] - '0');
  }
  out = v;
  return true;
}

bool char_at(std::string_view s, std::size_t pos, char c) noexcept { return pos < s.size() && s[pos] == c; }

// Shared by Year, Quarter, Month and Date so that they word the year rule alike.
std::string year_problem(unsigned y) {
  if (y < static_cast<unsigned>(Date::min_year) || y > static_cast<unsigned>(Date::max_year)) {
    return "year must be " + std::to_string(Date::min_year) + ".." + std::to_string(Date::max_year);
  }
  return {};
}

std::string month_problem(unsigned m) { return (m < 1 || m > 12) ? "month must be 01..12" : std::string(); }

void append_digits(std::string& out, unsigned value, int width) {
  char buf[8];
  for (int i = width - 1; i >= 0; --i) {
    buf[i] = static_cast<char>('0' + value % 10);
    value /= 10;
  }
  out.append(buf, static_cast<std::size_t>(width));
}

// Why `text` is not YYYY-MM-DD, or empty when it is (and then `out` holds it).
std::string date_problem(std::string_view text, Date& out) {
  if (text.empty()) return "the text is empty (expected YYYY-MM-DD)";
  unsigned y = 0, m = 0, d = 0;
  const bool shape = digits_at(text, 0, 4, y) && char_at(text, 4, '-') && digits_at(text, 5, 2, m) &&
                     char_at(text, 7, '-') && digits_at(text, 8, 2, d);
  if (!shape) return "expected YYYY-MM-DD (four-digit year, two-digit month and day, e.g. 2019-05-01)";
  if (text.size() > 10) return "unexpected text " + quoted(text.substr(10)) + " after YYYY-MM-DD";
  if (auto why = year_problem(y); !why.empty()) return why;
  if (auto why = month_problem(m); !why.empty()) return why;
  if (d < 1 || d > 31) return "day must be 01..31";
  const auto year = static_cast<int>(y);
  const auto last = static_cast<unsigned>((date::year{year} / date::month{m} / date::last).day());
  if (d > last) {
    std::string month_text;
    append_digits(month_text, y, 4);
    month_text += '-';
    append_digits(month_text, m, 2);
    if (m == 2 && d == 29) return std::to_string(y) + " is not a leap year (" + month_text + " has 28 days)";
    return month_text + " has " + std::to_string(last) + " days";
  }
  out = Date::from_ymd(year, m, d);
  return {};
}

}  // namespace

// ---- Date and DateRange ----

Date Date::parse(std::string_view text) {
  Date d;
  if (auto why = date_problem(text, d); !why.empty()) reject(text, "a date", why);
  return d;
}

std::string Date::to_string() const {
  std::string s;
  s.reserve(10);
  append_digits(s, static_cast<unsigned>(year()), 4);
  s += '-';
  append_digits(s, month(), 2);
  s += '-';
  append_digits(s, day(), 2);
  return s;
}

DateRange DateRange::parse(std::string_view text) {
  constexpr const char* what = "a date range";
  const std::size_t dots = text.find("..");
  if (dots == std::string_view::npos) {
    reject(text, what, "expected FIRST..LAST with two YYYY-MM-DD dates (e.g. 2019-05-01..2019-06-30)");
  }
  Date first, last;
  if (auto why = date_problem(text.substr(0, dots), first); !why.empty()) {
    reject(text, what, "first day " + quoted(text.substr(0, dots)) + ": " + why);
  }
  if (auto why = date_problem(text.substr(dots + 2), last); !why.empty()) {
    reject(text, what, "last day " + quoted(text.substr(dots + 2)) + ": " + why);
  }
  if (last < first) reject(text, what, "the first day is after the last day");
  return DateRange(first, last);
}

std::string DateRange::to_string() const { return first_.to_string() + ".." + last_.to_string(); }

// ---- Year, Quarter, Month ----

Year Year::parse(std::string_view text) {
  constexpr const char* what = "a year";
  unsigned y = 0;
  if (text.size() != 4 || !digits_at(text, 0, 4, y)) reject(text, what, "expected four digits YYYY (e.g. 2019)");
  if (auto why = year_problem(y); !why.empty()) reject(text, what, why);
  return Year(static_cast<int>(y));
}

std::string Year::to_string() const {
  std::string s;
  append_digits(s, static_cast<unsigned>(value_), 4);
  return s;
}

Quarter Quarter::parse(std::string_view text) {
  constexpr const char* what = "a quarter";
  unsigned y = 0, q = 0;
  if (text.size() == 6 && digits_at(text, 0, 4, y) && char_at(text, 4, 'q') && digits_at(text, 5, 1, q)) {
    reject(text, what, "the Q must be upper-case (e.g. 2019Q2)");
  }
  if (text.size() != 6 || !digits_at(text, 0, 4, y) || !char_at(text, 4, 'Q') || !digits_at(text, 5, 1, q)) {
    reject(text, what, "expected YYYYQn with n in 1..4 (e.g. 2019Q2)");
  }
  if (auto why = year_problem(y); !why.empty()) reject(text, what, why);
  if (q < 1 || q > 4) reject(text, what, "quarter must be 1..4");
  return Quarter(static_cast<int>(y), q);
}

std::string Quarter::to_string() const {
  std::string s;
  append_digits(s, static_cast<unsigned>(year_), 4);
  s += 'Q';
  append_digits(s, number_, 1);
  return s;
}

Month Month::parse(std::string_view text) {
  constexpr const char* what = "a month";
  unsigned y = 0, m = 0;
  if (text.size() != 7 || !digits_at(text, 0, 4, y) || !char_at(text, 4, '-') || !digits_at(text, 5, 2, m)) {
    reject(text, what, "expected YYYY-MM with a two-digit month (e.g. 2019-05)");
  }
  if (auto why = year_problem(y); !why.empty()) reject(text, what, why);
  if (auto why = month_problem(m); !why.empty()) reject(text, what, why);
  return Month(static_cast<int>(y), m);
}

std::string Month::to_string() const {
  std::string s;
  append_digits(s, static_cast<unsigned>(year_), 4);
  s += '-';
  append_digits(s, number_, 2);
  return s;
}

// ---- Period ----

Period Period::parse(std::string_view text) {
  // Dispatch on shape, then let the type's own reader word the precise reason.
  if (text.empty()) return Period();
  if (text.size() >= 5 && (text[4] == 'Q' || text[4] == 'q')) return Quarter::parse(text);
  if (text.size() == 7 && text[4] == '-') return Month::parse(text);
  if (text.size() == 4) return Year::parse(text);
  Date ignored;
  const std::string hint = date_problem(text, ignored).empty() || text.find("..") != std::string_view::npos
                               ? "; a date or a date range is not a period"
                               : "";
  reject(text, "a period",
         "expected YYYY (a year), YYYYQn (a quarter), YYYY-MM (a month) or empty text (timeless)" + hint);
}

std::string Period::to_string() const {
  switch (kind_) {
    case PeriodKind::year: return Year(year_).to_string();
    case PeriodKind::quarter: return Quarter(year_, number_).to_string();
    case PeriodKind::month: return Month(year_, number_).to_string();
    case PeriodKind::timeless: break;
  }
  return {};
}

}  // namespace duixian
