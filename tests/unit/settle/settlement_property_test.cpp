// Properties of the settlement engine over generated Wenzhou 2019 data (issue 5).
//
// The data generator (tools/datagen) writes the workload's three CSV files in memory
// for a few thousand enterprises (the R5 budget binds from about 1,500), the loaders read
// them with the book's schema, and each property is checked for each sample:
// - the thread count changes nothing;
// - three shards, budgets decided over all their claims and merged, equal one run;
// - a binding budget's allocations sum exactly to the budget, by largest remainders;
// - every line's arithmetic (true-up, funding split) and the totals follow from the lines;
// - a committed quarter settled again is identical, and committing it again changes nothing;
// - after a facts revision, a committed quarter differs and cannot be committed again;
// - a reward valid in Q1 only is not clawed back in Q2;
// - payments are the reward payouts netted per enterprise;
// - enterprises that left the register have what they were paid recovered.
//
// Sized for a Debug or sanitizer build: a few thousand enterprises, the year settled once
// per sample and shared by the tests.
#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <map>
#include <memory>
#include <set>
#include <sstream>
#include <string>
#include <tuple>
#include <unordered_map>
#include <vector>

#include "duixian/explanation.hpp"
#include "duixian/ledger.hpp"
#include "duixian/loader.hpp"
#include "duixian/policy_book.hpp"
#include "duixian/settlement.hpp"
#include "wenzhou_data.hpp"
#include "test_paths.hpp"

namespace duixian {
namespace {

const PolicyBook& wenzhou() {
  static const PolicyBook book = load_policy_book_file(test::wenzhou_book_path());
  return book;
}

std::uint32_t policy_index(const char* id) { return static_cast<std::uint32_t>(wenzhou().find_policy(id).value()); }

constexpr unsigned kShards = 3;

struct Sample {
  std::uint64_t seed;
  std::size_t enterprises;
};
const Sample kSamples[] = {{2019, 2500}, {20190401, 2000}};

std::string render(const Diagnostics& diagnostics) {
  std::string text;
  for (std::size_t i = 0; i < diagnostics.size() && i < 10; ++i) text += to_string(diagnostics[i]) + "\n";
  return text;
}

// The generated data, loaded whole, revised and in shards, and the year settled and
// committed quarter by quarter (threads 2). Never moved once built: settlements refer
// to the registers.
struct Workload {
  Sample sample{};
  datagen::GeneratedData data;
  Register reg;      // enterprises.csv + facts.csv
  Register revised;  // ... + facts-revision.csv (FactMode::revise)
  std::array<Register, kShards> shards;  // enterprise i in shard i % 3, from the same rows
  std::unordered_map<std::string, unsigned> shard_of;  // credit code → shard
  RowCounts facts_counts;

  std::vector<Settlement> year;             // year[k]: 2019Q(k+1), settled against ledger_after[k]
  std::vector<CommitResult> commits;        // committing year[k]
  std::vector<LedgerState> states;          // year[k].ledger_state() before its commit
  std::vector<InMemoryLedger> ledger_after; // ledger_after[k]: quarters 1..k committed

  explicit Workload(Sample s) : sample(s) {
    data = datagen::generate_wenzhou_2019({s.enterprises, s.seed});
    reg = load(false);
    revised = load(true);
    build_shards();
    ledger_after.emplace_back();
    for (unsigned q = 1; q <= 4; ++q) {
      Settlement st = settle(wenzhou(), reg, Quarter(2019, q), ledger_after.back(), SettleOptions{2, true});
      states.push_back(st.ledger_state());
      InMemoryLedger next = ledger_after.back();
      commits.push_back(next.commit(st.to_commit()));
      ledger_after.push_back(std::move(next));
      year.push_back(std::move(st));
    }
  }

  Register load(bool with_revision) {
    RegisterBuilder builder(wenzhou().schema());
    Diagnostics diagnostics;
    const RowCounts e = load_enterprises_csv(builder, data.enterprises, "enterprises.csv", {}, diagnostics);
    facts_counts = load_facts_csv(builder, data.facts, "facts.csv", {}, diagnostics);
    if (with_revision) load_facts_csv(builder, data.revision, "facts-revision.csv", {}, diagnostics, FactMode::revise);
    EXPECT_FALSE(has_errors(diagnostics)) << render(diagnostics);
    EXPECT_EQ(e.accepted, sample.enterprises);
    EXPECT_EQ(facts_counts.rejected, 0U);
    return std::move(builder).build();
  }

  // Shard k gets the enterprises of index i % 3 == k (copied from the loaded register,
  // that is from the same enterprises.csv rows) and the facts.csv rows of their codes.
  void build_shards() {
    std::array<std::string, kShards> facts;
    const std::size_t header_end = data.facts.find('\n') + 1;
    for (auto& f : facts) f = data.facts.substr(0, header_end);
    for (EnterpriseIndex i = 0; i < reg.size(); ++i) shard_of.emplace(reg[i].code.to_string(), i % kShards);
    for (std::size_t pos = header_end; pos < data.facts.size();) {
      std::size_t end = data.facts.find('\n', pos);
      end = end == std::string::npos ? data.facts.size() : end + 1;
      const std::string_view row(data.facts.data() + pos, end - pos);
      facts[shard_of.at(std::string(row.substr(0, row.find(','))))].append(row);
      pos = end;
    }
    std::size_t accepted = 0;
    for (unsigned k = 0; k < kShards; ++k) {
      RegisterBuilder builder(wenzhou().schema());
      for (EnterpriseIndex i = k; i < reg.size(); i += kShards) builder.add_enterprise(reg[i]);
      Diagnostics diagnostics;
      const RowCounts c = load_facts_csv(builder, facts[k], "facts.csv", {}, diagnostics);
      EXPECT_FALSE(has_errors(diagnostics)) << render(diagnostics);
      accepted += c.accepted;
      shards[k] = std::move(builder).build();
    }
    EXPECT_EQ(accepted, facts_counts.accepted);
    EXPECT_EQ(shards[0].size() + shards[1].size() + shards[2].size(), reg.size());
  }

  const Settlement& settled(unsigned q) const { return year.at(q - 1); }
  const InMemoryLedger& ledger_before(unsigned q) const { return ledger_after.at(q - 1); }
};

const Workload& workload(std::size_t sample) {
  wenzhou();  // constructed first, so destroyed after the settlements that refer to it
  static std::map<std::size_t, std::unique_ptr<Workload>> cache;
  auto& w = cache[sample];
  if (!w) w = std::make_unique<Workload>(kSamples[sample]);
  return *w;
}

// ---------------------------------------------------------------------------------
// Comparing settlements.

enum class Compare {
  everything,    // two runs over the same register: every field
  across_shards  // a merge against one run: not the shard number, register index, ledger state or evaluation count
};

std::string region_text(const std::optional<RegionCode>& r) { return r ? std::to_string(r->code()) : "-"; }

std::string show(const Settlement& s, const SettlementLine& l) {
  std::ostringstream o;
  o << s.enterprises().at(l.enterprise).code << ' ' << wenzhou().policies().at(l.policy).id << " due " << l.due_fen
    << " cumulative " << l.cumulative_fen << " previously " << l.previously_paid_fen << " payout " << l.payout_fen
    << " city " << l.city_fen << " county " << l.county_fen;
  return o.str();
}

void dump_figures(std::ostream& o, const Figures& f) {
  o << f.rewards_quarter << ' ' << f.rewards_ytd << ' ' << f.burden_quarter << ' ' << f.burden_ytd << ' '
    << f.excluded_quarter << ' ' << f.excluded_ytd << ' ' << f.city_quarter << ' ' << f.county_quarter << ' '
    << f.beneficiaries << '\n';
}

void dump_enterprise(std::ostream& o, const SettledEnterprise& e, Compare mode) {
  o << e.code << ' ' << region_text(e.region);
  if (mode == Compare::everything) o << ' ' << (e.index ? std::to_string(*e.index) : "-") << ' ' << e.shard;
  o << '\n';
}

// Everything a settlement holds, as text.
std::string dump(const Settlement& s, Compare mode) {
  std::ostringstream o;
  o << s.quarter().to_string() << ' ' << s.book().id() << '\n';
  if (mode == Compare::everything) {
    o << "state " << static_cast<int>(s.ledger_state()) << " evaluations " << s.evaluations() << '\n';
  }
  o << "enterprises " << s.enterprises().size() << '\n';
  for (const SettledEnterprise& e : s.enterprises()) dump_enterprise(o, e, mode);
  o << "lines " << s.lines().size() << '\n';
  for (const SettlementLine& l : s.lines()) o << l.enterprise << ' ' << show(s, l) << '\n';
  o << "payments\n";
  for (const Payment& p : s.payments()) {
    o << s.enterprises().at(p.enterprise).code << ' ' << p.net_fen << ' ' << p.city_fen << ' ' << p.county_fen << '\n';
  }
  o << "omissions " << s.omissions().size() << '\n';
  for (const Omission& m : s.omissions()) {
    o << m.enterprise << ' ' << s.omitted_enterprises().at(m.enterprise).code << ' ' << m.policy << ' '
      << int{m.quarter} << ' ' << to_string(m.reason) << ' ' << m.metric << ' ' << m.period_key << '\n';
  }
  o << "omitted enterprises " << s.omitted_enterprises().size() << '\n';
  for (const SettledEnterprise& e : s.omitted_enterprises()) dump_enterprise(o, e, mode);
  const Totals t = s.totals();
  o << "totals\n";
  dump_figures(o, t.all);
  for (const auto* breakdown : {&t.by_region, &t.by_policy, &t.by_category}) {
    o << "breakdown " << breakdown->size() << '\n';
    for (const auto& [key, figures] : *breakdown) {
      o << key << ": ";
      dump_figures(o, figures);
    }
  }
  return o.str();
}

// The lines as bytes: credit code, policy id, then the six amounts (8 bytes each, host order).
std::string line_bytes(const Settlement& s) {
  std::string out;
  for (const SettlementLine& l : s.lines()) {
    out.append(s.enterprises().at(l.enterprise).code.text());
    out.append(wenzhou().policies().at(l.policy).id);
    out.push_back('\0');
    for (const std::int64_t v : {l.due_fen, l.cumulative_fen, l.previously_paid_fen, l.payout_fen, l.city_fen,
                                 l.county_fen}) {
      char b[sizeof v];
      std::memcpy(b, &v, sizeof v);
      out.append(b, sizeof v);
    }
  }
  return out;
}

bool same_figures(const Figures& a, const Figures& b) {
  return std::tie(a.rewards_quarter, a.rewards_ytd, a.burden_quarter, a.burden_ytd, a.excluded_quarter,
                  a.excluded_ytd, a.city_quarter, a.county_quarter, a.beneficiaries) ==
         std::tie(b.rewards_quarter, b.rewards_ytd, b.burden_quarter, b.burden_ytd, b.excluded_quarter,
                  b.excluded_ytd, b.city_quarter, b.county_quarter, b.beneficiaries);
}

bool same_breakdown(const std::vector<std::pair<std::string, Figures>>& a,
                    const std::vector<std::pair<std::string, Figures>>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (a[i].first != b[i].first || !same_figures(a[i].second, b[i].second)) return false;
  }
  return true;
}

bool same_enterprise(const SettledEnterprise& a, const SettledEnterprise& b, Compare mode) {
  if (a.code != b.code || a.region != b.region) return false;
  return mode == Compare::across_shards || (a.index == b.index && a.shard == b.shard);
}

// Field by field, reporting the first differences; then the whole text and the line bytes.
::testing::AssertionResult identical(const Settlement& a, const Settlement& b, Compare mode) {
  std::ostringstream why;
  int differences = 0;
  const auto differ = [&](const std::string& what) {
    if (++differences <= 8) why << "\n  " << what;
  };
  if (a.quarter() != b.quarter()) differ("quarter " + a.quarter().to_string() + " vs " + b.quarter().to_string());
  if (a.book() != b.book()) differ("book");
  if (mode == Compare::everything) {
    if (a.ledger_state() != b.ledger_state()) differ("ledger state");
    if (a.evaluations() != b.evaluations()) {
      differ("evaluations " + std::to_string(a.evaluations()) + " vs " + std::to_string(b.evaluations()));
    }
  }
  if (a.enterprises().size() != b.enterprises().size()) {
    differ("enterprises " + std::to_string(a.enterprises().size()) + " vs " + std::to_string(b.enterprises().size()));
  } else {
    for (std::size_t i = 0; i < a.enterprises().size(); ++i) {
      if (!same_enterprise(a.enterprises()[i], b.enterprises()[i], mode)) differ("enterprise " + std::to_string(i));
    }
  }
  if (a.lines().size() != b.lines().size()) {
    differ("lines " + std::to_string(a.lines().size()) + " vs " + std::to_string(b.lines().size()));
  } else {
    for (std::size_t i = 0; i < a.lines().size(); ++i) {
      const SettlementLine& x = a.lines()[i];
      const SettlementLine& y = b.lines()[i];
      if (std::tie(x.enterprise, x.policy, x.due_fen, x.cumulative_fen, x.previously_paid_fen, x.payout_fen,
                   x.city_fen, x.county_fen) != std::tie(y.enterprise, y.policy, y.due_fen, y.cumulative_fen,
                                                         y.previously_paid_fen, y.payout_fen, y.city_fen,
                                                         y.county_fen)) {
        differ("line " + std::to_string(i) + ": " + show(a, x) + " vs " + show(b, y));
      }
    }
  }
  const std::vector<Payment> pa = a.payments();
  const std::vector<Payment> pb = b.payments();
  if (pa.size() != pb.size()) {
    differ("payments " + std::to_string(pa.size()) + " vs " + std::to_string(pb.size()));
  } else {
    for (std::size_t i = 0; i < pa.size(); ++i) {
      if (std::tie(pa[i].enterprise, pa[i].net_fen, pa[i].city_fen, pa[i].county_fen) !=
          std::tie(pb[i].enterprise, pb[i].net_fen, pb[i].city_fen, pb[i].county_fen)) {
        differ("payment " + std::to_string(i));
      }
    }
  }
  if (a.omissions().size() != b.omissions().size()) {
    differ("omissions " + std::to_string(a.omissions().size()) + " vs " + std::to_string(b.omissions().size()));
  } else {
    for (std::size_t i = 0; i < a.omissions().size(); ++i) {
      const Omission& x = a.omissions()[i];
      const Omission& y = b.omissions()[i];
      if (std::tie(x.enterprise, x.policy, x.quarter, x.reason, x.metric, x.period_key) !=
          std::tie(y.enterprise, y.policy, y.quarter, y.reason, y.metric, y.period_key)) {
        differ("omission " + std::to_string(i));
      }
    }
  }
  if (a.omitted_enterprises().size() != b.omitted_enterprises().size()) {
    differ("omitted enterprises");
  } else {
    for (std::size_t i = 0; i < a.omitted_enterprises().size(); ++i) {
      if (!same_enterprise(a.omitted_enterprises()[i], b.omitted_enterprises()[i], mode)) {
        differ("omitted enterprise " + std::to_string(i));
      }
    }
  }
  const Totals ta = a.totals();
  const Totals tb = b.totals();
  if (!same_figures(ta.all, tb.all)) differ("totals");
  if (!same_breakdown(ta.by_region, tb.by_region)) differ("totals by region");
  if (!same_breakdown(ta.by_policy, tb.by_policy)) differ("totals by policy");
  if (!same_breakdown(ta.by_category, tb.by_category)) differ("totals by category");
  if (dump(a, mode) != dump(b, mode)) differ("text dumps differ");
  if (line_bytes(a) != line_bytes(b)) differ("line bytes differ");
  if (differences == 0) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << differences << " differences:" << why.str();
}

// ---------------------------------------------------------------------------------

class SettlementProperty : public ::testing::TestWithParam<std::size_t> {
 protected:
  const Workload& w() const { return workload(GetParam()); }
};

TEST_P(SettlementProperty, ThreadCountChangesNothing) {
  for (const unsigned q : {1U, 4U}) {
    SCOPED_TRACE("2019Q" + std::to_string(q));
    const Ledger& ledger = w().ledger_before(q);
    const Settlement one = settle(wenzhou(), w().reg, Quarter(2019, q), ledger, SettleOptions{1, true});
    const Settlement two = settle(wenzhou(), w().reg, Quarter(2019, q), ledger, SettleOptions{2, true});
    const Settlement eight = settle(wenzhou(), w().reg, Quarter(2019, q), ledger, SettleOptions{8, true});
    ASSERT_FALSE(one.lines().empty());
    EXPECT_TRUE(identical(one, two, Compare::everything));
    EXPECT_TRUE(identical(one, eight, Compare::everything));
    EXPECT_TRUE(identical(one, w().settled(q), Compare::everything));
    EXPECT_EQ(line_bytes(one), line_bytes(eight));
    EXPECT_EQ(dump(one, Compare::everything), dump(eight, Compare::everything));
  }
}

// Phase 1 on each shard, the budgets over all claims, phase 2 on each, merged.
// `own_pairs`: each shard's phase 2 gets only its own enterprises' previously paid pairs.
Settlement settle_in_shards(const Workload& w, const Quarter& q, const PaidTotals& paid, bool reverse_claims,
                            bool own_pairs = false) {
  std::array<PaidTotals, kShards> shard_paid;
  if (own_pairs) {
    paid.for_each([&](std::string_view code, std::string_view policy, const Decimal& amount) {
      shard_paid[w.shard_of.at(std::string(code))].add(code, policy, amount);
    });
  }
  std::vector<Shard> runs;
  std::vector<BudgetClaim> claims;
  for (unsigned k = 0; k < kShards; ++k) {
    runs.push_back(begin_shard(wenzhou(), w.shards[k], q, k, SettleOptions{2, true}));
    claims.insert(claims.end(), runs.back().claims().begin(), runs.back().claims().end());
  }
  if (reverse_claims) std::reverse(claims.begin(), claims.end());  // "in any order"
  const BudgetDecision decision = BudgetDecision::decide(wenzhou(), claims);
  std::vector<Settlement> parts;
  for (unsigned k = 0; k < kShards; ++k) {
    parts.push_back(finish_shard(std::move(runs[k]), decision, own_pairs ? shard_paid[k] : paid));
  }
  return merge(std::move(parts), paid);
}

TEST_P(SettlementProperty, ShardsMergedEqualOneRun) {
  for (const unsigned q : {1U, 4U}) {
    SCOPED_TRACE("2019Q" + std::to_string(q));
    const PaidTotals paid = w().ledger_before(q).paid_before(Quarter(2019, q));
    EXPECT_EQ(paid.empty(), q == 1);
    const Settlement merged = settle_in_shards(w(), Quarter(2019, q), paid, q == 4);
    const Settlement& one = w().settled(q);
    EXPECT_TRUE(identical(merged, one, Compare::across_shards));
    // Each enterprise names the shard that settled it and its index there.
    std::array<std::size_t, kShards> per_shard{};
    for (const SettledEnterprise& e : merged.enterprises()) {
      ASSERT_TRUE(e.index) << e.code;
      ASSERT_LT(e.shard, kShards);
      EXPECT_EQ(e.shard, w().shard_of.at(e.code.to_string())) << e.code;
      EXPECT_EQ(w().shards[e.shard][*e.index].code, e.code);
      ++per_shard[e.shard];
    }
    for (unsigned k = 0; k < kShards; ++k) EXPECT_GT(per_shard[k], 0U) << k;
    // The merge's provenance is the whole register's: the same commit, digests included.
    const PendingCommit merged_commit = merged.to_commit();
    const PendingCommit one_commit = one.to_commit();
    EXPECT_EQ(merged_commit.data_sha256, one_commit.data_sha256);
    EXPECT_EQ(merged_commit.data_sha256, w().reg.canonical_sha256());
    for (unsigned k = 0; k < kShards; ++k) EXPECT_NE(merged_commit.data_sha256, w().shards[k].canonical_sha256()) << k;
    EXPECT_EQ(merged_commit.book_sha256, wenzhou().source_sha256());
    EXPECT_EQ(merged_commit.entries, one_commit.entries);
    for (const SettledEnterprise& e : one.enterprises()) {
      ASSERT_TRUE(e.index) << e.code;
      EXPECT_EQ(e.shard, 0U);
      EXPECT_EQ(w().reg[*e.index].code, e.code);
    }
    if (q == 4) {  // phase 2 may also be given only the shard's own pairs
      EXPECT_TRUE(identical(settle_in_shards(w(), Quarter(2019, q), paid, false, true), one, Compare::across_shards));
    }
  }
}

// R5-q1-growth: tiers of Q1 output growth, budget 30,000,000.00 for 2019Q1.
TEST_P(SettlementProperty, BindingBudgetSumsExactlyToTheBudget) {
  const datagen::Census& census = w().data.census;
  ASSERT_TRUE(census.r5_budget_binding()) << "sample too small for the R5 budget to bind";
  const std::uint32_t r5 = policy_index("R5-q1-growth");
  const std::int64_t budget = datagen::Census::r5_budget_fen;

  // Phase 1 over the whole register: the claims before the budget.
  const Shard run = begin_shard(wenzhou(), w().reg, Quarter(2019, 1), 0, SettleOptions{2, true});
  std::vector<BudgetClaim> r5_claims;
  std::int64_t claimed = 0;
  for (const BudgetClaim& c : run.claims()) {
    EXPECT_EQ(c.policy, r5) << "only R5 has a budget";
    EXPECT_GT(c.amount_fen, 0) << c.code;
    if (c.policy != r5) continue;
    EXPECT_EQ(c.quarter, 1) << c.code;
    claimed += c.amount_fen;
    r5_claims.push_back(c);
  }
  // The census computes the tiers from the generated values, independently of the engine.
  EXPECT_EQ(r5_claims.size(), census.r5_eligible);
  EXPECT_EQ(claimed, census.r5_tier_sum_fen);

  const BudgetDecision decision = BudgetDecision::decide(wenzhou(), run.claims());
  ASSERT_EQ(decision.periods().size(), 1U);
  const BudgetDecision::BudgetPeriod* p = decision.find(r5, 1);
  ASSERT_NE(p, nullptr);
  EXPECT_EQ(&decision.periods()[0], p);
  EXPECT_EQ(p->policy, r5);
  EXPECT_EQ(p->quarter, 1);
  EXPECT_EQ(p->budget_fen, budget);
  EXPECT_EQ(p->claimed_fen, claimed);
  EXPECT_TRUE(p->binding);
  EXPECT_EQ(decision.find(r5, 2), nullptr);

  // floor(a × B / S) each, then one fen to each of the B − Σ floor largest remainders,
  // ties by credit code.
  std::vector<std::tuple<std::int64_t, CreditCode, std::size_t>> by_remainder;  // (−remainder, code, claim)
  std::int64_t floors = 0;
  // a ≤ 200,000.00 yuan and B = 3 × 10^9 fen: a × B < 10^17 fits in 64 bits.
  for (std::size_t i = 0; i < r5_claims.size(); ++i) {
    ASSERT_LE(r5_claims[i].amount_fen, 20'000'000) << r5_claims[i].code;
    const std::int64_t scaled = r5_claims[i].amount_fen * budget;
    floors += scaled / claimed;
    by_remainder.emplace_back(-(scaled % claimed), r5_claims[i].code, i);
  }
  std::sort(by_remainder.begin(), by_remainder.end());
  const std::int64_t extra = budget - floors;
  ASSERT_GE(extra, 0);
  ASSERT_LT(extra, static_cast<std::int64_t>(r5_claims.size()));
  std::vector<std::int64_t> expected(r5_claims.size());
  for (std::size_t rank = 0; rank < by_remainder.size(); ++rank) {
    const std::size_t i = std::get<2>(by_remainder[rank]);
    expected[i] = r5_claims[i].amount_fen * budget / claimed + (static_cast<std::int64_t>(rank) < extra ? 1 : 0);
  }
  std::int64_t allocated = 0;
  for (std::size_t i = 0; i < r5_claims.size(); ++i) {
    const BudgetClaim& c = r5_claims[i];
    const std::int64_t a = decision.allocated(c.code, c.policy, c.quarter, c.amount_fen);
    EXPECT_EQ(a, expected[i]) << c.code << " claimed " << c.amount_fen;
    allocated += a;
  }
  EXPECT_EQ(allocated, budget);
  // Claims in another order decide the same.
  std::vector<BudgetClaim> reversed(run.claims().rbegin(), run.claims().rend());
  const BudgetDecision again = BudgetDecision::decide(wenzhou(), reversed);
  for (const BudgetClaim& c : r5_claims) {
    EXPECT_EQ(again.allocated(c.code, c.policy, c.quarter, c.amount_fen),
              decision.allocated(c.code, c.policy, c.quarter, c.amount_fen));
  }

  // The settled lines: each R5 line gets its allocation, less only what the enterprise
  // total cap (registered before 2016, R5 not exempt) takes; Σ due = B − what the cap took.
  const Settlement& s = w().settled(1);
  std::map<std::string, std::int64_t> allocation;
  for (const BudgetClaim& c : r5_claims) allocation[c.code.to_string()] = decision.allocated(c.code, r5, 1, c.amount_fen);
  const Date cap_before = Date::from_ymd(2016, 1, 1);
  std::int64_t due = 0;
  std::int64_t cap_took = 0;
  std::int64_t after_budget = 0;  // Σ of the explanations' amounts after the budget, before the caps
  std::set<std::string> with_line;
  for (std::size_t i = 0; i < s.lines().size(); ++i) {
    const SettlementLine& l = s.lines()[i];
    if (l.policy != r5) continue;
    const SettledEnterprise& e = s.enterprises()[l.enterprise];
    const std::string code = e.code.to_string();
    with_line.insert(code);
    due += l.due_fen;
    const auto it = allocation.find(code);
    if (it == allocation.end()) {
      EXPECT_EQ(l.due_fen, 0) << show(s, l) << ": an R5 line without a claim";
      continue;
    }
    const bool capped = w().reg[e.index.value()].registered_on < cap_before;
    if (capped) {
      EXPECT_LE(l.due_fen, it->second) << show(s, l);
      EXPECT_GE(l.due_fen, 0) << show(s, l);
    } else {
      EXPECT_EQ(l.due_fen, it->second) << show(s, l) << ": not under the enterprise cap";
    }
    cap_took += it->second - l.due_fen;
    // The explanation shows the same budget step.
    const LineExplanation x = s.explain(i);
    ASSERT_FALSE(x.computations.empty());
    const ComputationStep& c = x.computations.front();
    EXPECT_EQ(c.quarter, 1);
    EXPECT_EQ(c.amount_fen, it->second) << show(s, l);
    after_budget += c.amount_fen;
    ASSERT_TRUE(c.budget) << show(s, l);
    EXPECT_EQ(c.budget->budget_fen, budget);
    EXPECT_EQ(c.budget->claimed_fen, claimed);
    EXPECT_EQ(c.budget->allocated_fen, it->second);
    EXPECT_EQ(c.budget->floor_fen + c.budget->extra_fen, it->second);
  }
  for (const auto& [code, a] : allocation) {
    if (!with_line.count(code)) {
      cap_took += a;  // no line: nothing due at all, which only the cap can do
      after_budget += a;
      const auto idx = w().reg.find(CreditCode::parse(code));
      ASSERT_TRUE(idx);
      EXPECT_LT(w().reg[*idx].registered_on, cap_before) << code << " has an allocation of " << a << " but no line";
    }
  }
  // After the budget R5 sums to exactly B = 30,000,000.00; the enterprise cap (a later
  // step) then removes money from some lines, which nobody else receives (wenzhou-2019.md
  // §4.3), so Σ due = B only when the cap takes nothing.
  EXPECT_EQ(after_budget, budget);
  EXPECT_EQ(due + cap_took, budget);
  if (cap_took == 0) {
    EXPECT_EQ(due, 3'000'000'000);  // 30,000,000.00 yuan exactly
  }
  RecordProperty("r5_due_fen", std::to_string(due));
  RecordProperty("r5_taken_by_enterprise_cap_fen", std::to_string(cap_took));
}

// Totals recomputed from the lines (excluded categories: B5 only, a burden reduction).
Figures figures_of(const Settlement& s, const std::vector<const SettlementLine*>& lines) {
  Figures f;
  std::map<std::uint32_t, std::int64_t> rewards_ytd;
  for (const SettlementLine* l : lines) {
    const bool excluded = s.book().excluded_from_totals(l->policy);
    const bool reward = s.book().policies()[l->policy].kind == PolicyKind::reward;
    if (excluded) {
      f.excluded_quarter += l->payout_fen;
      f.excluded_ytd += l->cumulative_fen;
    } else if (reward) {
      f.rewards_quarter += l->payout_fen;
      f.rewards_ytd += l->cumulative_fen;
      f.city_quarter += l->city_fen;
      f.county_quarter += l->county_fen;
      rewards_ytd[l->enterprise] += l->cumulative_fen;
    } else {
      f.burden_quarter += l->payout_fen;
      f.burden_ytd += l->cumulative_fen;
    }
  }
  for (const auto& [e, ytd] : rewards_ytd) f.beneficiaries += ytd > 0 ? 1 : 0;
  return f;
}

void check_lines(const Settlement& s, const Register& reg, const Ledger& ledger, const std::string& what) {
  SCOPED_TRACE(what);
  const PaidTotals paid = ledger.paid_before(s.quarter());
  const PolicyBook& book = s.book();
  for (std::size_t i = 1; i < s.enterprises().size(); ++i) {
    ASSERT_LT(s.enterprises()[i - 1].code, s.enterprises()[i].code) << "enterprises sorted by credit code";
  }
  for (const SettledEnterprise& e : s.enterprises()) {
    ASSERT_TRUE(e.index && e.region) << e.code;
    EXPECT_EQ(reg[*e.index].code, e.code);
    EXPECT_EQ(reg[*e.index].region, *e.region);
  }
  std::vector<const SettlementLine*> all;
  std::map<std::uint32_t, std::vector<const SettlementLine*>> by_policy;
  for (std::size_t i = 0; i < s.lines().size(); ++i) {
    const SettlementLine& l = s.lines()[i];
    all.push_back(&l);
    by_policy[l.policy].push_back(&l);
    ASSERT_LT(l.enterprise, s.enterprises().size());
    ASSERT_LT(l.policy, book.policies().size());
    if (i > 0) {
      const SettlementLine& p = s.lines()[i - 1];
      EXPECT_TRUE(std::tie(p.enterprise, p.policy) < std::tie(l.enterprise, l.policy)) << "lines out of order at " << i;
    }
    EXPECT_EQ(l.cumulative_fen, l.previously_paid_fen + l.payout_fen) << show(s, l);
    EXPECT_EQ(l.previously_paid_fen,
              paid.paid_fen(s.enterprises()[l.enterprise].code.text(), book.policies()[l.policy].id))
        << show(s, l);
    EXPECT_GE(l.due_fen, 0) << show(s, l);
    EXPECT_GE(l.cumulative_fen, 0) << show(s, l);
    if (book.policies()[l.policy].kind == PolicyKind::reward) {
      EXPECT_EQ(l.city_fen + l.county_fen, l.payout_fen) << show(s, l);
      // city = round(payout × share), half-up; Wenzhou's shares are 0.5 and 0.3.
      const Decimal share = book.spec().funding.city_share(*s.enterprises()[l.enterprise].region);
      const Decimal city = (fen_to_decimal(l.payout_fen) * share).round(2, RoundingMode::half_up);
      EXPECT_EQ(l.city_fen, decimal_to_fen(city)) << show(s, l) << " share " << share.to_string();
    } else {
      EXPECT_EQ(l.city_fen, 0) << show(s, l);
      EXPECT_EQ(l.county_fen, 0) << show(s, l);
    }
  }
  // Every pair paid before has its line (recovered or confirmed).
  paid.for_each([&](std::string_view code, std::string_view policy, const Decimal& amount) {
    const SettlementLine* l = s.find_line(CreditCode::parse(code), policy);
    if (amount.is_zero() && !l) return;
    ASSERT_NE(l, nullptr) << code << ' ' << policy << " was paid " << amount.to_string() << " and has no line";
    EXPECT_EQ(fen_to_decimal(l->previously_paid_fen), amount);
  });
  // Totals follow from the lines.
  const Totals t = s.totals();
  EXPECT_TRUE(same_figures(t.all, figures_of(s, all)));
  ASSERT_EQ(t.by_policy.size(), book.policies().size());
  for (std::size_t p = 0; p < book.policies().size(); ++p) {
    EXPECT_EQ(t.by_policy[p].first, book.policies()[p].id);
    EXPECT_TRUE(same_figures(t.by_policy[p].second, figures_of(s, by_policy[static_cast<std::uint32_t>(p)])))
        << book.policies()[p].id;
  }
  std::int64_t by_region = 0;
  for (const auto& [region, f] : t.by_region) by_region += f.rewards_quarter;
  EXPECT_EQ(by_region, t.all.rewards_quarter);
}

TEST_P(SettlementProperty, EveryLineAddsUp) {
  for (unsigned q = 1; q <= 4; ++q) {
    check_lines(w().settled(q), w().reg, w().ledger_before(q), "2019Q" + std::to_string(q));
  }
  // With recoveries: the revised facts settled for Q2 after Q1 was paid.
  const Settlement revised = settle(wenzhou(), w().revised, Quarter(2019, 2), w().ledger_before(2));
  check_lines(revised, w().revised, w().ledger_before(2), "revised 2019Q2");
}

TEST_P(SettlementProperty, CommittedQuarterSettledAgainIsIdentical) {
  for (unsigned q = 1; q <= 4; ++q) {
    EXPECT_EQ(w().states[q - 1], LedgerState::not_committed) << q;
    EXPECT_EQ(w().commits[q - 1].status, CommitStatus::committed) << q;
    EXPECT_EQ(w().commits[q - 1].record.quarter, Quarter(2019, q));
    EXPECT_EQ(w().commits[q - 1].record.sequence, static_cast<std::int64_t>(q));
  }
  InMemoryLedger ledger = w().ledger_after.back();
  ASSERT_EQ(ledger.commits().size(), 4U);
  ledger.verify();
  const PaidTotals before = ledger.paid_between(Quarter(2019, 1), Quarter(2019, 4));

  const Settlement again = settle(wenzhou(), w().reg, Quarter(2019, 3), ledger, SettleOptions{2, true});
  EXPECT_EQ(again.ledger_state(), LedgerState::committed_identical);
  const Settlement& first = w().settled(3);
  EXPECT_TRUE(identical(again, first, Compare::across_shards));  // all but the ledger state
  EXPECT_EQ(line_bytes(again), line_bytes(first));

  // The run it would commit is the one committed.
  const PendingCommit run = again.to_commit();
  std::vector<LedgerEntry> entries = run.entries;
  std::sort(entries.begin(), entries.end(), [](const LedgerEntry& a, const LedgerEntry& b) {
    return std::tie(a.credit_code, a.policy_id) < std::tie(b.credit_code, b.policy_id);
  });
  EXPECT_EQ(entries, ledger.entries(Quarter(2019, 3)));
  std::size_t nonzero = 0;
  for (const SettlementLine& l : first.lines()) nonzero += l.payout_fen != 0 ? 1 : 0;
  EXPECT_EQ(entries.size(), nonzero);

  const CommitResult result = ledger.commit(run);
  EXPECT_EQ(result.status, CommitStatus::already_committed);
  EXPECT_EQ(result.record, *ledger.commit_of(Quarter(2019, 3)));
  EXPECT_EQ(ledger.commits().size(), 4U);
  EXPECT_EQ(ledger.paid_between(Quarter(2019, 1), Quarter(2019, 4)).to_entries(), before.to_entries());
  ledger.verify();
}

TEST_P(SettlementProperty, FactsRevisionMakesACommittedQuarterDifferent) {
  const datagen::Census& census = w().data.census;
  ASSERT_GT(census.revised_up + census.revised_down + census.revised_added, 0U);
  InMemoryLedger ledger = w().ledger_after.back();
  const Settlement s = settle(wenzhou(), w().revised, Quarter(2019, 1), ledger, SettleOptions{2, true});
  EXPECT_EQ(s.ledger_state(), LedgerState::committed_different);
  const std::vector<CommitRecord> runs = ledger.commits();
  try {
    ledger.commit(s.to_commit());
    ADD_FAILURE() << "committing a different 2019Q1 was accepted";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::ledger_conflict) << e.what();
  }
  EXPECT_EQ(ledger.commits(), runs);
  // The unchanged data still settles 2019Q1 identically.
  EXPECT_EQ(settle(wenzhou(), w().reg, Quarter(2019, 1), ledger, SettleOptions{2, true}).ledger_state(),
            LedgerState::committed_identical);
}

TEST_P(SettlementProperty, Q2DoesNotClawBackAQ1OnlyReward) {
  const std::uint32_t r5 = policy_index("R5-q1-growth");
  const Settlement& q1 = w().settled(1);
  const Settlement& q2 = w().settled(2);
  std::map<std::string, std::int64_t> paid_q1;
  for (const SettlementLine& l : q1.lines()) {
    if (l.policy == r5 && l.payout_fen != 0) paid_q1[q1.enterprises()[l.enterprise].code.to_string()] = l.payout_fen;
  }
  ASSERT_FALSE(paid_q1.empty());
  std::size_t seen = 0;
  for (const SettlementLine& l : q2.lines()) {
    if (l.policy != r5) continue;
    const std::string code = q2.enterprises()[l.enterprise].code.to_string();
    EXPECT_EQ(l.payout_fen, 0) << show(q2, l);
    EXPECT_EQ(l.due_fen, 0) << show(q2, l);
    const auto it = paid_q1.find(code);
    const std::int64_t q1_amount = it == paid_q1.end() ? 0 : it->second;
    EXPECT_EQ(l.cumulative_fen, q1_amount) << show(q2, l);
    EXPECT_EQ(l.previously_paid_fen, q1_amount) << show(q2, l);
    seen += it != paid_q1.end() ? 1 : 0;
  }
  EXPECT_EQ(seen, paid_q1.size()) << "every enterprise paid R5 in Q1 has its R5 line in Q2";
  // Nor later: the year's R5 total stays what Q1 paid.
  for (unsigned q = 2; q <= 4; ++q) {
    const Totals t = w().settled(q).totals();
    EXPECT_EQ(t.by_policy[r5].second.rewards_quarter, 0) << q;
    EXPECT_EQ(t.by_policy[r5].second.rewards_ytd, q1.totals().by_policy[r5].second.rewards_ytd) << q;
  }
}

void check_payments(const Settlement& s, const std::string& what, std::size_t* receivables) {
  SCOPED_TRACE(what);
  std::map<std::uint32_t, std::array<std::int64_t, 3>> want;  // net, city, county
  for (const SettlementLine& l : s.lines()) {
    if (s.book().policies()[l.policy].kind != PolicyKind::reward) continue;
    auto& w = want[l.enterprise];
    w[0] += l.payout_fen;
    w[1] += l.city_fen;
    w[2] += l.county_fen;
  }
  const std::vector<Payment> payments = s.payments();
  ASSERT_EQ(payments.size(), want.size());
  auto it = want.begin();
  for (const Payment& p : payments) {
    EXPECT_EQ(p.enterprise, it->first);
    EXPECT_EQ(p.net_fen, it->second[0]) << s.enterprises()[p.enterprise].code;
    EXPECT_EQ(p.city_fen, it->second[1]) << s.enterprises()[p.enterprise].code;
    EXPECT_EQ(p.county_fen, it->second[2]) << s.enterprises()[p.enterprise].code;
    EXPECT_EQ(p.city_fen + p.county_fen, p.net_fen);
    EXPECT_EQ(p.receivable(), p.net_fen < 0);
    *receivables += p.receivable() ? 1 : 0;
    ++it;
  }
}

TEST_P(SettlementProperty, PaymentsNetTheRewardPayouts) {
  std::size_t receivables = 0;
  for (unsigned q = 1; q <= 4; ++q) check_payments(w().settled(q), "2019Q" + std::to_string(q), &receivables);
  EXPECT_EQ(receivables, 0U) << "nothing is recovered without a revision";
  // The revision lowers some equipment investments of 2018, some below R1's threshold,
  // after R1's first instalment was paid: recoveries.
  const Settlement revised = settle(wenzhou(), w().revised, Quarter(2019, 2), w().ledger_before(2));
  check_payments(revised, "revised 2019Q2", &receivables);
  if (w().data.census.revised_down > 0) {
    EXPECT_GT(receivables, 0U);
  }
}

// Settling one shard alone against the whole ledger: the other shards' enterprises have
// left the register, and what they were paid is recovered.
TEST_P(SettlementProperty, EnterprisesThatLeftAreRecovered) {
  const Ledger& ledger = w().ledger_before(2);
  const PaidTotals paid = ledger.paid_before(Quarter(2019, 2));
  const Settlement s = settle(wenzhou(), w().shards[0], Quarter(2019, 2), ledger, SettleOptions{2, true});
  std::size_t recovered = 0;
  paid.for_each([&](std::string_view code, std::string_view policy, const Decimal& amount) {
    if (w().shard_of.at(std::string(code)) == 0 || amount.is_zero()) return;
    const SettlementLine* l = s.find_line(CreditCode::parse(code), policy);
    ASSERT_NE(l, nullptr) << code << ' ' << policy;
    const SettledEnterprise& e = s.enterprises()[l->enterprise];
    EXPECT_FALSE(e.region) << code;
    EXPECT_FALSE(e.index) << code;
    EXPECT_EQ(l->due_fen, 0);
    EXPECT_EQ(l->cumulative_fen, 0);
    EXPECT_EQ(fen_to_decimal(l->previously_paid_fen), amount);
    EXPECT_EQ(l->payout_fen, -l->previously_paid_fen);
    EXPECT_EQ(l->city_fen + l->county_fen, s.book().policies()[l->policy].kind == PolicyKind::reward ? l->payout_fen : 0);
    ++recovered;
  });
  EXPECT_GT(recovered, 0U);
  bool unknown = false;
  for (const auto& [region, f] : s.totals().by_region) unknown = unknown || region == "unknown";
  EXPECT_TRUE(unknown);
}

INSTANTIATE_TEST_SUITE_P(Settlement, SettlementProperty, ::testing::Range<std::size_t>(0, std::size(kSamples)),
                         [](const ::testing::TestParamInfo<std::size_t>& sample) {
                           return "seed" + std::to_string(kSamples[sample.param].seed) + "_" +
                                  std::to_string(kSamples[sample.param].enterprises);
                         });

}  // namespace
}  // namespace duixian
