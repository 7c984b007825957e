// A second book, unlike Wenzhou's, settled (issue 5): tests/data/policy-book-lakeside-2020.json
// over a register of eleven enterprises built in code, 2020Q1..Q4 committed one after the
// other. Every amount below is computed by hand, the arithmetic in the comments; amounts
// are in fen (1 yuan = 100 fen).
//
// What the book exercises that Wenzhou's does not:
// - progressive brackets (energy-saving: 200 yuan/tce up to 1,000 tce, 300 above);
// - rounding to -2 places half_even (energy-saving) and to 0 places down (hiring.subsidy);
// - an event policy whose lump falls due on add_months(event, 3), once in the next year;
// - `first` stacking (green.first: energy-saving before green-grade-award);
// - a per-quarter budget (hiring.subsidy, 50,000 yuan a quarter) binding in 2020Q2,
//   the remainder fen going to the largest remainders, ties by credit code;
// - an enterprise cap formula max(50% * paid_taxes[prev_year], 20万), with no exemption,
//   over state-owned or non-manufacturing enterprises;
// - a fixed line cap (30,000 yuan) and a formula line cap (5% of the quarter's sales);
// - funding shares by region prefix: 440304 → 1, 4403/4419 → 0.6, anything else → 0;
// - burden reductions of excluded categories only (admin_fee, social_security).
#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

#include "duixian/credit_code.hpp"
#include "duixian/explanation.hpp"
#include "duixian/ledger.hpp"
#include "duixian/policy_book.hpp"
#include "duixian/register.hpp"
#include "duixian/settlement.hpp"
#include "test_paths.hpp"

namespace duixian {
namespace {

// The enterprises. Credit codes start with 91 + the region, so they sort by region first:
// E1 (440304) < E2 (440305) < E3 (441900), which decides the budget's tie below.
struct Firm {
  const char* name;
  const char* region;
  const char* industry;
  std::vector<std::string> tags;
  const char* body;  // organization-code body, positions 9-16
};

const Firm kFirms[] = {
    {"E1", "440304", "C3911", {}, "20000001"},               // hires: Q1 2.9999, Q2 25, Q3 10
    {"E2", "440305", "C3911", {}, "20000002"},               // hires Q2 40; wages and sales
    {"E3", "441900", "C3911", {}, "20000003"},               // hires Q2 20; wages and sales Q1
    {"E4", "440106", "C3911", {}, "20000004"},               // hires Q2 3
    {"E5", "440304", "C3911", {}, "20000005"},               // green, 1,234.5 tce
    {"E6", "440305", "C3911", {}, "20000006"},               // green, 250.5 tce
    {"E7", "441900", "C3911", {}, "20000007"},               // green, 0 tce
    {"E8", "440304", "C3911", {"state_owned"}, "20000008"},  // capped: listed 2020-01-31
    {"E9", "440305", "I6513", {}, "20000009"},               // capped: listed 2020-11-15
    {"E10", "440106", "I6513", {}, "20000010"},              // capped: listed 2020-02-10
    {"E11", "440305", "I6513", {}, "20000011"},              // capped, no paid_taxes
};

struct Lakeside {
  PolicyBook book = load_policy_book_file(test::source_path("tests/data/policy-book-lakeside-2020.json"));
  Register reg;
  std::map<std::string, CreditCode> code;

  Lakeside() {
    const MetricSchema& schema = book.schema();
    RegisterBuilder b(schema);
    std::map<std::string, EnterpriseIndex> index;
    for (const Firm& f : kFirms) {
      const CreditCode c = complete_credit_code(std::string("91") + f.region, f.body);
      code.emplace(f.name, c);
      index[f.name] = b.add_enterprise({c, std::string("Lakeside ") + f.name, RegionCode::parse(f.region),
                                        IndustryCode::parse(f.industry), f.tags, Date::from_ymd(2012, 6, 1), {}});
    }
    const auto fact = [&](const char* firm, const char* metric, const char* period, const char* value) {
      const MetricId id = schema.find(metric).value();
      b.add_fact(index.at(firm), id, period[0] ? Period::parse(period) : Period::timeless(),
                 parse_fact_value(schema[id], value));
    };
    fact("E1", "new_hires", "2020Q1", "2.9999");
    fact("E1", "new_hires", "2020Q2", "25");
    fact("E1", "new_hires", "2020Q3", "10");
    fact("E2", "new_hires", "2020Q2", "40");
    fact("E2", "wage_bill", "2020Q1", "1000000");
    fact("E2", "sales_revenue", "2020Q1", "300000");
    fact("E2", "wage_bill", "2020Q2", "500000");  // no sales in Q2: the training line cap is missing
    fact("E2", "wage_bill", "2020Q4", "1000000");
    fact("E2", "sales_revenue", "2020Q4", "1000000");
    fact("E3", "new_hires", "2020Q2", "20");
    fact("E3", "wage_bill", "2020Q1", "123456.78");
    fact("E3", "sales_revenue", "2020Q1", "1000000");
    fact("E4", "new_hires", "2020Q2", "3");
    fact("E5", "green_grade", "2019", "green");
    fact("E5", "energy_saved_tce", "2019", "1234.5");
    fact("E6", "green_grade", "2019", "green");
    fact("E6", "energy_saved_tce", "2019", "250.5");
    fact("E7", "green_grade", "2019", "green");
    fact("E7", "energy_saved_tce", "2019", "0");
    fact("E8", "green_grade", "2019", "red");
    fact("E8", "paid_taxes", "2019", "600000");
    fact("E8", "listed_on", "", "2020-01-31");
    fact("E8", "new_hires", "2020Q1", "10");
    fact("E8", "new_hires", "2020Q3", "4");
    fact("E9", "paid_taxes", "2019", "100000");
    fact("E9", "listed_on", "", "2020-11-15");
    fact("E10", "paid_taxes", "2019", "100000");
    fact("E10", "listed_on", "", "2020-02-10");
    fact("E11", "new_hires", "2020Q1", "2");
    reg = std::move(b).build();
  }

  std::uint32_t policy(const char* id) const { return static_cast<std::uint32_t>(book.find_policy(id).value()); }
};


// The year, settled and committed quarter by quarter.
struct Year {
  Lakeside lake;
  InMemoryLedger ledger;
  std::vector<Settlement> q;  // q[0] = 2020Q1 ... q[3] = 2020Q4

  Year() {
    for (unsigned n = 1; n <= 4; ++n) {
      Settlement s = settle(lake.book, lake.reg, Quarter(2020, n), ledger, SettleOptions{2, true});
      ledger.commit(s.to_commit());
      q.push_back(std::move(s));
    }
  }
};

const Year& year() {
  static const Year y;
  return y;
}

const Settlement& quarter(unsigned n) { return year().q.at(n - 1); }
const CreditCode& code(const char* firm) { return year().lake.code.at(firm); }

struct Expected {
  std::int64_t due, cumulative, previously_paid, payout, city, county;
};

// Checks every amount of the line of `firm` under `policy` in quarter `n`.
void expect_line(unsigned n, const char* firm, const char* policy, const Expected& e) {
  SCOPED_TRACE(std::string("2020Q") + std::to_string(n) + " " + firm + " " + policy);
  const SettlementLine* l = quarter(n).find_line(code(firm), policy);
  ASSERT_NE(l, nullptr);
  EXPECT_EQ(l->due_fen, e.due);
  EXPECT_EQ(l->cumulative_fen, e.cumulative);
  EXPECT_EQ(l->previously_paid_fen, e.previously_paid);
  EXPECT_EQ(l->payout_fen, e.payout);
  EXPECT_EQ(l->city_fen, e.city);
  EXPECT_EQ(l->county_fen, e.county);
}

// No line, or one with nothing in it.
void expect_nothing(unsigned n, const char* firm, const char* policy) {
  SCOPED_TRACE(std::string("2020Q") + std::to_string(n) + " " + firm + " " + policy);
  if (const SettlementLine* l = quarter(n).find_line(code(firm), policy)) {
    EXPECT_EQ(l->due_fen, 0);
    EXPECT_EQ(l->cumulative_fen, 0);
    EXPECT_EQ(l->payout_fen, 0);
  }
}

// The omissions of `firm` in quarter `n`.
std::vector<Omission> omissions_of(unsigned n, const char* firm) {
  const Settlement& s = quarter(n);
  std::vector<Omission> out;
  for (const Omission& o : s.omissions()) {
    if (s.omitted_enterprises().at(o.enterprise).code == code(firm)) out.push_back(o);
  }
  return out;
}

bool has_omission(unsigned n, const char* firm, const char* policy, OmissionReason reason) {
  const std::uint32_t p = year().lake.policy(policy);
  for (const Omission& o : omissions_of(n, firm)) {
    if (o.policy == p && o.reason == reason) return true;
  }
  return false;
}

TEST(SettlementSecondBook, TheYearCommitsQuarterByQuarter) {
  const Year& y = year();
  ASSERT_EQ(y.ledger.commits().size(), 4U);
  for (unsigned n = 1; n <= 4; ++n) {
    EXPECT_EQ(quarter(n).quarter(), Quarter(2020, n));
    EXPECT_EQ(quarter(n).ledger_state(), LedgerState::not_committed) << n;
    EXPECT_EQ(y.ledger.commit_of(Quarter(2020, n))->book_id, "lakeside-2020");
  }
}

// hiring.subsidy: new_hires × 1500元, line cap 30,000, rounded to 0 places down,
// budget 50,000 yuan per quarter.
TEST(SettlementSecondBook, RoundsDownToTheYuanAndCapsTheLine) {
  // E1 2020Q1: 2.9999 × 1500 = 4,499.85 → 0 places down → 4,499 (half_up would give 4,500).
  // Claims of Q1: E1 4,499 + E8 15,000 + E11 3,000 = 22,499 ≤ 50,000: the budget does not bind.
  // Region 440304: the city pays all.
  expect_line(1, "E1", "hiring.subsidy", {449900, 449900, 0, 449900, 449900, 0});
  const Settlement& s = quarter(2);
  // E1 2020Q2: 25 × 1500 = 37,500 > 30,000: the line cap holds it to 30,000 (then the budget).
  const std::size_t e1 = static_cast<std::size_t>(s.find_line(code("E1"), "hiring.subsidy") - s.lines().data());
  const LineExplanation x = s.explain(e1);
  ASSERT_FALSE(x.computations.empty());
  const ComputationStep& q2 = x.computations.back();
  EXPECT_EQ(q2.quarter, 2);
  EXPECT_EQ(q2.rounding_places, 0);
  EXPECT_EQ(q2.rounding_mode, RoundingMode::down);
  EXPECT_EQ(q2.rounded_fen, 3000000);
  ASSERT_TRUE(q2.budget);
  EXPECT_EQ(q2.budget->budget_fen, 5000000);
  EXPECT_EQ(q2.budget->claimed_fen, 9450000);
}

// 2020Q2 claims: E1 min(37,500, 30,000) = 30,000; E2 min(60,000, 30,000) = 30,000;
// E3 20 × 1500 = 30,000; E4 3 × 1500 = 4,500. S = 94,500 > B = 50,000: the budget binds.
// In fen, each a × B / S = a × 5,000,000 / 9,450,000 = a × 100 / 189:
//   3,000,000 × 100 / 189 = 1,587,301 + 111/189 (0.587)   (E1, E2, E3)
//     450,000 × 100 / 189 =   238,095 +  45/189 (0.238)   (E4)
// Floors: 3 × 1,587,301 + 238,095 = 4,999,998, so 2 fen go to the largest remainders:
// the three 0.587 tie, broken by credit code: E1 (91440304…) and E2 (91440305…) get one
// each, E3 (91441900…) none. Σ = 1,587,302 × 2 + 1,587,301 + 238,095 = 5,000,000.
// Funding: E1 440304 → city 1; E2 440305 (prefix 4403) and E3 441900 (4419) → 0.6:
//   E2 city round(1,587,302 × 0.6 = 952,381.2) = 952,381, county 634,921;
//   E3 city round(1,587,301 × 0.6 = 952,380.6) = 952,381, county 634,920;
// E4 440106 matches no rule → default 0: the county pays all.
TEST(SettlementSecondBook, PerQuarterBudgetBindsInQ2WithTiesByCreditCode) {
  expect_line(2, "E1", "hiring.subsidy", {1587302, 449900 + 1587302, 449900, 1587302, 1587302, 0});
  expect_line(2, "E2", "hiring.subsidy", {1587302, 1587302, 0, 1587302, 952381, 634921});
  expect_line(2, "E3", "hiring.subsidy", {1587301, 1587301, 0, 1587301, 952381, 634920});
  expect_line(2, "E4", "hiring.subsidy", {238095, 238095, 0, 238095, 0, 238095});
  std::int64_t sum = 0;
  const std::uint32_t hiring = year().lake.policy("hiring.subsidy");
  for (const SettlementLine& l : quarter(2).lines()) {
    if (l.policy == hiring) sum += l.due_fen;
  }
  EXPECT_EQ(sum, 5000000);  // exactly the budget

  // The same through the shard interface: the claims before the budget, and the decision.
  const Lakeside& lake = year().lake;
  Shard run = begin_shard(lake.book, lake.reg, Quarter(2020, 4), 0, SettleOptions{1, true});
  const BudgetDecision d = BudgetDecision::decide(lake.book, run.claims());
  // Periods by policy then quarter: hiring (policy 1) Q1, Q2, Q3, then energy-saving (3), the year.
  //   Q1: E1 449,900 + E8 1,500,000 + E11 300,000 = 2,249,900 (E11's cap comes later)
  //   Q3: E1 10 × 1500 = 1,500,000 + E8 4 × 1500 = 600,000 (capped later) = 2,100,000
  //   energy-saving: E5 270,400 yuan + E6 50,100 yuan = 32,050,000 fen ≤ 500,000,000
  const std::uint32_t energy = lake.policy("energy-saving");
  ASSERT_EQ(d.periods().size(), 4U);
  const struct {
    std::uint32_t policy;
    std::uint8_t quarter;
    std::int64_t budget, claimed;
    bool binding;
  } want[] = {{hiring, 1, 5000000, 2249900, false},
              {hiring, 2, 5000000, 9450000, true},
              {hiring, 3, 5000000, 2100000, false},
              {energy, 0, 500000000, 32050000, false}};
  for (std::size_t i = 0; i < 4; ++i) {
    const BudgetDecision::BudgetPeriod& p = d.periods()[i];
    EXPECT_EQ(p.policy, want[i].policy) << i;
    EXPECT_EQ(p.quarter, want[i].quarter) << i;
    EXPECT_EQ(p.budget_fen, want[i].budget) << i;
    EXPECT_EQ(p.claimed_fen, want[i].claimed) << i;
    EXPECT_EQ(p.binding, want[i].binding) << i;
  }
  EXPECT_EQ(d.find(hiring, 4), nullptr);
  EXPECT_EQ(d.allocated(code("E1"), hiring, 2, 3000000), 1587302);
  EXPECT_EQ(d.allocated(code("E2"), hiring, 2, 3000000), 1587302);
  EXPECT_EQ(d.allocated(code("E3"), hiring, 2, 3000000), 1587301);
  EXPECT_EQ(d.allocated(code("E4"), hiring, 2, 450000), 238095);
  EXPECT_EQ(d.allocated(code("E1"), hiring, 1, 449900), 449900);  // not binding: unchanged
}

// training.subsidy: 2% × wage_bill, line cap 5% × sales_revenue of the quarter, 2 places half_up.
TEST(SettlementSecondBook, FormulaLineCap) {
  // E2 Q1: 2% × 1,000,000 = 20,000 > 5% × 300,000 = 15,000 → 15,000.00; 0.6 → city 9,000.
  expect_line(1, "E2", "training.subsidy", {1500000, 1500000, 0, 1500000, 900000, 600000});
  // E3 Q1: 2% × 123,456.78 = 2,469.1356 → 2,469.14 (cap 5% × 1,000,000 = 50,000 does not bind);
  // city round(246,914 × 0.6 = 148,148.4) = 148,148, county 98,766.
  expect_line(1, "E3", "training.subsidy", {246914, 246914, 0, 246914, 148148, 98766});
  // E2 Q2: wages but no sales: the line cap cannot be computed, so no amount.
  bool missing = false;
  const MetricId sales = year().lake.book.schema().find("sales_revenue").value();
  for (const Omission& o : omissions_of(2, "E2")) {
    if (o.policy == year().lake.policy("training.subsidy") && o.quarter == 2) {
      EXPECT_EQ(o.reason, OmissionReason::missing_fact);
      EXPECT_EQ(o.metric, sales);
      EXPECT_EQ(o.period_key, Period(Quarter(2020, 2)).key());
      missing = true;
    }
  }
  EXPECT_TRUE(missing);
  expect_line(2, "E2", "training.subsidy", {0, 1500000, 1500000, 0, 0, 0});
  // Q4: valid until 2020-09-30, so E2's Q4 wages give nothing.
  expect_line(4, "E2", "training.subsidy", {0, 1500000, 1500000, 0, 0, 0});
}

// energy-saving: progressive(tce[2019], 0, 200元, 1000, 300元), -2 places half_even,
// instalments 2020Q3 and Q4 of round(E / 2) with the same rounding, the last the rest.
// green.first (rule first): energy-saving, first in book order, wins when it is non-zero.
TEST(SettlementSecondBook, ProgressiveBracketsHalfEvenHundredsAndFirstStacking) {
  // E5: 200 × 1,000 + 300 × 234.5 = 270,350 → hundreds 2,703.5 → half_even → 2,704 → 270,400;
  //     instalments round(135,200) = 135,200 and 270,400 − 135,200 = 135,200. City 1.
  expect_line(3, "E5", "energy-saving", {13520000, 13520000, 0, 13520000, 13520000, 0});
  expect_line(4, "E5", "energy-saving", {13520000, 27040000, 13520000, 13520000, 13520000, 0});
  // E6: 200 × 250.5 = 50,100 (already whole hundreds); instalment 50,100 / 2 = 25,050 →
  //     hundreds 250.5 → half_even → 250 → 25,000; the last 50,100 − 25,000 = 25,100.
  //     With rule max, green-grade-award's 80,000 would have won; with first, it is dropped.
  //     0.6: Q3 city 1,500,000 county 1,000,000; Q4 city 1,506,000 county 1,004,000.
  expect_line(3, "E6", "energy-saving", {2500000, 2500000, 0, 2500000, 1500000, 1000000});
  expect_line(4, "E6", "energy-saving", {2510000, 5010000, 2500000, 2510000, 1506000, 1004000});
  expect_nothing(4, "E5", "green-grade-award");
  expect_nothing(4, "E6", "green-grade-award");
  // E7: 0 tce → progressive gives 0 (x ≤ 0): the first non-zero member is green-grade-award,
  //     80,000 as a lump in Q4; 441900 → 0.6: city 48,000, county 32,000.
  expect_nothing(4, "E7", "energy-saving");
  expect_line(4, "E7", "green-grade-award", {8000000, 8000000, 0, 8000000, 4800000, 3200000});

  const Settlement& s = quarter(4);
  const SettlementLine* e5 = s.find_line(code("E5"), "energy-saving");
  ASSERT_NE(e5, nullptr);
  const LineExplanation x = s.explain(static_cast<std::size_t>(e5 - s.lines().data()));
  ASSERT_EQ(x.computations.size(), 1U);
  EXPECT_EQ(x.computations[0].quarter, 0);  // the year
  EXPECT_EQ(x.computations[0].rounding_places, -2);
  EXPECT_EQ(x.computations[0].rounding_mode, RoundingMode::half_even);
  EXPECT_EQ(x.computations[0].rounded_fen, 27040000);
  ASSERT_TRUE(x.computations[0].stacking);
  EXPECT_EQ(x.computations[0].stacking->rule, "first");
  EXPECT_TRUE(x.computations[0].stacking->kept);
}

// listing_bonus: an event on listed_on, 50万, due on add_months(listed_on, 3); all three
// listed enterprises fall under the enterprise cap max(50% × paid_taxes[2019], 20万).
TEST(SettlementSecondBook, EventDueAddMonthsUnderTheEnterpriseCap) {
  // E8 listed 2020-01-31 (event in Q1): due add_months = 2020-04-30 (clamped to April's end),
  // in Q2. Settling Q1, it is not yet due.
  EXPECT_TRUE(has_omission(1, "E8", "listing_bonus", OmissionReason::not_yet_due));
  expect_nothing(1, "E8", "listing_bonus");
  // E8 is state-owned: cap max(50% × 600,000, 200,000) = 300,000, walked in quarter then
  // book order: Q1 hiring 10 × 1500 = 15,000 (S = 15,000); Q2 listing min(500,000,
  // 300,000 − 15,000) = 285,000 (S = 300,000); Q3 hiring 4 × 1500 = 6,000 → min(6,000, 0) = 0.
  // 440304 → the city pays all.
  expect_line(1, "E8", "hiring.subsidy", {1500000, 1500000, 0, 1500000, 1500000, 0});
  expect_line(2, "E8", "listing_bonus", {28500000, 28500000, 0, 28500000, 28500000, 0});
  expect_line(3, "E8", "hiring.subsidy", {0, 1500000, 1500000, 0, 0, 0});
  // E10 (industry I: not manufacturing) listed 2020-02-10, due 2020-05-10 in Q2:
  // cap max(50% × 100,000 = 50,000, 200,000) = 200,000. 440106 → the county pays all.
  expect_line(2, "E10", "listing_bonus", {20000000, 20000000, 0, 20000000, 0, 20000000});
  // E9 listed 2020-11-15 (event in Q4): due 2021-02-15, outside the book's year: never due
  // in this book, an omission and no line.
  EXPECT_EQ(quarter(4).find_line(code("E9"), "listing_bonus"), nullptr);
  bool outside = false;
  for (const Omission& o : omissions_of(4, "E9")) {
    if (o.policy == year().lake.policy("listing_bonus")) {
      EXPECT_EQ(o.reason, OmissionReason::outside_year);
      // An event policy's amount is computed for the event's quarter (settlement.hpp:
      // Omission::quarter is "the quarter computed for; 0: the year (annual policies)").
      EXPECT_EQ(o.quarter, 4);
      outside = true;
    }
  }
  EXPECT_TRUE(outside);
  // Q3's explanation of E8's hiring line shows the cap used up.
  const Settlement& s = quarter(3);
  const SettlementLine* e8 = s.find_line(code("E8"), "hiring.subsidy");
  ASSERT_NE(e8, nullptr);
  const LineExplanation x = s.explain(static_cast<std::size_t>(e8 - s.lines().data()));
  ASSERT_FALSE(x.dues.empty());
  const DueStep& q3 = x.dues.back();
  EXPECT_EQ(q3.quarter, 3);
  EXPECT_EQ(q3.scheduled_fen, 600000);
  ASSERT_TRUE(q3.enterprise_cap_fen);
  EXPECT_EQ(*q3.enterprise_cap_fen, 30000000);
  EXPECT_EQ(q3.enterprise_cap_used_before_fen, 30000000);
  EXPECT_EQ(q3.capped_fen, 0);
}

TEST(SettlementSecondBook, UnknownEnterpriseCapPaysNothing) {
  // E11 (industry I) has no paid_taxes[2019]: its cap is unknown, so its rewards get 0.
  EXPECT_FALSE(omissions_of(1, "E11").empty());
  bool cap_unknown = false;
  for (const Omission& o : omissions_of(1, "E11")) cap_unknown = cap_unknown || o.reason == OmissionReason::cap_unknown;
  EXPECT_TRUE(cap_unknown);
  expect_nothing(1, "E11", "hiring.subsidy");
}

// Burden reductions: reported, never split; both categories are excluded from totals.
TEST(SettlementSecondBook, BurdenReductionsOfExcludedCategories) {
  // 2020 is a leap year: days(2020Q1) = 31 + 29 + 31 = 91; Feb 1..Mar 31 = 60 days.
  // social-security-deferral, 16% × wage × days(max(first_day, 02-01), last_day) / days:
  //   E2 Q1: 160,000 × 60 / 91 = 105,494.505… → 105,494.51
  //   E3 Q1: 19,753.0848 × 60 / 91 = 13,024.0119… → 13,024.01
  //   E2 Q2: 16% × 500,000 × 91 / 91 = 80,000.00; Q3 no wages; Q4 16% × 1,000,000 = 160,000.00
  // fee-waiver, sales × 0.1% × overlap_days(02-01, 06-30, quarter) / days:
  //   E2 Q1: 300 × 60 / 91 = 197.802… → 197.80;  E3 Q1: 1,000 × 60 / 91 = 659.340… → 659.34
  expect_line(1, "E2", "social-security-deferral", {10549451, 10549451, 0, 10549451, 0, 0});
  expect_line(1, "E3", "social-security-deferral", {1302401, 1302401, 0, 1302401, 0, 0});
  expect_line(1, "E2", "fee-waiver", {19780, 19780, 0, 19780, 0, 0});
  expect_line(1, "E3", "fee-waiver", {65934, 65934, 0, 65934, 0, 0});
  expect_line(2, "E2", "social-security-deferral", {8000000, 18549451, 10549451, 8000000, 0, 0});
  expect_line(4, "E2", "social-security-deferral", {16000000, 34549451, 18549451, 16000000, 0, 0});
  // fee-waiver is valid until 2020-06-30 and E2 had no Q2 sales: nothing after Q1's 197.80.
  expect_line(4, "E2", "fee-waiver", {0, 19780, 19780, 0, 0, 0});

  // Q1 totals. Rewards: E1 hiring 449,900 + E2 training 1,500,000 + E3 training 246,914
  // + E8 hiring 1,500,000 = 3,696,814, of which the city 449,900 + 900,000 + 148,148
  // + 1,500,000 = 2,998,048 and the county 600,000 + 98,766 = 698,766.
  // Excluded (both burden policies): 10,549,451 + 1,302,401 + 19,780 + 65,934 = 11,937,566.
  const Totals t = quarter(1).totals();
  EXPECT_EQ(t.all.rewards_quarter, 3696814);
  EXPECT_EQ(t.all.rewards_ytd, 3696814);
  EXPECT_EQ(t.all.city_quarter, 2998048);
  EXPECT_EQ(t.all.county_quarter, 698766);
  EXPECT_EQ(t.all.burden_quarter, 0);
  EXPECT_EQ(t.all.excluded_quarter, 11937566);
  EXPECT_EQ(t.all.excluded_ytd, 11937566);
  EXPECT_EQ(t.all.beneficiaries, 4);  // E1, E2, E3, E8
  ASSERT_EQ(t.by_policy.size(), 7U);
  EXPECT_EQ(t.by_policy[1].first, "hiring.subsidy");
  EXPECT_EQ(t.by_policy[1].second.rewards_quarter, 449900 + 1500000);
}

// The year's rewards, per enterprise, after Q4:
//   E1 449,900 + 1,587,302 + 1,500,000 = 3,537,202     E2 1,500,000 + 1,587,302 = 3,087,302
//   E3 246,914 + 1,587,301 = 1,834,215                 E4 238,095
//   E5 27,040,000   E6 5,010,000   E7 8,000,000   E8 1,500,000 + 28,500,000 = 30,000,000
//   E10 20,000,000;   E9, E11 nothing.   Σ = 98,746,814
TEST(SettlementSecondBook, YearToDateAfterQ4) {
  expect_line(3, "E1", "hiring.subsidy", {1500000, 3537202, 2037202, 1500000, 1500000, 0});
  const Totals t = quarter(4).totals();
  EXPECT_EQ(t.all.rewards_ytd, 3537202 + 3087302 + 1834215 + 238095 + 27040000 + 5010000 + 8000000 + 30000000 +
                                   20000000);
  EXPECT_EQ(t.all.rewards_ytd, 98746814);
  // Q4 pays E5 13,520,000 + E6 2,510,000 + E7 8,000,000.
  EXPECT_EQ(t.all.rewards_quarter, 13520000 + 2510000 + 8000000);
  EXPECT_EQ(t.all.beneficiaries, 9);
  // What the ledger holds equals the year's cumulative rewards and burdens.
  const PaidTotals paid = year().ledger.paid_between(Quarter(2020, 1), Quarter(2020, 4));
  EXPECT_EQ(paid.paid_fen(code("E8").to_string(), "listing_bonus"), 28500000);
  EXPECT_EQ(paid.paid_fen(code("E1").to_string(), "hiring.subsidy"), 3537202);
  EXPECT_FALSE(paid.contains(code("E9").to_string(), "listing_bonus"));
}

}  // namespace
}  // namespace duixian
