// explain(): the formula as written, with the values the evaluation used substituted.
#include "formula/check.hpp"
#include "formula/plan.hpp"

namespace duixian {

namespace detail {
namespace {

// "6000000.00" → "6,000,000.00"; the sign and the fraction are kept.
std::string group_thousands(const std::string& plain) {
  const std::size_t sign = plain[0] == '-' ? 1 : 0;
  const std::size_t point = std::min(plain.find('.'), plain.size());
  std::string out = plain.substr(0, sign);
  for (std::size_t i = sign; i < point; ++i) {
    out += plain[i];
    const std::size_t left = point - i - 1;
    if (left > 0 && left % 3 == 0) out += ',';
  }
  return out + plain.substr(point);
}

// A fact keeps its written scale (Rational(Decimal) is c / 10^scale, unreduced);
// other values show their exact decimal, or ≈ ten places when none is exact.
std::string format_number(const Rational& r, bool keep_scale) {
  Rational::Int den = r.denominator();
  int places = 0;
  while (den % 10 == 0 && places < 38) {
    den /= 10;
    ++places;
  }
  if (keep_scale && den == 1) return group_thousands(r.round(places, RoundingMode::half_even).to_string());
  if (const auto exact = r.to_decimal()) return group_thousands(exact->to_string());
  return "≈" + group_thousands(r.round(10, RoundingMode::half_even).to_string());
}

std::string format_value(const Value& v, FormulaType type, bool keep_scale) {
  if (is_numeric(type)) return format_number(v.number, keep_scale);
  switch (type) {
    case FormulaType::boolean: return v.scalar != 0 ? "true" : "false";
    case FormulaType::date: return Date::from_sys_days(date::sys_days(date::days(v.scalar))).to_string();
    case FormulaType::year:
    case FormulaType::quarter:
    case FormulaType::month: return Period::from_key(static_cast<std::int32_t>(v.scalar)).to_string();
    case FormulaType::text: return "'" + std::string(v.text) + "'";
    default: return "?";
  }
}

const char* shown(BinOp op) noexcept {
  switch (op) {
    case BinOp::add: return " + ";
    case BinOp::sub: return " - ";
    case BinOp::mul: return " × ";
    case BinOp::div: return " ÷ ";
    case BinOp::logical_and: return " and ";
    case BinOp::logical_or: return " or ";
    case BinOp::eq: return " = ";
    case BinOp::ne: return " ≠ ";
    case BinOp::lt: return " < ";
    case BinOp::le: return " ≤ ";
    case BinOp::gt: return " > ";
    case BinOp::ge: return " ≥ ";
  }
  return " ? ";
}

class Renderer {
 public:
  Renderer(const Plan& plan, const Trace& trace, const Enterprise& enterprise)
      : plan_(plan), ast_(plan.ast), trace_(trace), enterprise_(enterprise) {}

  std::string render(std::int32_t i) const {
    const Node& n = ast_[i];
    const auto at = static_cast<std::size_t>(i);
    switch (n.kind) {
      case NodeKind::name:
      case NodeKind::lookup:
        if (!trace_.reached[at]) return source(n);
        // `region` was text in the evaluation's own frame, gone by now: write it again.
        if (n.builtin == Builtin::region) return "'" + enterprise_.region.to_string() + "'";
        return format_value(trace_.values[at], n.type, true);
      case NodeKind::paren: return "(" + render(n.children[0]) + ")";
      case NodeKind::negate: return "-" + render(n.children[0]);
      case NodeKind::logical_not: return "not " + render(n.children[0]);
      case NodeKind::chain:
      case NodeKind::compare: {
        std::string out = render(n.children[0]);
        for (std::size_t k = 0; k < n.ops.size(); ++k) out += shown(n.ops[k]) + render(n.children[k + 1]);
        return out;
      }
      case NodeKind::conditional:
        return "if " + render(n.children[0]) + " then " + render(n.children[1]) + " else " + render(n.children[2]);
      case NodeKind::call: {
        std::string out = n.name + "(";
        for (std::size_t k = 0; k < n.children.size(); ++k) out += (k == 0 ? "" : ", ") + render(n.children[k]);
        return out + ")";
      }
      default: return source(n);  // literals as written
    }
  }

 private:
  std::string source(const Node& n) const { return plan_.text.substr(n.begin, n.end - n.begin); }

  const Plan& plan_;
  const Ast& ast_;
  const Trace& trace_;
  const Enterprise& enterprise_;
};

}  // namespace
}  // namespace detail

std::string explain(const Formula& formula, const EvaluationContext& context) {
  const detail::Plan* plan = detail::FormulaAccess::plan(formula);
  if (plan == nullptr) throw Error(ErrorCode::invalid_argument, "explain: the formula is empty");
  detail::Trace trace;
  trace.reached.assign(plan->ast.nodes.size(), false);
  trace.values.resize(plan->ast.nodes.size());
  Evaluation result;
  try {
    result = detail::run(*plan, context, &trace);
  } catch (const Error& e) {
    detail::rethrow_in_context(e, *plan, context);
  }
  std::string out = detail::Renderer(*plan, trace, (*context.reg)[context.enterprise]).render(plan->ast.root);
  switch (result.status) {
    case Evaluation::Status::missing_fact:
      return out + " = missing " + context.reg->schema()[result.missing.metric].name +
             (result.missing.period.is_timeless() ? "" : "[" + result.missing.period.to_string() + "]");
    case Evaluation::Status::not_applicable: return out + " = no tier reached";
    case Evaluation::Status::value: break;
  }
  detail::Value v;
  v.number = result.number;
  v.scalar = result.boolean ? 1 : 0;
  if (result.date) v.scalar = result.date->sys_days().time_since_epoch().count();
  if (result.period) v.scalar = result.period->key();
  v.text = result.text;
  return out + " = " + detail::format_value(v, result.type, false);
}

}  // namespace duixian
