#pragma once
/// @file
/// @brief Day-count conventions and exact interest accrual (贴息: interest subsidies).
///
/// A day count turns a range of days into a fraction of a year:
///
/// | convention | year fraction of a range R                                      |
/// |------------|-----------------------------------------------------------------|
/// | ACT/360    | days(R) / 360                                                   |
/// | ACT/365F   | days(R) / 365                                                   |
/// | ACT/ACT    | (ISDA) days of R in leap years / 366 + days in other years / 365 |
///
/// Days are counted as Duixian counts them everywhere: the range is inclusive at
/// both ends, so a quarter accrues 90, 91 or 92 days (2019Q1 at ACT/360 is 90/360).
/// The interest of a loan L for quarter q is therefore
/// `accrue(amount, rate, *intersect(L, q.range()), ...)`, i.e. round(amount × rate × days(L ∩ q) / 360).
///
/// The fraction is kept exact (`YearFraction`) and the interest is rounded once.

#include <optional>
#include <string_view>

#include "duixian/decimal.hpp"
#include "duixian/period.hpp"
#include "duixian/rounding.hpp"

namespace duixian {

/// @brief A day-count convention.
enum class DayCount : unsigned char {
  act_360,   ///< Actual days / 360 (RMB loans: daily rate = annual rate / 360).
  act_365f,  ///< Actual days / 365, whatever the year ("F" for fixed).
  act_act,   ///< ACT/ACT ISDA: days in leap years / 366 + days in other years / 365.
};

/// @brief The convention's usual name: `"ACT/360"`, `"ACT/365F"` or `"ACT/ACT"`.
const char* to_string(DayCount dc) noexcept;

/// @brief Reads a convention from its name as `to_string` writes it (exact spelling only).
/// @return the convention, or `std::nullopt` for any other text (`act/360`, `ACT/365`, ...).
std::optional<DayCount> parse_day_count(std::string_view name) noexcept;

/// @brief An exact year fraction numerator / denominator (denominator > 0), not reduced.
///
/// For ACT/360 it is days/360, for ACT/365F days/365; for ACT/ACT it is days/365 or
/// days/366 when the range lies in common or in leap years only, and otherwise
/// (d_leap × 365 + d_common × 366) / (365 × 366) — the same value as the ISDA sum.
struct YearFraction {
  long numerator = 0;    ///< Days, possibly weighted (ACT/ACT across a leap and a common year).
  long denominator = 1;  ///< 360, 365, 366 or 133590 (365 × 366).
};

/// @brief The exact year fraction of `period` (both ends included) under `dc`.
YearFraction year_fraction(const DateRange& period, DayCount dc) noexcept;

/// @brief principal × annual_rate × year_fraction(period, dc), rounded once to `places`.
///
/// Exact until the single rounding (`mul_div`), so no intermediate rounding error can
/// reach the result. Example: 1,000,000.00 at 4.35% for 2019Q1 (90 days) at ACT/360
/// is 1000000 × 0.0435 × 90 / 360 = 10875.00.
/// @param principal the amount the interest is on (may be negative, for a recovery).
/// @param annual_rate the yearly rate as a fraction (`0.015` for 1.5%).
/// @param period the days that accrue, both ends included.
/// @param dc the day-count convention.
/// @param places digits after the point of the result (2 for fen).
/// @param mode how the single rounding goes.
/// @throws Error as `mul_div` (`overflow` when the product needs more than 38 digits,
///         `invalid_argument` for places outside -38..38).
Decimal accrue(const Decimal& principal, const Decimal& annual_rate, const DateRange& period, DayCount dc, int places,
               RoundingMode mode);

}  // namespace duixian
