// The formula language evaluated: operators, functions, names, missing facts.
#include <gtest/gtest.h>

#include <string>

#include "duixian/formula.hpp"

namespace duixian {
namespace {

MetricSchema schema() {
  MetricSchema s;
  s.add({"investment", MetricType::money, PeriodKind::year, {}});
  s.add({"output", MetricType::money, PeriodKind::quarter, {}});
  s.add({"rent", MetricType::money, PeriodKind::quarter, {}});
  s.add({"kwh", MetricType::quantity, PeriodKind::quarter, {}});
  s.add({"area", MetricType::quantity, PeriodKind::timeless, {}});
  s.add({"grade", MetricType::enumeration, PeriodKind::year, {"A", "B", "C", "D"}});
  s.add({"entry", MetricType::date, PeriodKind::timeless, {}});
  s.add({"loan", MetricType::money, PeriodKind::timeless, {}});
  s.add({"ratio", MetricType::decimal, PeriodKind::timeless, {}});
  s.add({"staff", MetricType::integer, PeriodKind::month, {}});
  s.add({"note", MetricType::text, PeriodKind::timeless, {}});
  return s;
}

class FormulaEval : public ::testing::Test {
 protected:
  FormulaEval() {
    RegisterBuilder b(schema_);
    const auto e0 = b.add_enterprise({complete_credit_code("91330302", "00000001"), "甲", RegionCode::parse("330302"),
                                      IndustryCode::parse("C1952"), {"above_scale", "in_park"},
                                      Date::parse("2010-05-04"), {}});
    b.add_enterprise({complete_credit_code("91330100", "00000002"), "乙", RegionCode::parse("330105"),
                      IndustryCode::parse("F5123"), {}, Date::parse("2018-07-01"), {}});
    const auto fact = [&](const char* metric, const char* period, const char* value) {
      const MetricId id = *schema_.find(metric);
      b.add_fact(e0, id, Period::parse(period), parse_fact_value(schema_[id], value));
    };
    fact("investment", "2018", "6000000.00");
    fact("output", "2018Q1", "1000000");
    fact("output", "2019Q1", "1300000");
    fact("rent", "2019Q1", "12000.00");
    fact("kwh", "2019Q1", "100000");
    fact("area", "", "5000");
    fact("grade", "2018", "B");
    fact("entry", "", "2016-02-29");
    fact("loan", "", "2000000");
    fact("ratio", "", "0.25");
    fact("staff", "2019-02", "42");
    fact("note", "", "free text");
    reg_ = std::move(b).build();
  }

  Formula compile(const std::string& text) const {
    FormulaEnvironment env;
    env.schema = &schema_;
    env.book_year = 2019;
    return Formula::compile(text, env, FormulaOrigin{"book.json", 3, 14, "policies[0].amount"});
  }

  Evaluation eval(const std::string& text, EnterpriseIndex e = 0, const char* quarter = "2019Q1") const {
    EvaluationContext ctx{&reg_, e, Quarter::parse(quarter), Quarter::parse("2019Q2")};
    return evaluate(compile(text), ctx);
  }

  // The value as text: numbers in lowest terms, booleans, dates, periods, 'text'.
  std::string value(const std::string& text, EnterpriseIndex e = 0, const char* quarter = "2019Q1") const {
    // Text results may view the formula's own text: keep the formula alive while reading them.
    const Formula f = compile(text);
    const Evaluation r = evaluate(f, EvaluationContext{&reg_, e, Quarter::parse(quarter), Quarter::parse("2019Q2")});
    switch (r.status) {
      case Evaluation::Status::missing_fact:
        return "missing " + reg_.schema()[r.missing.metric].name + "[" + r.missing.period.to_string() + "]";
      case Evaluation::Status::not_applicable: return "not applicable";
      case Evaluation::Status::value: break;
    }
    switch (r.type) {
      case FormulaType::boolean: return r.boolean ? "true" : "false";
      case FormulaType::date: return r.date->to_string();
      case FormulaType::year:
      case FormulaType::quarter:
      case FormulaType::month: return r.period->to_string();
      case FormulaType::text: return "'" + std::string(r.text) + "'";
      default: return r.number.to_string();
    }
  }

  std::string explained(const std::string& text, EnterpriseIndex e = 0, const char* quarter = "2019Q1") const {
    EvaluationContext ctx{&reg_, e, Quarter::parse(quarter), Quarter::parse("2019Q2")};
    return explain(compile(text), ctx);
  }

  MetricSchema schema_ = schema();
  Register reg_;
};

TEST_F(FormulaEval, Arithmetic) {
  EXPECT_EQ(value("1 + 2 * 3"), "7");
  EXPECT_EQ(value("(1 + 2) * 3"), "9");
  EXPECT_EQ(value("10 - 4 - 3"), "3");  // left-associative
  EXPECT_EQ(value("2 / 3"), "2/3");     // exact
  EXPECT_EQ(value("12 / 4 / 3"), "1");
  EXPECT_EQ(value("-3 + 5"), "2");
  EXPECT_EQ(value("--3"), "3");
  EXPECT_EQ(value("- - 3"), "3");
  EXPECT_EQ(value("2 * -3"), "-6");
  EXPECT_EQ(value("0.1 + 0.2 = 0.3"), "true");
  EXPECT_EQ(value("1 / 3 * 3 = 1"), "true");
  EXPECT_EQ(value("3 × 4 ÷ 6"), "2");
}

TEST_F(FormulaEval, LiteralsWithSuffixes) {
  EXPECT_EQ(value("10%"), "1/10");
  EXPECT_EQ(value("500万"), "5000000");
  EXPECT_EQ(value("1.5亿"), "150000000");
  EXPECT_EQ(value("500万元"), "5000000");
  EXPECT_EQ(value("0.0452元"), "113/2500");
  EXPECT_EQ(value("0.5"), "1/2");
  EXPECT_EQ(value("0"), "0");
  EXPECT_EQ(value("12.5%"), "1/8");
  EXPECT_EQ(compile("500万元").type(), FormulaType::money);
  EXPECT_EQ(compile("500万").type(), FormulaType::decimal);
  EXPECT_EQ(value("|2019-05-01|"), "2019-05-01");
  EXPECT_EQ(value("|2019Q2|"), "2019Q2");
  EXPECT_EQ(value("|2019|"), "2019");
  EXPECT_EQ(value("|2019-05|"), "2019-05");
  EXPECT_EQ(value("'A'"), "'A'");
  EXPECT_EQ(value("true"), "true");
  EXPECT_EQ(value("false"), "false");
}

TEST_F(FormulaEval, ComparisonsAreExact) {
  EXPECT_EQ(value("output[2019Q1] / output[2018Q1] - 1 >= 0.30"), "true");
  EXPECT_EQ(value("output[2019Q1] / output[2018Q1] - 1 > 0.30"), "false");
  EXPECT_EQ(value("output[2019Q1] / output[2018Q1] - 1 = 30%"), "true");
  EXPECT_EQ(value("output[2019Q1] / output[2018Q1] - 1 == 0.3"), "true");
  EXPECT_EQ(value("output[2019Q1] / output[2018Q1] - 1 != 0.3"), "false");
  EXPECT_EQ(value("1 < 2"), "true");
  EXPECT_EQ(value("2 <= 2"), "true");
  EXPECT_EQ(value("3 > 2"), "true");
  EXPECT_EQ(value("1 ≥ 2"), "false");
  EXPECT_EQ(value("1 ≤ 2"), "true");
  EXPECT_EQ(value("1 ≠ 2"), "true");
  EXPECT_EQ(value("|2019-05-01| < |2019-06-01|"), "true");
  EXPECT_EQ(value("this_quarter = |2019Q1|"), "true");
  EXPECT_EQ(value("this_quarter < |2019Q2|"), "true");
  EXPECT_EQ(value("grade[prev_year] = 'B'"), "true");
  EXPECT_EQ(value("grade[2018] != 'A'"), "true");
  EXPECT_EQ(value("true = (1 < 2)"), "true");
}

TEST_F(FormulaEval, LogicShortCircuitsAndSkipsMissingFacts) {
  EXPECT_EQ(value("true and false"), "false");
  EXPECT_EQ(value("true or false"), "true");
  EXPECT_EQ(value("not true"), "false");
  EXPECT_EQ(value("not not true"), "true");
  EXPECT_EQ(value("not 1 > 2"), "true");  // not binds looser than comparisons
  EXPECT_EQ(value("false and true or true"), "true");  // and binds tighter than or
  EXPECT_EQ(value("true or true and false"), "true");
  // The right-hand side is not evaluated, so its missing fact does not matter.
  EXPECT_EQ(value("false and output[2017Q1] > 0"), "false");
  EXPECT_EQ(value("true or output[2017Q1] > 0"), "true");
  EXPECT_EQ(value("true and output[2017Q1] > 0"), "missing output[2017Q1]");
  EXPECT_EQ(value("false or output[2017Q1] > 0"), "missing output[2017Q1]");
  // Nor is a division by zero behind a guard.
  EXPECT_EQ(value("output[2018Q1] > 0 and output[2019Q1] / output[2018Q1] > 1"), "true");
  EXPECT_EQ(value("ratio > 1 and 1 / (ratio - 0.25) > 1"), "false");
}

TEST_F(FormulaEval, IfEvaluatesOnlyTheBranchTaken) {
  EXPECT_EQ(value("if 1 < 2 then 10 else 20"), "10");
  EXPECT_EQ(value("if 1 > 2 then 10 else 20"), "20");
  EXPECT_EQ(value("if true then 1 else output[2017Q1]"), "1");
  EXPECT_EQ(value("if false then output[2017Q1] else 2"), "2");
  EXPECT_EQ(value("if false then 1 else if true then 2 else 3"), "2");
  EXPECT_EQ(value("(if true then 2 else 3) * 5"), "10");
  EXPECT_EQ(value("min(if false then 1 else 7, 9)"), "7");
}

TEST_F(FormulaEval, MissingFactsStopTheEvaluation) {
  const Evaluation r = eval("rent[this_quarter] * 30%", 0, "2019Q2");
  EXPECT_EQ(r.status, Evaluation::Status::missing_fact);
  EXPECT_EQ(r.missing.metric, *schema_.find("rent"));
  EXPECT_EQ(r.missing.period, Period::parse("2019Q2"));
  EXPECT_EQ(value("rent[this_quarter] * 30%", 0, "2019Q1"), "3600");
  // The first missing fact is the one reported.
  EXPECT_EQ(value("output[2017Q1] + output[2016Q1]"), "missing output[2017Q1]");
  EXPECT_EQ(value("area + 1", 1), "missing area[]");
  EXPECT_EQ(explained("area + 1", 1), "area + 1 = missing area");
  EXPECT_EQ(value("min(output[2019Q1], output[2019Q3])"), "missing output[2019Q3]");
}

TEST_F(FormulaEval, ExistsAndCoalesce) {
  EXPECT_EQ(value("exists(output[2019Q1])"), "true");
  EXPECT_EQ(value("exists(output[2019Q2])"), "false");
  EXPECT_EQ(value("exists(area)"), "true");
  EXPECT_EQ(value("exists(area)", 1), "false");
  EXPECT_EQ(value("exists(note)"), "true");  // free text: only its presence is readable
  EXPECT_EQ(value("exists(grade[2018])"), "true");
  EXPECT_EQ(value("exists(entry)"), "true");
  EXPECT_EQ(value("coalesce(output[2019Q2], 0)"), "0");
  EXPECT_EQ(value("coalesce(output[2019Q2], output[2019Q1], 0)"), "1300000");
  EXPECT_EQ(value("coalesce(output[2019Q1], 5)"), "1300000");
  EXPECT_EQ(value("coalesce(output[2019Q2], output[2019Q3])"), "missing output[2019Q3]");
  EXPECT_EQ(value("coalesce(area, 0)", 1), "0");
  EXPECT_EQ(value("coalesce(grade[2019], 'D')"), "'D'");
  EXPECT_EQ(value("coalesce(entry, |2000-01-01|)", 1), "2000-01-01");
  EXPECT_EQ(value("coalesce(output[2019Q2], 1) + coalesce(output[2019Q3], 2)"), "3");
}

TEST_F(FormulaEval, MinMaxAbsClamp) {
  EXPECT_EQ(value("min(3, 1, 2)"), "1");
  EXPECT_EQ(value("max(3, 1, 2)"), "3");
  EXPECT_EQ(value("min(10% * investment[2018], 500万)"), "600000");
  EXPECT_EQ(value("min(90% * investment[2018], 500万)"), "5000000");
  EXPECT_EQ(value("max(|2019-01-01|, entry)"), "2019-01-01");
  EXPECT_EQ(value("min(this_quarter, |2018Q4|)"), "2018Q4");
  EXPECT_EQ(value("abs(-2.5)"), "5/2");
  EXPECT_EQ(value("abs(2.5)"), "5/2");
  EXPECT_EQ(value("clamp(5, 1, 3)"), "3");
  EXPECT_EQ(value("clamp(-5, 1, 3)"), "1");
  EXPECT_EQ(value("clamp(2, 1, 3)"), "2");
  // Forty arguments need more stack than the evaluator keeps inline.
  std::string many = "min(area";
  for (int i = 40; i >= 1; --i) many += ", " + std::to_string(i) + " + kwh[2019Q1] * 0";
  EXPECT_EQ(value(many + ")"), "1");
  EXPECT_EQ(value("max(" + many.substr(4) + ")"), "5000");
}

TEST_F(FormulaEval, RoundFloorCeil) {
  EXPECT_EQ(value("round(2 / 3, 2)"), "67/100");
  EXPECT_EQ(value("round(2.345, 2)"), "47/20");          // half_up by default: 2.35
  EXPECT_EQ(value("round(2.345, 2, 'half_even')"), "117/50");  // 2.34
  EXPECT_EQ(value("round(-2.5, 0)"), "-3");
  EXPECT_EQ(value("round(-2.5, 0, 'half_down')"), "-2");
  EXPECT_EQ(value("round(1234, -2)"), "1200");
  EXPECT_EQ(value("floor(-1 / 3, 2)"), "-17/50");
  EXPECT_EQ(value("ceil(1 / 3, 2)"), "17/50");
  EXPECT_EQ(value("round(1 / 3, 2) * 3"), "99/100");  // the rounding happened
  EXPECT_EQ(compile("round(rent[this_quarter] * 1 / 3, 2)").type(), FormulaType::money);
}

TEST_F(FormulaEval, TierTakesTheHighestThresholdReached) {
  const std::string growth = "output[2019Q1] / output[2018Q1] - 1";
  EXPECT_EQ(value("tier(" + growth + ", 0.10, 50000, 0.20, 100000, 0.30, 200000)"), "200000");
  EXPECT_EQ(value("tier(0.25, 0.10, 50000, 0.20, 100000, 0.30, 200000)"), "100000");
  EXPECT_EQ(value("tier(0.10, 0.10, 50000, 0.20, 100000, 0.30, 200000)"), "50000");  // reached means ≥
  EXPECT_EQ(value("tier(0.0999, 0.10, 50000, 0.20, 100000, 0.30, 200000)"), "not applicable");
  EXPECT_EQ(value("tier(registered_on, |2000-01-01|, 'old', |2015-01-01|, 'young')"), "'old'");
  EXPECT_EQ(value("tier(registered_on, |2000-01-01|, 'old', |2015-01-01|, 'young')", 1), "'young'");
  // Values are evaluated lazily: only the chosen one.
  EXPECT_EQ(value("tier(1, 0, output[2017Q1], 1, 7)"), "7");
  EXPECT_EQ(value("tier(0, 0, output[2017Q1], 1, 7)"), "missing output[2017Q1]");
  // Thresholds computed from facts are checked when evaluated.
  EXPECT_EQ(value("tier(5, ratio, 10, 1, 20)"), "20");
  EXPECT_THROW(value("tier(5, 1, 10, ratio, 20)"), Error);
  EXPECT_THROW(value("progressive(5, 1, 10%, ratio, 20%)"), Error);
}

TEST_F(FormulaEval, ProgressiveBrackets) {
  // 0–1000 at 1%, 1000–5000 at 2%, above 5000 at 3%.
  const std::string f = "progressive(x, 0, 1%, 1000, 2%, 5000, 3%)";
  const auto with = [&](const char* x) {
    std::string t = f;
    t.replace(t.find('x'), 1, x);
    return value(t);
  };
  EXPECT_EQ(with("500"), "5");
  EXPECT_EQ(with("1000"), "10");
  EXPECT_EQ(with("3000"), "50");        // 10 + 2% × 2000
  EXPECT_EQ(with("10000"), "240");      // 10 + 80 + 3% × 5000
  EXPECT_EQ(with("-5"), "0");
  EXPECT_EQ(value("progressive(50, 100, 10%)"), "0");  // below the first threshold
  EXPECT_EQ(compile("progressive(investment[2018], 0, 1%, 100万, 2%)").type(), FormulaType::money);
  EXPECT_EQ(value("progressive(investment[2018], 0, 1%, 100万, 2%)"), "110000");
}

TEST_F(FormulaEval, DaysAndDates) {
  EXPECT_EQ(value("days(this_quarter)"), "90");
  EXPECT_EQ(value("days(this_quarter)", 0, "2019Q2"), "91");
  EXPECT_EQ(value("days(|2020Q1|)"), "91");
  EXPECT_EQ(value("days(|2019|)"), "365");
  EXPECT_EQ(value("days(|2019-02|)"), "28");
  EXPECT_EQ(value("days(|2019-05-01|, |2019-05-31|)"), "31");
  EXPECT_EQ(value("days(|2019-05-01|, |2019-05-01|)"), "1");
  EXPECT_EQ(value("days(|2019-05-02|, |2019-05-01|)"), "0");
  EXPECT_EQ(value("overlap_days(|2019Q1|, |2019|)"), "90");
  EXPECT_EQ(value("overlap_days(|2019Q1|, |2019Q2|)"), "0");
  EXPECT_EQ(value("overlap_days(|2019-05-01|, last_day, this_quarter)", 0, "2019Q2"), "61");
  EXPECT_EQ(value("overlap_days(|2019-05-01|, last_day, this_quarter)", 0, "2019Q1"), "0");
  EXPECT_EQ(value("overlap_days(|2019-01-15|, |2019-02-14|, |2019-02-01|, |2019-12-31|)"), "14");
  EXPECT_EQ(value("overlap_days(|2019-02-14|, |2019-01-15|, |2019-01-01|, |2019-12-31|)"), "0");  // empty range
  // The park window: entry + 3 years − 1 day; 2016-02-29 → 2019-02-27, 58 days of 2019Q1.
  EXPECT_EQ(value("add_days(add_years(entry, 3), -1)"), "2019-02-27");
  EXPECT_EQ(value("overlap_days(entry, add_days(add_years(entry, 3), -1), this_quarter)"), "58");
  EXPECT_EQ(value("add_months(|2019-01-31|, 1)"), "2019-02-28");
  EXPECT_EQ(value("add_months(|2019-03-31|, -1)"), "2019-02-28");
  EXPECT_EQ(value("add_years(|2016-02-29|, 4)"), "2020-02-29");
  EXPECT_EQ(value("year_of(|2019-05-01|)"), "2019");
  EXPECT_EQ(value("quarter_of(|2019-05-01|)"), "2019Q2");
  EXPECT_EQ(value("within(|2019-05-01|, |2019|)"), "true");
  EXPECT_EQ(value("within(|2019-05-01|, this_quarter)"), "false");
  EXPECT_EQ(value("within(|2019-05-01|, |2019-05-01|, |2019-05-31|)"), "true");
  EXPECT_EQ(value("first_day"), "2019-01-01");
  EXPECT_EQ(value("last_day"), "2019-03-31");
  EXPECT_EQ(value("registered_on"), "2010-05-04");
  EXPECT_THROW(value("add_days(entry, ratio)"), Error);  // 0.25 days
  EXPECT_THROW(value("add_years(|9999-01-01|, 1)"), Error);
}

TEST_F(FormulaEval, NamesAndPeriods) {
  EXPECT_EQ(value("this_quarter"), "2019Q1");
  EXPECT_EQ(value("this_quarter", 0, "2019Q3"), "2019Q3");
  EXPECT_EQ(value("settlement_quarter"), "2019Q2");
  EXPECT_EQ(value("same_quarter_last_year"), "2018Q1");
  EXPECT_EQ(value("prev_quarter"), "2018Q4");
  EXPECT_EQ(value("prev_year"), "2018");
  EXPECT_EQ(value("book_year"), "2019");
  EXPECT_EQ(value("investment[prev_year]"), "6000000");
  EXPECT_EQ(value("investment[2018]"), "6000000");
  EXPECT_EQ(value("investment[|2018|]"), "6000000");
  EXPECT_EQ(value("output[same_quarter_last_year]"), "1000000");
  EXPECT_EQ(value("output[this_quarter]"), "1300000");
  EXPECT_EQ(value("output[settlement_quarter]"), "missing output[2019Q2]");
  EXPECT_EQ(value("output[prev_quarter]", 0, "2019Q2"), "1300000");
  EXPECT_EQ(value("output[ 2019Q1 ]"), "1300000");
  EXPECT_EQ(value("staff[2019-02]"), "42");
  EXPECT_EQ(value("area"), "5000");
  EXPECT_EQ(value("entry"), "2016-02-29");
  EXPECT_EQ(value("grade[2018]"), "'B'");
  EXPECT_EQ(value("industry"), "'C1952'");
  EXPECT_EQ(value("industry = 'C1952'"), "true");
  EXPECT_EQ(value("region = '330302'"), "true");
  EXPECT_EQ(value("region != '330302'", 1), "true");
  EXPECT_EQ(value("within(entry, book_year)"), "false");
}

TEST_F(FormulaEval, EnterpriseTests) {
  EXPECT_EQ(value("has_tag('above_scale')"), "true");
  EXPECT_EQ(value("has_tag('above_scale')", 1), "false");
  EXPECT_EQ(value("has_tag('in_park') and has_tag('above_scale')"), "true");
  EXPECT_EQ(value("in_region('3303')"), "true");
  EXPECT_EQ(value("in_region('3303')", 1), "false");
  EXPECT_EQ(value("in_region('330302')"), "true");
  EXPECT_EQ(value("in_region('33')", 1), "true");
  EXPECT_EQ(value("in_industry('C')"), "true");
  EXPECT_EQ(value("in_industry('C19')"), "true");
  EXPECT_EQ(value("in_industry('C1')"), "true");
  EXPECT_EQ(value("in_industry('C20')"), "false");
  EXPECT_EQ(value("in_industry('F')", 1), "true");
}

TEST_F(FormulaEval, RuntimeErrorsNameTheFormulaEnterpriseAndQuarter) {
  try {
    (void)eval("output[2019Q1] / (output[2019Q1] - 1300000)");
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::division_by_zero);
    const std::string what = e.what();
    EXPECT_NE(what.find("formula `output[2019Q1] / (output[2019Q1] - 1300000)`"), std::string::npos) << what;
    EXPECT_NE(what.find("enterprise " + std::string(reg_[0].code.text())), std::string::npos) << what;
    EXPECT_NE(what.find("quarter 2019Q1"), std::string::npos) << what;
  }
  try {
    (void)eval("output[2019Q1] * 100000000000000000000000000000000 * 100000000");
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::overflow);
  }
  EXPECT_THROW((void)evaluate(Formula(), EvaluationContext{&reg_, 0, Quarter(2019, 1), Quarter(2019, 1)}), Error);
  EXPECT_THROW((void)evaluate(compile("1"), EvaluationContext{nullptr, 0, Quarter(2019, 1), Quarter(2019, 1)}), Error);
  EXPECT_THROW((void)evaluate(compile("1"), EvaluationContext{&reg_, 7, Quarter(2019, 1), Quarter(2019, 1)}), Error);
}

TEST_F(FormulaEval, ExplainSubstitutesTheValuesUsed) {
  EXPECT_EQ(explained("min(10% * investment[prev_year], 500万)"), "min(10% × 6,000,000.00, 500万) = 600,000");
  EXPECT_EQ(explained("rent[this_quarter] * 30%", 0, "2019Q2"), "rent[this_quarter] × 30% = missing rent[2019Q2]");
  EXPECT_EQ(explained("tier(0.05, 0.10, 5万元)"), "tier(0.05, 0.10, 5万元) = no tier reached");
  EXPECT_EQ(explained("if has_tag('x') then area else 1 / 3"), "if has_tag('x') then area else 1 ÷ 3 = ≈0.3333333333");
  EXPECT_EQ(explained("days(this_quarter) >= 90 and first_day < |2019-02-01|"),
            "days(2019Q1) ≥ 90 and 2019-01-01 < |2019-02-01| = true");
  EXPECT_EQ(explained("grade[2018] = 'B'"), "'B' = 'B' = true");
  EXPECT_EQ(explained("-(area)"), "-(5,000) = -5,000");
  EXPECT_EQ(explained("this_quarter"), "2019Q1 = 2019Q1");
  EXPECT_EQ(explained("entry"), "2016-02-29 = 2016-02-29");
  EXPECT_EQ(explained("region = '330302' and industry = 'C1952'"), "'330302' = '330302' and 'C1952' = 'C1952' = true");
  EXPECT_EQ(explained("coalesce(output[2019Q2], output[2019Q1], 0) * 2"), "coalesce(output[2019Q2], 1,300,000, 0) × 2 = 2,600,000");
  EXPECT_EQ(explained("tier(5, 1, 'low', 3, 'high')"), "tier(5, 1, 'low', 3, 'high') = 'high'");
}

TEST_F(FormulaEval, FormulasCompareByText) {
  EXPECT_EQ(compile("1 + 2"), compile("1 + 2"));
  EXPECT_NE(compile("1 + 2"), compile("1+2"));
  EXPECT_TRUE(Formula().empty());
  EXPECT_EQ(Formula().text(), "");
  EXPECT_FALSE(compile("1").empty());
  EXPECT_EQ(compile(" 1 ").text(), " 1 ");
}

}  // namespace
}  // namespace duixian
