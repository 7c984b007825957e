// Syntax tree → flat postfix program with resolved metrics, periods and jumps.
#include <algorithm>

#include "formula/check.hpp"
#include "formula/plan.hpp"

namespace duixian::detail {

namespace {

ValueKind kind_of(FormulaType t) noexcept {
  if (is_numeric(t)) return ValueKind::number;
  if (t == FormulaType::text) return ValueKind::text;
  return ValueKind::scalar;  // boolean, date, year, quarter, month
}

class Generator {
 public:
  explicit Generator(Plan& plan) : plan_(plan), ast_(plan.ast) {}

  void run() {
    gen(ast_.root);
    plan_.stack_size = max_depth_;
  }

 private:
  // Appends an instruction whose net effect on the stack is `delta`; returns its index.
  std::size_t emit(Instr in, int delta, std::int32_t node) {
    in.node = node;
    plan_.code.push_back(in);
    depth_ += delta;
    max_depth_ = std::max(max_depth_, static_cast<std::size_t>(depth_));
    return plan_.code.size() - 1;
  }
  std::int32_t here() const { return static_cast<std::int32_t>(plan_.code.size()); }

  std::int32_t constant(const Value& v) {
    plan_.constants.push_back(v);
    return static_cast<std::int32_t>(plan_.constants.size() - 1);
  }
  std::int32_t text(const std::string& t) {
    plan_.texts.push_back(t);
    return static_cast<std::int32_t>(plan_.texts.size() - 1);
  }
  std::int32_t period(const Period& p) {
    plan_.periods.push_back(p);
    return static_cast<std::int32_t>(plan_.periods.size() - 1);
  }

  // The lookup part of an instruction for a metric reference (name or lookup node).
  Instr metric_instr(OpCode op, const Node& n) {
    Instr in{op};
    in.metric = n.metric;
    in.u8 = static_cast<std::uint8_t>(n.selector);
    in.a = period(n.kind == NodeKind::name ? Period() : n.period);
    in.aux = kind_of(n.type);
    return in;
  }
  static OpCode lookup_op(FormulaType t) {
    return is_numeric(t) ? OpCode::lookup_number : t == FormulaType::date ? OpCode::lookup_date : OpCode::lookup_text;
  }

  void gen(std::int32_t i) {
    const Node& n = ast_[i];
    switch (n.kind) {
      case NodeKind::number: emit({OpCode::push, 0, ValueKind::number, 0, constant(Value{n.number, 0, {}})}, 1, i); return;
      case NodeKind::text: emit({OpCode::push_text, 0, ValueKind::text, 0, text(n.text)}, 1, i); return;
      case NodeKind::date:
      case NodeKind::period:
      case NodeKind::boolean: emit({OpCode::push, 0, ValueKind::scalar, 0, constant(Value{{}, n.scalar, {}})}, 1, i); return;
      case NodeKind::name:
        if (n.is_metric) {
          emit(metric_instr(lookup_op(n.type), n), 1, i);
        } else if (n.constant) {  // prev_year, book_year
          emit({OpCode::push, 0, ValueKind::scalar, 0, constant(Value{{}, n.scalar, {}})}, 1, i);
        } else {
          emit({OpCode::builtin, static_cast<std::uint8_t>(n.builtin)}, 1, i);
        }
        return;
      case NodeKind::lookup: emit(metric_instr(lookup_op(n.type), n), 1, i); return;
      case NodeKind::paren: gen(n.children[0]); return;
      case NodeKind::negate:
        gen(n.children[0]);
        emit({OpCode::negate}, 0, i);
        return;
      case NodeKind::logical_not:
        gen(n.children[0]);
        emit({OpCode::logical_not}, 0, i);
        return;
      case NodeKind::chain: chain(n, i); return;
      case NodeKind::compare: {
        gen(n.children[0]);
        gen(n.children[1]);
        // Both sides share one value kind (the checker unified them).
        Instr in{OpCode::compare, static_cast<std::uint8_t>(n.ops[0]), kind_of(ast_[n.children[0]].type)};
        emit(in, -1, i);
        return;
      }
      case NodeKind::conditional: {
        gen(n.children[0]);
        const std::size_t to_else = emit({OpCode::jump_if_false}, -1, -1);
        gen(n.children[1]);
        const std::size_t to_end = emit({OpCode::jump}, 0, -1);
        depth_ -= 1;  // the else branch starts where the then branch started
        plan_.code[to_else].a = here();
        gen(n.children[2]);
        plan_.code[to_end].a = here();
        return;
      }
      case NodeKind::call: call(n, i); return;
    }
  }

  void chain(const Node& n, std::int32_t i) {
    gen(n.children[0]);
    const bool logical = n.ops[0] == BinOp::logical_and || n.ops[0] == BinOp::logical_or;
    std::vector<std::size_t> exits;
    for (std::size_t k = 0; k < n.ops.size(); ++k) {
      if (logical) {
        exits.push_back(emit({n.ops[k] == BinOp::logical_and ? OpCode::and_jump : OpCode::or_jump}, -1, -1));
        gen(n.children[k + 1]);
        continue;
      }
      gen(n.children[k + 1]);
      const OpCode op = n.ops[k] == BinOp::add   ? OpCode::add
                        : n.ops[k] == BinOp::sub ? OpCode::sub
                        : n.ops[k] == BinOp::mul ? OpCode::mul
                                                 : OpCode::div;
      emit({op}, -1, k + 1 == n.ops.size() ? i : -1);
    }
    for (const std::size_t e : exits) plan_.code[e].a = here();
  }

  void call(const Node& n, std::int32_t i) {
    const auto& args = n.children;
    const auto count = static_cast<int>(args.size());
    auto gen_all = [&] {
      for (const std::int32_t a : args) gen(a);
    };
    switch (n.function) {
      case Function::min:
      case Function::max:
        gen_all();
        emit({n.function == Function::min ? OpCode::minimum : OpCode::maximum, 0, kind_of(n.type), 0, count}, 1 - count, i);
        return;
      case Function::clamp:
        gen_all();
        emit({OpCode::clamp, 0, kind_of(n.type)}, -2, i);
        return;
      case Function::abs:
        gen_all();
        emit({OpCode::abs}, 0, i);
        return;
      case Function::round:
      case Function::floor:
      case Function::ceil:
        gen(args[0]);
        emit({OpCode::round, static_cast<std::uint8_t>(n.mode), ValueKind::number, 0, n.places}, 0, i);
        return;
      case Function::tier: {
        gen(args[0]);
        const int pairs = (count - 1) / 2;
        for (int k = 0; k < pairs; ++k) gen(args[static_cast<std::size_t>(1 + 2 * k)]);
        const auto table = static_cast<std::int32_t>(plan_.jump_tables.size());
        plan_.jump_tables.resize(plan_.jump_tables.size() + static_cast<std::size_t>(pairs));
        emit({OpCode::tier, static_cast<std::uint8_t>(n.checked_thresholds ? 0 : 1), kind_of(ast_[args[0]].type), 0,
              pairs, table},
             -1 - pairs, -1);
        std::vector<std::size_t> exits;
        for (int k = 0; k < pairs; ++k) {
          plan_.jump_tables[static_cast<std::size_t>(table + k)] = here();
          gen(args[static_cast<std::size_t>(2 + 2 * k)]);
          if (k + 1 < pairs) {
            exits.push_back(emit({OpCode::jump}, 0, -1));
            depth_ -= 1;  // each value starts from the same depth
          }
        }
        for (const std::size_t e : exits) plan_.code[e].a = here();
        return;
      }
      case Function::progressive:
        gen_all();
        emit({OpCode::progressive, static_cast<std::uint8_t>(n.checked_thresholds ? 0 : 1), ValueKind::number, 0,
              (count - 1) / 2},
             1 - count, i);
        return;
      case Function::days:
        gen_all();
        emit({count == 1 ? OpCode::days_period : OpCode::days_dates}, 1 - count, i);
        return;
      case Function::overlap_days:
        gen_all();
        emit({count == 2 ? OpCode::overlap_periods : count == 3 ? OpCode::overlap_dates_period : OpCode::overlap_dates},
             1 - count, i);
        return;
      case Function::add_years:
      case Function::add_months:
      case Function::add_days:
        gen_all();
        emit({n.function == Function::add_years    ? OpCode::add_years
              : n.function == Function::add_months ? OpCode::add_months
                                                   : OpCode::add_days},
             -1, i);
        return;
      case Function::year_of:
      case Function::quarter_of:
        gen_all();
        emit({n.function == Function::year_of ? OpCode::year_of : OpCode::quarter_of}, 0, i);
        return;
      case Function::within:
        gen_all();
        emit({count == 2 ? OpCode::within_period : OpCode::within_dates}, 1 - count, i);
        return;
      case Function::has_tag: emit({OpCode::has_tag, 0, ValueKind::scalar, 0, text(ast_[args[0]].text)}, 1, i); return;
      case Function::in_region: emit({OpCode::in_region, 0, ValueKind::scalar, 0, text(ast_[args[0]].text)}, 1, i); return;
      case Function::in_industry:
        plan_.industries.push_back(IndustryPrefix::parse(ast_[args[0]].text));
        emit({OpCode::in_industry, 0, ValueKind::scalar, 0, static_cast<std::int32_t>(plan_.industries.size() - 1)}, 1, i);
        return;
      case Function::exists: emit(metric_instr(OpCode::exists, ast_[args[0]]), 1, i); return;
      case Function::coalesce: {
        std::vector<std::size_t> exits;
        for (std::size_t k = 0; k + 1 < args.size(); ++k) {
          Instr in = metric_instr(OpCode::coalesce, ast_[args[k]]);
          exits.push_back(emit(in, 1, args[k]));
          depth_ -= 1;  // falls through with nothing pushed
        }
        gen(args.back());
        for (const std::size_t e : exits) plan_.code[e].b = here();
        return;
      }
    }
  }

  Plan& plan_;
  const Ast& ast_;
  int depth_ = 0;
  std::size_t max_depth_ = 0;
};

}  // namespace

void generate(Plan& plan) { Generator(plan).run(); }

}  // namespace duixian::detail
