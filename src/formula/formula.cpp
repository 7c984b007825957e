// Formula::compile and evaluate: parse → check → generate, then run the plan.
#include "duixian/formula.hpp"

#include "formula/check.hpp"
#include "formula/parser.hpp"
#include "formula/plan.hpp"

namespace duixian {

using detail::FormulaAccess;
using detail::Plan;

const char* to_string(FormulaType type) noexcept {
  switch (type) {
    case FormulaType::boolean: return "boolean";
    case FormulaType::decimal: return "decimal";
    case FormulaType::money: return "money";
    case FormulaType::quantity: return "quantity";
    case FormulaType::money_per_unit: return "money per unit";
    case FormulaType::date: return "date";
    case FormulaType::year: return "year";
    case FormulaType::quarter: return "quarter";
    case FormulaType::month: return "month";
    case FormulaType::text: return "text";
  }
  return "unknown";
}

namespace {

std::string locate(const FormulaOrigin& origin, std::size_t formula_column, const std::string& message) {
  std::string out;
  if (!origin.file.empty()) {
    out = origin.file + ":" + std::to_string(origin.line) + ":" + std::to_string(origin.column) + ": ";
  }
  if (!origin.field.empty()) out += origin.field + ", ";
  return out + "formula column " + std::to_string(formula_column) + ": " + message;
}

Formula compile_plan(std::string_view text, const FormulaEnvironment& env, const FormulaOrigin& origin,
                     std::optional<FormulaType> expected) {
  if (env.schema == nullptr) throw Error(ErrorCode::invalid_argument, "formula environment without a metric schema");
  auto plan = std::make_shared<Plan>();
  plan->text = std::string(text);
  plan->ast = detail::parse_formula(plan->text, env.limits, origin);
  plan->type = detail::check_formula(plan->ast, env, origin, expected);
  detail::generate(*plan);
  Formula f;
  FormulaAccess::set(f, std::move(plan));
  return f;
}

}  // namespace

namespace detail {

void fail(const FormulaOrigin& origin, std::size_t formula_column, const std::string& message) {
  throw FormulaError(origin, formula_column, message);
}

/// Rethrows an evaluation error with the formula, the enterprise and the quarter in its message.
[[noreturn]] void rethrow_in_context(const Error& e, const Plan& plan, const EvaluationContext& ctx) {
  std::string message(e.message());
  message += " (formula `" + plan.text + "`";
  if (ctx.reg != nullptr && ctx.enterprise < ctx.reg->size()) {
    message += ", enterprise " + std::string((*ctx.reg)[ctx.enterprise].code.text());
  }
  message += ", quarter " + ctx.this_quarter.to_string() + ")";
  throw Error(e.code(), message);
}

}  // namespace detail

FormulaError::FormulaError(const FormulaOrigin& origin, std::size_t formula_column, const std::string& message)
    : Error(ErrorCode::parse_error, locate(origin, formula_column, message)),
      located_(locate(origin, formula_column, message)),
      file_(origin.file),
      line_(origin.line),
      column_(origin.column),
      formula_column_(formula_column),
      reason_(message) {}

Formula Formula::compile(std::string_view text, const FormulaEnvironment& env, const FormulaOrigin& origin) {
  return compile_plan(text, env, origin, std::nullopt);
}

Formula Formula::compile(std::string_view text, const FormulaEnvironment& env, const FormulaOrigin& origin,
                         FormulaType expected) {
  return compile_plan(text, env, origin, expected);
}

FormulaType Formula::type() const noexcept { return plan_ ? plan_->type : FormulaType::decimal; }

const std::string& Formula::text() const noexcept {
  static const std::string empty;
  return plan_ ? plan_->text : empty;
}

Evaluation evaluate(const Formula& formula, const EvaluationContext& context) {
  const Plan* plan = FormulaAccess::plan(formula);
  if (plan == nullptr) throw Error(ErrorCode::invalid_argument, "evaluate: the formula is empty");
  try {
    return detail::run(*plan, context, nullptr);
  } catch (const Error& e) {
    detail::rethrow_in_context(e, *plan, context);
  }
}

}  // namespace duixian
