// Rendering explanations: to_json is valid JSON with stable keys, amounts as two-place
// decimal strings and exact rationals; to_text shows every step a clerk needs; absent
// optional steps are absent from both.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "duixian/explanation.hpp"
#include "support/json_reader.hpp"

namespace duixian {
namespace {

// The reader's bounds as a policy book sets them by default (policy_book.hpp, JsonLimits).
const JsonReaderLimits kLimits{4U * 1024U * 1024U, 64, 200000};

// R1 for an enterprise of 鹿城区, settled in 2019Q3: E = 600,000.00 in four instalments.
LineExplanation r1_line() {
  LineExplanation e;
  e.credit_code = "91330100799655058B";
  e.enterprise_name = "某某科技有限公司";
  e.region = "330302";
  e.policy_id = "R1-tech-upgrade";
  e.policy_title = "技术改造设备投资补助";
  e.kind = "reward";
  e.basis = "annual";
  e.quarter = Quarter(2019, 3);

  ComputationStep c;
  c.quarter = 0;
  c.eligibility = "has_tag('above_scale') and 6,000,000.00 >= 500万 = true";
  c.eligible = true;
  c.formula = "min(10% × 6,000,000.00, 500万) = 600,000";
  c.exact = Rational(600000);
  c.rounded_fen = 60'000'000;
  c.stacking = StackingStep{"tech", "max", true, "R1-tech-upgrade", 60'000'000};
  c.after_stacking_fen = 60'000'000;
  c.amount_fen = 60'000'000;
  e.computations.push_back(c);

  for (std::uint8_t q = 1; q <= 3; ++q) {
    DueStep d;
    d.quarter = q;
    d.scheduled_fen = 15'000'000;
    d.schedule = "instalment " + std::to_string(q) + " of 4: round(E / 4)";
    d.after_annual_cap_fen = 15'000'000;
    d.enterprise_cap_fen = 100'000'000;
    d.enterprise_cap_used_before_fen = 15'000'000 * (q - 1);
    d.capped_fen = 15'000'000;
    e.dues.push_back(d);
  }
  e.cumulative_fen = 45'000'000;
  e.previously_paid_fen = 30'000'000;
  e.payout_fen = 15'000'000;
  e.city_share = Decimal::parse("0.50");
  e.city_fen = 7'500'000;
  e.county_fen = 7'500'000;
  return e;
}

JsonValue parse(const std::string& text) {
  JsonDocument doc = read_json(text, "explanation.json", kLimits);
  EXPECT_TRUE(doc.complete);
  EXPECT_TRUE(doc.diagnostics.empty());
  return std::move(doc.root);
}

std::string str(const JsonValue& object, const char* key) {
  const JsonMember* m = object.find(key);
  if (m == nullptr) {
    ADD_FAILURE() << "no key " << key;
    return {};
  }
  EXPECT_EQ(m->value.kind, JsonKind::string) << key;
  return m->value.text;
}

std::vector<std::string> keys(const JsonValue& object) {
  std::vector<std::string> out;
  for (const JsonMember& m : object.members) out.push_back(m.key);
  return out;
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

TEST(ExplanationJson, TopLevelKeysInMemberOrderWithAmountsAsDecimalStrings) {
  const JsonValue root = parse(to_json(r1_line()));
  ASSERT_EQ(root.kind, JsonKind::object);
  const std::vector<std::string> expected = {
      "credit_code", "enterprise_name", "region", "policy_id", "policy_title", "kind",
      "category", "basis", "quarter", "computations", "dues", "cumulative",
      "previously_paid", "payout", "city_share", "city", "county"};
  EXPECT_EQ(keys(root), expected);
  EXPECT_EQ(str(root, "credit_code"), "91330100799655058B");
  EXPECT_EQ(str(root, "enterprise_name"), "某某科技有限公司");
  EXPECT_EQ(str(root, "quarter"), "2019Q3");
  EXPECT_EQ(str(root, "cumulative"), "450000.00");
  EXPECT_EQ(str(root, "previously_paid"), "300000.00");
  EXPECT_EQ(str(root, "payout"), "150000.00");
  EXPECT_EQ(str(root, "city_share"), "0.50");
  EXPECT_EQ(str(root, "city"), "75000.00");
  EXPECT_EQ(str(root, "county"), "75000.00");
}

TEST(ExplanationJson, StepsWithAbsentOptionalsLeftOut) {
  const JsonValue root = parse(to_json(r1_line()));
  const JsonValue& comps = root.find("computations")->value;
  ASSERT_EQ(comps.kind, JsonKind::array);
  ASSERT_EQ(comps.items.size(), 1U);
  const JsonValue& c = comps.items[0];
  const std::vector<std::string> expected = {"quarter", "period", "in_force", "eligibility", "eligible",
                                             "formula", "exact", "rounding_places", "rounding_mode", "rounded",
                                             "stacking", "after_stacking", "amount"};
  EXPECT_EQ(keys(c), expected);  // no omitted, line_cap, budget, due_date
  EXPECT_EQ(c.find("quarter")->value.text, "0");
  EXPECT_EQ(str(c, "period"), "2019");
  EXPECT_TRUE(c.find("in_force")->value.boolean);
  EXPECT_EQ(str(c, "exact"), "600000");
  EXPECT_EQ(str(c, "rounding_mode"), "half_up");
  EXPECT_EQ(str(c, "rounded"), "600000.00");
  const JsonValue& st = c.find("stacking")->value;
  EXPECT_EQ(keys(st), (std::vector<std::string>{"group", "rule", "kept", "winner", "winner_amount"}));
  EXPECT_EQ(str(st, "winner_amount"), "600000.00");

  const JsonValue& dues = root.find("dues")->value;
  ASSERT_EQ(dues.items.size(), 3U);
  const JsonValue& d2 = dues.items[1];
  EXPECT_EQ(keys(d2), (std::vector<std::string>{"quarter", "scheduled", "schedule", "annual_cap_used_before",
                                                "after_annual_cap", "enterprise_cap", "enterprise_cap_used_before",
                                                "capped"}));  // no annual_cap
  EXPECT_EQ(str(d2, "scheduled"), "150000.00");
  EXPECT_EQ(str(d2, "enterprise_cap"), "1000000.00");
  EXPECT_EQ(str(d2, "enterprise_cap_used_before"), "150000.00");
}

TEST(ExplanationJson, RationalsAreExact) {
  LineExplanation e = r1_line();
  ComputationStep& c = e.computations[0];
  c.exact = Rational::fraction(2, 6);   // 1/3: no decimal holds it
  c.line_cap = Rational::fraction(5, 2);  // 2.5
  const JsonValue c_json = parse(to_json(e)).find("computations")->value.items[0];
  EXPECT_EQ(str(c_json, "exact"), "1/3");
  EXPECT_EQ(str(c_json, "line_cap"), "2.5");

  c.exact = Rational::fraction(-1409505, 1000);
  c.line_cap = Rational::fraction(10, -3);
  const std::string json = to_json(e);
  EXPECT_TRUE(contains(json, "\"exact\": \"-1409.505\"")) << json;
  EXPECT_TRUE(contains(json, "\"line_cap\": \"-10/3\"")) << json;
}

TEST(ExplanationJson, OmissionsBudgetDueDateAndRecovery) {
  LineExplanation e = r1_line();
  e.policy_id = "R5-q1-growth";
  e.basis = "per_quarter";
  e.city_share.reset();
  e.city_fen = 0;
  e.county_fen = 0;
  e.payout_fen = -1;
  e.previously_paid_fen = 45'000'001;
  ComputationStep& c = e.computations[0];
  c.quarter = 1;
  c.stacking.reset();
  c.budget = BudgetStep{3'000'000'000, 3'000'450'000, 9'998'500, 1, 9'998'501};
  c.due_date = Date::parse("2019-05-01");
  ComputationStep missing;
  missing.quarter = 2;
  missing.eligible = true;
  missing.omitted = OmissionReason::missing_fact;
  e.computations.push_back(missing);

  const JsonValue root = parse(to_json(e));
  EXPECT_EQ(root.find("city_share"), nullptr);
  EXPECT_EQ(str(root, "payout"), "-0.01");
  const JsonValue& c1 = root.find("computations")->value.items[0];
  EXPECT_EQ(str(c1, "period"), "2019Q1");
  EXPECT_EQ(c1.find("stacking"), nullptr);
  const JsonValue& b = c1.find("budget")->value;
  EXPECT_EQ(keys(b), (std::vector<std::string>{"budget", "claimed", "floor", "extra", "allocated"}));
  EXPECT_EQ(str(b, "budget"), "30000000.00");
  EXPECT_EQ(str(b, "claimed"), "30004500.00");
  EXPECT_EQ(str(b, "floor"), "99985.00");
  EXPECT_EQ(str(b, "extra"), "0.01");
  EXPECT_EQ(str(b, "allocated"), "99985.01");
  EXPECT_EQ(str(c1, "due_date"), "2019-05-01");
  const JsonValue& c2 = root.find("computations")->value.items[1];
  EXPECT_EQ(str(c2, "omitted"), "missing_fact");
  EXPECT_EQ(c2.find("exact"), nullptr);
}

TEST(ExplanationText, EveryStepOneLine) {
  const std::string text = to_text(r1_line());
  EXPECT_TRUE(contains(text, "91330100799655058B 某某科技有限公司 (330302) — R1-tech-upgrade 技术改造设备投资补助, 2019Q3\n"))
      << text;
  EXPECT_TRUE(contains(text, "2019 年度: 资格 has_tag('above_scale') and 6,000,000.00 >= 500万 = true")) << text;
  EXPECT_TRUE(contains(text, "min(10% × 6,000,000.00, 500万) = 600,000")) << text;
  EXPECT_TRUE(contains(text, "取整(2 位, half_up) 600,000.00元")) << text;
  EXPECT_TRUE(contains(text, "就高不重复(tech, max): 保留")) << text;
  EXPECT_TRUE(contains(text, "2019Q2: instalment 2 of 4: round(E / 4) = 150,000.00元")) << text;
  EXPECT_TRUE(contains(text, "企业总量上限 1,000,000.00元, 此前已用 150,000.00元")) << text;
  EXPECT_TRUE(contains(text, "累计 450,000.00元 − 已兑现 300,000.00元 = 本季兑现 150,000.00元; 市级 50% 75,000.00元, "
                             "县级 75,000.00元\n"))
      << text;
  EXPECT_FALSE(contains(text, "政策年度上限")) << text;  // no annual cap
  EXPECT_FALSE(contains(text, "预算")) << text;           // no budget
  EXPECT_FALSE(contains(text, "未计算")) << text;
}

TEST(ExplanationText, ExactRationalStackedOmittedAndRecovery) {
  LineExplanation e = r1_line();
  e.enterprise_name.clear();
  e.region.clear();
  e.kind = "burden_reduction";
  e.category = "export_rebate";
  e.city_share.reset();
  e.city_fen = 0;
  e.county_fen = 0;
  e.payout_fen = -12'345;
  ComputationStep& c = e.computations[0];
  c.exact = Rational::fraction(1, 3);
  c.stacking = StackingStep{"tech", "max", false, "R2-smart-manufacturing", 70'000'000};
  c.after_stacking_fen = 0;
  ComputationStep missing;
  missing.quarter = 2;
  missing.eligible = true;
  missing.omitted = OmissionReason::missing_fact;
  e.computations.push_back(missing);
  ComputationStep out_of_force;
  out_of_force.quarter = 3;
  out_of_force.in_force = false;
  e.computations.push_back(out_of_force);

  const std::string text = to_text(e);
  EXPECT_TRUE(contains(text, "91330100799655058B (已不在登记册中) — R1-tech-upgrade")) << text;
  EXPECT_TRUE(contains(text, "类型 降本减负, 按年度计算, 类别 export_rebate\n")) << text;
  EXPECT_TRUE(contains(text, "精确值 1/3")) << text;
  EXPECT_TRUE(contains(text, "让位于 R2-smart-manufacturing (组内取 R2-smart-manufacturing 700,000.00元) → 0.00元"))
      << text;
  EXPECT_TRUE(contains(text, "2019Q2: 资格 无条件\n  未计算: 缺少所需数据 (missing_fact)\n")) << text;
  EXPECT_TRUE(contains(text, "2019Q3: 不在政策有效期内, 不计算\n")) << text;
  EXPECT_TRUE(contains(text, "= 本季报告 -123.45元 (追回)\n")) << text;
  EXPECT_FALSE(contains(text, "市级")) << text;
}

}  // namespace
}  // namespace duixian
