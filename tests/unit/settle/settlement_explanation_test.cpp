// Every line of a run recomputed from its explanation alone (issue 5): the explanation's
// numbers must be enough to redo each step of the engine's order by hand and land on
// the line's amounts. The run is 2019Q4 over generated data, with Q1–Q3 committed from
// the facts before the revision and Q4 settled after it, so there are true-ups,
// recoveries, binding caps, stacking and a binding budget among the lines.
#include <gtest/gtest.h>

#include <string>

#include "duixian/explanation.hpp"
#include "duixian/loader.hpp"
#include "duixian/policy_book.hpp"
#include "duixian/settlement.hpp"
#include "wenzhou_data.hpp"
#include "test_paths.hpp"

namespace duixian {
namespace {

Register load(const PolicyBook& book, const datagen::GeneratedData& data, bool revised) {
  RegisterBuilder builder(book.schema());
  Diagnostics diagnostics;
  load_enterprises_csv(builder, data.enterprises, "enterprises.csv", {}, diagnostics);
  load_facts_csv(builder, data.facts, "facts.csv", {}, diagnostics);
  if (revised) load_facts_csv(builder, data.revision, "facts-revision.csv", {}, diagnostics, FactMode::revise);
  EXPECT_FALSE(has_errors(diagnostics));
  return std::move(builder).build();
}

std::int64_t fen_of(const Rational& value, int places, RoundingMode mode) {
  return decimal_to_fen(value.round(places, mode));
}

// Redoes one line from its explanation; returns the first step that does not add up.
std::string recompute(const LineExplanation& x, const SettlementLine& line) {
  std::int64_t annual_amount = 0;
  for (const ComputationStep& c : x.computations) {
    const std::string at = x.credit_code + " " + x.policy_id + " period " + std::to_string(c.quarter) + ": ";
    if (!c.in_force || c.omitted || !c.eligible) {
      if (c.rounded_fen != 0 || c.amount_fen != 0) return at + "an amount without a computation";
      continue;
    }
    if (!c.exact) return at + "no exact amount";
    Rational capped = *c.exact;
    if (c.line_cap && Rational::compare(capped, *c.line_cap) > 0) capped = *c.line_cap;
    if (fen_of(capped, c.rounding_places, c.rounding_mode) != c.rounded_fen) return at + "rounding";
    const bool stacked = c.stacking && !c.stacking->kept;
    if (stacked && c.stacking->winner_fen < c.rounded_fen && c.stacking->rule == "max") return at + "stacking";
    if (c.after_stacking_fen != (stacked ? 0 : c.rounded_fen)) return at + "after stacking";
    if (c.budget) {
      const BudgetStep& b = *c.budget;
      __extension__ typedef __int128 wide;
      const auto floor = static_cast<std::int64_t>(static_cast<wide>(c.after_stacking_fen) * b.budget_fen / b.claimed_fen);
      if (b.claimed_fen <= b.budget_fen || b.floor_fen != floor || (b.extra_fen != 0 && b.extra_fen != 1) ||
          b.allocated_fen != floor + b.extra_fen || c.amount_fen != b.allocated_fen) {
        return at + "budget";
      }
    } else if (c.amount_fen != c.after_stacking_fen) {
      return at + "amount";
    }
    if (c.quarter == 0) annual_amount = c.amount_fen;
  }
  std::int64_t cumulative = 0;
  std::int64_t annual_used = 0;
  std::int64_t scheduled = 0;
  std::int64_t enterprise_used = -1;
  for (const DueStep& d : x.dues) {
    const std::string at = x.credit_code + " " + x.policy_id + " due " + std::to_string(d.quarter) + ": ";
    if (x.basis == "per_quarter") {
      std::int64_t amount = 0;
      for (const ComputationStep& c : x.computations) {
        if (c.quarter == d.quarter) amount = c.amount_fen;
      }
      if (d.scheduled_fen != amount) return at + "scheduled is not the quarter's amount";
    }
    scheduled += d.scheduled_fen;
    std::int64_t after = d.scheduled_fen;
    if (d.annual_cap_fen) {
      if (d.annual_cap_used_before_fen != annual_used) return at + "annual cap used before";
      after = std::min(after, std::max<std::int64_t>(0, *d.annual_cap_fen - annual_used));
    }
    if (d.after_annual_cap_fen != after) return at + "annual cap";
    annual_used += after;
    if (d.enterprise_cap_fen) {
      if (d.enterprise_cap_used_before_fen < enterprise_used) return at + "enterprise cap use went down";
      enterprise_used = d.enterprise_cap_used_before_fen;
      after = std::min(after, std::max<std::int64_t>(0, *d.enterprise_cap_fen - d.enterprise_cap_used_before_fen));
    }
    if (d.capped_fen != after) return at + "enterprise cap";
    cumulative += d.capped_fen;
  }
  if (x.basis != "per_quarter" && scheduled != annual_amount) return x.policy_id + ": schedule does not add up to E";
  if (cumulative != x.cumulative_fen || cumulative != line.cumulative_fen) return x.policy_id + ": cumulative";
  if (x.previously_paid_fen != line.previously_paid_fen) return x.policy_id + ": previously paid";
  if (x.payout_fen != cumulative - x.previously_paid_fen || x.payout_fen != line.payout_fen) return "payout";
  if (x.city_share) {
    const std::int64_t city = decimal_to_fen((fen_to_decimal(x.payout_fen) * *x.city_share).round(2, RoundingMode::half_up));
    if (x.city_fen != city || x.county_fen != x.payout_fen - city) return x.policy_id + ": funding split";
  } else if (x.city_fen != 0 || x.county_fen != 0) {
    return x.policy_id + ": shares on a burden line";
  }
  if (x.city_fen != line.city_fen || x.county_fen != line.county_fen) return x.policy_id + ": shares differ from the line";
  return {};
}

TEST(SettlementExplanation, EveryLineIsRecomputedFromItsExplanationAlone) {
  const PolicyBook book = load_policy_book_file(test::wenzhou_book_path());
  // 1,600 enterprises: the R5 budget binds from about 1,500 (datagen census).
  const datagen::GeneratedData data = datagen::generate_wenzhou_2019({1600, 7});
  ASSERT_TRUE(data.census.r5_budget_binding());
  const Register before = load(book, data, false);
  const Register after = load(book, data, true);
  InMemoryLedger ledger;
  for (unsigned q = 1; q <= 3; ++q) {
    ledger.commit(settle(book, before, Quarter(2019, q), ledger).to_commit());
  }
  const Settlement s = settle(book, after, Quarter(2019, 4), ledger);
  std::size_t budgets = 0, stacked = 0, enterprise_capped = 0, recoveries = 0;
  for (std::size_t i = 0; i < s.lines().size(); ++i) {
    const LineExplanation x = s.explain(i);
    const std::string problem = recompute(x, s.lines()[i]);
    ASSERT_EQ(problem, "") << "line " << i << "\n" << to_text(x);
    for (const ComputationStep& c : x.computations) {
      budgets += c.budget ? 1 : 0;
      stacked += c.stacking && !c.stacking->kept ? 1 : 0;
    }
    for (const DueStep& d : x.dues) enterprise_capped += d.enterprise_cap_fen && d.capped_fen < d.after_annual_cap_fen;
    recoveries += s.lines()[i].payout_fen < 0;
  }
  // The run exercised what it claims to check.
  EXPECT_GT(budgets, 0U);
  EXPECT_GT(enterprise_capped, 0U);
  EXPECT_GT(recoveries, 0U);
  EXPECT_GT(s.lines().size(), 5000U);
  (void)stacked;  // stacked lines have no line of their own unless paid before
}

}  // namespace
}  // namespace duixian
