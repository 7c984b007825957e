// The reference workload's formulas (wenzhou-2019.md §3), written in the formula
// language and evaluated on a small register. Metric names of the workload appear
// only here, in tests: the language itself knows none of them.
#include <gtest/gtest.h>

#include <string>

#include "duixian/formula.hpp"
#include "wenzhou_data.hpp"

namespace duixian {
namespace {

// The metric schema is the generator's (datagen::wenzhou_2019_schema), the one copy of §1's table.

// The book's formulas.
const char* const kR1Eligible = "has_tag('above_scale') and equipment_investment[prev_year] >= 500万";
const char* const kR1Amount = "min(10% * equipment_investment[prev_year], 500万)";
const char* const kR2Amount = "min(15% * smart_investment[prev_year], 300万)";
const char* const kR3Eligible = "has_tag('above_scale') and within(above_scale_since, book_year)";
const char* const kR4Eligible = "rd_expense[2018] - rd_expense[2017] > 0";
const char* const kR4Amount = "min(15% * (rd_expense[2018] - rd_expense[2017]), 200万)";
const char* const kR5Eligible = "has_tag('above_scale') and output_value[2018Q1] > 0";
const char* const kR5Amount =
    "tier(output_value[2019Q1] / output_value[2018Q1] - 1, 0.10, 5万, 0.20, 10万, 0.30, 20万)";
const char* const kR6Amount =
    "30% * park_rent[this_quarter]"
    " * overlap_days(park_entry_date, add_days(add_years(park_entry_date, 3), -1), this_quarter)"
    " / days(this_quarter)";
const char* const kR7Amount =
    "tech_loan_amount * 1.5% * overlap_days(tech_loan_start, tech_loan_end, this_quarter) / 360";
const char* const kB1Amount =
    "4% * pension_wage_base[this_quarter] * overlap_days(|2019-05-01|, last_day, this_quarter) / days(this_quarter)";
const char* const kB2Amount = "3% * taxable_sales[this_quarter]";
const char* const kB3Amount = "electricity_kwh[this_quarter] * 0.0452元";
const char* const kB4Amount =
    "land_area_sqm * 8元 * (if per_mu_grade[prev_year] = 'A' then 100%"
    " else if per_mu_grade[prev_year] = 'B' then 50% else 0) / 4";
const char* const kCapCondition = "registered_on < |2016-01-01|";
const char* const kCapAmount = "coalesce(local_contribution[prev_year], 0)";

class FormulaWorkload : public ::testing::Test {
 protected:
  FormulaWorkload() {
    RegisterBuilder b(schema_);
    const auto add = [&](const char* body, std::vector<std::string> tags, const char* registered) {
      return b.add_enterprise({complete_credit_code("91330302", body), body, RegionCode::parse("330302"),
                               IndustryCode::parse("C1952"), std::move(tags), Date::parse(registered), {}});
    };
    const auto fact = [&](EnterpriseIndex e, const char* metric, const char* period, const char* value) {
      const MetricId id = *schema_.find(metric);
      b.add_fact(e, id, Period::parse(period), parse_fact_value(schema_[id], value));
    };
    big_ = add("10000001", {"above_scale", "in_micro_park"}, "2010-05-04");
    fact(big_, "equipment_investment", "2018", "6000000.00");
    fact(big_, "smart_investment", "2018", "30000000");
    fact(big_, "rd_expense", "2017", "1000000");
    fact(big_, "rd_expense", "2018", "1234567.89");
    fact(big_, "output_value", "2018Q1", "1000000");
    fact(big_, "output_value", "2019Q1", "1300000");
    fact(big_, "pension_wage_base", "2019Q2", "1000000");
    fact(big_, "taxable_sales", "2019Q2", "2345678.91");
    fact(big_, "park_rent", "2019Q1", "12000.00");
    fact(big_, "park_rent", "2019Q2", "12000.00");
    fact(big_, "park_entry_date", "", "2016-02-29");
    fact(big_, "electricity_kwh", "2019Q1", "123456.7");
    fact(big_, "land_area_sqm", "", "5000");
    fact(big_, "per_mu_grade", "2018", "B");
    fact(big_, "tech_loan_amount", "", "2000000");
    fact(big_, "tech_loan_start", "", "2018-07-01");
    fact(big_, "tech_loan_end", "", "2019-06-30");
    fact(big_, "above_scale_since", "", "2019-05-20");
    fact(big_, "local_contribution", "2018", "150000");
    near_ = add("10000002", {"above_scale"}, "2017-03-01");
    fact(near_, "output_value", "2018Q1", "1000000.00");
    fact(near_, "output_value", "2019Q1", "1299999.99");
    fact(near_, "equipment_investment", "2018", "4999999.99");
    fact(near_, "per_mu_grade", "2018", "A");
    fact(near_, "land_area_sqm", "", "1234.5");
    reg_ = std::move(b).build();
    env_.schema = &schema_;
    env_.book_year = 2019;
  }

  Formula compile(const char* text, FormulaType expected) const {
    return Formula::compile(text, env_, FormulaOrigin{"policies.json", 1, 1, "test"}, expected);
  }
  Evaluation eval(const char* text, FormulaType expected, EnterpriseIndex e, const char* quarter) const {
    return evaluate(compile(text, expected), EvaluationContext{&reg_, e, Quarter::parse(quarter), Quarter::parse("2019Q4")});
  }
  // The amount rounded once to the fen, half-up, as the settlement does.
  std::string fen(const char* text, EnterpriseIndex e, const char* quarter = "2019Q1") const {
    const Evaluation r = eval(text, FormulaType::money, e, quarter);
    if (r.status == Evaluation::Status::missing_fact) return "missing " + schema_[r.missing.metric].name;
    if (r.status == Evaluation::Status::not_applicable) return "not applicable";
    return r.number.round(2, RoundingMode::half_up).to_string();
  }
  bool holds(const char* text, EnterpriseIndex e, const char* quarter = "2019Q1") const {
    const Evaluation r = eval(text, FormulaType::boolean, e, quarter);
    return r.status == Evaluation::Status::value && r.boolean;
  }

  MetricSchema schema_ = datagen::wenzhou_2019_schema();
  Register reg_;
  FormulaEnvironment env_;
  EnterpriseIndex big_ = 0;
  EnterpriseIndex near_ = 0;
};

TEST_F(FormulaWorkload, R1TechUpgrade) {
  EXPECT_TRUE(holds(kR1Eligible, big_));
  EXPECT_FALSE(holds(kR1Eligible, near_));  // 4,999,999.99 < 500万
  EXPECT_EQ(fen(kR1Amount, big_), "600000.00");
  EXPECT_EQ(fen(kR2Amount, big_), "3000000.00");  // capped
}

TEST_F(FormulaWorkload, R3FirstAboveScaleAndR4Increment) {
  EXPECT_TRUE(holds(kR3Eligible, big_));
  EXPECT_FALSE(holds(kR3Eligible, near_));  // no above_scale_since: missing, so not eligible
  EXPECT_EQ(eval(kR3Eligible, FormulaType::boolean, near_, "2019Q1").status, Evaluation::Status::missing_fact);
  EXPECT_TRUE(holds(kR4Eligible, big_));
  EXPECT_EQ(fen(kR4Amount, big_), "35185.18");  // 15% × 234,567.89 = 35,185.1835
}

TEST_F(FormulaWorkload, R5GrowthTiersCompareExactly) {
  EXPECT_TRUE(holds(kR5Eligible, big_));
  EXPECT_EQ(fen(kR5Amount, big_), "200000.00");   // exactly 30%
  EXPECT_EQ(fen(kR5Amount, near_), "100000.00");  // 29.9999999%
  const char* exact = "output_value[2019Q1] / output_value[2018Q1] - 1 >= 0.30";
  EXPECT_TRUE(holds(exact, big_));
  EXPECT_FALSE(holds(exact, near_));
}

TEST_F(FormulaWorkload, R6ParkRentOverTheWindow) {
  // Window 2016-02-29..2019-02-27: 58 of Q1's 90 days; nothing in Q2.
  EXPECT_EQ(fen(kR6Amount, big_, "2019Q1"), "2320.00");
  EXPECT_EQ(fen(kR6Amount, big_, "2019Q2"), "0.00");
  EXPECT_EQ(fen(kR6Amount, big_, "2019Q3"), "missing park_rent");
  EXPECT_EQ(explain(compile(kR6Amount, FormulaType::money),
                    EvaluationContext{&reg_, big_, Quarter(2019, 1), Quarter(2019, 1)}),
            "30% × 12,000.00 × overlap_days(2016-02-29, add_days(add_years(2016-02-29, 3), -1), 2019Q1) ÷ "
            "days(2019Q1) = 2,320");
}

TEST_F(FormulaWorkload, R7LoanInterestActual360) {
  EXPECT_EQ(fen(kR7Amount, big_, "2019Q1"), "7500.00");  // 2,000,000 × 1.5% × 90 / 360
  EXPECT_EQ(fen(kR7Amount, big_, "2019Q2"), "7583.33");  // 91 days
  EXPECT_EQ(fen(kR7Amount, big_, "2019Q3"), "0.00");
}

TEST_F(FormulaWorkload, BurdenReductions) {
  EXPECT_EQ(fen(kB1Amount, big_, "2019Q2"), "26813.19");  // 40,000 × 61 / 91
  EXPECT_EQ(fen(kB1Amount, big_, "2019Q1"), "missing pension_wage_base");
  EXPECT_EQ(fen(kB2Amount, big_, "2019Q2"), "70370.37");
  EXPECT_EQ(fen(kB3Amount, big_, "2019Q1"), "5580.24");   // 123,456.7 kWh × 0.0452
  EXPECT_EQ(fen(kB4Amount, big_), "5000.00");             // grade B: 50%
  EXPECT_EQ(fen(kB4Amount, near_), "2469.00");            // grade A: 1,234.5 × 8 / 4
  EXPECT_EQ(compile(kB3Amount, FormulaType::money).type(), FormulaType::money);
}

TEST_F(FormulaWorkload, EnterpriseCap) {
  EXPECT_TRUE(holds(kCapCondition, big_));
  EXPECT_FALSE(holds(kCapCondition, near_));
  EXPECT_EQ(fen(kCapAmount, big_), "150000.00");
  EXPECT_EQ(fen(kCapAmount, near_), "0.00");
}

}  // namespace
}  // namespace duixian
