// Day counts and interest accrual, each expected value worked out by hand in its comment.
#include <gtest/gtest.h>

#include "duixian/day_count.hpp"
#include "duixian/error.hpp"

namespace duixian {
namespace {

Decimal dec(const char* text) { return Decimal::parse(text); }
DateRange r(const char* text) { return DateRange::parse(text); }
constexpr auto half_up = RoundingMode::half_up;

TEST(DayCount, NamesRoundTrip) {
  for (DayCount dc : {DayCount::act_360, DayCount::act_365f, DayCount::act_act}) {
    EXPECT_EQ(parse_day_count(to_string(dc)), dc);
  }
  EXPECT_STREQ(to_string(DayCount::act_360), "ACT/360");
  EXPECT_STREQ(to_string(DayCount::act_365f), "ACT/365F");
  EXPECT_STREQ(to_string(DayCount::act_act), "ACT/ACT");
  for (const char* bad : {"", "act/360", "ACT/365", "ACT/ACT ", "30/360", "ACT360"}) {
    EXPECT_FALSE(parse_day_count(bad).has_value()) << bad;
  }
}

TEST(DayCount, YearFractionsAreExact) {
  const DateRange q1 = Quarter(2019, 1).range();  // 90 days
  auto frac = year_fraction(q1, DayCount::act_360);
  EXPECT_EQ(frac.numerator, 90);
  EXPECT_EQ(frac.denominator, 360);
  frac = year_fraction(q1, DayCount::act_365f);
  EXPECT_EQ(frac.numerator, 90);
  EXPECT_EQ(frac.denominator, 365);
  frac = year_fraction(q1, DayCount::act_act);  // common year only: 90/365
  EXPECT_EQ(frac.numerator, 90);
  EXPECT_EQ(frac.denominator, 365);
  frac = year_fraction(Quarter(2020, 1).range(), DayCount::act_act);  // leap year only: 91/366
  EXPECT_EQ(frac.numerator, 91);
  EXPECT_EQ(frac.denominator, 366);
  frac = year_fraction(Quarter(2020, 1).range(), DayCount::act_365f);  // F: 365 even in a leap year
  EXPECT_EQ(frac.numerator, 91);
  EXPECT_EQ(frac.denominator, 365);
  // 2019-12-01..2020-01-31: 31 common days and 31 leap days:
  // 31/365 + 31/366 = (31·366 + 31·365) / (365·366) = (11346 + 11315) / 133590 = 22661 / 133590.
  frac = year_fraction(r("2019-12-01..2020-01-31"), DayCount::act_act);
  EXPECT_EQ(frac.numerator, 22661);
  EXPECT_EQ(frac.denominator, 133590);
  // Three calendar years: 2019-12-31 (1 common), all of 2020 (366 leap), 2021-01-01 (1 common):
  // (366·365 + 2·366) / 133590 = 134322 / 133590.
  frac = year_fraction(r("2019-12-31..2021-01-01"), DayCount::act_act);
  EXPECT_EQ(frac.numerator, 134322);
  EXPECT_EQ(frac.denominator, 133590);
}

TEST(DayCount, Act360AccruesTheWorkloadLoanSubsidy) {
  // R7: round(amount × 1.5% × days(L ∩ q) / 360). Loan 10,000,000.00 from 2019-03-15.
  const DateRange loan = r("2019-03-15..2020-03-14");
  const auto in = [&](unsigned q) { return *intersect(loan, Quarter(2019, q).range()); };
  // Q1: 03-15..03-31 = 17 days. 10,000,000 × 0.015 = 150,000; × 17 / 360 = 7083.333… → 7083.33.
  EXPECT_EQ(accrue(dec("10000000.00"), dec("0.015"), in(1), DayCount::act_360, 2, half_up), dec("7083.33"));
  // Q2: 91 days. 150,000 × 91 / 360 = 37916.666… → 37916.67.
  EXPECT_EQ(accrue(dec("10000000.00"), dec("0.015"), in(2), DayCount::act_360, 2, half_up), dec("37916.67"));
  // 1,000,000.00 at 4.35% for 2019Q1 (90 days): 43,500 × 90 / 360 = 10875 exactly.
  const Decimal q1 = accrue(dec("1000000.00"), dec("0.0435"), Quarter(2019, 1).range(), DayCount::act_360, 2, half_up);
  EXPECT_EQ(q1.to_string(), "10875.00");
}

TEST(DayCount, Act365FAndActAct) {
  // 1,000,000 × 3.65% × 92 / 365 = 36,500 × 92 / 365 = 9200.00 (2019Q3, 92 days).
  EXPECT_EQ(accrue(dec("1000000"), dec("0.0365"), Quarter(2019, 3).range(), DayCount::act_365f, 2, half_up),
            dec("9200.00"));
  // ACT/ACT over 2019-12-01..2020-01-31: 1,000,000 × 5% × 22661 / 133590
  // = 1,133,050,000 / 133590 = 8481.548… → 8481.55.
  EXPECT_EQ(accrue(dec("1000000"), dec("0.05"), r("2019-12-01..2020-01-31"), DayCount::act_act, 2, half_up),
            dec("8481.55"));
  // ACT/ACT within a leap year: 36,600 × 91 / 366 = 9100.00 (2020Q1, 91 days, 3.66%).
  EXPECT_EQ(accrue(dec("1000000"), dec("0.0366"), Quarter(2020, 1).range(), DayCount::act_act, 2, half_up),
            dec("9100.00"));
}

TEST(DayCount, RoundsOnceAndHonoursTheMode) {
  // 1,234,567.89 × 4.35% × 91 / 360 = 13575.102757125 → 13575.10.
  // Rounding the daily interest first (149.176953375 → 149.18) and multiplying by 91 would give 13575.38.
  EXPECT_EQ(accrue(dec("1234567.89"), dec("0.0435"), Quarter(2019, 2).range(), DayCount::act_360, 2, half_up),
            dec("13575.10"));
  // A tie: 100 × 9% × 1 / 360 = 0.025 exactly.
  const DateRange one_day = r("2019-05-01..2019-05-01");
  EXPECT_EQ(accrue(dec("100"), dec("0.09"), one_day, DayCount::act_360, 2, RoundingMode::half_up), dec("0.03"));
  EXPECT_EQ(accrue(dec("100"), dec("0.09"), one_day, DayCount::act_360, 2, RoundingMode::half_even), dec("0.02"));
  EXPECT_EQ(accrue(dec("100"), dec("0.09"), one_day, DayCount::act_360, 2, RoundingMode::down), dec("0.02"));
  // A recovery is the mirror image: -7083.333… → -7083.33.
  const DateRange days17 = r("2019-03-15..2019-03-31");
  EXPECT_EQ(accrue(dec("-10000000.00"), dec("0.015"), days17, DayCount::act_360, 2, half_up), dec("-7083.33"));
  // Places are the result's scale: to whole yuan, 7083.33… → 7083.
  EXPECT_EQ(accrue(dec("10000000.00"), dec("0.015"), days17, DayCount::act_360, 0, half_up).to_string(), "7083");
  EXPECT_THROW(accrue(dec("1"), dec("0.01"), days17, DayCount::act_360, 39, half_up), Error);
}

}  // namespace
}  // namespace duixian
