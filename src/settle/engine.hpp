#pragma once
// The settlement engine's per-enterprise pipeline (steps 1–7 of settlement.hpp) and the
// plan it runs from. One enterprise is settled without looking at any other, except
// through the budget decision handed in: that is what makes threads and shards exact.

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "duixian/explanation.hpp"
#include "duixian/policy_book.hpp"
#include "duixian/register.hpp"
#include "duixian/settlement.hpp"

namespace duixian::detail {

/// Index 0 stands for the year (annual and event policies), 1–4 for the quarters.
inline constexpr int kSlots = 5;

/// What the engine needs of one policy, decided once per settlement.
struct PolicyPlan {
  const Policy* policy = nullptr;
  const PolicyFormulas* formulas = nullptr;
  bool reward = true;
  bool per_quarter = false;
  bool event = false;
  std::array<bool, kSlots> in_force{};  // validity against the year (0) and each quarter
  int group = -1;                       // index into SettlePlan::groups
  std::optional<std::int64_t> budget_fen;
  std::optional<std::int64_t> annual_cap_fen;
  std::optional<Rational> fixed_line_cap;
  bool counts_toward_cap = false;
  bool excluded = false;
  bool in_phase_one = false;  // budgeted, or stacked with a budgeted policy
};

/// A stacking group and its members, in book order.
struct GroupPlan {
  StackingRule rule = StackingRule::max;
  std::string id;
  std::vector<std::uint32_t> members;
};

/// Everything fixed for one settlement of one quarter.
struct SettlePlan {
  const PolicyBook* book = nullptr;
  Quarter quarter;
  int year = 0;
  unsigned last = 0;  // Q's number, 1–4
  std::vector<PolicyPlan> policies;
  std::vector<GroupPlan> groups;

  SettlePlan(const PolicyBook& book, const Register& reg, const Quarter& quarter);
};

/// An omission before it is tied to an enterprise table.
struct OmissionRecord {
  std::uint16_t policy = 0;
  std::uint8_t quarter = 0;
  OmissionReason reason = OmissionReason::missing_fact;
  MetricId metric = 0;
  std::int32_t period_key = 0;
};

/// A line before it is tied to an enterprise table.
struct LineRecord {
  std::uint32_t policy = 0;
  std::int64_t due = 0, cumulative = 0, previously_paid = 0, payout = 0, city = 0, county = 0;
};

/// Inputs of one enterprise's pass that come from outside it.
struct EnterpriseInputs {
  const Register* reg = nullptr;
  EnterpriseIndex index = 0;
  const BudgetDecision* budgets = nullptr;  // null in phase one
  const PaidTotals* paid = nullptr;         // null: previously paid 0 (phase one, explanations)
};

/// What one enterprise's pass produces.
struct EnterpriseResult {
  std::vector<LineRecord> lines;
  std::vector<OmissionRecord> omissions;
  std::vector<BudgetClaim> claims;  // phase one only
  std::uint64_t evaluations = 0;
  void clear() {
    lines.clear();
    omissions.clear();
    claims.clear();
    evaluations = 0;
  }
};

/// Runs the pipeline for one enterprise. Phase one (`inputs.budgets == nullptr` and
/// `phase_one`) computes only the budgeted policies and returns claims. With `trace`,
/// records the explanation of policy `trace_policy` (its line's previously paid taken
/// from `traced_previously_paid`). Reuses `work` storage between calls (no allocation
/// per enterprise once warm).
class EnterprisePass {
 public:
  explicit EnterprisePass(const SettlePlan& plan);
  void run(const EnterpriseInputs& inputs, bool phase_one, EnterpriseResult& out);
  void explain(const EnterpriseInputs& inputs, std::uint32_t policy, std::int64_t previously_paid,
               LineExplanation& out);

 private:
  struct Slot {
    bool has = false;         // an amount was computed (possibly 0)
    bool stacked = false;     // set to 0 by stacking
    std::int64_t fen = 0;     // the amount (after stacking and budget once those ran)
    std::int64_t rounded = 0; // before stacking and budget
  };
  struct Work {
    std::array<Slot, kSlots> slots{};
    std::uint8_t event_quarter = 0;  // an event policy: the quarter of its event (0: none)
    std::array<std::int64_t, kSlots> due{};     // D by quarter (1..4)
    std::array<std::int64_t, kSlots> capped{};  // C by quarter (1..4)
  };

  void compute(std::uint32_t p, bool only_phase_one, EnterpriseResult& out);
  bool compute_slot(std::uint32_t p, int slot, const Quarter& this_quarter, EnterpriseResult& out);
  std::optional<unsigned> quarter_of_date(std::uint32_t p, const Formula& f, const Quarter& computed_for,
                                          EnterpriseResult& out, std::optional<Date>* day);
  void stack();
  void apply_budgets(EnterpriseResult& out, bool phase_one);
  void schedule(std::uint32_t p, EnterpriseResult& out);
  void apply_caps(EnterpriseResult& out);
  void emit_lines(EnterpriseResult& out);
  void omit(EnterpriseResult& out, std::uint32_t p, int slot, OmissionReason reason, MetricId metric = 0,
            std::int32_t period_key = 0);
  [[noreturn]] void rethrow(const std::exception& e, std::uint32_t p, int slot) const;

  const SettlePlan& plan_;
  const EnterpriseInputs* in_ = nullptr;
  std::vector<Work> work_;
  Decimal city_share_;
  // Tracing (explanations only).
  std::uint32_t trace_policy_ = 0;
  std::int64_t traced_previously_paid_ = 0;
  LineExplanation* trace_ = nullptr;
  int at_slot_ = 0;  // the period being computed, for error messages
};

/// The quarter as a Quarter of the plan's year.
inline Quarter quarter_of_plan(const SettlePlan& plan, int number) {
  return Quarter(plan.year, static_cast<unsigned>(number));
}

}  // namespace duixian::detail
