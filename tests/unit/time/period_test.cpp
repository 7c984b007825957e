// Dates, ranges and periods: strict text, month-end clamping, inclusive day counts.
#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <unordered_set>
#include <vector>

#include "duixian/error.hpp"
#include "duixian/period.hpp"

namespace duixian {
namespace {

Date d(const char* text) { return Date::parse(text); }
DateRange r(const char* text) { return DateRange::parse(text); }

// The message of the parse_error that `f` throws; fails the test when it throws nothing or another code.
template <class F>
std::string parse_error_of(F f) {
  try {
    f();
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::parse_error) << e.what();
    return e.what();
  }
  ADD_FAILURE() << "no error thrown";
  return {};
}

template <class F>
void expect_invalid(F f) {
  try {
    f();
    ADD_FAILURE() << "no error thrown";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::invalid_argument) << e.what();
  }
}

// ---- Date ----

TEST(Date, ParsesAndPrintsYyyyMmDd) {
  const Date x = d("2019-05-01");
  EXPECT_EQ(x.year(), 2019);
  EXPECT_EQ(x.month(), 5u);
  EXPECT_EQ(x.day(), 1u);
  EXPECT_EQ(x.to_string(), "2019-05-01");
  EXPECT_EQ(x.weekday(), date::Wednesday);
  for (const char* text : {"1900-01-01", "2000-02-29", "2016-02-29", "2019-12-31", "9999-12-31"}) {
    EXPECT_EQ(d(text).to_string(), text);
  }
  std::ostringstream out;
  out << x;
  EXPECT_EQ(out.str(), "2019-05-01");
}

TEST(Date, RejectsEverythingButStrictYyyyMmDd) {
  EXPECT_NE(parse_error_of([] { d(""); }).find("empty"), std::string::npos);
  EXPECT_NE(parse_error_of([] { d("2019-5-1"); }).find("expected YYYY-MM-DD"), std::string::npos);
  EXPECT_NE(parse_error_of([] { d("2019-05-01x"); }).find("unexpected text \"x\""), std::string::npos);
  EXPECT_NE(parse_error_of([] { d("2019-05-01 "); }).find("unexpected text"), std::string::npos);
  EXPECT_NE(parse_error_of([] { d("2019-05-01T00:00"); }).find("unexpected text"), std::string::npos);
  EXPECT_NE(parse_error_of([] { d("2019-13-01"); }).find("month must be 01..12"), std::string::npos);
  EXPECT_NE(parse_error_of([] { d("2019-00-10"); }).find("month must be 01..12"), std::string::npos);
  EXPECT_NE(parse_error_of([] { d("2019-01-00"); }).find("day must be 01..31"), std::string::npos);
  EXPECT_NE(parse_error_of([] { d("2019-01-32"); }).find("day must be 01..31"), std::string::npos);
  EXPECT_NE(parse_error_of([] { d("2019-04-31"); }).find("2019-04 has 30 days"), std::string::npos);
  EXPECT_NE(parse_error_of([] { d("1899-12-31"); }).find("year must be 1900..9999"), std::string::npos);
  const std::string leap = parse_error_of([] { d("2019-02-29"); });
  EXPECT_EQ(leap, "parse_error: \"2019-02-29\" is not a date: 2019 is not a leap year (2019-02 has 28 days)");
  for (const char* bad : {" 2019-05-01", "2019/05/01", "20190501", "2019-05", "19-05-01", "+2019-05-01", "2019-0５-01",
                          "２019-05-01", "2019-05-1", "2019--05-01"}) {
    parse_error_of([&] { d(bad); });
  }
}

TEST(Date, LeapYearsAreGregorian) {
  EXPECT_TRUE(is_leap_year(2000));
  EXPECT_FALSE(is_leap_year(1900));
  EXPECT_TRUE(is_leap_year(2016));
  EXPECT_TRUE(is_leap_year(2020));
  EXPECT_FALSE(is_leap_year(2019));
  EXPECT_FALSE(is_leap_year(2100));
  EXPECT_EQ(d("2000-02-29").day(), 29u);
  parse_error_of([] { d("1900-02-29"); });
  parse_error_of([] { d("2100-02-29"); });
}

TEST(Date, FromYmdValidates) {
  EXPECT_EQ(Date::from_ymd(2019, 2, 28).to_string(), "2019-02-28");
  expect_invalid([] { Date::from_ymd(2019, 2, 29); });
  expect_invalid([] { Date::from_ymd(2019, 13, 1); });
  expect_invalid([] { Date::from_ymd(2019, 0, 1); });
  expect_invalid([] { Date::from_ymd(2019, 1, 0); });
  expect_invalid([] { Date::from_ymd(1899, 12, 31); });
  expect_invalid([] { Date::from_ymd(10000, 1, 1); });
  using namespace date::literals;
  EXPECT_EQ(Date::from_ymd(2019_y / date::may / 1), d("2019-05-01"));
  // date 3.0.1 leaves 2016-02-29 + 3 years as a !ok() value; Date refuses it.
  expect_invalid([] { Date::from_ymd(2016_y / date::feb / 29 + date::years{3}); });
}

TEST(Date, ConvertsToAndFromSysDays) {
  EXPECT_EQ(Date().to_string(), "1970-01-01");
  EXPECT_EQ(Date().sys_days().time_since_epoch().count(), 0);
  const Date x = d("2019-05-01");
  EXPECT_EQ(Date::from_sys_days(x.sys_days()), x);
  EXPECT_EQ(Date::from_sys_days(date::sys_days{date::days{1}}), d("1970-01-02"));
  EXPECT_EQ(x.ymd(), date::year{2019} / 5 / 1);
  EXPECT_EQ(Date::from_sys_days(d("1900-01-01").sys_days()), d("1900-01-01"));
  expect_invalid([] { Date::from_sys_days(d("1900-01-01").sys_days() - date::days{1}); });
  expect_invalid([] { Date::from_sys_days(d("9999-12-31").sys_days() + date::days{1}); });
}

TEST(Date, ComparesChronologically) {
  EXPECT_LT(d("2019-04-30"), d("2019-05-01"));
  EXPECT_GT(d("2020-01-01"), d("2019-12-31"));
  EXPECT_LE(d("2019-05-01"), d("2019-05-01"));
  EXPECT_GE(d("2019-05-01"), d("2019-05-01"));
  EXPECT_NE(d("2019-05-01"), d("2019-05-02"));
}

TEST(Date, AddsDays) {
  EXPECT_EQ(d("2019-02-28").add_days(1), d("2019-03-01"));
  EXPECT_EQ(d("2020-02-28").add_days(1), d("2020-02-29"));
  EXPECT_EQ(d("2019-01-01").add_days(-1), d("2018-12-31"));
  EXPECT_EQ(d("2019-01-01").add_days(365), d("2020-01-01"));
  EXPECT_EQ(d("2019-05-01").add_days(0), d("2019-05-01"));
  expect_invalid([] { d("9999-12-31").add_days(1); });
  expect_invalid([] { d("1900-01-01").add_days(-1); });
  expect_invalid([] { d("2019-01-01").add_days(5000000000L); });
}

TEST(Date, AddMonthsClampsToMonthEnd) {
  EXPECT_EQ(d("2019-01-31").add_months(1), d("2019-02-28"));
  EXPECT_EQ(d("2020-01-31").add_months(1), d("2020-02-29"));
  EXPECT_EQ(d("2019-03-31").add_months(-1), d("2019-02-28"));
  EXPECT_EQ(d("2019-05-31").add_months(1), d("2019-06-30"));
  EXPECT_EQ(d("2019-01-31").add_months(1).add_months(1), d("2019-03-28"));
  EXPECT_EQ(d("2019-01-31").add_months(2), d("2019-03-31"));
  EXPECT_EQ(d("2019-11-15").add_months(2), d("2020-01-15"));
  EXPECT_EQ(d("2019-01-15").add_months(-1), d("2018-12-15"));
  EXPECT_EQ(d("2019-01-15").add_months(-13), d("2017-12-15"));
  EXPECT_EQ(d("2019-01-15").add_months(24), d("2021-01-15"));
  expect_invalid([] { d("9999-12-01").add_months(1); });
  expect_invalid([] { d("1900-01-31").add_months(-1); });
}

TEST(Date, AddYearsClampsTheTwentyNinthOfFebruary) {
  EXPECT_EQ(d("2016-02-29").add_years(3), d("2019-02-28"));
  EXPECT_EQ(d("2016-02-29").add_years(4), d("2020-02-29"));
  EXPECT_EQ(d("2016-02-29").add_years(-1), d("2015-02-28"));
  EXPECT_EQ(d("2019-05-01").add_years(1), d("2020-05-01"));
  expect_invalid([] { d("2019-05-01").add_years(8000); });
  expect_invalid([] { d("2019-05-01").add_years(-200); });
}

// ---- DateRange and the range functions ----

TEST(DateRange, ParsesPrintsAndRoundTrips) {
  const DateRange x = r("2019-05-01..2019-06-30");
  EXPECT_EQ(x.first(), d("2019-05-01"));
  EXPECT_EQ(x.last(), d("2019-06-30"));
  EXPECT_EQ(x.first_day(), x.first());
  EXPECT_EQ(x.last_day(), x.last());
  EXPECT_EQ(x.range(), x);
  EXPECT_EQ(x.to_string(), "2019-05-01..2019-06-30");
  EXPECT_EQ(r("2019-05-01..2019-05-01").to_string(), "2019-05-01..2019-05-01");
  EXPECT_EQ(days(r("2019-05-01..2019-05-01")), 1);
}

TEST(DateRange, RejectsMalformedAndBackwardRanges) {
  EXPECT_NE(parse_error_of([] { r("2019-06-30..2019-05-01"); }).find("first day is after the last day"),
            std::string::npos);
  EXPECT_NE(parse_error_of([] { r("2019-05-01"); }).find("expected FIRST..LAST"), std::string::npos);
  EXPECT_NE(parse_error_of([] { r("2019-05-01..2019-02-29"); }).find("2019 is not a leap year"), std::string::npos);
  EXPECT_NE(parse_error_of([] { r("2019-5-1..2019-06-30"); }).find("first day \"2019-5-1\""), std::string::npos);
  for (const char* bad : {"", "..", "2019-05-01..", "..2019-05-01", "2019-05-01...2019-06-30", "2019-05-01 ..2019-06-30",
                          "2019-05-01..2019-06-30 ", "2019-05-01-2019-06-30"}) {
    parse_error_of([&] { r(bad); });
  }
  expect_invalid([] { DateRange(d("2019-06-30"), d("2019-05-01")); });
}

TEST(DateRange, CountsInclusiveDaysAndOverlaps) {
  const DateRange q2 = Quarter(2019, 2).range();
  EXPECT_EQ(days(q2), 91);
  EXPECT_EQ(days(Year(2019).range()), 365);
  EXPECT_EQ(days(Year(2020).range()), 366);
  EXPECT_EQ(overlap_days(r("2019-05-01..2019-12-31"), q2), 61);  // May 31 + June 30
  EXPECT_EQ(overlap_days(q2, r("2019-05-01..2019-12-31")), 61);
  EXPECT_EQ(overlap_days(r("2019-01-01..2019-03-31"), q2), 0);     // adjacent, disjoint
  EXPECT_EQ(overlap_days(r("2019-01-01..2019-04-01"), q2), 1);     // touching one day
  EXPECT_EQ(overlap_days(r("2018-01-01..2020-12-31"), q2), 91);    // containing
  EXPECT_EQ(intersect(r("2019-05-01..2019-12-31"), q2), r("2019-05-01..2019-06-30"));
  EXPECT_FALSE(intersect(r("2019-01-01..2019-03-31"), q2).has_value());
  EXPECT_TRUE(contains(q2, d("2019-04-01")));
  EXPECT_TRUE(contains(q2, d("2019-06-30")));
  EXPECT_FALSE(contains(q2, d("2019-07-01")));
  EXPECT_FALSE(contains(q2, d("2019-03-31")));
}

TEST(DateRange, WorkloadParkWindowCovers58DaysOf2019Q1) {
  // Entry 2016-02-29 + 3 years clamps to 2019-02-28; the window ends the day before.
  const Date entry = d("2016-02-29");
  const DateRange window(entry, entry.add_years(3).add_days(-1));
  EXPECT_EQ(window.to_string(), "2016-02-29..2019-02-27");
  EXPECT_EQ(overlap_days(window, Quarter::parse("2019Q1").range()), 58);  // 31 days of January + 27 of February
  EXPECT_EQ(overlap_days(window, Quarter::parse("2019Q2").range()), 0);
}

TEST(DateRange, OrdersByFirstThenLast) {
  EXPECT_LT(r("2019-01-01..2019-01-31"), r("2019-01-01..2019-02-28"));
  EXPECT_LT(r("2019-01-01..2019-12-31"), r("2019-01-02..2019-01-02"));
  EXPECT_GT(r("2019-01-02..2019-01-02"), r("2019-01-01..2019-12-31"));
  EXPECT_LE(r("2019-01-01..2019-01-31"), r("2019-01-01..2019-01-31"));
  EXPECT_GE(r("2019-01-01..2019-01-31"), r("2019-01-01..2019-01-31"));
  EXPECT_NE(r("2019-01-01..2019-01-31"), r("2019-01-01..2019-01-30"));
}

// ---- Year ----

TEST(Year, ParsesAndConverts) {
  const Year y = Year::parse("2019");
  EXPECT_EQ(y.value(), 2019);
  EXPECT_EQ(y.to_string(), "2019");
  EXPECT_EQ(y.first_day(), d("2019-01-01"));
  EXPECT_EQ(y.last_day(), d("2019-12-31"));
  EXPECT_EQ(y.range(), r("2019-01-01..2019-12-31"));
  EXPECT_EQ(y.previous(), Year(2018));
  EXPECT_EQ(y.next(), Year(2020));
  EXPECT_FALSE(y.is_leap());
  EXPECT_TRUE(Year(2000).is_leap());
  EXPECT_LT(Year(2018), Year(2019));
  EXPECT_EQ(year_of(d("2019-05-01")), Year(2019));
  EXPECT_NE(parse_error_of([] { Year::parse("1899"); }).find("year must be 1900..9999"), std::string::npos);
  for (const char* bad : {"", "19", "02019", "2019 ", "+201", "201x", "２０１９"}) parse_error_of([&] { Year::parse(bad); });
  expect_invalid([] { Year(1899); });
  expect_invalid([] { Year(1900).previous(); });
  expect_invalid([] { Year(9999).next(); });
}

// ---- Quarter ----

TEST(Quarter, HasTheDaysOf2019) {
  const long expected[] = {90, 91, 92, 92};
  for (unsigned q = 1; q <= 4; ++q) EXPECT_EQ(days(Quarter(2019, q).range()), expected[q - 1]) << q;
  EXPECT_EQ(days(Quarter(2020, 1).range()), 91);  // leap year
  EXPECT_EQ(Quarter(2019, 1).range(), r("2019-01-01..2019-03-31"));
  EXPECT_EQ(Quarter(2019, 2).first_day(), d("2019-04-01"));
  EXPECT_EQ(Quarter(2019, 2).last_day(), d("2019-06-30"));
  EXPECT_EQ(Quarter(2019, 4).last_day(), d("2019-12-31"));
  EXPECT_EQ(Quarter(2019, 2).first_month(), Month(2019, 4));
  EXPECT_EQ(Quarter(2019, 2).last_month(), Month(2019, 6));
}

TEST(Quarter, ParsesStrictlyAndRoundTrips) {
  const Quarter q = Quarter::parse("2019Q2");
  EXPECT_EQ(q.year(), 2019);
  EXPECT_EQ(q.number(), 2u);
  EXPECT_EQ(q.to_string(), "2019Q2");
  for (const char* text : {"1900Q1", "2019Q1", "2019Q4", "9999Q4"}) EXPECT_EQ(Quarter::parse(text).to_string(), text);
  EXPECT_EQ(parse_error_of([] { Quarter::parse("2019Q5"); }),
            "parse_error: \"2019Q5\" is not a quarter: quarter must be 1..4");
  EXPECT_NE(parse_error_of([] { Quarter::parse("2019Q0"); }).find("quarter must be 1..4"), std::string::npos);
  EXPECT_NE(parse_error_of([] { Quarter::parse("2019q2"); }).find("upper-case"), std::string::npos);
  for (const char* bad : {"", "2019", "2019Q", "2019Q02", "2019-Q2", "19Q2", "2019Q2 ", "Q2 2019", "2019Q2x"}) {
    parse_error_of([&] { Quarter::parse(bad); });
  }
  expect_invalid([] { Quarter(2019, 5); });
  expect_invalid([] { Quarter(2019, 0); });
}

TEST(Quarter, StepsAndFindsTheQuarterOfADay) {
  EXPECT_EQ(Quarter(2019, 1).previous(), Quarter(2018, 4));
  EXPECT_EQ(Quarter(2019, 2).previous(), Quarter(2019, 1));
  EXPECT_EQ(Quarter(2019, 4).next(), Quarter(2020, 1));
  EXPECT_EQ(Quarter(2019, 3).next(), Quarter(2019, 4));
  EXPECT_EQ(Quarter(2019, 2).same_quarter_last_year(), Quarter(2018, 2));
  EXPECT_EQ(quarter_of(d("2019-01-01")), Quarter(2019, 1));
  EXPECT_EQ(quarter_of(d("2019-03-31")), Quarter(2019, 1));
  EXPECT_EQ(quarter_of(d("2019-05-01")), Quarter(2019, 2));
  EXPECT_EQ(quarter_of(d("2019-09-30")), Quarter(2019, 3));
  EXPECT_EQ(quarter_of(d("2019-10-01")), Quarter(2019, 4));
  EXPECT_LT(Quarter(2018, 4), Quarter(2019, 1));
  EXPECT_LT(Quarter(2019, 1), Quarter(2019, 2));
  EXPECT_GE(Quarter(2019, 2), Quarter(2019, 2));
  expect_invalid([] { Quarter(1900, 1).previous(); });
  expect_invalid([] { Quarter(9999, 4).next(); });
}

// ---- Month ----

TEST(Month, ParsesConvertsAndSteps) {
  const Month m = Month::parse("2019-05");
  EXPECT_EQ(m.year(), 2019);
  EXPECT_EQ(m.number(), 5u);
  EXPECT_EQ(m.to_string(), "2019-05");
  EXPECT_EQ(m.range(), r("2019-05-01..2019-05-31"));
  EXPECT_EQ(m.quarter(), Quarter(2019, 2));
  EXPECT_EQ(Month(2019, 3).quarter(), Quarter(2019, 1));
  EXPECT_EQ(Month(2019, 12).quarter(), Quarter(2019, 4));
  EXPECT_EQ(Month(2019, 2).last_day(), d("2019-02-28"));
  EXPECT_EQ(Month(2020, 2).last_day(), d("2020-02-29"));
  EXPECT_EQ(Month(2019, 12).next(), Month(2020, 1));
  EXPECT_EQ(Month(2019, 1).previous(), Month(2018, 12));
  EXPECT_EQ(Month(2019, 1).add_months(-13), Month(2017, 12));
  EXPECT_EQ(month_of(d("2019-05-31")), m);
  EXPECT_LT(Month(2019, 12), Month(2020, 1));
  EXPECT_EQ(parse_error_of([] { Month::parse("2019-13"); }),
            "parse_error: \"2019-13\" is not a month: month must be 01..12");
  EXPECT_NE(parse_error_of([] { Month::parse("2019-00"); }).find("month must be 01..12"), std::string::npos);
  for (const char* bad : {"", "2019-5", "2019/05", "201905", "2019-05-01", "2019-05 ", "2019-005"}) {
    parse_error_of([&] { Month::parse(bad); });
  }
  expect_invalid([] { Month(2019, 13); });
  expect_invalid([] { Month(9999, 12).next(); });
}

// ---- Period ----

TEST(Period, ParsesEveryKindAndRoundTrips) {
  EXPECT_EQ(Period::parse("2019").kind(), PeriodKind::year);
  EXPECT_EQ(Period::parse("2019Q2").kind(), PeriodKind::quarter);
  EXPECT_EQ(Period::parse("2019-05").kind(), PeriodKind::month);
  EXPECT_EQ(Period::parse("").kind(), PeriodKind::timeless);
  EXPECT_TRUE(Period::parse("").is_timeless());
  for (const char* text : {"2019", "2019Q2", "2019-05", ""}) EXPECT_EQ(Period::parse(text).to_string(), text);
  EXPECT_EQ(Period::parse("2019Q2").as_quarter(), Quarter(2019, 2));
  EXPECT_EQ(Period::parse("2019").as_year(), Year(2019));
  EXPECT_EQ(Period::parse("2019-05").as_month(), Month(2019, 5));
  EXPECT_EQ(Period(Quarter(2019, 2)), Period::parse("2019Q2"));
  EXPECT_EQ(Period::timeless(), Period());
  expect_invalid([] { Period::parse("2019Q2").as_year(); });
  expect_invalid([] { Period().as_month(); });
  EXPECT_STREQ(to_string(PeriodKind::quarter), "quarter");
  EXPECT_STREQ(to_string(PeriodKind::timeless), "timeless");
}

TEST(Period, RejectsWithTheReason) {
  EXPECT_NE(parse_error_of([] { Period::parse("2019Q5"); }).find("quarter must be 1..4"), std::string::npos);
  EXPECT_NE(parse_error_of([] { Period::parse("2019-13"); }).find("month must be 01..12"), std::string::npos);
  EXPECT_NE(parse_error_of([] { Period::parse("2019-05-01"); }).find("a date or a date range is not a period"),
            std::string::npos);
  EXPECT_NE(parse_error_of([] { Period::parse("2019-5"); }).find("expected YYYY (a year)"), std::string::npos);
  for (const char* bad : {" ", "19", "2019 ", "2019q2", "2019H1", "2019-05-01..2019-06-30", "timeless", "1899"}) {
    parse_error_of([&] { Period::parse(bad); });
  }
}

TEST(Period, HasRangesExceptTimeless) {
  EXPECT_EQ(Period::parse("2019").range(), Year(2019).range());
  EXPECT_EQ(Period::parse("2019Q2").range(), r("2019-04-01..2019-06-30"));
  EXPECT_EQ(Period::parse("2019-05").first_day(), d("2019-05-01"));
  EXPECT_EQ(Period::parse("2019-05").last_day(), d("2019-05-31"));
  expect_invalid([] { Period().range(); });
  expect_invalid([] { Period().first_day(); });
}

TEST(Period, KeysAreUniqueReadableAndOrdered) {
  EXPECT_EQ(Period::parse("2019").key(), 2019);
  EXPECT_EQ(Period::parse("2019Q2").key(), 1020192);
  EXPECT_EQ(Period::parse("2019-05").key(), 2201905);
  EXPECT_EQ(Period().key(), 3000000);
  // Kind first, then time.
  const std::vector<Period> ordered = {Period(Year(1900)),        Period(Year(2019)),       Period(Year(9999)),
                                       Period(Quarter(1900, 1)),  Period(Quarter(2018, 4)), Period(Quarter(2019, 1)),
                                       Period(Quarter(9999, 4)),  Period(Month(1900, 1)),   Period(Month(2019, 9)),
                                       Period(Month(2019, 10)),   Period(Month(9999, 12)),  Period()};
  for (std::size_t i = 0; i + 1 < ordered.size(); ++i) {
    EXPECT_LT(ordered[i], ordered[i + 1]) << ordered[i] << " vs " << ordered[i + 1];
    EXPECT_LT(ordered[i].key(), ordered[i + 1].key());
  }
  for (const Period& p : ordered) EXPECT_EQ(Period::from_key(p.key()), p) << p;
  // Every quarter and month of a few years: distinct keys and hashes usable in a set.
  std::unordered_set<Period> seen;
  std::unordered_set<std::int32_t> keys;
  for (int y = 2018; y <= 2020; ++y) {
    seen.insert(Year(y));
    for (unsigned q = 1; q <= 4; ++q) seen.insert(Quarter(y, q));
    for (unsigned m = 1; m <= 12; ++m) seen.insert(Month(y, m));
  }
  seen.insert(Period());
  for (const Period& p : seen) keys.insert(p.key());
  EXPECT_EQ(seen.size(), 3u * 17u + 1u);
  EXPECT_EQ(keys.size(), seen.size());
  EXPECT_TRUE(seen.count(Period::parse("2019Q2")));
  for (std::int32_t bad : {0, -1, 1899, 10000, 1020195, 1020190, 2201913, 2201900, 3000001, 4000000}) {
    expect_invalid([&] { Period::from_key(bad); });
  }
}

TEST(Period, PrintsTimelessVisibly) {
  std::ostringstream out;
  out << Period::parse("2019Q2") << ' ' << Period();
  EXPECT_EQ(out.str(), "2019Q2 timeless");
}

}  // namespace
}  // namespace duixian
