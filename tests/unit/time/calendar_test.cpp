// Business-day calendars: the shipped China schedule, the file format's errors, payment dates.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>

#include "duixian/calendar.hpp"
#include "duixian/error.hpp"
#include "test_paths.hpp"

namespace duixian {
namespace {

Date d(const char* text) { return Date::parse(text); }

const BusinessCalendar& china() {
  static const BusinessCalendar cal = BusinessCalendar::china();
  return cal;
}

// The parse error's message for `text`, or a test failure when it parses.
std::string parse_error_of(const std::string& text) {
  try {
    BusinessCalendar::parse(text, "test.calendar");
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::parse_error) << e.what();
    return e.what();
  }
  ADD_FAILURE() << "parsed: " << text;
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

std::string shipped_file_path() { return test::source_path("data/calendars/cn.calendar"); }

TEST(Calendar, ShippedFileMatchesTheBuiltInCopy) {
  std::ifstream in(shipped_file_path(), std::ios::binary);
  ASSERT_TRUE(in) << "cannot open " << shipped_file_path();
  const BusinessCalendar from_file = BusinessCalendar::load(shipped_file_path());
  EXPECT_EQ(from_file.years(), china().years());
  // Same answer for every day the calendar knows, and the same names.
  for (Date day = d("2018-12-29"); day <= d("2020-12-31"); day = day.add_days(1)) {
    ASSERT_EQ(from_file.is_business_day(day), china().is_business_day(day)) << day;
    ASSERT_EQ(from_file.listed_name(day), china().listed_name(day)) << day;
  }
  // And byte for byte, so that comments cannot drift either.
  std::ostringstream bytes;
  bytes << in.rdbuf();
  EXPECT_EQ(bytes.str(), BusinessCalendar::china_text());
}

TEST(Calendar, China2019Facts) {
  const BusinessCalendar& cn = china();
  EXPECT_EQ(cn.source_name(), "cn.calendar");
  EXPECT_TRUE(cn.covers(2019));
  EXPECT_TRUE(cn.covers(2020));
  EXPECT_FALSE(cn.covers(2018));
  EXPECT_FALSE(cn.covers(2021));
  EXPECT_TRUE(cn.is_business_day(d("2019-02-02")));   // a working Saturday (春节调休)
  EXPECT_TRUE(cn.is_business_day(d("2019-02-03")));   // a working Sunday
  EXPECT_FALSE(cn.is_business_day(d("2019-02-04")));  // Monday, Spring Festival
  EXPECT_FALSE(cn.is_business_day(d("2019-10-07")));  // Monday, National Day
  EXPECT_TRUE(cn.is_business_day(d("2019-10-08")));   // Tuesday
  EXPECT_TRUE(cn.is_business_day(d("2019-10-12")));   // a working Saturday
  EXPECT_FALSE(cn.is_business_day(d("2019-10-13")));  // an ordinary Sunday
  EXPECT_TRUE(cn.is_business_day(d("2019-05-05")));   // a working Sunday (劳动节调休)
  EXPECT_FALSE(cn.is_business_day(d("2019-05-04")));  // Saturday, Labour Day
  EXPECT_FALSE(cn.is_business_day(d("2019-06-07")));  // Friday, Dragon Boat
  EXPECT_FALSE(cn.is_business_day(d("2019-09-13")));  // Friday, Mid-Autumn
  EXPECT_TRUE(cn.is_business_day(d("2019-05-06")));   // an ordinary Monday
  EXPECT_EQ(cn.listed_name(d("2019-10-07")), std::optional<std::string>("国庆节"));
  EXPECT_EQ(cn.listed_name(d("2019-02-02")), std::optional<std::string>("春节调休"));
  EXPECT_FALSE(cn.listed_name(d("2019-05-06")).has_value());
  // Business days per month are a good whole-schedule check: October 2019 has 23 weekdays,
  // loses 1st–4th and 7th to National Day and gains Saturday the 12th: 23 - 5 + 1 = 19.
  int october = 0;
  for (Date day = d("2019-10-01"); day <= d("2019-10-31"); day = day.add_days(1)) october += cn.is_business_day(day);
  EXPECT_EQ(october, 19);
  // 2019 as a whole: 261 weekdays, minus 17 weekday holidays (01-01; 02-04..08; 04-05; 05-01..03; 06-07;
  // 09-13; 10-01..04 and 10-07), plus 6 working weekend days (02-02, 02-03, 04-28, 05-05, 09-29, 10-12) = 250.
  int year = 0;
  for (Date day = d("2019-01-01"); day <= d("2019-12-31"); day = day.add_days(1)) year += cn.is_business_day(day);
  EXPECT_EQ(year, 250);
}

TEST(Calendar, China2020Facts) {
  const BusinessCalendar& cn = china();
  EXPECT_FALSE(cn.is_business_day(d("2020-01-01")));
  EXPECT_TRUE(cn.is_business_day(d("2020-01-19")));   // a working Sunday
  EXPECT_FALSE(cn.is_business_day(d("2020-01-31")));  // Friday, Spring Festival as extended
  EXPECT_FALSE(cn.is_business_day(d("2020-02-01")));  // no longer a make-up working day after the extension
  EXPECT_TRUE(cn.is_business_day(d("2020-02-03")));
  EXPECT_TRUE(cn.is_business_day(d("2020-06-28")));   // a working Sunday (端午节调休)
  EXPECT_FALSE(cn.is_business_day(d("2020-10-08")));  // Thursday, National Day and Mid-Autumn
  EXPECT_TRUE(cn.is_business_day(d("2020-10-10")));   // a working Saturday
  EXPECT_TRUE(cn.is_business_day(d("2020-05-09")));   // a working Saturday
  EXPECT_FALSE(cn.is_business_day(d("2020-05-05")));
}

TEST(Calendar, DaysOutsideTheCoveredYearsAreErrorsUnlessListed) {
  const BusinessCalendar& cn = china();
  // The 2019 schedule lists three days of 2018: those are known.
  EXPECT_TRUE(cn.is_business_day(d("2018-12-29")));   // a working Saturday
  EXPECT_FALSE(cn.is_business_day(d("2018-12-30")));
  EXPECT_FALSE(cn.is_business_day(d("2018-12-31")));
  expect_invalid([&] { cn.is_business_day(d("2018-12-28")); });
  expect_invalid([&] { cn.is_business_day(d("2021-01-04")); });
  try {
    cn.is_business_day(d("2021-01-15"));
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("does not cover 2021 (it covers 2019, 2020)"), std::string::npos) << e.what();
  }
  // A search that runs off the end of the data is an error too, never a guess.
  expect_invalid([&] { cn.next_business_day(d("2020-12-31")); });
  expect_invalid([&] { cn.previous_business_day(d("2018-12-29")); });
  EXPECT_EQ(cn.next_business_day(d("2018-12-29")), d("2019-01-02"));
}

TEST(Calendar, MovesBetweenBusinessDays) {
  const BusinessCalendar& cn = china();
  EXPECT_EQ(cn.next_business_day(d("2019-09-30")), d("2019-10-08"));
  EXPECT_EQ(cn.next_business_day(d("2019-10-08")), d("2019-10-09"));  // strictly after
  EXPECT_EQ(cn.next_business_day(d("2019-09-27")), d("2019-09-29"));  // Friday → the working Sunday
  EXPECT_EQ(cn.previous_business_day(d("2019-10-08")), d("2019-09-30"));
  EXPECT_EQ(cn.roll_forward(d("2019-10-08")), d("2019-10-08"));
  EXPECT_EQ(cn.roll_forward(d("2019-10-05")), d("2019-10-08"));
  EXPECT_EQ(cn.roll_backward(d("2019-10-05")), d("2019-09-30"));
  EXPECT_EQ(cn.add_business_days(d("2019-09-27"), 1), d("2019-09-29"));
  EXPECT_EQ(cn.add_business_days(d("2019-09-27"), 2), d("2019-09-30"));
  EXPECT_EQ(cn.add_business_days(d("2019-09-27"), 3), d("2019-10-08"));
  EXPECT_EQ(cn.add_business_days(d("2019-10-08"), -1), d("2019-09-30"));
  EXPECT_EQ(cn.add_business_days(d("2019-10-08"), -2), d("2019-09-29"));
  EXPECT_EQ(cn.add_business_days(d("2019-10-05"), 0), d("2019-10-08"));  // 0 rolls forward
  EXPECT_EQ(cn.add_business_days(d("2019-10-09"), 0), d("2019-10-09"));
  EXPECT_EQ(cn.add_business_days(d("2019-01-02"), 249), d("2019-12-31"));  // 01-02 is the first of 250
}

TEST(Calendar, PaymentDates) {
  const BusinessCalendar& cn = china();
  const PaymentDateRule rule;  // the 15th of the month after the quarter ends
  EXPECT_EQ(payment_date(Quarter(2019, 3), rule, cn), d("2019-10-15"));  // a Tuesday
  EXPECT_EQ(payment_date(Quarter(2019, 4), rule, cn), d("2020-01-15"));  // a Wednesday
  EXPECT_EQ(payment_date(Quarter(2019, 1), rule, cn), d("2019-04-15"));
  // The 15th on a Sunday: 2020-03-15 → Monday 2020-03-16.
  const PaymentDateRule three_months{15, 3};
  EXPECT_EQ(scheduled_payment_date(Quarter(2019, 4), three_months), d("2020-03-15"));
  EXPECT_EQ(payment_date(Quarter(2019, 4), three_months, cn), d("2020-03-16"));
  // The 15th in the quarter's last month, a Sunday in the Mid-Autumn holiday: 2019-09-15 → 09-16.
  EXPECT_EQ(payment_date(Quarter(2019, 3), PaymentDateRule{15, 0}, cn), d("2019-09-16"));
  // The 1st after Q3 is National Day: 2019-10-01 → 2019-10-08.
  EXPECT_EQ(payment_date(Quarter(2019, 3), PaymentDateRule{1, 1}, cn), d("2019-10-08"));
  // The 5th after Q1 is Qingming (Friday 04-05, then the weekend): → Monday 2019-04-08.
  EXPECT_EQ(payment_date(Quarter(2019, 1), PaymentDateRule{5, 1}, cn), d("2019-04-08"));
  // Day 31 is clamped: April has 30 days, and 2019-04-30 is a Tuesday.
  EXPECT_EQ(payment_date(Quarter(2019, 1), PaymentDateRule{31, 1}, cn), d("2019-04-30"));
  EXPECT_EQ(scheduled_payment_date(Quarter(2019, 4), PaymentDateRule{31, 2}), d("2020-02-29"));
  // 2020Q4's payment falls in 2021, which the calendar does not cover.
  expect_invalid([&] { payment_date(Quarter(2020, 4), rule, cn); });
  expect_invalid([] { scheduled_payment_date(Quarter(2019, 1), PaymentDateRule{0, 1}); });
  expect_invalid([] { scheduled_payment_date(Quarter(2019, 1), PaymentDateRule{32, 1}); });
  expect_invalid([] { scheduled_payment_date(Quarter(2019, 1), PaymentDateRule{15, -1}); });
}

TEST(Calendar, ParsesTheFormat) {
  const BusinessCalendar cal = BusinessCalendar::parse(
      "\xEF\xBB\xBF# a test calendar\r\n"
      "\r\n"
      "year 2030   # comment after a statement\r\n"
      "\tholiday\t2030-01-01\r\n"
      "holiday 2030-02-04..2030-02-06   Spring   Festival  \r\n"
      "workday 2030-02-09 # a Saturday, no name\r\n"
      "year 2031\n",
      "test.calendar");
  EXPECT_EQ(cal.years(), (std::vector<int>{2030, 2031}));
  EXPECT_FALSE(cal.is_business_day(d("2030-01-01")));
  EXPECT_FALSE(cal.is_business_day(d("2030-02-05")));
  EXPECT_TRUE(cal.is_business_day(d("2030-02-09")));
  EXPECT_TRUE(cal.is_business_day(d("2031-01-01")));  // a Wednesday, no holidays listed for 2031
  EXPECT_EQ(cal.listed_name(d("2030-02-05")), std::optional<std::string>("Spring   Festival"));
  EXPECT_EQ(cal.listed_name(d("2030-02-09")), std::optional<std::string>(""));
  // An empty calendar covers nothing.
  const BusinessCalendar empty = BusinessCalendar::parse("", "empty");
  EXPECT_TRUE(empty.years().empty());
  expect_invalid([&] { empty.is_business_day(d("2019-05-06")); });
}

TEST(Calendar, ParseErrorsNameFileAndLine) {
  EXPECT_EQ(parse_error_of("year 2019\nholliday 2019-05-01\n"),
            "parse_error: test.calendar:2: unknown statement \"holliday\" (expected year, holiday or workday)");
  EXPECT_EQ(parse_error_of("# comment\nholiday 2019-05-01\n"),
            "parse_error: test.calendar:2: a holiday line must follow a year line");
  EXPECT_EQ(parse_error_of("year 2019\n\nholiday 2019-02-29\n"),
            "parse_error: test.calendar:3: \"2019-02-29\" is not a date: 2019 is not a leap year (2019-02 has 28 days)");
  EXPECT_EQ(parse_error_of("year 2019\nworkday 2019-02-04\n"),
            "parse_error: test.calendar:2: 2019-02-04 is a Monday, a working day already; "
            "a workday line is for a Saturday or Sunday");
  EXPECT_EQ(parse_error_of("year 2019\nholiday 2019-10-01..2019-10-07\nholiday 2019-10-07\n"),
            "parse_error: test.calendar:3: 2019-10-07 is already listed on line 2");
  EXPECT_EQ(parse_error_of("year 2019\nyear 2020\nyear 2019\n"),
            "parse_error: test.calendar:3: year 2019 is declared twice (first on line 1)");
  EXPECT_NE(parse_error_of("year 2019\nholiday 2021-01-01\n").find("test.calendar:2: 2021-01-01 is outside year 2019"),
            std::string::npos);
  EXPECT_NE(parse_error_of("year 2019\nholiday 2018-11-30\n").find("test.calendar:2:"), std::string::npos);
  EXPECT_NE(parse_error_of("year 2019\nholiday 2019-10-07..2019-10-01\n").find("first day is after the last day"),
            std::string::npos);
  EXPECT_NE(parse_error_of("year 19\n").find("test.calendar:1: \"19\" is not a year"), std::string::npos);
  EXPECT_NE(parse_error_of("year\n").find("test.calendar:1: a year line needs a year"), std::string::npos);
  EXPECT_NE(parse_error_of("year 2019 2020\n").find("unexpected text \"2020\""), std::string::npos);
  EXPECT_NE(parse_error_of("year 2019\nholiday\n").find("test.calendar:2: a holiday line needs a date"),
            std::string::npos);
  EXPECT_NE(parse_error_of("year 2019\nholiday 2019-5-1 劳动节\n").find("test.calendar:2: \"2019-5-1\" is not a date"),
            std::string::npos);
  // A workday range is checked day by day.
  EXPECT_NE(parse_error_of("year 2019\nworkday 2019-02-02..2019-02-04\n").find("2019-02-04 is a Monday"),
            std::string::npos);
}

TEST(Calendar, LoadNamesTheFile) {
  try {
    BusinessCalendar::load("/nonexistent/dir/x.calendar");
    ADD_FAILURE() << "loaded a missing file";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::io_error);
    EXPECT_NE(std::string(e.what()).find("/nonexistent/dir/x.calendar"), std::string::npos);
  }
  EXPECT_EQ(BusinessCalendar::load(shipped_file_path()).source_name(), shipped_file_path());
}

}  // namespace
}  // namespace duixian
