// What the engine decides once per settlement: each policy's validity per period, its
// caps and budget in fen, its stacking group; and the checks on the inputs.
#include <string>

#include "duixian/error.hpp"
#include "settle/engine.hpp"

namespace duixian::detail {

namespace {

void check_schema(const PolicyBook& book, const Register& reg) {
  const MetricSchema& want = book.schema();
  const MetricSchema& have = reg.schema();
  bool same = want.size() == have.size();
  for (std::size_t i = 0; same && i < want.size(); ++i) {
    const Metric& a = want[static_cast<MetricId>(i)];
    const Metric& b = have[static_cast<MetricId>(i)];
    same = a.name == b.name && a.type == b.type && a.period_kind == b.period_kind;
  }
  if (!same) {
    throw Error(ErrorCode::invalid_argument,
                "the register's metric schema is not the book's: the register has " + have.names() +
                    ", the book " + want.names() + " (load the register with book.schema())");
  }
}

}  // namespace

SettlePlan::SettlePlan(const PolicyBook& b, const Register& reg, const Quarter& q)
    : book(&b), quarter(q), year(b.year()), last(q.number()) {
  b.check_quarter(q);
  check_schema(b, reg);
  const PolicyBookSpec& spec = b.spec();
  for (const StackingGroup& g : spec.stacking_groups) groups.push_back(GroupPlan{g.rule, g.id, {}});
  policies.resize(spec.policies.size());
  for (std::size_t i = 0; i < spec.policies.size(); ++i) {
    const Policy& p = spec.policies[i];
    PolicyPlan& pp = policies[i];
    pp.policy = &p;
    pp.formulas = &b.formulas(i);
    pp.reward = p.kind == PolicyKind::reward;
    pp.per_quarter = p.basis == PolicyBasis::per_quarter;
    pp.event = p.basis == PolicyBasis::event;
    pp.in_force[0] = p.in_force_during(Year(year).range());
    for (int n = 1; n < kSlots; ++n) pp.in_force[n] = p.in_force_during(Quarter(year, static_cast<unsigned>(n)).range());
    if (p.budget) pp.budget_fen = decimal_to_fen(p.budget->round(2, RoundingMode::down));
    if (p.annual_cap) pp.annual_cap_fen = decimal_to_fen(p.annual_cap->round(2, RoundingMode::down));
    if (p.line_cap.amount) pp.fixed_line_cap = Rational(*p.line_cap.amount);
    pp.counts_toward_cap = b.counts_toward_enterprise_cap(i);
    pp.excluded = b.excluded_from_totals(i);
    for (std::size_t g = 0; g < groups.size(); ++g) {
      if (groups[g].id == p.stacking_group) {
        pp.group = static_cast<int>(g);
        groups[g].members.push_back(static_cast<std::uint32_t>(i));
      }
    }
  }
  // Phase one computes budgeted policies and everything stacked with them.
  for (PolicyPlan& pp : policies) {
    if (!pp.budget_fen) continue;
    pp.in_phase_one = true;
    if (pp.group >= 0) {
      for (std::uint32_t m : groups[static_cast<std::size_t>(pp.group)].members) policies[m].in_phase_one = true;
    }
  }
}

}  // namespace duixian::detail
