#pragma once
// The compiled form of a formula: a flat postfix program over a fixed-size value
// stack, with metric ids and absolute periods resolved, plus the checked syntax
// tree that explanations render.

#include <cstdint>
#include <string>
#include <vector>

#include "formula/ast.hpp"

namespace duixian::detail {

enum class OpCode : std::uint8_t {
  push,              // constants[a]
  push_text,         // texts[a]
  lookup_number,     // metric, selector u8, periods[a]; missing → stop
  lookup_date,
  lookup_text,
  exists,            // push whether the fact is there
  coalesce,          // fact there → push, jump to b; missing → fall through
  builtin,           // u8 = Builtin
  negate,
  add, sub, mul, div,
  compare,           // u8 = BinOp (eq..ge), aux = ValueKind
  logical_not,
  jump,              // to a
  jump_if_false,     // pop; jump to a when false
  and_jump,          // top false → keep it, jump to a; else pop
  or_jump,           // top true → keep it, jump to a; else pop
  minimum, maximum,  // a = count, aux = ValueKind
  clamp,             // aux = ValueKind
  abs,
  round,             // a = places, u8 = mode
  tier,              // a = pair count, b = jump table start, aux = kind, u8 = check thresholds
  progressive,       // a = pair count, u8 = check thresholds
  days_period, days_dates,
  overlap_periods, overlap_dates_period, overlap_dates,
  add_years, add_months, add_days,
  year_of, quarter_of,
  within_period, within_dates,
  has_tag,           // texts[a]
  in_region,         // texts[a]
  in_industry,       // industries[a]
};

// How compare/min/max interpret the operands.
enum class ValueKind : std::uint8_t { number, scalar, text };

struct Instr {
  OpCode op;
  std::uint8_t u8 = 0;
  ValueKind aux = ValueKind::number;
  MetricId metric = 0;
  std::int32_t a = 0;
  std::int32_t b = 0;
  std::int32_t node = -1;  // the syntax-tree node whose value this instruction produces (explanations)
};

// One stack slot. Numbers use `number`; dates (days since 1970-01-01), periods
// (Period::key) and booleans use `scalar`; text uses `text`.
struct Value {
  Rational number;
  std::int64_t scalar = 0;
  std::string_view text;
};

struct Plan {
  std::string text;
  FormulaType type = FormulaType::decimal;
  std::vector<Instr> code;
  std::vector<Value> constants;       // numbers and scalars
  std::vector<std::string> texts;
  std::vector<Period> periods;
  std::vector<IndustryPrefix> industries;
  std::vector<std::int32_t> jump_tables;  // tier: code index of each value
  std::size_t stack_size = 0;
  Ast ast;  // checked tree, for explanations
};

struct FormulaAccess {
  static const Plan* plan(const Formula& f) noexcept { return f.plan_.get(); }
  static void set(Formula& f, std::shared_ptr<const Plan> plan) noexcept { f.plan_ = std::move(plan); }
};

/// Compiles a checked tree into `plan.code` (and its pools).
void generate(Plan& plan);

/// Per-node values an evaluation reached (explanations only).
struct Trace {
  std::vector<bool> reached;
  std::vector<Value> values;
  std::int32_t missing_node = -1;  // the lookup that found nothing
};

/// Runs the program. `trace` may be null (the fast path).
Evaluation run(const Plan& plan, const EvaluationContext& context, Trace* trace);

/// Rethrows an evaluation error with the formula, the enterprise and the quarter in its message.
[[noreturn]] void rethrow_in_context(const Error& e, const Plan& plan, const EvaluationContext& context);

}  // namespace duixian::detail
