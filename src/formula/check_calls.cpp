// Type rules of the built-in functions.
#include "formula/check.hpp"
#include "formula/names.hpp"

#include <limits>

namespace duixian::detail {

namespace {

std::string a_type(FormulaType t) {
  const std::string name = to_string(t);
  const bool vowel = name[0] == 'a' || name[0] == 'e' || name[0] == 'i' || name[0] == 'o' || name[0] == 'u';
  return (vowel ? "an " : "a ") + name;
}

std::string ordinal(std::size_t index) { return "argument " + std::to_string(index + 1); }

constexpr std::size_t kMany = std::numeric_limits<std::size_t>::max();

}  // namespace

void Checker::arity(const Node& n, std::size_t at_least, std::size_t at_most) const {
  const std::size_t count = n.children.size();
  if (count >= at_least && count <= at_most) return;
  std::string expected;
  if (at_least == at_most) {
    expected = std::to_string(at_least) + (at_least == 1 ? " argument" : " arguments");
  } else if (at_most == kMany) {
    expected = "at least " + std::to_string(at_least) + " arguments";
  } else {
    expected = std::to_string(at_least) + " to " + std::to_string(at_most) + " arguments";
  }
  error(n.column, n.name + " takes " + expected + ", found " + std::to_string(count));
}

void Checker::expect(std::int32_t arg, bool ok, const std::string& what) {
  if (ok) return;
  const Node& a = node(arg);
  error(a.column, "expected " + what + ", found " + a_type(a.type));
}

Typed Checker::unify_all(const Node& n, std::size_t first, std::size_t step, const char* what) {
  Typed acc = typed(n.children[first]);
  for (std::size_t k = first + step; k < n.children.size(); k += step) {
    const auto u = unify(acc, typed(n.children[k]));
    if (!u) {
      error(node(n.children[k]).column, std::string(what) + " must have one type: " + ordinal(first) + " is " +
                                            a_type(acc.type) + ", " + ordinal(k) + " is " +
                                            a_type(node(n.children[k]).type));
    }
    acc = *u;
  }
  return acc;
}

int Checker::integer_constant(std::int32_t arg, int low, int high, const char* what) {
  const Node& a = node(arg);
  if (a.constant && a.type == FormulaType::decimal && a.number.is_integer() && a.number >= Rational(low) &&
      a.number <= Rational(high)) {
    return static_cast<int>(a.number.reduced().numerator());
  }
  error(a.column, std::string(what) + " must be a whole number from " + std::to_string(low) + " to " +
                      std::to_string(high) + " written in the formula, e.g. 2");
}

const std::string& Checker::text_literal(std::int32_t arg, const char* what) {
  const Node& a = node(arg);
  if (a.kind != NodeKind::text) {
    const std::string w = what;
    const char* example = w.find("tag") != std::string::npos        ? "'high_tech'"
                          : w.find("region") != std::string::npos   ? "'3303'"
                          : w.find("industry") != std::string::npos ? "'C19'"
                                                                    : "'half_even'";
    error(a.column, w + " must be quoted text written in the formula, e.g. " + example);
  }
  return a.text;
}

void Checker::thresholds(Node& n, std::size_t first, const Typed& x) {
  bool all_constant = true;
  for (std::size_t k = first; k < n.children.size(); k += 2) {
    const Node& t = node(n.children[k]);
    const auto u = unify(x, Typed{t.type, t.flex});
    if (!u || u->type != x.type) {
      error(t.column, "the thresholds of " + n.name + " must have the type of its first argument (" + a_type(x.type) +
                          "), found " + a_type(t.type));
    }
    all_constant = all_constant && t.constant;
  }
  n.checked_thresholds = all_constant;
  if (!all_constant) return;  // checked when evaluated
  for (std::size_t k = first + 2; k < n.children.size(); k += 2) {
    const Node& prev = node(n.children[k - 2]);
    const Node& t = node(n.children[k]);
    const bool increasing = is_numeric(x.type) ? prev.number < t.number : prev.scalar < t.scalar;
    if (!increasing) {
      error(t.column, "the thresholds of " + n.name + " must be strictly increasing: this one is not above the one at formula column " +
                          std::to_string(prev.column));
    }
  }
}

void Checker::call(Node& n) {
  const auto f = find_function(n.name);
  if (!f) {
    if (env_.schema->find(n.name)) error(n.column, n.name + " is a metric, not a function: write " + n.name + "[period]");
    std::vector<std::string> names;
    for (std::string_view s : {"min", "max", "abs", "clamp", "round", "floor", "ceil", "tier", "progressive", "days",
                               "overlap_days", "add_years", "add_months", "add_days", "year_of", "quarter_of", "within",
                               "has_tag", "in_region", "in_industry", "exists", "coalesce"}) {
      names.emplace_back(s);
    }
    const std::string guess = closest(n.name, names);
    error(n.column, "unknown function '" + n.name + "'" + (guess.empty() ? "" : " (did you mean " + guess + "?)") +
                        ": expected one of " + function_names());
  }
  n.function = *f;
  const auto& args = n.children;

  // These two take metrics, not values.
  if (*f == Function::exists) {
    arity(n, 1, 1);
    metric_reference(node(args[0]), true);
    n.type = FormulaType::boolean;
    return;
  }
  if (*f == Function::coalesce) {
    arity(n, 2, kMany);
    for (std::size_t k = 0; k + 1 < args.size(); ++k) metric_reference(node(args[k]), false);
    visit(args.back());
    set(n, unify_all(n, 0, 1, "the arguments of coalesce"));
    n.transient = node(args.back()).transient;
    return;
  }

  // Arguments that must be written as quoted text: say so before resolving them as names.
  const auto quoted = [&](std::size_t k, const char* what) {
    if (k < args.size()) (void)text_literal(args[k], what);
  };
  if (*f == Function::has_tag) quoted(0, "the tag");
  if (*f == Function::in_region) quoted(0, "the region code prefix");
  if (*f == Function::in_industry) quoted(0, "the industry code prefix");
  if (*f == Function::round) quoted(2, "the rounding mode");

  for (const std::int32_t a : args) visit(a);
  const auto type_of = [&](std::size_t k) { return node(args[k]).type; };

  switch (*f) {
    case Function::min:
    case Function::max:
    case Function::clamp: {
      if (*f == Function::clamp) {
        arity(n, 3, 3);
      } else {
        arity(n, 2, kMany);
      }
      const Typed t = unify_all(n, 0, 1, (std::string("the arguments of ") + n.name).c_str());
      if (!is_orderable(t.type)) error(n.column, n.name + " works on numbers, dates and periods, found " + a_type(t.type));
      set(n, t);
      return;
    }
    case Function::abs:
      arity(n, 1, 1);
      expect(args[0], is_numeric(type_of(0)), "a number");
      set(n, typed(args[0]));
      return;
    case Function::round:
    case Function::floor:
    case Function::ceil:
      arity(n, 2, *f == Function::round ? 3 : 2);
      expect(args[0], is_numeric(type_of(0)), "a number to round");
      n.places = integer_constant(args[1], -38, 38, "the number of places");
      n.mode = *f == Function::floor ? RoundingMode::floor : *f == Function::ceil ? RoundingMode::ceiling : RoundingMode::half_up;
      if (args.size() == 3) {
        const std::string& mode = text_literal(args[2], "the rounding mode");
        const auto m = parse_rounding_mode(mode);
        if (!m) {
          error(node(args[2]).column, "unknown rounding mode '" + mode +
                                          "': expected one of half_up, half_even, half_down, up, down, ceiling, floor");
        }
        n.mode = *m;
      }
      set(n, typed(args[0]));
      return;
    case Function::tier:
    case Function::progressive: {
      if (args.size() < 3 || args.size() % 2 == 0) {
        error(n.column, n.name + " takes a value and then threshold, " +
                            (*f == Function::tier ? std::string("value") : std::string("rate")) +
                            " pairs: " + n.name + "(x, t1, v1, t2, v2, …); found " + std::to_string(args.size()) +
                            " arguments");
      }
      const Typed x = typed(args[0]);
      if (*f == Function::tier) {
        expect(args[0], is_orderable(x.type), "a number, date or period to place in the tiers");
      } else {
        expect(args[0], is_numeric(x.type), "a number to spread over the brackets");
      }
      thresholds(n, 1, x);
      const Typed values = unify_all(n, 2, 2, *f == Function::tier ? "the values of tier" : "the rates of progressive");
      if (*f == Function::tier) {
        set(n, values);
        for (std::size_t k = 2; k < args.size(); k += 2) n.transient = n.transient || node(args[k]).transient;
        return;
      }
      std::string why;
      const auto product = multiply(x, values, why);
      if (!product) error(node(args[2]).column, "the rates of progressive multiply its first argument: " + why);
      set(n, Typed{product->type, Flex::none});
      return;
    }
    case Function::days:
      arity(n, 1, 2);
      if (args.size() == 1) {
        expect(args[0], is_period(type_of(0)), "a year, quarter or month (days(this_quarter)), or two dates");
      } else {
        expect(args[0], type_of(0) == FormulaType::date, "a date (days(first, last) counts first..last)");
        expect(args[1], type_of(1) == FormulaType::date, "a date (days(first, last) counts first..last)");
      }
      n.type = FormulaType::decimal;
      return;
    case Function::overlap_days:
      arity(n, 2, 4);
      if (args.size() == 2) {
        expect(args[0], is_period(type_of(0)), "a period (overlap_days(p, q), overlap_days(d1, d2, q) or overlap_days(a1, a2, b1, b2))");
        expect(args[1], is_period(type_of(1)), "a period");
      } else {
        for (std::size_t k = 0; k < args.size(); ++k) {
          const bool last_period = args.size() == 3 && k == 2;
          expect(args[k], last_period ? is_period(type_of(k)) : type_of(k) == FormulaType::date,
                 last_period ? "a period (overlap_days(first, last, period))" : "a date");
        }
      }
      n.type = FormulaType::decimal;
      return;
    case Function::add_years:
    case Function::add_months:
    case Function::add_days: {
      arity(n, 2, 2);
      expect(args[0], type_of(0) == FormulaType::date, "a date");
      expect(args[1], type_of(1) == FormulaType::decimal, "a whole number");
      const Node& count = node(args[1]);
      if (count.constant && !count.number.is_integer()) error(count.column, "the count of " + n.name + " must be a whole number");
      n.type = FormulaType::date;
      return;
    }
    case Function::year_of:
    case Function::quarter_of:
      arity(n, 1, 1);
      expect(args[0], type_of(0) == FormulaType::date, "a date");
      n.type = *f == Function::year_of ? FormulaType::year : FormulaType::quarter;
      return;
    case Function::within:
      arity(n, 2, 3);
      expect(args[0], type_of(0) == FormulaType::date, "a date");
      if (args.size() == 2) {
        expect(args[1], is_period(type_of(1)), "a period (within(d, |2019|)) or two dates (within(d, first, last))");
      } else {
        expect(args[1], type_of(1) == FormulaType::date, "a date");
        expect(args[2], type_of(2) == FormulaType::date, "a date");
      }
      n.type = FormulaType::boolean;
      return;
    case Function::has_tag: {
      arity(n, 1, 1);
      const std::string& tag = text_literal(args[0], "the tag");
      bool ok = !tag.empty() && tag[0] >= 'a' && tag[0] <= 'z';
      for (const char c : tag) ok = ok && ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_');
      if (!ok) error(node(args[0]).column, "'" + tag + "' is not a tag: tags are lower-case words such as 'high_tech'");
      n.type = FormulaType::boolean;
      return;
    }
    case Function::in_region: {
      arity(n, 1, 1);
      const std::string& prefix = text_literal(args[0], "the region code prefix");
      bool ok = !prefix.empty() && prefix.size() <= 6;
      for (const char c : prefix) ok = ok && c >= '0' && c <= '9';
      if (!ok) {
        error(node(args[0]).column, "'" + prefix + "' is not a GB/T 2260 region code prefix: expected 1 to 6 digits, e.g. '3303'");
      }
      n.type = FormulaType::boolean;
      return;
    }
    case Function::in_industry: {
      arity(n, 1, 1);
      const std::string& prefix = text_literal(args[0], "the industry code prefix");
      std::string why;
      if (!IndustryPrefix::try_parse(prefix, &why)) error(node(args[0]).column, why);
      n.type = FormulaType::boolean;
      return;
    }
    case Function::exists:
    case Function::coalesce: return;  // handled above
  }
}

}  // namespace duixian::detail
