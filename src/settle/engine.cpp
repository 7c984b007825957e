// One enterprise through the engine's fixed order (settlement.hpp): amount → line cap →
// rounding; stacking; budgets; schedule; annual then enterprise caps; true-up; split.
#include "settle/engine.hpp"

#include <algorithm>
#include <exception>
#include <string>

#include "duixian/error.hpp"
#include "duixian/formula.hpp"

namespace duixian::detail {

namespace {

std::string slot_name(int year, int slot) {
  return slot == 0 ? std::to_string(year) : Quarter(year, static_cast<unsigned>(slot)).to_string();
}

std::int64_t round_to_fen(const Rational& value, int places, RoundingMode mode) {
  return decimal_to_fen(value.round(places, mode));
}

std::int64_t clamp_to_room(std::int64_t amount, std::int64_t cap, std::int64_t used) {
  const std::int64_t room = std::max<std::int64_t>(0, cap - used);
  return std::min(amount, room);
}

}  // namespace

EnterprisePass::EnterprisePass(const SettlePlan& plan) : plan_(plan), work_(plan.policies.size()) {}

void EnterprisePass::omit(EnterpriseResult& out, std::uint32_t p, int slot, OmissionReason reason, MetricId metric,
                         std::int32_t period_key) {
  // An event policy's amount sits in slot 0 but is computed for the event's quarter.
  if (slot == 0 && plan_.policies[p].event) slot = work_[p].event_quarter;
  out.omissions.push_back(OmissionRecord{static_cast<std::uint16_t>(p), static_cast<std::uint8_t>(slot), reason,
                                         metric, period_key});
}

void EnterprisePass::rethrow(const std::exception& e, std::uint32_t p, int slot) const {
  const std::string where = "settling " + (*in_->reg)[in_->index].code.to_string() + " under policy \"" +
                            plan_.policies[p].policy->id + "\" for " + slot_name(plan_.year, slot) + ": ";
  if (const auto* err = dynamic_cast<const Error*>(&e)) throw Error(err->code(), where + std::string(err->message()));
  throw Error(ErrorCode::invalid_argument, where + e.what());
}

// Step 1 for one period: eligibility, amount, line cap, rounding. Returns false when no
// amount could be computed (an omission was recorded).
bool EnterprisePass::compute_slot(std::uint32_t p, int slot, const Quarter& this_quarter, EnterpriseResult& out) {
  const PolicyPlan& pp = plan_.policies[p];
  Slot& s = work_[p].slots[static_cast<std::size_t>(slot)];
  const EvaluationContext ctx{in_->reg, in_->index, this_quarter, plan_.quarter};
  at_slot_ = slot;
  ComputationStep* step = nullptr;
  if (trace_ != nullptr && p == trace_policy_) {
    step = &trace_->computations.emplace_back();
    step->quarter = static_cast<std::uint8_t>(slot);
    step->rounding_places = pp.policy->rounding.places;
    step->rounding_mode = pp.policy->rounding.mode;
  }
  const auto missing = [&](const Evaluation& ev) {
    if (ev.status == Evaluation::Status::missing_fact) {
      omit(out, p, slot, OmissionReason::missing_fact, ev.missing.metric, ev.missing.period.key());
      if (step != nullptr) step->omitted = OmissionReason::missing_fact;
      return true;
    }
    if (ev.status == Evaluation::Status::not_applicable) {
      omit(out, p, slot, OmissionReason::no_tier);
      if (step != nullptr) step->omitted = OmissionReason::no_tier;
      return true;
    }
    return false;
  };
  ++out.evaluations;
  const PolicyFormulas& f = *pp.formulas;
  if (!f.eligible.empty()) {
    const Evaluation el = evaluate(f.eligible, ctx);
    if (step != nullptr && f.eligible.text() != "true") step->eligibility = duixian::explain(f.eligible, ctx);
    if (missing(el)) return false;
    if (!el.boolean) {
      s.has = true;
      return true;
    }
  }
  if (step != nullptr) step->eligible = true;
  const Evaluation am = evaluate(f.amount, ctx);
  if (step != nullptr) step->formula = duixian::explain(f.amount, ctx);
  if (missing(am)) return false;
  Rational amount = am.number;
  if (step != nullptr) step->exact = amount;
  if (pp.fixed_line_cap) {
    if (step != nullptr) step->line_cap = *pp.fixed_line_cap;
    if (Rational::compare(amount, *pp.fixed_line_cap) > 0) amount = *pp.fixed_line_cap;
  } else if (!f.line_cap.empty()) {
    const Evaluation cap = evaluate(f.line_cap, ctx);
    if (missing(cap)) return false;
    if (step != nullptr) step->line_cap = cap.number;
    if (Rational::compare(amount, cap.number) > 0) amount = cap.number;
  }
  if (amount.sign() < 0) {
    omit(out, p, slot, OmissionReason::negative_amount);
    if (step != nullptr) step->omitted = OmissionReason::negative_amount;
    return false;
  }
  s.has = true;
  s.rounded = s.fen = round_to_fen(amount, pp.policy->rounding.places, pp.policy->rounding.mode);
  if (step != nullptr) step->rounded_fen = s.rounded;
  return true;
}

// Evaluates an event or due date: its quarter (1–4) when it falls in the book's year; else
// nothing, with an omission (a missing fact, or a date outside the year).
std::optional<unsigned> EnterprisePass::quarter_of_date(std::uint32_t p, const Formula& f, const Quarter& computed_for,
                                                       EnterpriseResult& out, std::optional<Date>* day) {
  const EvaluationContext ctx{in_->reg, in_->index, computed_for, plan_.quarter};
  const Evaluation ev = evaluate(f, ctx);
  if (ev.status == Evaluation::Status::missing_fact) {
    omit(out, p, 0, OmissionReason::missing_fact, ev.missing.metric, ev.missing.period.key());
    return std::nullopt;
  }
  if (day != nullptr) *day = ev.date;
  if (ev.date->year() != plan_.year) {
    omit(out, p, 0, OmissionReason::outside_year);
    return std::nullopt;
  }
  return (ev.date->month() + 2) / 3;
}

void EnterprisePass::compute(std::uint32_t p, bool only_phase_one, EnterpriseResult& out) {
  const PolicyPlan& pp = plan_.policies[p];
  Work& w = work_[p];
  w = Work{};
  if (only_phase_one && !pp.in_phase_one) return;
  const auto not_in_force = [&](int slot) {
    if (trace_ != nullptr && p == trace_policy_) {
      ComputationStep& step = trace_->computations.emplace_back();
      step.quarter = static_cast<std::uint8_t>(slot);
      step.in_force = false;
    }
  };
  if (pp.per_quarter) {
    for (int q = 1; q <= static_cast<int>(plan_.last); ++q) {
      if (pp.in_force[static_cast<std::size_t>(q)]) {
        compute_slot(p, q, quarter_of_plan(plan_, q), out);
      } else {
        not_in_force(q);
      }
    }
    return;
  }
  Quarter computed_for = quarter_of_plan(plan_, 1);
  if (pp.event) {
    const std::optional<unsigned> event = quarter_of_date(p, pp.formulas->event_date, computed_for, out, nullptr);
    if (!event) return;
    const unsigned q = *event;
    w.event_quarter = static_cast<std::uint8_t>(q);
    if (q > plan_.last) {
      omit(out, p, 0, OmissionReason::not_yet_due);
      return;
    }
    computed_for = quarter_of_plan(plan_, static_cast<int>(q));
    if (!pp.in_force[q]) {
      not_in_force(0);
      return;
    }
  } else if (!pp.in_force[0]) {
    not_in_force(0);
    return;
  }
  compute_slot(p, 0, computed_for, out);
}

// Step 2: within each group, per enterprise and period, keep one amount (max / first) or all (sum).
void EnterprisePass::stack() {
  for (const GroupPlan& g : plan_.groups) {
    if (g.rule == StackingRule::sum || g.members.empty()) continue;
    const bool per_quarter = plan_.policies[g.members.front()].per_quarter;
    const int first_slot = per_quarter ? 1 : 0;
    const int last_slot = per_quarter ? static_cast<int>(plan_.last) : 0;
    for (int slot = first_slot; slot <= last_slot; ++slot) {
      const auto at = [&](std::uint32_t m) -> Slot& { return work_[m].slots[static_cast<std::size_t>(slot)]; };
      std::optional<std::uint32_t> winner;
      for (std::uint32_t m : g.members) {
        const Slot& s = at(m);
        if (!s.has || s.fen == 0) continue;
        if (!winner) {
          winner = m;
          if (g.rule == StackingRule::first) break;
        } else if (s.fen > at(*winner).fen) {
          winner = m;  // strictly larger: a tie keeps the earlier policy
        }
      }
      if (!winner) continue;
      const std::int64_t winner_fen = at(*winner).fen;
      for (std::uint32_t m : g.members) {
        Slot& s = at(m);
        const bool kept = m == *winner;
        if (!kept && s.has && s.fen != 0) {
          s.fen = 0;
          s.stacked = true;
        }
        if (trace_ != nullptr && m == trace_policy_ && s.has) {
          for (ComputationStep& step : trace_->computations) {
            if (step.quarter != slot) continue;
            step.stacking = StackingStep{g.id, to_string(g.rule), kept, plan_.policies[*winner].policy->id, winner_fen};
          }
        }
      }
    }
  }
}

// Step 3: budgeted amounts are claims (phase one) or take their share of the budget (phase two).
void EnterprisePass::apply_budgets(EnterpriseResult& out, bool phase_one) {
  const CreditCode& code = (*in_->reg)[in_->index].code;
  for (std::uint32_t p = 0; p < plan_.policies.size(); ++p) {
    const PolicyPlan& pp = plan_.policies[p];
    if (!pp.budget_fen) continue;
    for (int slot = 0; slot < kSlots; ++slot) {
      Slot& s = work_[p].slots[static_cast<std::size_t>(slot)];
      if (!s.has || s.fen <= 0) continue;
      const auto q = static_cast<std::uint8_t>(slot);
      if (phase_one) {
        out.claims.push_back(BudgetClaim{code, p, q, s.fen});
        continue;
      }
      if (in_->budgets == nullptr) continue;
      const std::int64_t claimed = s.fen;
      s.fen = in_->budgets->allocated(code, p, q, claimed);
      if (trace_ != nullptr && p == trace_policy_) {
        const BudgetDecision::BudgetPeriod* bp = in_->budgets->find(p, q);
        if (bp != nullptr && bp->binding) {
          const auto [floor_fen, extra_fen] = in_->budgets->split(code, p, q, claimed);
          for (ComputationStep& step : trace_->computations) {
            if (step.quarter == slot) step.budget = BudgetStep{bp->budget_fen, bp->claimed_fen, floor_fen, extra_fen, s.fen};
          }
        }
      }
    }
  }
  if (trace_ != nullptr) {
    for (ComputationStep& step : trace_->computations) {
      const Slot& s = work_[trace_policy_].slots[step.quarter];
      step.after_stacking_fen = s.stacked ? 0 : s.rounded;
      step.amount_fen = s.fen;
    }
  }
}

// Step 4: D(e, p, q) for q = 1..Q.
void EnterprisePass::schedule(std::uint32_t p, EnterpriseResult& out) {
  const PolicyPlan& pp = plan_.policies[p];
  Work& w = work_[p];
  const bool tracing = trace_ != nullptr && p == trace_policy_;
  std::array<std::string, kSlots> how{};  // how each quarter's due was reached: for explanations only
  if (pp.per_quarter) {
    for (int q = 1; q <= static_cast<int>(plan_.last); ++q) {
      const Slot& s = w.slots[static_cast<std::size_t>(q)];
      if (s.has) w.due[static_cast<std::size_t>(q)] = s.fen;
      if (tracing) how[static_cast<std::size_t>(q)] = "this quarter's amount";
    }
  } else if (w.slots[0].has && w.slots[0].fen != 0) {
    const std::int64_t total = w.slots[0].fen;
    const Schedule& sched = pp.policy->schedule;
    switch (sched.kind) {
      case ScheduleKind::every_quarter:  // refused for annual and event policies when the book loads
      case ScheduleKind::lump_in_quarter: {
        const unsigned q = sched.quarters.front().number();
        if (q <= plan_.last) w.due[q] = total;
        if (tracing) how[q] = "lump in " + sched.quarters.front().to_string();
        break;
      }
      case ScheduleKind::instalments: {
        const auto n = static_cast<std::int64_t>(sched.quarters.size());
        const std::int64_t each =
            round_to_fen(Rational::fraction(total, 100) / Rational(n), pp.policy->rounding.places,
                         pp.policy->rounding.mode);
        for (std::int64_t i = 0; i < n; ++i) {
          const unsigned q = sched.quarters[static_cast<std::size_t>(i)].number();
          const bool last = i == n - 1;
          if (q <= plan_.last) w.due[q] = last ? total - each * (n - 1) : each;
          if (!tracing) continue;
          how[q] = last ? "last instalment " + std::to_string(n) + " of " + std::to_string(n) + ": E − " +
                              std::to_string(n - 1) + " × round(E / " + std::to_string(n) + ")"
                        : "instalment " + std::to_string(i + 1) + " of " + std::to_string(n) + ": round(E / " +
                              std::to_string(n) + ")";
        }
        break;
      }
      case ScheduleKind::lump_on_date: {
        const Quarter computed_for = quarter_of_plan(plan_, w.event_quarter != 0 ? w.event_quarter : 1);
        std::optional<Date> day;
        const std::optional<unsigned> due = quarter_of_date(p, pp.formulas->schedule_date, computed_for, out, &day);
        if (tracing && day) {
          for (ComputationStep& step : trace_->computations) step.due_date = day;
        }
        if (!due) break;
        const unsigned q = *due;
        if (q > plan_.last) {
          omit(out, p, 0, OmissionReason::not_yet_due);
          break;
        }
        w.due[q] = total;
        if (tracing) how[q] = "lump on " + day->to_string();
        break;
      }
    }
  }
  if (tracing) {
    for (int q = 1; q <= static_cast<int>(plan_.last); ++q) {
      const auto i = static_cast<std::size_t>(q);
      if (w.due[i] == 0 && how[i].empty()) continue;
      if (!pp.per_quarter && w.due[i] == 0) continue;
      if (pp.per_quarter && !w.slots[i].has) continue;
      DueStep& d = trace_->dues.emplace_back();
      d.quarter = static_cast<std::uint8_t>(q);
      d.scheduled_fen = w.due[i];
      d.schedule = how[i];
    }
  }
}

// Step 5: the policy's annual cap, then the enterprise total cap, in quarter then book order.
void EnterprisePass::apply_caps(EnterpriseResult& out) {
  const auto last = static_cast<int>(plan_.last);
  const auto trace_due = [&](std::uint32_t p, int q) -> DueStep* {
    if (trace_ == nullptr || p != trace_policy_) return nullptr;
    for (DueStep& d : trace_->dues) {
      if (d.quarter == q) return &d;
    }
    return nullptr;
  };
  bool any_capped_amount = false;
  for (std::uint32_t p = 0; p < plan_.policies.size(); ++p) {
    const PolicyPlan& pp = plan_.policies[p];
    Work& w = work_[p];
    std::int64_t used = 0;
    for (int q = 1; q <= last; ++q) {
      const auto i = static_cast<std::size_t>(q);
      w.capped[i] = pp.annual_cap_fen ? clamp_to_room(w.due[i], *pp.annual_cap_fen, used) : w.due[i];
      if (DueStep* d = trace_due(p, q)) {
        d->annual_cap_fen = pp.annual_cap_fen;
        d->annual_cap_used_before_fen = used;
        d->after_annual_cap_fen = w.capped[i];
        d->capped_fen = w.capped[i];
      }
      used += w.capped[i];
      if (pp.counts_toward_cap && w.capped[i] != 0) any_capped_amount = true;
    }
  }
  const EnterpriseCapFormulas* cap_formulas = plan_.book->enterprise_cap_formulas();
  if (cap_formulas == nullptr || !any_capped_amount) return;
  const EvaluationContext ctx{in_->reg, in_->index, quarter_of_plan(plan_, 1), plan_.quarter};
  const Evaluation applies = evaluate(cap_formulas->applies_if, ctx);
  std::int64_t cap = 0;
  if (applies.status == Evaluation::Status::value && !applies.boolean) return;
  if (applies.status == Evaluation::Status::value) {
    const Evaluation value = evaluate(cap_formulas->cap, ctx);
    if (value.status == Evaluation::Status::value) {
      cap = std::max<std::int64_t>(0, round_to_fen(value.number, 2, RoundingMode::down));
    } else {
      std::uint32_t first = 0;
      while (first < plan_.policies.size() && !plan_.policies[first].counts_toward_cap) ++first;
      omit(out, first, 0, OmissionReason::cap_unknown, value.missing.metric, value.missing.period.key());
    }
  } else {
    std::uint32_t first = 0;
    while (first < plan_.policies.size() && !plan_.policies[first].counts_toward_cap) ++first;
    omit(out, first, 0, OmissionReason::cap_unknown, applies.missing.metric, applies.missing.period.key());
  }
  std::int64_t used = 0;
  for (int q = 1; q <= last; ++q) {
    const auto i = static_cast<std::size_t>(q);
    for (std::uint32_t p = 0; p < plan_.policies.size(); ++p) {
      if (!plan_.policies[p].counts_toward_cap) continue;
      Work& w = work_[p];
      const std::int64_t before = used;
      w.capped[i] = clamp_to_room(w.capped[i], cap, used);
      used += w.capped[i];
      if (DueStep* d = trace_due(p, q)) {
        d->enterprise_cap_fen = cap;
        d->enterprise_cap_used_before_fen = before;
        d->capped_fen = w.capped[i];
      }
    }
  }
}

// Steps 6 and 7: true-up against what was paid, then the funding split.
void EnterprisePass::emit_lines(EnterpriseResult& out) {
  const std::string_view code = (*in_->reg)[in_->index].code.text();
  const std::size_t last = plan_.last;
  for (std::uint32_t p = 0; p < plan_.policies.size(); ++p) {
    const PolicyPlan& pp = plan_.policies[p];
    const Work& w = work_[p];
    LineRecord line;
    line.policy = p;
    for (std::size_t q = 1; q <= last; ++q) line.cumulative += w.capped[q];
    line.due = w.capped[last];
    if (trace_ != nullptr) {
      if (p != trace_policy_) continue;
      line.previously_paid = traced_previously_paid_;
    } else if (in_->paid != nullptr) {
      line.previously_paid = in_->paid->paid_fen(code, pp.policy->id);
    }
    line.payout = line.cumulative - line.previously_paid;
    if (line.cumulative == 0 && line.payout == 0) continue;
    if (pp.reward) {
      line.city = decimal_to_fen((fen_to_decimal(line.payout) * city_share_).round(2, RoundingMode::half_up));
      line.county = line.payout - line.city;
    }
    out.lines.push_back(line);
  }
}

void EnterprisePass::run(const EnterpriseInputs& inputs, bool phase_one, EnterpriseResult& out) {
  in_ = &inputs;
  const Enterprise& e = (*inputs.reg)[inputs.index];
  std::uint32_t p = 0;
  at_slot_ = 0;
  try {
    for (p = 0; p < plan_.policies.size(); ++p) compute(p, phase_one, out);
    stack();
    apply_budgets(out, phase_one);
    if (phase_one) return;
    at_slot_ = static_cast<int>(plan_.last);
    for (p = 0; p < plan_.policies.size(); ++p) schedule(p, out);
    apply_caps(out);
    city_share_ = plan_.book->spec().funding.city_share(e.region);
    emit_lines(out);
    // The schedule and the caps add their omissions after the amounts': back into (policy,
    // quarter) order. An insertion sort is stable and allocates nothing (std::stable_sort
    // took a buffer from the heap for every enterprise); an enterprise has a few dozen at most.
    const auto before = [](const OmissionRecord& a, const OmissionRecord& b) {
      return a.policy != b.policy ? a.policy < b.policy : a.quarter < b.quarter;
    };
    for (std::size_t i = 1; i < out.omissions.size(); ++i) {
      const OmissionRecord m = out.omissions[i];
      std::size_t j = i;
      for (; j > 0 && before(m, out.omissions[j - 1]); --j) out.omissions[j] = out.omissions[j - 1];
      out.omissions[j] = m;
    }
  } catch (const Error& err) {
    rethrow(err, std::min<std::uint32_t>(p, static_cast<std::uint32_t>(plan_.policies.size() - 1)), at_slot_);
  }
}

void EnterprisePass::explain(const EnterpriseInputs& inputs, std::uint32_t policy, std::int64_t previously_paid,
                            LineExplanation& out) {
  trace_ = &out;
  trace_policy_ = policy;
  traced_previously_paid_ = previously_paid;
  EnterpriseResult scratch;
  try {
    run(inputs, false, scratch);
  } catch (...) {
    trace_ = nullptr;
    throw;
  }
  trace_ = nullptr;
  if (!scratch.lines.empty()) {
    const LineRecord& l = scratch.lines.front();
    out.cumulative_fen = l.cumulative;
    out.previously_paid_fen = l.previously_paid;
    out.payout_fen = l.payout;
    out.city_fen = l.city;
    out.county_fen = l.county;
  } else {
    out.previously_paid_fen = previously_paid;
  }
  if (plan_.policies[policy].reward) out.city_share = city_share_;
}

}  // namespace duixian::detail
