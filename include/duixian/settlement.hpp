#pragma once
/// @file
/// @brief Settling a quarter: every enterprise's entitlement, payout and explanation, exact to the fen.
///
/// `settle` takes a policy book, a register with its facts, the quarter Q to settle
/// and what the ledger's commits of Q's year paid before Q, and recomputes every
/// quarter of the year up to Q from today's facts, in a fixed order:
///
/// 1. **Amount.** Each policy's `eligible` and `amount` formulas for its computation
///    period (the year for an annual policy, each quarter q ≤ Q for a per-quarter one,
///    the event's quarter for an event policy); then the line cap; then the policy's
///    rounding. A needed fact that is missing gives no amount and an `Omission`.
/// 2. **Stacking** (就高不重复) within each group, per enterprise and computation period.
/// 3. **Budgets**: when a budgeted policy's positive amounts of one period sum to S > B,
///    each becomes floor_to_fen(a × B / S) and the fen still missing go one each to the
///    largest remainders, ties by credit code; the policy then sums to exactly B.
/// 4. **Schedule**: instalments (round(E / n), the last taking the remainder), a lump in
///    a quarter or on a date's quarter, or each quarter's own amount.
/// 5. **Caps**: the policy's annual cap, then the enterprise total cap, each walked in
///    quarter order then book order with a running sum: C = min(D, max(0, cap − S)).
/// 6. **True-up**: payout = Σ_{q ≤ Q} C − previously paid (negative = a recovery).
/// 7. **Funding split** (rewards): city = round(payout × city share), county = the rest.
///
/// Validity dates are tested against the period an amount is computed for (never Q),
/// so settling 2019Q2 does not claw back a reward valid in 2019Q1 only.
///
/// Conventions the workload leaves open, decided here (docs/settlement.md has them all):
/// - In an annual policy's formulas `this_quarter` is the book year's first quarter
///   (the entitlement belongs to the year, so it must not change with Q); an event
///   policy's are evaluated for the event's quarter.
/// - An event or a lump date in a quarter after Q is not due yet; outside the book's
///   year it is never due in this book (an `Omission` says so).
/// - A negative amount is not paid: it counts as no amount, with an `Omission`.
/// - Amounts are whole fen (books round to 2 places or fewer), kept as 64-bit fen.
/// - An enterprise cap that cannot be computed (a missing fact) is taken as 0, with an
///   `Omission` (`cap_unknown`): public money is not paid on an unknown limit.
/// - An enterprise that has left the register has its payments recovered; its region is
///   unknown, so the recovery is split with the book's default city share.
///
/// Results are a pure function of the inputs: byte-identical whatever `threads` is,
/// and the same whether enterprises are settled at once or in shards merged later
/// (see `begin_shard`).
///
/// @snippet settlement.cpp settle a quarter
///
/// (docs/snippets/settlement.cpp: the build compiles it and `doc_snippets.run` runs it.)

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "duixian/credit_code.hpp"
#include "duixian/decimal.hpp"
#include "duixian/fen.hpp"
#include "duixian/formula.hpp"
#include "duixian/ledger.hpp"
#include "duixian/period.hpp"
#include "duixian/policy_book.hpp"
#include "duixian/region.hpp"
#include "duixian/register.hpp"

namespace duixian {

struct LineExplanation;

namespace detail {
struct SettlementData;
struct ShardData;
}  // namespace detail

/// @brief How a settlement runs.
struct SettleOptions {
  /// Worker threads over enterprises; 0 means one per hardware thread. The result does not depend on it.
  unsigned threads = 0;
  /// Keep an `Omission` for every amount that could not be computed (memory: 16 bytes each).
  bool keep_omissions = true;
  /// @brief Told how far a settlement has got, for a progress indicator on long runs; empty: not told.
  ///
  /// Called with (done, total) in enterprise passes: `total` is the register's size, twice
  /// when a budgeted policy needs a first pass to gather claims. It is called from the
  /// worker threads, never two calls at once, with `done` never decreasing, every few
  /// thousand enterprises and finally with `done == total`; keep it short. Not called for an
  /// empty register; a sharded settlement reports each shard's own passes. An exception it
  /// throws stops the settlement and `settle` throws it (a way to cancel), e.g.
  ///
  /// @snippet settlement.cpp report progress
  ///
  /// (docs/snippets/settlement.cpp: the build compiles it and `doc_snippets.run` runs it.)
  std::function<void(std::size_t done, std::size_t total)> progress = nullptr;
};

/// @brief An enterprise that has lines in a settlement.
struct SettledEnterprise {
  CreditCode code;                     ///< Its credit code; enterprises are sorted by it.
  std::optional<RegionCode> region;    ///< Its region; none when it has left the register.
  std::optional<EnterpriseIndex> index;  ///< Its index in the register of `shard`; none when it has left it.
  std::uint32_t shard = 0;             ///< Which shard settled it (0 when not sharded).
};

/// @brief One line: an enterprise under a policy, in the quarter settled. Amounts in fen.
///
/// `cumulative_fen == previously_paid_fen + payout_fen` and, for rewards,
/// `payout_fen == city_fen + county_fen`; burden reductions have no shares (0).
struct SettlementLine {
  std::uint32_t enterprise = 0;         ///< Index into `Settlement::enterprises()`.
  std::uint32_t policy = 0;             ///< Index into the book's policies.
  std::int64_t due_fen = 0;             ///< C(e, p, Q): due in the quarter settled, after caps.
  std::int64_t cumulative_fen = 0;      ///< Σ C(e, p, q) over the year's quarters up to Q.
  std::int64_t previously_paid_fen = 0; ///< What the commits of earlier quarters of the year paid (or reported).
  std::int64_t payout_fen = 0;          ///< cumulative − previously paid; negative = a recovery.
  std::int64_t city_fen = 0;            ///< The city's part of the payout (rewards).
  std::int64_t county_fen = 0;          ///< The county's part: payout − city.
};

/// @brief The net payment of one enterprise in the quarter: its reward payouts summed.
struct Payment {
  std::uint32_t enterprise = 0;  ///< Index into `Settlement::enterprises()`.
  std::int64_t net_fen = 0;      ///< Negative: a receivable (the enterprise owes it back).
  std::int64_t city_fen = 0;     ///< The city's part.
  std::int64_t county_fen = 0;   ///< The county's part.
  /// @brief True when the enterprise owes money back (net below zero).
  bool receivable() const noexcept { return net_fen < 0; }
};

/// @brief Why an amount was not computed.
enum class OmissionReason : unsigned char {
  missing_fact,     ///< A fact the formula needs was not reported (`metric`, `period` name it).
  no_tier,          ///< A `tier` reached no threshold.
  negative_amount,  ///< The formula gave a negative amount; nothing is paid for it.
  outside_year,     ///< The event or due date falls outside the book's year.
  not_yet_due,      ///< The event or due date falls in a quarter after the one settled.
  cap_unknown,      ///< The enterprise cap could not be computed (a missing fact); capped rewards get 0.
};

/// @brief `"missing_fact"`, `"no_tier"`, ...
const char* to_string(OmissionReason reason) noexcept;

/// @brief An amount that could not be computed, and why (16 bytes, kept for every enterprise).
struct Omission {
  std::uint32_t enterprise = 0;  ///< Index into `Settlement::omitted_enterprises()`.
  std::uint16_t policy = 0;      ///< Index into the book's policies (for `cap_unknown`: the cap's first capped policy).
  std::uint8_t quarter = 0;      ///< 1–4: the quarter computed for; 0: the year (annual policies).
  OmissionReason reason = OmissionReason::missing_fact;  ///< Why.
  MetricId metric = 0;           ///< For `missing_fact`: the metric.
  std::int32_t period_key = 0;   ///< For `missing_fact`: `Period::key()` of its period (see `Period::from_key`).
};

/// @brief Amounts of one slice of a settlement (all, one region, one policy, ...), in fen.
struct Figures {
  std::int64_t rewards_quarter = 0;   ///< Reward payouts this quarter (excluded categories left out).
  std::int64_t rewards_ytd = 0;       ///< Reward cumulative amounts, year to date (same exclusion).
  std::int64_t burden_quarter = 0;    ///< Burden reductions reported this quarter, excluded categories left out.
  std::int64_t burden_ytd = 0;        ///< Burden reductions year to date, excluded categories left out.
  std::int64_t excluded_quarter = 0;  ///< Lines of excluded categories (export tax rebates) this quarter.
  std::int64_t excluded_ytd = 0;      ///< ... year to date.
  std::int64_t city_quarter = 0;      ///< The city's part of this quarter's reward payouts (excluded categories included: it is money paid).
  std::int64_t county_quarter = 0;    ///< The county's part (likewise).
  std::int64_t beneficiaries = 0;     ///< Distinct enterprises whose year-to-date rewards are positive.
};

/// @brief The totals of a settlement and their breakdowns.
struct Totals {
  Figures all;  ///< Everything.
  std::vector<std::pair<std::string, Figures>> by_region;    ///< By GB/T 2260 code (`unknown` for enterprises that left the register), sorted.
  std::vector<std::pair<std::string, Figures>> by_policy;    ///< By policy id, in book order (every policy).
  std::vector<std::pair<std::string, Figures>> by_category;  ///< By category (`""` for none), sorted.
};

/// @brief Whether the settled quarter is already in the ledger, and if so whether this result is the same.
enum class LedgerState : unsigned char {
  not_committed,         ///< The quarter has not been committed.
  committed_identical,   ///< It has, with exactly these payouts: committing again is a no-op.
  committed_different,   ///< It has, with other payouts: committing would be refused.
};

/// @brief The result of settling a quarter: lines, payments, omissions and totals.
///
/// Compact: 56 bytes a line, 16 an omission; explanations are recomputed on demand
/// (`explain`) from the book and the registers, of which the settlement keeps a copy (both are
/// cheap handles), so it never outlives them.
/// Cheap to move; safe to read from several threads at once.
class Settlement {
 public:
  /// @brief An empty settlement (of no quarter); assign a real one to it.
  Settlement();
  ~Settlement();
  /// @brief Move-constructs.
  Settlement(Settlement&&) noexcept;
  /// @brief Move-assigns.
  Settlement& operator=(Settlement&&) noexcept;
  Settlement(const Settlement&) = delete;
  Settlement& operator=(const Settlement&) = delete;

  /// @brief The quarter settled.
  Quarter quarter() const noexcept;
  /// @brief The book it was settled with. @pre the settlement came from `settle`, `finish_shard` or `merge`.
  const PolicyBook& book() const noexcept;
  /// @brief The enterprises that have lines, sorted by credit code.
  const std::vector<SettledEnterprise>& enterprises() const noexcept;
  /// @brief The lines, by credit code then book order.
  const std::vector<SettlementLine>& lines() const noexcept;
  /// @brief The net payment per enterprise with reward lines, by credit code.
  std::vector<Payment> payments() const;
  /// @brief Amounts that could not be computed, by credit code, then policy, then quarter.
  const std::vector<Omission>& omissions() const noexcept;
  /// @brief The enterprises that `Omission::enterprise` indexes, sorted by credit code.
  const std::vector<SettledEnterprise>& omitted_enterprises() const noexcept;
  /// @brief Totals and breakdowns, computed from the lines.
  Totals totals() const;
  /// @brief Whether the quarter was committed in the ledger it was settled against.
  LedgerState ledger_state() const noexcept;
  /// @brief Number of policy evaluations done (an eligibility and amount per enterprise, policy and period).
  std::uint64_t evaluations() const noexcept;

  /// @brief The line of an enterprise under a policy, or none.
  /// @param code the enterprise.
  /// @param policy_id the policy.
  const SettlementLine* find_line(const CreditCode& code, std::string_view policy_id) const;

  /// @brief The full explanation of line `line`: every step that led to its amounts.
  /// @param line an index into `lines()`.
  /// @throws Error `invalid_argument` for an index out of range.
  LineExplanation explain(std::size_t line) const;

  /// @brief The commit to hand to `Ledger::commit`: one entry per line with a non-zero payout,
  /// and the provenance of the settlement.
  ///
  /// `book_sha256` is the book's `PolicyBook::source_sha256()`; `data_sha256` the register's
  /// `Register::canonical_sha256()` (for a merge of shards, that of one register holding
  /// every shard's enterprises); `committed_at` is left empty (the ledger's clock).
  /// @pre the settlement came from `settle`, `finish_shard` or `merge`.
  PendingCommit to_commit() const;

 private:
  friend struct detail::SettlementData;
  std::unique_ptr<detail::SettlementData> impl_;
};

/// @brief Settles quarter `quarter` against a ledger: previously paid = `ledger.paid_before(quarter)`.
/// @param book the policy book; `quarter` must lie in its year.
/// @param reg the register; its schema must be the book's (same metric names, types and order).
/// @param quarter the quarter to settle.
/// @param ledger what earlier quarters of the year paid.
/// @param options threads and what to keep.
/// @throws Error `invalid_argument` for a quarter outside the book's year, a register of
///         another schema, or a ledger holding a policy the book does not have; `overflow`
///         or `division_by_zero` naming the enterprise, policy and quarter when a formula fails.
Settlement settle(const PolicyBook& book, const Register& reg, const Quarter& quarter, const Ledger& ledger,
                  const SettleOptions& options = {});

/// @brief Settles with the previously paid totals given directly (a host's own ledger).
/// @param book the policy book.
/// @param reg the register.
/// @param quarter the quarter to settle.
/// @param previously_paid per (credit code, policy), what the year's earlier quarters paid.
/// @param options threads and what to keep.
/// @throws Error as the other overload.
Settlement settle(const PolicyBook& book, const Register& reg, const Quarter& quarter,
                  const PaidTotals& previously_paid, const SettleOptions& options = {});

// ---------------------------------------------------------------------------------
// Shards: a province-scale settlement over several registers (machines), merged exactly.

/// @brief One budgeted amount of phase 1: what an enterprise would get before the budget.
struct BudgetClaim {
  CreditCode code;            ///< The enterprise.
  std::uint32_t policy = 0;   ///< The budgeted policy.
  std::uint8_t quarter = 0;   ///< 1–4 for a per-quarter policy's quarter; 0 for the year.
  std::int64_t amount_fen = 0;  ///< The amount after rounding and stacking (positive).
};

/// @brief The budgets decided over every shard's claims: what each claim becomes.
class BudgetDecision {
 public:
  /// @brief No budget binds (each claim keeps its amount).
  BudgetDecision();
  /// @brief Copies share the (immutable) decision.
  BudgetDecision(const BudgetDecision&);
  /// @brief Copies share the (immutable) decision.
  BudgetDecision& operator=(const BudgetDecision&);
  ~BudgetDecision();

  /// @brief Splits each budgeted policy's periods over all claims (phase 2 of budgets).
  /// @param book the book.
  /// @param claims every shard's claims, in any order.
  static BudgetDecision decide(const PolicyBook& book, const std::vector<BudgetClaim>& claims);

  /// @brief The amount a claim receives, in fen.
  /// @param code the enterprise.
  /// @param policy the policy.
  /// @param quarter as in BudgetClaim.
  /// @param claimed the amount claimed.
  std::int64_t allocated(const CreditCode& code, std::uint32_t policy, std::uint8_t quarter,
                         std::int64_t claimed) const;

  /// @brief A budget's figures for one period: B, S and whether it binds.
  struct BudgetPeriod {
    std::uint32_t policy = 0;     ///< The policy.
    std::uint8_t quarter = 0;     ///< As in BudgetClaim.
    std::int64_t budget_fen = 0;  ///< B.
    std::int64_t claimed_fen = 0; ///< S: the sum of positive claims.
    bool binding = false;         ///< S > B: claims were scaled by B / S.
  };
  /// @brief Every budgeted period that had claims, by policy then quarter.
  const std::vector<BudgetPeriod>& periods() const noexcept;
  /// @brief The figures of one period, or null when it had no claim.
  /// @param policy the policy.
  /// @param quarter as in BudgetClaim.
  const BudgetPeriod* find(std::uint32_t policy, std::uint8_t quarter) const noexcept;
  /// @brief The floor and remainder fen of a claim, for explanations: {floor, extra}; {claimed, 0} when not binding.
  /// @param code the enterprise.
  /// @param policy the policy.
  /// @param quarter as in BudgetClaim.
  /// @param claimed the amount claimed.
  std::pair<std::int64_t, std::int64_t> split(const CreditCode& code, std::uint32_t policy, std::uint8_t quarter,
                                              std::int64_t claimed) const;

 private:
  struct Impl;
  std::shared_ptr<const Impl> impl_;
};

/// @brief Phase 1 of a shard: the budget claims of the enterprises of one register.
///
/// Settling shards: `begin_shard` on each register, gather every shard's `claims()`,
/// `BudgetDecision::decide` over them all, `finish_shard` on each, then `merge` the
/// settlements. The result equals `settle` over one register holding every enterprise.
class Shard {
 public:
  ~Shard();
  /// @brief Move-constructs.
  Shard(Shard&&) noexcept;
  /// @brief Move-assigns.
  Shard& operator=(Shard&&) noexcept;
  Shard(const Shard&) = delete;
  Shard& operator=(const Shard&) = delete;

  /// @brief The budgeted amounts of this shard's enterprises, before the budget.
  const std::vector<BudgetClaim>& claims() const noexcept;

 private:
  friend struct detail::ShardData;
  explicit Shard(std::unique_ptr<detail::ShardData> impl) noexcept;
  std::unique_ptr<detail::ShardData> impl_;
};

/// @brief Phase 1 over one register: computes the budgeted policies' amounts.
/// @param book the book.
/// @param reg this shard's enterprises (the shard, and the settlement it becomes, keep a copy of the handle).
/// @param quarter the quarter to settle.
/// @param shard this shard's number, kept in `SettledEnterprise::shard`.
/// @param options threads.
/// @throws Error as `settle`.
Shard begin_shard(const PolicyBook& book, const Register& reg, const Quarter& quarter, std::uint32_t shard,
                  const SettleOptions& options = {});

/// @brief Phase 2 of a shard: settles its enterprises with the budgets decided.
/// @param shard the shard after phase 1.
/// @param budgets the decision over every shard's claims.
/// @param previously_paid what earlier quarters paid (all shards' pairs, or this shard's).
/// @throws Error as `settle`.
Settlement finish_shard(Shard shard, const BudgetDecision& budgets, const PaidTotals& previously_paid);

/// @brief Merges the settlements of disjoint shards, and recovers what was paid to enterprises
/// that are in no shard any more (they left the register).
/// @param shards the shards' settlements (same book and quarter, disjoint credit codes).
/// @param previously_paid what earlier quarters paid, all pairs.
/// @throws Error `invalid_argument` when the shards overlap or differ in book or quarter.
Settlement merge(std::vector<Settlement> shards, const PaidTotals& previously_paid);

}  // namespace duixian
