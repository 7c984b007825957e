#include "formula/check.hpp"

#include "formula/names.hpp"

namespace duixian::detail {

bool is_numeric(FormulaType t) noexcept {
  return t == FormulaType::decimal || t == FormulaType::money || t == FormulaType::quantity ||
         t == FormulaType::money_per_unit;
}
bool is_period(FormulaType t) noexcept {
  return t == FormulaType::year || t == FormulaType::quarter || t == FormulaType::month;
}
bool is_orderable(FormulaType t) noexcept { return is_numeric(t) || t == FormulaType::date || is_period(t); }

namespace {

// Literal flexibility of a result computed from two operands.
Flex combine(Flex a, Flex b, FormulaType result) noexcept {
  if (a == Flex::none || b == Flex::none) return Flex::none;
  if (result == FormulaType::decimal) return Flex::number;
  return Flex::yuan;
}

bool adapts(Typed from, FormulaType to) noexcept {
  if (from.flex == Flex::number) return is_numeric(to);
  if (from.flex == Flex::yuan) return to == FormulaType::money_per_unit;
  return false;
}

const char* op_text(BinOp op) noexcept {
  switch (op) {
    case BinOp::add: return "+";
    case BinOp::sub: return "-";
    case BinOp::mul: return "*";
    case BinOp::div: return "/";
    case BinOp::logical_and: return "and";
    case BinOp::logical_or: return "or";
    case BinOp::eq: return "=";
    case BinOp::ne: return "!=";
    case BinOp::lt: return "<";
    case BinOp::le: return "<=";
    case BinOp::gt: return ">";
    case BinOp::ge: return ">=";
  }
  return "?";
}

std::string a_type(FormulaType t) {
  const std::string name = to_string(t);
  const bool vowel = name[0] == 'a' || name[0] == 'e' || name[0] == 'i' || name[0] == 'o' || name[0] == 'u';
  return (vowel ? "an " : "a ") + name;
}

}  // namespace

std::optional<Typed> unify(Typed a, Typed b) noexcept {
  if (a.type == b.type) return Typed{a.type, a.flex == b.flex ? a.flex : Flex::none};
  if (adapts(a, b.type)) return Typed{b.type, b.flex};
  if (adapts(b, a.type)) return Typed{a.type, a.flex};
  return std::nullopt;
}

std::optional<Typed> multiply(Typed a, Typed b, std::string& why) {
  if (!is_numeric(a.type) || !is_numeric(b.type)) {
    why = "only numbers multiply, found " + a_type(is_numeric(a.type) ? b.type : a.type);
    return std::nullopt;
  }
  if (a.type == FormulaType::decimal) return Typed{b.type, combine(a.flex, b.flex, b.type)};
  if (b.type == FormulaType::decimal) return Typed{a.type, combine(a.flex, b.flex, a.type)};
  const auto per_unit = [](Typed t) {
    return t.type == FormulaType::money_per_unit || (t.type == FormulaType::money && t.flex == Flex::yuan);
  };
  if ((a.type == FormulaType::quantity && per_unit(b)) || (b.type == FormulaType::quantity && per_unit(a))) {
    return Typed{FormulaType::money, Flex::none};
  }
  why = "cannot multiply " + a_type(a.type) + " by " + a_type(b.type) +
        " (money × decimal is money; a quantity is priced with a 元 literal, e.g. kwh * 0.05元)";
  return std::nullopt;
}

std::optional<Typed> divide(Typed a, Typed b, std::string& why) {
  if (!is_numeric(a.type) || !is_numeric(b.type)) {
    why = "only numbers divide, found " + a_type(is_numeric(a.type) ? b.type : a.type);
    return std::nullopt;
  }
  if (b.type == FormulaType::decimal) return Typed{a.type, combine(a.flex, b.flex, a.type)};
  if (a.type == b.type) return Typed{FormulaType::decimal, combine(a.flex, b.flex, FormulaType::decimal)};
  if (a.type == FormulaType::money && b.type == FormulaType::quantity) return Typed{FormulaType::money_per_unit, Flex::none};
  if (a.type == FormulaType::money && b.type == FormulaType::money_per_unit) return Typed{FormulaType::quantity, Flex::none};
  why = "cannot divide " + a_type(a.type) + " by " + a_type(b.type) +
        " (money ÷ money is a decimal, money ÷ decimal is money)";
  return std::nullopt;
}

std::string Checker::metric_names() const { return env_.schema->size() == 0 ? "none" : env_.schema->names(); }

void Checker::visit(std::int32_t i) {
  Node& n = node(i);
  switch (n.kind) {
    case NodeKind::number:
      n.type = n.yuan ? FormulaType::money : FormulaType::decimal;
      n.flex = n.yuan ? Flex::yuan : Flex::number;
      n.constant = true;
      return;
    case NodeKind::text:
      n.type = FormulaType::text;
      n.constant = true;
      return;
    case NodeKind::date:
      n.type = FormulaType::date;
      n.constant = true;
      return;
    case NodeKind::period:
      n.type = n.period.kind() == PeriodKind::year      ? FormulaType::year
               : n.period.kind() == PeriodKind::quarter ? FormulaType::quarter
                                                         : FormulaType::month;
      n.constant = true;
      return;
    case NodeKind::boolean:
      n.type = FormulaType::boolean;
      n.constant = true;
      return;
    case NodeKind::name: name(n); return;
    case NodeKind::lookup: lookup(n); return;
    case NodeKind::call: call(n); return;
    case NodeKind::paren: {
      visit(n.children[0]);  // visiting never adds nodes, so `n` stays valid
      const Node& inner = node(n.children[0]);
      n.type = inner.type;
      n.flex = inner.flex;
      n.constant = inner.constant;
      n.number = inner.number;
      n.scalar = inner.scalar;
      n.transient = inner.transient;
      return;
    }
    case NodeKind::negate: {
      visit(n.children[0]);
      const Node& inner = node(n.children[0]);
      if (!is_numeric(inner.type)) error(n.column, "'-' negates numbers only, found " + a_type(inner.type));
      n.type = inner.type;
      n.flex = inner.flex;
      n.constant = inner.constant;
      n.number = -inner.number;
      return;
    }
    case NodeKind::logical_not: {
      visit(n.children[0]);
      const Node& inner = node(n.children[0]);
      if (inner.type != FormulaType::boolean) {
        error(inner.column, "'not' expects a condition (true or false), found " + a_type(inner.type));
      }
      n.type = FormulaType::boolean;
      return;
    }
    case NodeKind::chain: chain(n); return;
    case NodeKind::compare: compare(n); return;
    case NodeKind::conditional: conditional(n); return;
  }
}

void Checker::name(Node& n, bool allow_text) {
  if (const auto id = env_.schema->find(n.name)) {
    const Metric& m = (*env_.schema)[*id];
    if (m.period_kind != PeriodKind::timeless) {
      error(n.column, "metric " + m.name + " is kept per " + to_string(m.period_kind) + ": give its period, e.g. " +
                          m.name + (m.period_kind == PeriodKind::quarter ? "[this_quarter]" : "[prev_year]"));
    }
    const auto type = formula_type_of(m.type);
    if (!type && !allow_text) {
      error(n.column, "metric " + m.name + " is free text, which formulas cannot read (only exists(" + m.name + "))");
    }
    n.is_metric = true;
    n.metric = *id;
    n.type = type.value_or(FormulaType::text);
    return;
  }
  n.builtin = find_builtin(n.name);
  switch (n.builtin) {
    case Builtin::this_quarter:
    case Builtin::settlement_quarter:
    case Builtin::same_quarter_last_year:
    case Builtin::prev_quarter: n.type = FormulaType::quarter; return;
    case Builtin::prev_year:
    case Builtin::book_year: {
      const int year = env_.book_year - (n.builtin == Builtin::prev_year ? 1 : 0);
      if (env_.book_year == 0 || year < Date::min_year || year > Date::max_year) {
        error(n.column, n.name + " needs the book's year (the environment's book_year is " +
                            std::to_string(env_.book_year) + ")");
      }
      n.type = FormulaType::year;
      n.period = Year(year);
      n.scalar = n.period.key();
      n.constant = true;
      return;
    }
    case Builtin::first_day:
    case Builtin::last_day:
    case Builtin::registered_on: n.type = FormulaType::date; return;
    case Builtin::region:
      n.type = FormulaType::text;
      n.transient = true;
      return;
    case Builtin::industry: n.type = FormulaType::text; return;
    case Builtin::none: break;
  }
  if (find_function(n.name)) error(n.column, n.name + " is a function: call it, e.g. " + n.name + "(…)");
  std::vector<std::string> candidates;
  for (const Metric& m : env_.schema->metrics()) candidates.push_back(m.name);
  for (std::string_view b : {"this_quarter", "settlement_quarter", "same_quarter_last_year", "prev_quarter", "prev_year",
                             "book_year", "first_day", "last_day", "registered_on", "region", "industry"}) {
    candidates.emplace_back(b);
  }
  const std::string guess = closest(n.name, candidates);
  error(n.column, "unknown name '" + n.name + "'" + (guess.empty() ? "" : " (did you mean " + guess + "?)") +
                      ": expected a metric (" + metric_names() + ") or a built-in name (" + builtin_names() + ")");
}

void Checker::lookup(Node& n, bool allow_text) {
  const auto id = env_.schema->find(n.name);
  if (!id) {
    if (find_builtin(n.name) != Builtin::none) error(n.column, n.name + " is a built-in name, not a metric: write it without brackets");
    std::vector<std::string> candidates;
    for (const Metric& m : env_.schema->metrics()) candidates.push_back(m.name);
    const std::string guess = closest(n.name, candidates);
    error(n.column, "unknown metric '" + n.name + "'" + (guess.empty() ? "" : " (did you mean " + guess + "?)") +
                        ": expected one of " + metric_names());
  }
  const Metric& m = (*env_.schema)[*id];
  n.is_metric = true;
  n.metric = *id;
  if (m.period_kind == PeriodKind::timeless) {
    error(n.column, "metric " + m.name + " is timeless: write it without a period, as " + m.name);
  }
  PeriodKind kind = n.period.kind();
  std::string written = n.period.to_string();
  if (n.period_relative) {
    written = n.period_name;
    switch (find_builtin(n.period_name)) {
      case Builtin::this_quarter: n.selector = PeriodSel::this_quarter; kind = PeriodKind::quarter; break;
      case Builtin::settlement_quarter: n.selector = PeriodSel::settlement_quarter; kind = PeriodKind::quarter; break;
      case Builtin::same_quarter_last_year: n.selector = PeriodSel::same_quarter_last_year; kind = PeriodKind::quarter; break;
      case Builtin::prev_quarter: n.selector = PeriodSel::prev_quarter; kind = PeriodKind::quarter; break;
      case Builtin::prev_year:
      case Builtin::book_year: {
        const bool prev = n.period_name == "prev_year";
        const int year = env_.book_year - (prev ? 1 : 0);
        if (env_.book_year == 0 || year < Date::min_year || year > Date::max_year) {
          error(n.period_column, n.period_name + " needs the book's year (the environment's book_year is " +
                                     std::to_string(env_.book_year) + ")");
        }
        n.period = Year(year);
        n.selector = PeriodSel::absolute;
        kind = PeriodKind::year;
        break;
      }
      default:
        error(n.period_column, "unknown period '" + n.period_name +
                                   "': expected a year, quarter or month (2018, 2019Q1, 2019-05) or one of "
                                   "this_quarter, settlement_quarter, same_quarter_last_year, prev_quarter, prev_year, "
                                   "book_year");
    }
  }
  if (kind != m.period_kind) {
    error(n.period_column, "metric " + m.name + " is kept per " + to_string(m.period_kind) + ", but " + written +
                               " is a " + to_string(kind) + ": expected a " + to_string(m.period_kind) + " such as " +
                               m.name +
                               (m.period_kind == PeriodKind::quarter ? "[2019Q1] or " + m.name + "[this_quarter]"
                                : m.period_kind == PeriodKind::year  ? "[2018] or " + m.name + "[prev_year]"
                                                                     : "[2019-05]"));
  }
  const auto type = formula_type_of(m.type);
  if (!type && !allow_text) {
    error(n.column, "metric " + m.name + " is free text, which formulas cannot read (only exists(" + m.name + "[…]))");
  }
  n.type = type.value_or(FormulaType::text);
}

void Checker::metric_reference(Node& n, bool allow_text) {
  if (n.kind == NodeKind::lookup) return lookup(n, allow_text);
  if (n.kind == NodeKind::name && env_.schema->find(n.name)) return name(n, allow_text);
  error(n.column, "expected a metric, such as x[2018], or a timeless metric written bare");
}

void Checker::chain(Node& n) {
  for (const std::int32_t c : n.children) visit(c);
  const bool logical = n.ops[0] == BinOp::logical_and || n.ops[0] == BinOp::logical_or;
  if (logical) {
    for (std::size_t k = 0; k < n.children.size(); ++k) {
      const Node& c = node(n.children[k]);
      if (c.type != FormulaType::boolean) {
        const std::size_t op = k == 0 ? 0 : k - 1;
        error(c.column, std::string("'") + op_text(n.ops[op]) + "' joins conditions (true or false), found " +
                            a_type(c.type) + " on its " + (k == 0 ? "left" : "right"));
      }
    }
    n.type = FormulaType::boolean;
    return;
  }
  Typed acc = typed(n.children[0]);
  for (std::size_t k = 0; k < n.ops.size(); ++k) {
    const Typed rhs = typed(n.children[k + 1]);
    const BinOp op = n.ops[k];
    std::string why;
    std::optional<Typed> result;
    if (op == BinOp::add || op == BinOp::sub) {
      if (!is_numeric(acc.type) || !is_numeric(rhs.type)) {
        why = std::string("'") + op_text(op) + "' works on numbers, found " + a_type(is_numeric(acc.type) ? rhs.type : acc.type) +
              (acc.type == FormulaType::date || rhs.type == FormulaType::date ? " (use add_days, add_months, add_years)" : "");
      } else {
        result = unify(acc, rhs);
        if (!result) {
          why = std::string("cannot ") + (op == BinOp::add ? "add " : "subtract ") + a_type(rhs.type) +
                (op == BinOp::add ? " to " : " from ") + a_type(acc.type) +
                ": both sides must have the same type (a plain number such as 500万 adapts, a metric does not)";
        }
      }
    } else if (op == BinOp::mul) {
      result = multiply(acc, rhs, why);
    } else {
      result = divide(acc, rhs, why);
    }
    if (!result) error(n.op_columns[k], why);
    acc = *result;
  }
  set(n, acc);
  fold_chain(n);
}

void Checker::fold_chain(Node& n) {
  for (const std::int32_t c : n.children) {
    if (!node(c).constant || !is_numeric(node(c).type)) return;
  }
  Rational v = node(n.children[0]).number;
  for (std::size_t k = 0; k < n.ops.size(); ++k) {
    const Rational& r = node(n.children[k + 1]).number;
    try {
      switch (n.ops[k]) {
        case BinOp::add: v += r; break;
        case BinOp::sub: v -= r; break;
        case BinOp::mul: v *= r; break;
        default: v /= r; break;
      }
    } catch (const Error& e) {
      error(n.op_columns[k], e.code() == ErrorCode::division_by_zero ? std::string("division by zero")
                                                                      : std::string("the constant overflows"));
    }
  }
  n.constant = true;
  n.number = v;
}

void Checker::compare(Node& n) {
  visit(n.children[0]);
  visit(n.children[1]);
  const Node& a = node(n.children[0]);
  const Node& b = node(n.children[1]);
  const BinOp op = n.ops[0];
  const auto common = unify(typed(n.children[0]), typed(n.children[1]));
  if (!common) {
    error(n.op_columns[0], "cannot compare " + a_type(a.type) + " with " + a_type(b.type));
  }
  const bool ordering = op != BinOp::eq && op != BinOp::ne;
  if (ordering && !is_orderable(common->type)) {
    error(n.op_columns[0], std::string("'") + op_text(op) + "' orders numbers, dates and periods; " +
                               a_type(common->type) + " can only be compared with = or !=");
  }
  // An enumeration compared with a constant: the constant must be one of its values.
  for (int side = 0; side < 2; ++side) {
    const Node& m = side == 0 ? a : b;
    const Node& lit = side == 0 ? b : a;
    if (!m.is_metric || lit.kind != NodeKind::text) continue;
    const Metric& metric = (*env_.schema)[m.metric];
    if (metric.type != MetricType::enumeration) continue;
    bool found = false;
    std::string values;
    for (const std::string& v : metric.enum_values) {
      found = found || v == lit.text;
      values += (values.empty() ? "" : ", ") + v;
    }
    if (!found) {
      error(lit.column, "'" + lit.text + "' is not a value of " + metric.name + " (expected one of " + values + ")");
    }
  }
  n.type = FormulaType::boolean;
}

void Checker::conditional(Node& n) {
  for (const std::int32_t c : n.children) visit(c);
  const Node& cond = node(n.children[0]);
  if (cond.type != FormulaType::boolean) {
    error(cond.column, "the condition of 'if' must be true or false, found " + a_type(cond.type));
  }
  const auto common = unify(typed(n.children[1]), typed(n.children[2]));
  if (!common) {
    error(node(n.children[2]).column, "the branches of 'if' must have one type: 'then' gives " +
                                          a_type(node(n.children[1]).type) + ", 'else' gives " +
                                          a_type(node(n.children[2]).type));
  }
  set(n, *common);
  n.transient = node(n.children[1]).transient || node(n.children[2]).transient;
}

FormulaType check_formula(Ast& ast, const FormulaEnvironment& env, const FormulaOrigin& origin,
                          std::optional<FormulaType> expected) {
  if (env.schema == nullptr) {
    throw Error(ErrorCode::invalid_argument, "formula environment without a metric schema");
  }
  Checker checker(ast, env, origin);
  checker.visit(ast.root);
  Node& root = ast[ast.root];
  if (root.transient) {
    fail(origin, root.column,
         "region can be compared (region = '330302') or tested (in_region('3303')), but it cannot be the value of a "
         "formula");
  }
  if (expected && root.type != *expected) {
    const auto adapted = unify(Typed{root.type, root.flex}, Typed{*expected, Flex::none});
    if (!adapted || adapted->type != *expected) {
      fail(origin, root.column,
           "expected " + a_type(*expected) + " formula, found " + a_type(root.type));
    }
    root.type = *expected;
    root.flex = Flex::none;
  }
  return root.type;
}

}  // namespace duixian::detail
