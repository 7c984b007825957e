// Catala-style typing of formulas: what combines, what adapts, and every kind of compile error.
#include <gtest/gtest.h>

#include <string>

#include "duixian/formula.hpp"

namespace duixian {
namespace {

class FormulaTypes : public ::testing::Test {
 protected:
  FormulaTypes() {
    schema_.add({"investment", MetricType::money, PeriodKind::year, {}});
    schema_.add({"output", MetricType::money, PeriodKind::quarter, {}});
    schema_.add({"kwh", MetricType::quantity, PeriodKind::quarter, {}});
    schema_.add({"area", MetricType::quantity, PeriodKind::timeless, {}});
    schema_.add({"grade", MetricType::enumeration, PeriodKind::year, {"A", "B", "C", "D"}});
    schema_.add({"entry", MetricType::date, PeriodKind::timeless, {}});
    schema_.add({"ratio", MetricType::decimal, PeriodKind::timeless, {}});
    schema_.add({"staff", MetricType::integer, PeriodKind::month, {}});
    schema_.add({"note", MetricType::text, PeriodKind::timeless, {}});
    env_.schema = &schema_;
    env_.book_year = 2019;
  }

  FormulaType type_of(const std::string& text) const { return Formula::compile(text, env_, FormulaOrigin{}).type(); }

  void fails(const std::string& text, std::size_t column, const std::string& part,
             const FormulaEnvironment* env = nullptr) const {
    try {
      (void)Formula::compile(text, env != nullptr ? *env : env_, FormulaOrigin{"b.json", 1, 1, "f"});
      ADD_FAILURE() << "compiled: " << text;
    } catch (const FormulaError& e) {
      EXPECT_EQ(e.formula_column(), column) << text << "\n" << e.what();
      EXPECT_NE(e.reason().find(part), std::string::npos) << text << "\n" << e.what();
    }
  }

  MetricSchema schema_;
  FormulaEnvironment env_;
};

using T = FormulaType;

TEST_F(FormulaTypes, MoneyDecimalAndQuantity) {
  EXPECT_EQ(type_of("investment[2018] * 10%"), T::money);
  EXPECT_EQ(type_of("10% * investment[2018]"), T::money);
  EXPECT_EQ(type_of("investment[2018] * ratio"), T::money);   // a decimal metric scales money
  EXPECT_EQ(type_of("investment[2018] / 4"), T::money);
  EXPECT_EQ(type_of("investment[2018] / ratio"), T::money);
  EXPECT_EQ(type_of("output[2019Q1] / output[2018Q1]"), T::decimal);
  EXPECT_EQ(type_of("output[2019Q1] / output[2018Q1] - 1"), T::decimal);
  EXPECT_EQ(type_of("investment[2018] + output[2019Q1]"), T::money);
  EXPECT_EQ(type_of("-investment[2018]"), T::money);
  EXPECT_EQ(type_of("kwh[this_quarter] * 2"), T::quantity);
  EXPECT_EQ(type_of("kwh[this_quarter] / kwh[same_quarter_last_year]"), T::decimal);
  EXPECT_EQ(type_of("staff[2019-02] * 2"), T::decimal);  // integers are dimensionless
  fails("investment[2018] + ratio", 18, "cannot add a decimal to a money");
  fails("investment[2018] - ratio", 18, "cannot subtract a decimal from a money");
  fails("investment[2018] * output[2019Q1]", 18, "cannot multiply a money by a money");
  fails("4 / investment[2018]", 3, "cannot divide a decimal by a money");
  fails("ratio / kwh[this_quarter]", 7, "cannot divide a decimal by a quantity");
  fails("investment[2018] + kwh[this_quarter]", 18, "cannot add a quantity to a money");
  fails("kwh[this_quarter] * investment[2018]", 19, "a quantity is priced with a 元 literal");
}

TEST_F(FormulaTypes, PricesPerUnit) {
  EXPECT_EQ(type_of("kwh[this_quarter] * 0.0452元"), T::money);
  EXPECT_EQ(type_of("0.0452元 * kwh[this_quarter]"), T::money);
  EXPECT_EQ(type_of("area * 8元 * 50% / 4"), T::money);
  EXPECT_EQ(type_of("investment[2018] / kwh[this_quarter]"), T::money_per_unit);
  EXPECT_EQ(type_of("investment[2018] / kwh[this_quarter] * kwh[this_quarter]"), T::money);
  EXPECT_EQ(type_of("investment[2018] / (investment[2018] / kwh[this_quarter])"), T::quantity);
  EXPECT_EQ(type_of("investment[2018] / kwh[this_quarter] + 0.01元"), T::money_per_unit);
  fails("kwh[this_quarter] * 0.0452元 * kwh[this_quarter]", 29, "cannot multiply a money by a quantity");
  fails("kwh[this_quarter] + 5元", 19, "cannot add a money to a quantity");
}

TEST_F(FormulaTypes, UntypedLiteralsAdaptToTheirNeighbour) {
  // A plain number adapts to money (or a quantity) beside one; a decimal metric does not.
  EXPECT_EQ(type_of("investment[2018] >= 500万"), T::boolean);
  EXPECT_EQ(type_of("investment[2018] + 100"), T::money);
  EXPECT_EQ(type_of("100 + investment[2018]"), T::money);
  EXPECT_EQ(type_of("min(10% * investment[2018], 500万)"), T::money);
  EXPECT_EQ(type_of("min(500万, 10% * investment[2018])"), T::money);
  EXPECT_EQ(type_of("min(500万, 100, investment[2018])"), T::money);
  EXPECT_EQ(type_of("max(kwh[this_quarter], 0)"), T::quantity);
  EXPECT_EQ(type_of("if true then investment[2018] else 0"), T::money);
  EXPECT_EQ(type_of("(500万 + 100) - investment[2018]"), T::money);
  EXPECT_EQ(type_of("-500万 < investment[2018]"), T::boolean);
  EXPECT_EQ(type_of("500万元 >= 100"), T::boolean);
  EXPECT_EQ(type_of("10% * 500万元"), T::money);
  EXPECT_EQ(type_of("500万元 / 1000"), T::money);
  EXPECT_EQ(type_of("500万元 / 100万元"), T::decimal);
  // Alone, a plain number is a decimal; a 元 literal is money.
  EXPECT_EQ(type_of("500万"), T::decimal);
  EXPECT_EQ(type_of("500万元"), T::money);
  fails("investment[2018] >= ratio", 18, "cannot compare a money with a decimal");
  fails("500万元 + kwh[this_quarter]", 7, "cannot add a quantity to a money");
}

TEST_F(FormulaTypes, ExpectedTypeAdaptsALiteralResult) {
  const FormulaOrigin o{"b.json", 2, 3, "policies[0].amount"};
  EXPECT_EQ(Formula::compile("100000", env_, o, T::money).type(), T::money);
  EXPECT_EQ(Formula::compile("tier(ratio, 0.1, 5万, 0.2, 10万)", env_, o, T::money).type(), T::money);
  EXPECT_EQ(Formula::compile("investment[2018]", env_, o, T::money).type(), T::money);
  EXPECT_EQ(Formula::compile("0.0452元", env_, o, T::money_per_unit).type(), T::money_per_unit);
  EXPECT_EQ(Formula::compile("has_tag('a')", env_, o, T::boolean).type(), T::boolean);
  try {
    (void)Formula::compile("ratio * 2", env_, o, T::money);
    FAIL();
  } catch (const FormulaError& e) {
    EXPECT_EQ(e.reason(), "expected a money formula, found a decimal");
    EXPECT_EQ(e.formula_column(), 1u);
  }
  EXPECT_THROW((void)Formula::compile("1 < 2", env_, o, T::money), FormulaError);
  EXPECT_THROW((void)Formula::compile("5元", env_, o, T::decimal), FormulaError);
}

TEST_F(FormulaTypes, ComparisonsAndLogic) {
  EXPECT_EQ(type_of("entry < |2016-01-01|"), T::boolean);
  EXPECT_EQ(type_of("this_quarter >= |2019Q2|"), T::boolean);
  EXPECT_EQ(type_of("grade[prev_year] = 'A'"), T::boolean);
  EXPECT_EQ(type_of("'A' != grade[prev_year]"), T::boolean);
  fails("entry > investment[2018]", 7, "cannot compare a date with a money");
  fails("this_quarter = |2019|", 14, "cannot compare a quarter with a year");
  fails("'A' < 'B'", 5, "can only be compared with = or !=");
  fails("true < false", 6, "can only be compared with = or !=");
  fails("grade[2018] = 'E'", 15, "'E' is not a value of grade (expected one of A, B, C, D)");
  fails("'E' = grade[2018]", 1, "'E' is not a value of grade");
  fails("not 1", 5, "'not' expects a condition");
  fails("1 and true", 1, "'and' joins conditions");
  fails("true or 2", 9, "'or' joins conditions");
  fails("if 1 then 2 else 3", 4, "the condition of 'if' must be true or false");
  fails("if true then 1元 else entry", 22, "the branches of 'if' must have one type");
  fails("-entry", 1, "'-' negates numbers only");
  fails("entry + 1", 7, "use add_days");
  fails("1 / 0", 3, "division by zero");
  fails("1 * (2 - 2) + 3 / (1 - 1)", 17, "division by zero");
}

TEST_F(FormulaTypes, NamesAndPeriodKinds) {
  EXPECT_EQ(type_of("this_quarter"), T::quarter);
  EXPECT_EQ(type_of("settlement_quarter"), T::quarter);
  EXPECT_EQ(type_of("same_quarter_last_year"), T::quarter);
  EXPECT_EQ(type_of("prev_quarter"), T::quarter);
  EXPECT_EQ(type_of("prev_year"), T::year);
  EXPECT_EQ(type_of("book_year"), T::year);
  EXPECT_EQ(type_of("first_day"), T::date);
  EXPECT_EQ(type_of("last_day"), T::date);
  EXPECT_EQ(type_of("registered_on"), T::date);
  EXPECT_EQ(type_of("industry"), T::text);
  EXPECT_EQ(type_of("region = '330302'"), T::boolean);
  EXPECT_EQ(type_of("grade[2018]"), T::text);
  EXPECT_EQ(type_of("entry"), T::date);
  EXPECT_EQ(type_of("area"), T::quantity);
  fails("outptu[2019Q1]", 1, "unknown metric 'outptu' (did you mean output?)");
  fails("investmnt[prev_year] * 2", 1, "did you mean investment?");
  fails("foo + 1", 1, "unknown name 'foo': expected a metric (investment, output, kwh, area, grade, entry, ratio, staff, note)");
  fails("this_quartr", 1, "did you mean this_quarter?");
  fails("output[2018]", 8, "metric output is kept per quarter, but 2018 is a year: expected a quarter such as output[2019Q1]");
  fails("output[prev_year]", 8, "but prev_year is a year");
  fails("investment[this_quarter]", 12, "metric investment is kept per year, but this_quarter is a quarter");
  fails("investment[2019-05]", 12, "is a month");
  fails("staff[2019Q1]", 7, "kept per month");
  fails("area[2019]", 1, "metric area is timeless: write it without a period");
  fails("output + 1", 1, "metric output is kept per quarter: give its period, e.g. output[this_quarter]");
  fails("investment", 1, "investment[prev_year]");
  fails("output[next_quarter]", 8, "unknown period 'next_quarter'");
  fails("this_quarter[2019]", 1, "built-in name, not a metric");
  fails("note = 'x'", 1, "metric note is free text");
  fails("region", 1, "cannot be the value of a formula");
  fails("if true then region else '330302'", 1, "cannot be the value of a formula");
  FormulaEnvironment no_year = env_;
  no_year.book_year = 0;
  fails("prev_year", 1, "prev_year needs the book's year", &no_year);
  fails("investment[prev_year]", 12, "prev_year needs the book's year", &no_year);
  fails("book_year", 1, "needs the book's year", &no_year);
}

TEST_F(FormulaTypes, FunctionArityAndArguments) {
  fails("mn(1, 2)", 1, "unknown function 'mn' (did you mean min?)");
  fails("sqrt(2)", 1, "unknown function 'sqrt': expected one of min, max");
  fails("output(1)", 1, "output is a metric, not a function");
  fails("min + 1", 1, "min is a function");
  fails("min(1)", 1, "min takes at least 2 arguments, found 1");
  fails("max()", 1, "max takes at least 2 arguments, found 0");
  fails("abs(1, 2)", 1, "abs takes 1 argument, found 2");
  fails("clamp(1, 2)", 1, "clamp takes 3 arguments, found 2");
  fails("round(1)", 1, "round takes 2 to 3 arguments, found 1");
  fails("floor(1, 2, 'up')", 1, "floor takes 2 arguments, found 3");
  fails("days()", 1, "days takes 1 to 2 arguments");
  fails("overlap_days(entry)", 1, "overlap_days takes 2 to 4 arguments");
  fails("tier(1, 2)", 1, "tier takes a value and then threshold, value pairs");
  fails("tier(1, 2, 3, 4)", 1, "found 4 arguments");
  fails("progressive(1, 2)", 1, "threshold, rate pairs");
  fails("exists(output[2019Q1], 1)", 1, "exists takes 1 argument");
  fails("coalesce(output[2019Q1])", 1, "coalesce takes at least 2 arguments");
  fails("min(1, entry)", 8, "the arguments of min must have one type: argument 1 is a decimal, argument 2 is a date");
  fails("min('a', 'b')", 1, "min works on numbers, dates and periods, found a text");
  fails("abs(entry)", 5, "expected a number, found a date");
  fails("round(ratio, 1.5)", 14, "the number of places must be a whole number from -38 to 38");
  fails("round(ratio, ratio)", 14, "the number of places must be a whole number");
  fails("round(ratio, 39)", 14, "from -38 to 38");
  fails("round(ratio, 2, 'nearest')", 17, "unknown rounding mode 'nearest': expected one of half_up, half_even");
  fails("round(ratio, 2, 3)", 17, "the rounding mode must be quoted text");
  fails("round(ratio, 2, half_even)", 17, "the rounding mode must be quoted text written in the formula, e.g. 'half_even'");
  fails("round(entry, 2)", 7, "expected a number to round");
  EXPECT_EQ(type_of("round(ratio, -2, 'half_even')"), T::decimal);
  EXPECT_EQ(type_of("floor(investment[2018], 0)"), T::money);
}

TEST_F(FormulaTypes, TiersAndBrackets) {
  EXPECT_EQ(type_of("tier(ratio, 0.1, 5万元, 0.2, 10万元)"), T::money);
  EXPECT_EQ(type_of("tier(ratio, 0.1, 5万, 0.2, 10万)"), T::decimal);
  EXPECT_EQ(type_of("tier(investment[2018], 100万, 'small', 1000万, 'large')"), T::text);
  EXPECT_EQ(type_of("tier(entry, |2010-01-01|, 1, |2015-01-01|, 2)"), T::decimal);
  EXPECT_EQ(type_of("progressive(investment[2018], 0, 1%, 100万, 2%)"), T::money);
  EXPECT_EQ(type_of("progressive(kwh[this_quarter], 0, 0.5元, 1000, 0.4元)"), T::money);
  fails("tier(ratio, 0.3, 1, 0.2, 2)", 21, "thresholds of tier must be strictly increasing");
  fails("tier(ratio, 0.3, 1, 0.3, 2)", 21, "strictly increasing");
  fails("tier(entry, |2015-01-01|, 1, |2010-01-01|, 2)", 30, "strictly increasing");
  fails("progressive(ratio, 10, 1%, 5, 2%)", 28, "thresholds of progressive must be strictly increasing");
  fails("tier(investment[2018], entry, 1)", 24, "the thresholds of tier must have the type of its first argument (a money), found a date");
  fails("tier(investment[2018], ratio, 1)", 24, "found a decimal");
  fails("tier(1, 0, 1, 1, entry)", 18, "the values of tier must have one type");
  fails("tier('a', 0, 1)", 6, "expected a number, date or period");
  fails("progressive(entry, 0, 1%)", 13, "expected a number to spread over the brackets");
  fails("progressive(investment[2018], 0, output[2019Q1])", 34, "the rates of progressive multiply its first argument");
}

TEST_F(FormulaTypes, DateFunctions) {
  EXPECT_EQ(type_of("days(this_quarter)"), T::decimal);
  EXPECT_EQ(type_of("days(entry, last_day)"), T::decimal);
  EXPECT_EQ(type_of("overlap_days(this_quarter, |2019|)"), T::decimal);
  EXPECT_EQ(type_of("overlap_days(entry, last_day, this_quarter)"), T::decimal);
  EXPECT_EQ(type_of("overlap_days(entry, last_day, first_day, last_day)"), T::decimal);
  EXPECT_EQ(type_of("add_years(entry, 3)"), T::date);
  EXPECT_EQ(type_of("add_months(entry, -1)"), T::date);
  EXPECT_EQ(type_of("add_days(entry, ratio)"), T::date);  // checked when evaluated
  EXPECT_EQ(type_of("year_of(entry)"), T::year);
  EXPECT_EQ(type_of("quarter_of(entry)"), T::quarter);
  EXPECT_EQ(type_of("within(entry, book_year)"), T::boolean);
  EXPECT_EQ(type_of("within(entry, first_day, last_day)"), T::boolean);
  fails("days(entry)", 6, "expected a year, quarter or month");
  fails("days(entry, this_quarter)", 13, "expected a date");
  fails("overlap_days(entry, entry)", 14, "expected a period");
  fails("overlap_days(entry, entry, entry)", 28, "expected a period (overlap_days(first, last, period))");
  fails("overlap_days(entry, 1, entry, entry)", 21, "expected a date, found a decimal");
  fails("add_years(entry, 1.5)", 18, "the count of add_years must be a whole number");
  fails("add_years(1, 1)", 11, "expected a date");
  fails("add_days(entry, investment[2018])", 17, "expected a whole number, found a money");
  fails("year_of(this_quarter)", 9, "expected a date, found a quarter");
  fails("within(entry, 1)", 15, "expected a period");
}

TEST_F(FormulaTypes, EnterpriseTestsAndMetricFunctions) {
  EXPECT_EQ(type_of("has_tag('above_scale')"), T::boolean);
  EXPECT_EQ(type_of("in_region('3303')"), T::boolean);
  EXPECT_EQ(type_of("in_industry('C19')"), T::boolean);
  EXPECT_EQ(type_of("exists(output[2019Q1])"), T::boolean);
  EXPECT_EQ(type_of("exists(note)"), T::boolean);
  EXPECT_EQ(type_of("coalesce(output[2019Q1], 0)"), T::money);
  EXPECT_EQ(type_of("coalesce(output[2019Q1], output[2018Q1], investment[2018])"), T::money);
  fails("has_tag(above_scale)", 9, "the tag must be quoted text written in the formula, e.g. 'high_tech'");
  fails("has_tag('Above Scale')", 9, "'Above Scale' is not a tag");
  fails("in_region('33a')", 11, "'33a' is not a GB/T 2260 region code prefix");
  fails("in_region('3303021')", 11, "expected 1 to 6 digits");
  fails("in_region(3303)", 11, "must be quoted text");
  fails("in_industry('C01')", 13, "\"C01\" is not a GB/T 4754-2017 industry prefix");
  fails("exists(1)", 8, "expected a metric");
  fails("exists(foo)", 8, "expected a metric");
  fails("exists(output)", 8, "kept per quarter");
  fails("coalesce(1, 2)", 10, "expected a metric");
  fails("coalesce(output[2019Q1], entry)", 26, "the arguments of coalesce must have one type");
  fails("coalesce(note, 'x')", 10, "free text");
}

}  // namespace
}  // namespace duixian
