// The reference book examples/wenzhou-2019/policies.json: every field of every policy
// as ../shared/workload/wenzhou-2019.md §3–§4 states it, and the same book built in
// code compares equal to the loaded one.
#include <gtest/gtest.h>

#include <string>

#include "duixian/policy_book.hpp"
#include "test_paths.hpp"

namespace duixian {
namespace {

const PolicyBook& wenzhou() {
  static const PolicyBook book = load_policy_book_file(test::wenzhou_book_path());
  return book;
}

const Policy& policy(const std::string& id) {
  const auto i = wenzhou().find_policy(id);
  if (!i) throw std::runtime_error("no policy " + id);
  return wenzhou().policies()[*i];
}

std::vector<Quarter> year_2019() { return {Quarter(2019, 1), Quarter(2019, 2), Quarter(2019, 3), Quarter(2019, 4)}; }

TEST(PolicyBookWenzhou, LoadsWithItsBookLevelFields) {
  const PolicyBook& b = wenzhou();
  EXPECT_EQ(b.id(), "wenzhou-2019");
  EXPECT_EQ(b.spec().currency, "CNY");
  EXPECT_EQ(b.year(), 2019);
  ASSERT_EQ(b.policies().size(), 12U);
  const char* order[] = {"R1-tech-upgrade", "R2-smart-manufacturing", "R3-first-above-scale", "R4-rd-increment",
                         "R5-q1-growth", "R6-micro-park-rent", "R7-loan-interest", "B1-pension-rate",
                         "B2-vat-rate", "B3-power-price", "B4-land-tax", "B5-export-rebate"};
  for (std::size_t i = 0; i < 12; ++i) EXPECT_EQ(b.policies()[i].id, order[i]);
}

TEST(PolicyBookWenzhou, HasTheWorkloadMetricSchema) {
  const MetricSchema& s = wenzhou().schema();
  ASSERT_EQ(s.size(), 17U);
  const auto check = [&](const char* name, MetricType type, PeriodKind period) {
    const auto id = s.find(name);
    ASSERT_TRUE(id) << name;
    EXPECT_EQ(s[*id].type, type) << name;
    EXPECT_EQ(s[*id].period_kind, period) << name;
  };
  check("equipment_investment", MetricType::money, PeriodKind::year);
  check("smart_investment", MetricType::money, PeriodKind::year);
  check("rd_expense", MetricType::money, PeriodKind::year);
  check("output_value", MetricType::money, PeriodKind::quarter);
  check("pension_wage_base", MetricType::money, PeriodKind::quarter);
  check("taxable_sales", MetricType::money, PeriodKind::quarter);
  check("export_sales", MetricType::money, PeriodKind::quarter);
  check("park_rent", MetricType::money, PeriodKind::quarter);
  check("electricity_kwh", MetricType::quantity, PeriodKind::quarter);
  check("land_area_sqm", MetricType::quantity, PeriodKind::timeless);
  check("per_mu_grade", MetricType::enumeration, PeriodKind::year);
  check("local_contribution", MetricType::money, PeriodKind::year);
  check("above_scale_since", MetricType::date, PeriodKind::timeless);
  check("park_entry_date", MetricType::date, PeriodKind::timeless);
  check("tech_loan_amount", MetricType::money, PeriodKind::timeless);
  check("tech_loan_start", MetricType::date, PeriodKind::timeless);
  check("tech_loan_end", MetricType::date, PeriodKind::timeless);
  EXPECT_EQ(s[*s.find("per_mu_grade")].enum_values, (std::vector<std::string>{"A", "B", "C", "D"}));
}

TEST(PolicyBookWenzhou, HasTheBookLevelRules) {
  const PolicyBook& b = wenzhou();
  ASSERT_EQ(b.spec().stacking_groups.size(), 1U);
  EXPECT_EQ(b.spec().stacking_groups[0], (StackingGroup{"tech", StackingRule::max}));
  EXPECT_EQ(b.find_stacking_group("tech"), &b.spec().stacking_groups[0]);
  EXPECT_EQ(b.find_stacking_group("other"), nullptr);
  EXPECT_EQ(b.spec().excluded_categories, std::vector<std::string>{"export_rebate"});
  for (std::size_t i = 0; i < 12; ++i) EXPECT_EQ(b.excluded_from_totals(i), i == 11) << i;

  const Funding& f = b.spec().funding;
  ASSERT_EQ(f.rules.size(), 1U);
  EXPECT_EQ(f.rules[0].regions, (std::vector<std::string>{"330302", "330303", "330304", "330305"}));
  EXPECT_EQ(f.rules[0].city_share.to_string(), "0.50");
  EXPECT_EQ(f.default_city_share.to_string(), "0.30");
  for (const char* district : {"330302", "330303", "330304", "330305"}) {
    EXPECT_EQ(f.city_share(RegionCode::parse(district)), Decimal::parse("0.5")) << district;
  }
  for (const char* other : {"330381", "330382", "330306", "330300", "330327"}) {
    EXPECT_EQ(f.city_share(RegionCode::parse(other)), Decimal::parse("0.3")) << other;
  }

  ASSERT_TRUE(b.spec().enterprise_cap);
  const EnterpriseCap& cap = *b.spec().enterprise_cap;
  EXPECT_EQ(cap.applies_if, "registered_on < |2016-01-01|");
  EXPECT_EQ(cap.cap, "coalesce(local_contribution[2018], 0)");
  EXPECT_EQ(cap.exempt, std::vector<std::string>{"R3-first-above-scale"});
  ASSERT_NE(b.enterprise_cap_formulas(), nullptr);
  EXPECT_EQ(b.enterprise_cap_formulas()->applies_if.type(), FormulaType::boolean);
  EXPECT_EQ(b.enterprise_cap_formulas()->cap.type(), FormulaType::money);
  // Every reward but R3 counts toward the cap; burden reductions never do.
  for (std::size_t i = 0; i < 12; ++i) {
    EXPECT_EQ(b.counts_toward_enterprise_cap(i), i < 7 && i != 2) << b.policies()[i].id;
  }
}

void expect_common(const Policy& p, PolicyKind kind, PolicyBasis basis) {
  EXPECT_EQ(p.kind, kind) << p.id;
  EXPECT_EQ(p.basis, basis) << p.id;
  EXPECT_EQ(p.rounding, (PolicyRounding{2, RoundingMode::half_up})) << p.id;  // the default: fen, half-up
  EXPECT_TRUE(p.event_date.empty()) << p.id;
}

TEST(PolicyBookWenzhou, R1AndR2StackInTechAndPayInFourInstalments) {
  const Policy& r1 = policy("R1-tech-upgrade");
  expect_common(r1, PolicyKind::reward, PolicyBasis::annual);
  EXPECT_EQ(r1.title, "技术改造设备投资补助");
  EXPECT_EQ(r1.eligible, "has_tag('above_scale') and equipment_investment[2018] >= 500万");
  EXPECT_EQ(r1.amount, "min(10% * equipment_investment[2018], 500万)");
  EXPECT_EQ(r1.stacking_group, "tech");
  EXPECT_EQ(r1.schedule, Schedule::instalments(year_2019()));
  EXPECT_FALSE(r1.budget);
  EXPECT_FALSE(r1.annual_cap);
  EXPECT_TRUE(r1.line_cap.empty());
  EXPECT_FALSE(r1.valid_from);
  EXPECT_FALSE(r1.valid_until);

  const Policy& r2 = policy("R2-smart-manufacturing");
  expect_common(r2, PolicyKind::reward, PolicyBasis::annual);
  EXPECT_EQ(r2.title, "智能化改造补助");
  EXPECT_EQ(r2.eligible, "smart_investment[2018] >= 200万");
  EXPECT_EQ(r2.amount, "min(15% * smart_investment[2018], 300万)");
  EXPECT_EQ(r2.stacking_group, "tech");
  EXPECT_EQ(r2.schedule, Schedule::instalments(year_2019()));
}

TEST(PolicyBookWenzhou, R3IsDueInTheQuarterOfAboveScaleSince) {
  const Policy& r3 = policy("R3-first-above-scale");
  expect_common(r3, PolicyKind::reward, PolicyBasis::annual);
  EXPECT_EQ(r3.title, "首次升规奖励");
  EXPECT_EQ(r3.eligible, "has_tag('above_scale') and within(above_scale_since, |2019|)");
  EXPECT_EQ(r3.amount, "10万");
  EXPECT_EQ(r3.schedule, Schedule::lump_on_date("above_scale_since"));
  EXPECT_TRUE(r3.stacking_group.empty());
  const auto i = *wenzhou().find_policy("R3-first-above-scale");
  EXPECT_EQ(wenzhou().formulas(i).schedule_date.type(), FormulaType::date);
  EXPECT_EQ(wenzhou().formulas(i).schedule_date.text(), "above_scale_since");
}

TEST(PolicyBookWenzhou, R4IsALumpInQ2) {
  const Policy& r4 = policy("R4-rd-increment");
  expect_common(r4, PolicyKind::reward, PolicyBasis::annual);
  EXPECT_EQ(r4.eligible, "rd_expense[2018] - rd_expense[2017] > 0");
  EXPECT_EQ(r4.amount, "min(15% * (rd_expense[2018] - rd_expense[2017]), 200万)");
  EXPECT_EQ(r4.schedule, Schedule::lump_in_quarter(Quarter(2019, 2)));
}

TEST(PolicyBookWenzhou, R5IsQ1OnlyWithTiersAndABudget) {
  const Policy& r5 = policy("R5-q1-growth");
  expect_common(r5, PolicyKind::reward, PolicyBasis::per_quarter);
  EXPECT_EQ(r5.title, "一季度\"开门红\"产值增长奖励");  // the JSON escape \" decoded
  EXPECT_EQ(r5.valid_from, Date::from_ymd(2019, 1, 1));
  EXPECT_EQ(r5.valid_until, Date::from_ymd(2019, 3, 31));
  EXPECT_TRUE(r5.in_force_during(Quarter(2019, 1).range()));
  EXPECT_FALSE(r5.in_force_during(Quarter(2019, 2).range()));
  EXPECT_EQ(r5.amount,
            "tier(output_value[this_quarter] / output_value[same_quarter_last_year] - 1, 0.10, 50000, 0.20, 100000, "
            "0.30, 200000)");
  ASSERT_TRUE(r5.budget);
  EXPECT_EQ(r5.budget->to_string(), "30000000");
  EXPECT_EQ(r5.schedule, Schedule::every_quarter());
}

TEST(PolicyBookWenzhou, R6AndR7ProrateByDays) {
  const Policy& r6 = policy("R6-micro-park-rent");
  expect_common(r6, PolicyKind::reward, PolicyBasis::per_quarter);
  EXPECT_EQ(r6.eligible, "has_tag('in_micro_park')");
  EXPECT_NE(r6.amount.find("overlap_days(park_entry_date, add_days(add_years(park_entry_date, 3), -1), this_quarter)"),
            std::string::npos);
  const Policy& r7 = policy("R7-loan-interest");
  expect_common(r7, PolicyKind::reward, PolicyBasis::per_quarter);
  EXPECT_EQ(r7.eligible, "true");  // omitted: the default
  EXPECT_EQ(r7.amount, "tech_loan_amount * 1.5% * overlap_days(tech_loan_start, tech_loan_end, this_quarter) / 360");
  ASSERT_TRUE(r7.annual_cap);
  EXPECT_EQ(*r7.annual_cap, Decimal(1000000));
  EXPECT_FALSE(r7.budget);
}

TEST(PolicyBookWenzhou, BurdenReductionsStartOnTheirDates) {
  const Policy& b1 = policy("B1-pension-rate");
  expect_common(b1, PolicyKind::burden_reduction, PolicyBasis::per_quarter);
  EXPECT_EQ(b1.valid_from, Date::from_ymd(2019, 5, 1));
  EXPECT_FALSE(b1.valid_until);
  EXPECT_FALSE(b1.in_force_during(Quarter(2019, 1).range()));
  EXPECT_TRUE(b1.in_force_during(Quarter(2019, 2).range()));  // partly: the formula prorates by days
  EXPECT_NE(b1.amount.find("overlap_days(|2019-05-01|, last_day, this_quarter) / days(this_quarter)"), std::string::npos);

  const Policy& b2 = policy("B2-vat-rate");
  expect_common(b2, PolicyKind::burden_reduction, PolicyBasis::per_quarter);
  EXPECT_EQ(b2.valid_from, Date::from_ymd(2019, 4, 1));
  EXPECT_FALSE(b2.in_force_during(Quarter(2019, 1).range()));
  EXPECT_EQ(b2.amount, "3% * taxable_sales[this_quarter]");

  EXPECT_EQ(policy("B3-power-price").amount, "electricity_kwh[this_quarter] * 0.0452元");
  const Policy& b4 = policy("B4-land-tax");
  EXPECT_EQ(b4.eligible, "per_mu_grade[2018] = 'A' or per_mu_grade[2018] = 'B'");
  EXPECT_EQ(b4.amount, "land_area_sqm * 8元 * (if per_mu_grade[2018] = 'A' then 100% else 50%) / 4");

  const Policy& b5 = policy("B5-export-rebate");
  expect_common(b5, PolicyKind::burden_reduction, PolicyBasis::per_quarter);
  EXPECT_EQ(b5.category, "export_rebate");
  EXPECT_EQ(b5.amount, "13% * export_sales[this_quarter]");
  for (const Policy& p : wenzhou().policies()) {
    if (p.id != "B5-export-rebate") {
      EXPECT_TRUE(p.category.empty()) << p.id;
    }
    if (p.basis == PolicyBasis::per_quarter) {
      EXPECT_EQ(p.schedule, Schedule::every_quarter()) << p.id;
    }
  }
}

TEST(PolicyBookWenzhou, CompilesEveryFormulaWithItsType) {
  const PolicyBook& b = wenzhou();
  for (std::size_t i = 0; i < b.policies().size(); ++i) {
    const PolicyFormulas& f = b.formulas(i);
    EXPECT_EQ(f.eligible.type(), FormulaType::boolean) << b.policies()[i].id;
    EXPECT_EQ(f.amount.type(), FormulaType::money) << b.policies()[i].id;
    EXPECT_EQ(f.amount.text(), b.policies()[i].amount);
    EXPECT_TRUE(f.line_cap.empty());
    EXPECT_TRUE(f.event_date.empty());
    EXPECT_EQ(f.schedule_date.empty(), i != 2);
  }
}

// The same book, built in code by a host that keeps its rules elsewhere.
PolicyBookSpec wenzhou_in_code() {
  PolicyBookSpec s;
  s.id = "wenzhou-2019";
  s.title = "温州市2019年工业稳增长政策季度兑现（参考工作负载，数据为合成）";
  s.year = 2019;
  const auto money_year = [&](const char* n) { s.metrics.push_back({n, MetricType::money, PeriodKind::year, {}}); };
  const auto money_quarter = [&](const char* n) { s.metrics.push_back({n, MetricType::money, PeriodKind::quarter, {}}); };
  money_year("equipment_investment");
  money_year("smart_investment");
  money_year("rd_expense");
  for (const char* n : {"output_value", "pension_wage_base", "taxable_sales", "export_sales", "park_rent"}) {
    money_quarter(n);
  }
  s.metrics.push_back({"electricity_kwh", MetricType::quantity, PeriodKind::quarter, {}});
  s.metrics.push_back({"land_area_sqm", MetricType::quantity, PeriodKind::timeless, {}});
  s.metrics.push_back({"per_mu_grade", MetricType::enumeration, PeriodKind::year, {"A", "B", "C", "D"}});
  money_year("local_contribution");
  s.metrics.push_back({"above_scale_since", MetricType::date, PeriodKind::timeless, {}});
  s.metrics.push_back({"park_entry_date", MetricType::date, PeriodKind::timeless, {}});
  s.metrics.push_back({"tech_loan_amount", MetricType::money, PeriodKind::timeless, {}});
  s.metrics.push_back({"tech_loan_start", MetricType::date, PeriodKind::timeless, {}});
  s.metrics.push_back({"tech_loan_end", MetricType::date, PeriodKind::timeless, {}});
  s.stacking_groups = {{"tech", StackingRule::max}};
  s.excluded_categories = {"export_rebate"};
  s.funding.rules = {{{"330302", "330303", "330304", "330305"}, Decimal::parse("0.50")}};
  s.funding.default_city_share = Decimal::parse("0.30");
  s.enterprise_cap = EnterpriseCap{"registered_on < |2016-01-01|", "coalesce(local_contribution[2018], 0)",
                                   {"R3-first-above-scale"}};

  const auto add = [&](const char* id, const char* title, const char* doc, PolicyKind kind, PolicyBasis basis,
                       const char* eligible, const char* amount, Schedule schedule) -> Policy& {
    Policy p;
    p.id = id;
    p.title = title;
    p.document_number = doc;
    p.kind = kind;
    p.basis = basis;
    p.eligible = eligible;
    p.amount = amount;
    p.schedule = std::move(schedule);
    s.policies.push_back(std::move(p));
    return s.policies.back();
  };
  const auto reward = PolicyKind::reward;
  const auto burden = PolicyKind::burden_reduction;
  const auto annual = PolicyBasis::annual;
  const auto quarterly = PolicyBasis::per_quarter;
  add("R1-tech-upgrade", "技术改造设备投资补助", "温政办〔2019〕示例1号", reward, annual,
      "has_tag('above_scale') and equipment_investment[2018] >= 500万", "min(10% * equipment_investment[2018], 500万)",
      Schedule::instalments(year_2019()))
      .stacking_group = "tech";
  add("R2-smart-manufacturing", "智能化改造补助", "温政办〔2019〕示例2号", reward, annual,
      "smart_investment[2018] >= 200万", "min(15% * smart_investment[2018], 300万)", Schedule::instalments(year_2019()))
      .stacking_group = "tech";
  add("R3-first-above-scale", "首次升规奖励", "温政办〔2019〕示例3号", reward, annual,
      "has_tag('above_scale') and within(above_scale_since, |2019|)", "10万",
      Schedule::lump_on_date("above_scale_since"));
  add("R4-rd-increment", "研发投入增量奖励", "温政办〔2019〕示例4号", reward, annual,
      "rd_expense[2018] - rd_expense[2017] > 0", "min(15% * (rd_expense[2018] - rd_expense[2017]), 200万)",
      Schedule::lump_in_quarter(Quarter(2019, 2)));
  Policy& r5 = add("R5-q1-growth", "一季度\"开门红\"产值增长奖励", "温政办〔2019〕示例5号", reward, quarterly,
                   "has_tag('above_scale') and output_value[same_quarter_last_year] > 0",
                   "tier(output_value[this_quarter] / output_value[same_quarter_last_year] - 1, 0.10, 50000, 0.20, "
                   "100000, 0.30, 200000)",
                   Schedule::every_quarter());
  r5.valid_from = Date::from_ymd(2019, 1, 1);
  r5.valid_until = Date::from_ymd(2019, 3, 31);
  r5.budget = Decimal(30000000);
  add("R6-micro-park-rent", "小微园租金补贴", "温政办〔2019〕示例6号", reward, quarterly, "has_tag('in_micro_park')",
      "30% * park_rent[this_quarter] * overlap_days(park_entry_date, add_days(add_years(park_entry_date, 3), -1), "
      "this_quarter) / days(this_quarter)",
      Schedule::every_quarter());
  add("R7-loan-interest", "技改贷款贴息", "温政办〔2019〕示例7号", reward, quarterly, "true",
      "tech_loan_amount * 1.5% * overlap_days(tech_loan_start, tech_loan_end, this_quarter) / 360",
      Schedule::every_quarter())
      .annual_cap = Decimal(1000000);
  add("B1-pension-rate", "养老保险单位费率 20%→16%", "国办发〔2019〕13号", burden, quarterly, "true",
      "4% * pension_wage_base[this_quarter] * overlap_days(|2019-05-01|, last_day, this_quarter) / "
      "days(this_quarter)",
      Schedule::every_quarter())
      .valid_from = Date::from_ymd(2019, 5, 1);
  add("B2-vat-rate", "增值税税率 16%→13%", "财政部 税务总局 海关总署公告2019年第39号", burden, quarterly, "true",
      "3% * taxable_sales[this_quarter]", Schedule::every_quarter())
      .valid_from = Date::from_ymd(2019, 4, 1);
  add("B3-power-price", "一般工商业电价下调", "", burden, quarterly, "true", "electricity_kwh[this_quarter] * 0.0452元",
      Schedule::every_quarter());
  add("B4-land-tax", "城镇土地使用税减免", "", burden, quarterly,
      "per_mu_grade[2018] = 'A' or per_mu_grade[2018] = 'B'",
      "land_area_sqm * 8元 * (if per_mu_grade[2018] = 'A' then 100% else 50%) / 4", Schedule::every_quarter());
  add("B5-export-rebate", "出口退税", "", burden, quarterly, "true", "13% * export_sales[this_quarter]",
      Schedule::every_quarter())
      .category = "export_rebate";
  return s;
}

TEST(PolicyBookWenzhou, BuiltInCodeEqualsLoadedFromJson) {
  const PolicyBook built = PolicyBook::build(wenzhou_in_code());
  EXPECT_TRUE(built == wenzhou());
  EXPECT_FALSE(built != wenzhou());
  for (std::size_t i = 0; i < built.policies().size(); ++i) {
    EXPECT_EQ(built.policies()[i], wenzhou().policies()[i]) << built.policies()[i].id;
    EXPECT_EQ(built.formulas(i).amount, wenzhou().formulas(i).amount);
  }
  // Any one field differing breaks the equality.
  PolicyBookSpec changed = wenzhou_in_code();
  changed.policies[4].budget = Decimal(30000001);
  EXPECT_NE(PolicyBook::build(changed), wenzhou());
  changed = wenzhou_in_code();
  changed.metrics[10].enum_values.pop_back();
  EXPECT_NE(changed, wenzhou().spec());
  changed = wenzhou_in_code();
  changed.policies[0].rounding.mode = RoundingMode::half_even;
  EXPECT_NE(changed, wenzhou().spec());
}

}  // namespace
}  // namespace duixian
