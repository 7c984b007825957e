// The evaluator: one pass over the postfix program, values on a fixed stack.
#include <new>

#include "formula/plan.hpp"

namespace duixian::detail {

namespace {

constexpr std::size_t kLocalSlots = 32;

std::int64_t day_number(const Date& d) noexcept { return d.sys_days().time_since_epoch().count(); }
Date date_of(std::int64_t days) { return Date::from_sys_days(date::sys_days(date::days(days))); }
DateRange range_of(std::int64_t key) { return Period::from_key(static_cast<std::int32_t>(key)).range(); }

bool compare(BinOp op, int c) noexcept {
  switch (op) {
    case BinOp::eq: return c == 0;
    case BinOp::ne: return c != 0;
    case BinOp::lt: return c < 0;
    case BinOp::le: return c <= 0;
    case BinOp::gt: return c > 0;
    default: return c >= 0;
  }
}

int three_way(const Value& a, const Value& b, ValueKind kind) noexcept {
  switch (kind) {
    case ValueKind::number: return Rational::compare(a.number, b.number);
    case ValueKind::scalar: return a.scalar < b.scalar ? -1 : (a.scalar == b.scalar ? 0 : 1);
    case ValueKind::text: {
      const int c = a.text.compare(b.text);
      return c < 0 ? -1 : (c == 0 ? 0 : 1);
    }
  }
  return 0;
}

// Inclusive day ranges [a1, a2] ∩ [b1, b2]; an empty range (a2 < a1) counts 0.
std::int64_t overlap(std::int64_t a1, std::int64_t a2, std::int64_t b1, std::int64_t b2) noexcept {
  const std::int64_t first = a1 > b1 ? a1 : b1;
  const std::int64_t last = a2 < b2 ? a2 : b2;
  return last < first ? 0 : last - first + 1;
}

int whole_count(const Rational& n, const char* what) {
  const Rational r = n.reduced();
  if (r.denominator() != 1 || r.numerator() > 100000 || r.numerator() < -100000) {
    throw Error(ErrorCode::invalid_argument, std::string(what) + " needs a whole number of at most 100000, got " + n.to_string());
  }
  return static_cast<int>(r.numerator());
}

[[noreturn]] void not_increasing(const char* what) {
  throw Error(ErrorCode::invalid_argument, std::string("the thresholds of ") + what + " are not strictly increasing");
}

}  // namespace

Evaluation run(const Plan& plan, const EvaluationContext& ctx, Trace* trace) {
  if (ctx.reg == nullptr) throw Error(ErrorCode::invalid_argument, "evaluation context without a register");
  if (ctx.enterprise >= ctx.reg->size()) {
    throw Error(ErrorCode::invalid_argument, "no enterprise with index " + std::to_string(ctx.enterprise));
  }
  const Register& reg = *ctx.reg;
  const Enterprise& ent = reg[ctx.enterprise];

  // The stack: on the C++ stack for ordinary formulas, a per-thread buffer for huge ones.
  alignas(Value) unsigned char local[sizeof(Value) * kLocalSlots];
  Value* stack = reinterpret_cast<Value*>(local);
  if (plan.stack_size > kLocalSlots) {
    thread_local std::vector<Value> big;
    if (big.size() < plan.stack_size) big.resize(plan.stack_size);
    stack = big.data();
  }
  char region_text[8] = {};  // `region` as text lives here during the evaluation

  Evaluation out;
  out.type = plan.type;
  const auto period_of = [&](const Instr& in) -> Period {
    switch (static_cast<PeriodSel>(in.u8)) {
      case PeriodSel::absolute: return plan.periods[static_cast<std::size_t>(in.a)];
      case PeriodSel::this_quarter: return ctx.this_quarter;
      case PeriodSel::settlement_quarter: return ctx.settlement_quarter;
      case PeriodSel::same_quarter_last_year: return ctx.this_quarter.same_quarter_last_year();
      case PeriodSel::prev_quarter: return ctx.this_quarter.previous();
    }
    return Period();
  };
  // Reads the fact of `in` into `slot`; false when it is missing.
  const auto fetch = [&](const Instr& in, const Period& p, Value& slot) -> bool {
    switch (in.aux) {
      case ValueKind::number: {
        const auto v = reg.number(ctx.enterprise, in.metric, p);
        if (!v) return false;
        slot.number = Rational(*v);
        return true;
      }
      case ValueKind::scalar: {
        const auto v = reg.date(ctx.enterprise, in.metric, p);
        if (!v) return false;
        slot.scalar = day_number(*v);
        return true;
      }
      case ValueKind::text: {
        const auto v = reg.fact(ctx.enterprise, in.metric, p);
        if (!v || !v->is_text()) return false;
        // Enumeration values are views into the register's schema (it outlives the evaluation).
        for (const std::string& e : reg.schema()[in.metric].enum_values) {
          if (e == v->as_text()) {
            slot.text = e;
            return true;
          }
        }
        return false;
      }
    }
    return false;
  };

  const Instr* code = plan.code.data();
  const std::size_t size = plan.code.size();
  std::size_t sp = 0;
  std::size_t pc = 0;
  while (pc < size) {
    const Instr& in = code[pc++];
    bool produced = true;  // false when a coalesce falls through
    switch (in.op) {
      case OpCode::push: new (&stack[sp++]) Value(plan.constants[static_cast<std::size_t>(in.a)]); break;
      case OpCode::push_text: {
        Value* v = new (&stack[sp++]) Value;
        v->text = plan.texts[static_cast<std::size_t>(in.a)];
        break;
      }
      case OpCode::lookup_number:
      case OpCode::lookup_date:
      case OpCode::lookup_text: {
        const Period p = period_of(in);
        Value* v = new (&stack[sp]) Value;
        if (!fetch(in, p, *v)) {
          out.status = Evaluation::Status::missing_fact;
          out.missing = MissingFact{in.metric, p};
          if (trace != nullptr) trace->missing_node = in.node;
          return out;
        }
        ++sp;
        break;
      }
      case OpCode::exists: {
        Value scratch;
        const bool there = fetch(in, period_of(in), scratch) || (in.aux == ValueKind::text && reg.fact(ctx.enterprise, in.metric, period_of(in)));
        Value* v = new (&stack[sp++]) Value;
        v->scalar = there ? 1 : 0;
        break;
      }
      case OpCode::coalesce: {
        Value* v = new (&stack[sp]) Value;
        if (fetch(in, period_of(in), *v)) {
          ++sp;
          pc = static_cast<std::size_t>(in.b);
        } else {
          produced = false;
        }
        break;
      }
      case OpCode::builtin: {
        Value* v = new (&stack[sp++]) Value;
        switch (static_cast<Builtin>(in.u8)) {
          case Builtin::this_quarter: v->scalar = Period(ctx.this_quarter).key(); break;
          case Builtin::settlement_quarter: v->scalar = Period(ctx.settlement_quarter).key(); break;
          case Builtin::same_quarter_last_year: v->scalar = Period(ctx.this_quarter.same_quarter_last_year()).key(); break;
          case Builtin::prev_quarter: v->scalar = Period(ctx.this_quarter.previous()).key(); break;
          case Builtin::first_day: v->scalar = day_number(ctx.this_quarter.first_day()); break;
          case Builtin::last_day: v->scalar = day_number(ctx.this_quarter.last_day()); break;
          case Builtin::registered_on: v->scalar = day_number(ent.registered_on); break;
          case Builtin::region: {
            int code_value = ent.region.code();
            for (int k = 5; k >= 0; --k) {
              region_text[k] = static_cast<char>('0' + code_value % 10);
              code_value /= 10;
            }
            v->text = std::string_view(region_text, 6);
            break;
          }
          case Builtin::industry: v->text = ent.industry.text(); break;
          default: break;  // prev_year and book_year are constants
        }
        break;
      }
      case OpCode::negate: stack[sp - 1].number = -stack[sp - 1].number; break;
      case OpCode::add: stack[sp - 2].number = stack[sp - 2].number + stack[sp - 1].number; --sp; break;
      case OpCode::sub: stack[sp - 2].number = stack[sp - 2].number - stack[sp - 1].number; --sp; break;
      case OpCode::mul: stack[sp - 2].number = stack[sp - 2].number * stack[sp - 1].number; --sp; break;
      case OpCode::div: stack[sp - 2].number = stack[sp - 2].number / stack[sp - 1].number; --sp; break;
      case OpCode::compare: {
        const int c = three_way(stack[sp - 2], stack[sp - 1], in.aux);
        stack[sp - 2].scalar = compare(static_cast<BinOp>(in.u8), c) ? 1 : 0;
        --sp;
        break;
      }
      case OpCode::logical_not: stack[sp - 1].scalar = stack[sp - 1].scalar != 0 ? 0 : 1; break;
      case OpCode::jump: pc = static_cast<std::size_t>(in.a); break;
      case OpCode::jump_if_false:
        --sp;
        if (stack[sp].scalar == 0) pc = static_cast<std::size_t>(in.a);
        break;
      case OpCode::and_jump:
        if (stack[sp - 1].scalar == 0) {
          pc = static_cast<std::size_t>(in.a);
        } else {
          --sp;
        }
        break;
      case OpCode::or_jump:
        if (stack[sp - 1].scalar != 0) {
          pc = static_cast<std::size_t>(in.a);
        } else {
          --sp;
        }
        break;
      case OpCode::minimum:
      case OpCode::maximum: {
        const std::size_t base = sp - static_cast<std::size_t>(in.a);
        const int want = in.op == OpCode::minimum ? -1 : 1;
        for (std::size_t k = base + 1; k < sp; ++k) {
          if (three_way(stack[k], stack[base], in.aux) == want) stack[base] = stack[k];
        }
        sp = base + 1;
        break;
      }
      case OpCode::clamp: {
        Value& x = stack[sp - 3];
        if (three_way(x, stack[sp - 2], in.aux) < 0) x = stack[sp - 2];
        if (three_way(x, stack[sp - 1], in.aux) > 0) x = stack[sp - 1];
        sp -= 2;
        break;
      }
      case OpCode::abs: stack[sp - 1].number = stack[sp - 1].number.abs(); break;
      case OpCode::round:
        stack[sp - 1].number = Rational(stack[sp - 1].number.round(in.a, static_cast<RoundingMode>(in.u8)));
        break;
      case OpCode::tier: {
        const auto pairs = static_cast<std::size_t>(in.a);
        const std::size_t base = sp - 1 - pairs;
        if (in.u8 != 0) {
          for (std::size_t k = 2; k <= pairs; ++k) {
            if (three_way(stack[base + k - 1], stack[base + k], in.aux) >= 0) not_increasing("tier");
          }
        }
        std::size_t reached = pairs;
        for (std::size_t k = pairs; k >= 1; --k) {
          if (three_way(stack[base], stack[base + k], in.aux) >= 0) {
            reached = k - 1;
            break;
          }
        }
        sp = base;
        if (reached == pairs) {
          out.status = Evaluation::Status::not_applicable;
          return out;
        }
        pc = static_cast<std::size_t>(plan.jump_tables[static_cast<std::size_t>(in.b) + reached]);
        break;
      }
      case OpCode::progressive: {
        const auto pairs = static_cast<std::size_t>(in.a);
        const std::size_t base = sp - 1 - 2 * pairs;
        const Rational x = stack[base].number;
        Rational total;
        for (std::size_t k = 0; k < pairs; ++k) {
          const Rational& t = stack[base + 1 + 2 * k].number;
          const bool last = k + 1 == pairs;
          if (in.u8 != 0 && !last && !(t < stack[base + 3 + 2 * k].number)) not_increasing("progressive");
          if (!(x > t)) continue;
          const Rational top = last ? x : min(x, stack[base + 3 + 2 * k].number);
          total += stack[base + 2 + 2 * k].number * (top - t);
        }
        sp = base + 1;
        stack[base].number = total;
        break;
      }
      case OpCode::days_period: {
        Value& v = stack[sp - 1];
        v.number = Rational(static_cast<long long>(days(range_of(v.scalar))));
        break;
      }
      case OpCode::days_dates: {
        const std::int64_t n = overlap(stack[sp - 2].scalar, stack[sp - 1].scalar, stack[sp - 2].scalar, stack[sp - 1].scalar);
        stack[sp - 2].number = Rational(static_cast<long long>(n));
        --sp;
        break;
      }
      case OpCode::overlap_periods: {
        const DateRange a = range_of(stack[sp - 2].scalar);
        const DateRange b = range_of(stack[sp - 1].scalar);
        stack[sp - 2].number = Rational(static_cast<long long>(overlap_days(a, b)));
        --sp;
        break;
      }
      case OpCode::overlap_dates_period: {
        const DateRange q = range_of(stack[sp - 1].scalar);
        const std::int64_t n = overlap(stack[sp - 3].scalar, stack[sp - 2].scalar, day_number(q.first()), day_number(q.last()));
        stack[sp - 3].number = Rational(static_cast<long long>(n));
        sp -= 2;
        break;
      }
      case OpCode::overlap_dates: {
        const bool empty = stack[sp - 4].scalar > stack[sp - 3].scalar;
        const std::int64_t n = empty ? 0 : overlap(stack[sp - 4].scalar, stack[sp - 3].scalar, stack[sp - 2].scalar, stack[sp - 1].scalar);
        stack[sp - 4].number = Rational(static_cast<long long>(n));
        sp -= 3;
        break;
      }
      case OpCode::add_years:
      case OpCode::add_months:
      case OpCode::add_days: {
        const Date d = date_of(stack[sp - 2].scalar);
        const char* what = in.op == OpCode::add_years ? "add_years" : in.op == OpCode::add_months ? "add_months" : "add_days";
        const int n = whole_count(stack[sp - 1].number, what);
        const Date r = in.op == OpCode::add_years ? d.add_years(n) : in.op == OpCode::add_months ? d.add_months(n) : d.add_days(n);
        stack[sp - 2].scalar = day_number(r);
        --sp;
        break;
      }
      case OpCode::year_of: stack[sp - 1].scalar = Period(year_of(date_of(stack[sp - 1].scalar))).key(); break;
      case OpCode::quarter_of: stack[sp - 1].scalar = Period(quarter_of(date_of(stack[sp - 1].scalar))).key(); break;
      case OpCode::within_period: {
        const DateRange r = range_of(stack[sp - 1].scalar);
        const std::int64_t d = stack[sp - 2].scalar;
        stack[sp - 2].scalar = d >= day_number(r.first()) && d <= day_number(r.last()) ? 1 : 0;
        --sp;
        break;
      }
      case OpCode::within_dates: {
        const std::int64_t d = stack[sp - 3].scalar;
        stack[sp - 3].scalar = d >= stack[sp - 2].scalar && d <= stack[sp - 1].scalar ? 1 : 0;
        sp -= 2;
        break;
      }
      case OpCode::has_tag: {
        Value* v = new (&stack[sp++]) Value;
        v->scalar = ent.has_tag(plan.texts[static_cast<std::size_t>(in.a)]) ? 1 : 0;
        break;
      }
      case OpCode::in_region: {
        Value* v = new (&stack[sp++]) Value;
        v->scalar = ent.region.starts_with(plan.texts[static_cast<std::size_t>(in.a)]) ? 1 : 0;
        break;
      }
      case OpCode::in_industry: {
        Value* v = new (&stack[sp++]) Value;
        v->scalar = plan.industries[static_cast<std::size_t>(in.a)].matches(ent.industry) ? 1 : 0;
        break;
      }
    }
    if (trace != nullptr && produced && in.node >= 0 && sp > 0) {
      trace->reached[static_cast<std::size_t>(in.node)] = true;
      trace->values[static_cast<std::size_t>(in.node)] = stack[sp - 1];
    }
  }

  const Value& result = stack[0];
  switch (plan.type) {
    case FormulaType::boolean: out.boolean = result.scalar != 0; break;
    case FormulaType::date: out.date = date_of(result.scalar); break;
    case FormulaType::year:
    case FormulaType::quarter:
    case FormulaType::month: out.period = Period::from_key(static_cast<std::int32_t>(result.scalar)); break;
    case FormulaType::text: out.text = result.text; break;
    default: out.number = result.number; break;
  }
  return out;
}

}  // namespace duixian::detail
