#pragma once
/// @file
/// @brief Integer calendar arithmetic for the generator (days since 1970-01-01).
///
/// The generator and its census work on day numbers, not on `duixian::Date`, so that
/// the census is an independent computation from the library it is meant to test.
/// Algorithms from Howard Hinnant, "chrono-Compatible Low-Level Date Algorithms".

#include <cstdint>
#include <string>

namespace duixian::datagen {

/// @brief A day as a count since 1970-01-01.
using Day = std::int64_t;

/// @brief Gregorian leap year.
constexpr bool leap(std::int64_t y) noexcept { return y % 4 == 0 && (y % 100 != 0 || y % 400 == 0); }

/// @brief Days in month m (1..12) of year y.
constexpr unsigned month_days(std::int64_t y, unsigned m) noexcept {
  constexpr unsigned table[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && leap(y) ? 29 : table[m - 1];
}

/// @brief The day number of y-m-d (a valid date).
constexpr Day civil(std::int64_t y, unsigned m, unsigned d) noexcept {
  y -= m <= 2 ? 1 : 0;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<Day>(doe) - 719468;
}

/// @brief Year, month and day of a day number.
struct Ymd {
  std::int64_t y;  ///< Year.
  unsigned m;      ///< Month 1..12.
  unsigned d;      ///< Day 1..31.
};

/// @brief The calendar date of a day number.
constexpr Ymd ymd_of(Day z) noexcept {
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const auto doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  return {static_cast<std::int64_t>(yoe) + era * 400 + (m <= 2 ? 1 : 0), m, d};
}

/// @brief `day` plus n calendar years; 29 February in a common year becomes 28 February.
constexpr Day add_years(Day day, int n) noexcept {
  const Ymd t = ymd_of(day);
  const std::int64_t y = t.y + n;
  const unsigned last = month_days(y, t.m);
  return civil(y, t.m, t.d > last ? last : t.d);
}

/// @brief `day` plus n calendar months, clamped to the end of the month.
constexpr Day add_months(Day day, int n) noexcept {
  const Ymd t = ymd_of(day);
  const std::int64_t months = t.y * 12 + (t.m - 1) + n;
  const std::int64_t y = months / 12;
  const auto m = static_cast<unsigned>(months % 12 + 1);
  const unsigned last = month_days(y, m);
  return civil(y, m, t.d > last ? last : t.d);
}

/// @brief First day of quarter q (1..4) of year y.
constexpr Day quarter_first(std::int64_t y, unsigned q) noexcept { return civil(y, 3 * q - 2, 1); }
/// @brief Last day of quarter q (1..4) of year y.
constexpr Day quarter_last(std::int64_t y, unsigned q) noexcept {
  return q == 4 ? civil(y, 12, 31) : quarter_first(y, q + 1) - 1;
}

/// @brief Days in both inclusive ranges [a0, a1] and [b0, b1]; 0 when disjoint.
constexpr std::int64_t overlap(Day a0, Day a1, Day b0, Day b1) noexcept {
  const Day lo = a0 > b0 ? a0 : b0;
  const Day hi = a1 < b1 ? a1 : b1;
  return hi < lo ? 0 : hi - lo + 1;
}

/// @brief True when `day` is the first or the last day of a calendar quarter.
constexpr bool on_quarter_boundary(Day day) noexcept {
  const Ymd t = ymd_of(day);
  const unsigned q = (t.m - 1) / 3 + 1;
  return day == quarter_first(t.y, q) || day == quarter_last(t.y, q);
}

/// @brief Appends `YYYY-MM-DD` (years 1000..9999).
void append_date(std::string& out, Day day);

}  // namespace duixian::datagen
