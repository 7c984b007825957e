// The checks of a policy book, shared by books built in code and books read from JSON.
// Paths in messages use the JSON field names (docs/policy-book.md), so a host that
// builds a book in code gets the same vocabulary as an author of a JSON book.
#include "policy/book_check.hpp"

#include <algorithm>
#include <limits>
#include <utility>

#include "policy/names.hpp"
#include "support/sha256.hpp"

namespace duixian::policy_check {
namespace {

using names::index;
using names::join;

std::string in_quotes(std::string_view s) { return "\"" + std::string(s) + "\""; }

class Checker {
 public:
  Checker(detail::PolicyBookData& impl, const std::string& file, const PolicyBookLimits& limits, const Locator* locator,
          const std::set<std::string>& bad, Diagnostics& out)
      : impl_(impl), spec_(impl.spec), file_(file), limits_(limits), locator_(locator), bad_(bad), out_(out) {}

  void run() {
    book_fields();
    // A metric or year that could not be read leaves a default behind: do not compile against it.
    const bool schema_ok = metrics() && year_ok_ && !bad_under("metrics") && !bad_under("year");
    groups_and_categories();
    funding();
    policies();
    memberships();
    enterprise_cap();
    if (schema_ok) formulas();  // against a broken schema every formula would fail, confusingly
  }

 private:
  // ---- reporting -----------------------------------------------------------------

  // A field that could not be read, or that holds one that could not, is not judged again.
  bool suppressed(const std::string& path) const {
    if (bad_under(path)) return true;
    for (std::string p = path;; p = names::parent(p)) {
      if (bad_.count(p) != 0) return true;
      if (p.empty()) return false;
    }
  }

  bool bad_under(const std::string& path) const {
    const auto it = bad_.lower_bound(path);
    return it != bad_.end() && it->compare(0, path.size(), path) == 0;
  }

  const JsonValue* node(const std::string& path) const {
    if (locator_ == nullptr) return nullptr;
    for (std::string p = path;; p = names::parent(p)) {
      if (const JsonValue* v = locator_->find(p)) return v;
      if (p.empty()) return nullptr;
    }
  }

  // `source`: the collection a cross-reference looks into; when part of it could not be
  // read, a dangling reference is probably not the author's mistake.
  void error(const std::string& path, const std::string& message, const char* source = nullptr) {
    if (suppressed(path) || (source != nullptr && bad_under(source))) return;
    const JsonValue* v = node(path);
    const JsonPosition at = v != nullptr ? v->position : JsonPosition{};
    out_.push_back(Diagnostic{file_, at.line, at.column, Severity::error, path + ": " + message, "invalid_book"});
  }

  // Compiles one formula; a problem is reported at the formula's first character with
  // the column inside the formula (and the JSON column, when escapes make them differ).
  Formula compile(const std::string& path, const std::string& text, FormulaType expected) {
    if (suppressed(path)) return {};
    const JsonValue* v = locator_ != nullptr ? locator_->find(path) : nullptr;
    const bool located = v != nullptr && v->kind == JsonKind::string;
    const JsonPosition start = located ? v->position_of_code_point(0) : JsonPosition{};
    const FormulaOrigin origin{file_, start.line, start.column, path};
    const FormulaEnvironment env{&impl_.schema, spec_.year, limits_.formula};
    try {
      return Formula::compile(text, env, origin, expected);
    } catch (const FormulaError& e) {
      std::string where = path + ", formula column " + std::to_string(e.formula_column());
      if (located && e.formula_column() > 0) {
        const std::size_t json_column = v->position_of_code_point(e.formula_column() - 1).column;
        if (json_column != start.column + e.formula_column() - 1) {
          where += " (JSON column " + std::to_string(json_column) + ")";
        }
      }
      out_.push_back(Diagnostic{file_, start.line, start.column, Severity::error, where + ": " + e.reason(), "invalid_formula"});
    } catch (const Error& e) {
      error(path, std::string(e.message()));
    }
    return {};
  }

  // ---- book level ----------------------------------------------------------------

  void book_fields() {
    if (!names::valid_id(spec_.id)) error("id", "book id " + in_quotes(spec_.id) + " " + names::id_rule);
    if (spec_.title.empty()) error("title", "must not be empty");
    if (spec_.currency != "CNY") error("currency", "expected \"CNY\", found " + in_quotes(spec_.currency));
    year_ok_ = spec_.year >= Date::min_year + 1 && spec_.year <= Date::max_year;
    if (!year_ok_) {
      error("year", "must be between " + std::to_string(Date::min_year + 1) + " and " +
                        std::to_string(Date::max_year) + ", found " + std::to_string(spec_.year));
    }
  }

  bool metrics() {
    const std::size_t before = out_.size();
    bool ok = true;
    for (std::size_t i = 0; i < spec_.metrics.size(); ++i) {
      const Metric& m = spec_.metrics[i];
      const std::string p = index("metrics", i);
      if (!names::valid_name(m.name)) {
        error(join(p, "name"), "metric name " + in_quotes(m.name) + " " + names::name_rule);
      } else if (impl_.schema.find(m.name)) {
        error(join(p, "name"), "metric " + in_quotes(m.name) + " is declared twice");
      } else if (m.type == MetricType::enumeration && m.enum_values.empty()) {
        error(join(p, "values"), "an enum metric needs its values, e.g. [\"A\", \"B\"]");
      } else if (m.type != MetricType::enumeration && !m.enum_values.empty()) {
        error(join(p, "values"), "only enum metrics list values (this one is " + std::string(to_string(m.type)) + ")");
      } else if (!enum_values_ok(m, p)) {
        ok = false;
      } else {
        try {
          impl_.schema.add(m);
        } catch (const Error& e) {
          error(p, std::string(e.message()));
        }
        continue;
      }
      ok = false;
    }
    if (spec_.metrics.empty()) error("metrics", "a book needs at least one metric");
    return ok && out_.size() == before && !suppressed("metrics");
  }

  bool enum_values_ok(const Metric& m, const std::string& p) {
    bool ok = true;
    for (std::size_t j = 0; j < m.enum_values.size(); ++j) {
      const std::string& v = m.enum_values[j];
      const auto first = std::find(m.enum_values.begin(), m.enum_values.end(), v);
      if (v.empty()) {
        error(index(join(p, "values"), j), "an enum value must not be empty");
        ok = false;
      } else if (first != m.enum_values.begin() + static_cast<std::ptrdiff_t>(j)) {
        error(index(join(p, "values"), j), "value " + in_quotes(v) + " is listed twice");
        ok = false;
      }
    }
    return ok;
  }

  void groups_and_categories() {
    for (std::size_t i = 0; i < spec_.stacking_groups.size(); ++i) {
      const std::string& id = spec_.stacking_groups[i].id;
      const std::string p = join(index("stacking_groups", i), "id");
      if (!names::valid_id(id)) {
        error(p, "group id " + in_quotes(id) + " " + names::id_rule);
      } else if (!groups_.emplace(id, i).second) {
        error(p, "stacking group " + in_quotes(id) + " is declared twice");
      }
    }
    for (std::size_t i = 0; i < spec_.excluded_categories.size(); ++i) {
      const std::string& c = spec_.excluded_categories[i];
      const std::string p = index("excluded_from_totals", i);
      if (!names::valid_name(c)) {
        error(p, "category " + in_quotes(c) + " " + names::name_rule);
      } else if (!excluded_.emplace(c, i).second) {
        error(p, "category " + in_quotes(c) + " is listed twice");
      }
    }
  }

  void share(const std::string& path, const Decimal& s) {
    if (s < Decimal(0) || s > Decimal(1)) error(path, "a share must be between 0 and 1, found " + s.to_string());
  }

  void funding() {
    const Funding& f = spec_.funding;
    std::vector<std::pair<std::string, std::string>> seen;  // prefix, its path
    for (std::size_t i = 0; i < f.rules.size(); ++i) {
      const std::string p = index("funding.rules", i);
      if (f.rules[i].regions.empty()) error(join(p, "regions"), "a funding rule needs at least one region prefix");
      for (std::size_t j = 0; j < f.rules[i].regions.size(); ++j) {
        const std::string& prefix = f.rules[i].regions[j];
        const std::string pp = index(join(p, "regions"), j);
        const std::string why = names::region_prefix_problem(prefix);
        if (!why.empty()) {
          error(pp, in_quotes(prefix) + " is not a GB/T 2260 region prefix: " + why);
          continue;
        }
        for (const auto& [earlier, where] : seen) {
          if (prefix.compare(0, earlier.size(), earlier) == 0) {
            error(pp, "prefix " + in_quotes(prefix) + " can never apply: " + in_quotes(earlier) + " (" + where +
                          ") comes first and covers it");
            break;
          }
        }
        seen.emplace_back(prefix, pp);
      }
      share(join(p, "city_share"), f.rules[i].city_share);
    }
    share("funding.default_city_share", f.default_city_share);
  }

  // ---- policies ------------------------------------------------------------------

  void policies() {
    if (spec_.policies.empty()) error("policies", "a book needs at least one policy");
    for (std::size_t i = 0; i < spec_.policies.size(); ++i) policy(i);
  }

  void policy(std::size_t i) {
    const Policy& pol = spec_.policies[i];
    const std::string p = index("policies", i);
    if (!names::valid_id(pol.id)) {
      error(join(p, "id"), "policy id " + in_quotes(pol.id) + " " + names::id_rule);
    } else if (const auto [it, fresh] = impl_.policy_index.emplace(pol.id, i); !fresh) {
      error(join(p, "id"), "policy id " + in_quotes(pol.id) + " is already used by " + index("policies", it->second));
    }
    if (pol.title.empty()) error(join(p, "title"), "must not be empty");
    if (!pol.category.empty() && !names::valid_name(pol.category)) {
      error(join(p, "category"), "category " + in_quotes(pol.category) + " " + names::name_rule);
    }
    validity(pol, p);
    if (pol.basis == PolicyBasis::event && pol.event_date.empty()) {
      error(join(p, "event_date"), "a policy with basis \"event\" needs an event_date formula");
    } else if (pol.basis != PolicyBasis::event && !pol.event_date.empty()) {
      error(join(p, "event_date"), "only a policy with basis \"event\" has an event_date");
    }
    if (pol.eligible.empty()) error(join(p, "eligible"), "must be a formula (`true` for every enterprise)");
    if (pol.amount.empty()) error(join(p, "amount"), "must be a formula");
    amounts(pol, p);
    if (pol.rounding.places < -4 || pol.rounding.places > 2) {
      error(join(p, "rounding.places"), "must be between -4 (万) and 2 (fen), found " +
                                            std::to_string(pol.rounding.places) + " (amounts are paid in fen)");
    }
    if (!pol.stacking_group.empty() && groups_.count(pol.stacking_group) == 0) {
      error(join(p, "stacking_group"),
            "unknown stacking group " + in_quotes(pol.stacking_group) + names::suggestion(pol.stacking_group, group_ids()),
            "stacking_groups");
    }
    schedule(pol, join(p, "schedule"));
  }

  void validity(const Policy& pol, const std::string& p) {
    if (pol.valid_from && pol.valid_until && *pol.valid_until < *pol.valid_from) {
      error(join(p, "valid_until"), pol.valid_until->to_string() + " is before valid_from " +
                                        pol.valid_from->to_string());
      return;
    }
    if (!year_ok_) return;
    const DateRange year = Year(spec_.year).range();
    if (!pol.in_force_during(year)) {
      const std::string from = pol.valid_from ? pol.valid_from->to_string() : "";
      const std::string until = pol.valid_until ? pol.valid_until->to_string() : "";
      error(join(p, pol.valid_from && *pol.valid_from > year.last() ? "valid_from" : "valid_until"),
            "the policy is in force " + from + ".." + until + ", never in the book's year " +
                std::to_string(spec_.year));
    }
  }

  void amounts(const Policy& pol, const std::string& p) {
    if (pol.line_cap.amount && !pol.line_cap.formula.empty()) {
      error(join(p, "line_cap"), "a cap is a number or a formula, not both");
    } else if (pol.line_cap.amount && pol.line_cap.amount->sign() < 0) {
      error(join(p, "line_cap"), "must not be negative, found " + pol.line_cap.amount->to_string());
    }
    if (pol.annual_cap && pol.annual_cap->sign() <= 0) {
      error(join(p, "annual_cap"), "must be positive, found " + pol.annual_cap->to_string());
    }
    if (pol.budget && pol.kind == PolicyKind::burden_reduction) {
      error(join(p, "budget"), "only rewards have a budget: a burden reduction is counted, not paid");
    } else if (pol.budget && pol.budget->sign() <= 0) {
      error(join(p, "budget"), "must be positive, found " + pol.budget->to_string());
    }
  }

  void schedule(const Policy& pol, const std::string& p) {
    const Schedule& s = pol.schedule;
    const bool per_quarter = pol.basis == PolicyBasis::per_quarter;
    if (per_quarter && s.kind != ScheduleKind::every_quarter) {
      error(join(p, "kind"), "a per_quarter policy is due every quarter: expected \"every_quarter\", found " +
                                 in_quotes(to_string(s.kind)));
      return;
    }
    if (!per_quarter && s.kind == ScheduleKind::every_quarter) {
      error(p, std::string("a policy with basis ") + in_quotes(to_string(pol.basis)) +
                   " needs a schedule: \"lump_in_quarter\", \"lump_on_date\" or \"instalments\"");
      return;
    }
    const bool takes_quarters = s.kind == ScheduleKind::lump_in_quarter || s.kind == ScheduleKind::instalments;
    if (!takes_quarters && !s.quarters.empty()) error(join(p, "quarters"), "only lump_in_quarter and instalments list quarters");
    if (s.kind != ScheduleKind::lump_on_date && !s.date.empty()) error(join(p, "date"), "only lump_on_date has a date");
    if (s.kind == ScheduleKind::lump_on_date && s.date.empty()) error(join(p, "date"), "lump_on_date needs a date formula");
    if (s.kind == ScheduleKind::lump_in_quarter && s.quarters.size() != 1) {
      error(join(p, "quarter"), "lump_in_quarter needs exactly one quarter");
    }
    if (s.kind == ScheduleKind::instalments && s.quarters.size() < 2) {
      error(join(p, "quarters"), "instalments need two or more quarters (use lump_in_quarter for one)");
    }
    if (!takes_quarters || !year_ok_) return;
    const bool lump = s.kind == ScheduleKind::lump_in_quarter;  // JSON `quarter`, a single value
    for (std::size_t j = 0; j < s.quarters.size(); ++j) {
      const std::string pq = lump ? join(p, "quarter") : index(join(p, "quarters"), j);
      if (s.quarters[j].year() != spec_.year) {
        error(pq, s.quarters[j].to_string() + " is not in the book's year " + std::to_string(spec_.year));
      } else if (j > 0 && !(s.quarters[j - 1] < s.quarters[j])) {
        error(pq, s.quarters[j].to_string() + " must come after " + s.quarters[j - 1].to_string() +
                      " (instalment quarters are strictly increasing)");
      }
    }
  }

  std::vector<std::string> group_ids() const {
    std::vector<std::string> ids;
    for (const StackingGroup& g : spec_.stacking_groups) ids.push_back(g.id);
    return ids;
  }

  std::vector<std::string> policy_ids() const {
    std::vector<std::string> ids;
    for (const Policy& pol : spec_.policies) ids.push_back(pol.id);
    return ids;
  }

  // Every group has members, all of one kind and basis; every excluded category is used.
  void memberships() {
    for (std::size_t g = 0; g < spec_.stacking_groups.size(); ++g) {
      const std::string& id = spec_.stacking_groups[g].id;
      const Policy* first = nullptr;
      std::size_t first_index = 0;
      for (std::size_t i = 0; i < spec_.policies.size(); ++i) {
        const Policy& pol = spec_.policies[i];
        if (pol.stacking_group != id) continue;
        if (first == nullptr) {
          first = &pol;
          first_index = i;
        } else if (pol.basis != first->basis) {
          error(join(index("policies", i), "stacking_group"),
                "group " + in_quotes(id) + " would mix " + to_string(pol.basis) + " and " + to_string(first->basis) +
                    " policies (" + index("policies", first_index) + "): stacking compares like with like");
        } else if (pol.kind != first->kind) {
          error(join(index("policies", i), "stacking_group"),
                "group " + in_quotes(id) + " would mix " + to_string(pol.kind) + " and " + to_string(first->kind) +
                    " policies (" + index("policies", first_index) + ")");
        }
      }
      if (first == nullptr && !id.empty()) {
        error(join(index("stacking_groups", g), "id"), "no policy is in stacking group " + in_quotes(id), "policies");
      }
    }
    for (std::size_t c = 0; c < spec_.excluded_categories.size(); ++c) {
      const std::string& cat = spec_.excluded_categories[c];
      const bool used = std::any_of(spec_.policies.begin(), spec_.policies.end(),
                                    [&](const Policy& pol) { return pol.category == cat; });
      if (!used && !cat.empty()) {
        error(index("excluded_from_totals", c),
              "no policy has category " + in_quotes(cat) + names::suggestion(cat, categories()), "policies");
      }
    }
  }

  std::vector<std::string> categories() const {
    std::vector<std::string> out;
    for (const Policy& pol : spec_.policies) {
      if (!pol.category.empty()) out.push_back(pol.category);
    }
    return out;
  }

  void enterprise_cap() {
    if (!spec_.enterprise_cap) return;
    const EnterpriseCap& cap = *spec_.enterprise_cap;
    if (cap.applies_if.empty()) error("enterprise_cap.applies_if", "must be a formula");
    if (cap.cap.empty()) error("enterprise_cap.cap", "must be a formula");
    for (std::size_t i = 0; i < cap.exempt.size(); ++i) {
      const std::string& id = cap.exempt[i];
      const std::string p = index("enterprise_cap.exempt", i);
      const auto it = impl_.policy_index.find(id);
      if (it == impl_.policy_index.end()) {
        error(p, "no policy has id " + in_quotes(id) + names::suggestion(id, policy_ids()), "policies");
      } else if (std::find(cap.exempt.begin(), cap.exempt.begin() + static_cast<std::ptrdiff_t>(i), id) !=
                 cap.exempt.begin() + static_cast<std::ptrdiff_t>(i)) {
        error(p, "policy " + in_quotes(id) + " is listed twice");
      } else if (spec_.policies[it->second].kind != PolicyKind::reward) {
        error(p, "policy " + in_quotes(id) + " is a burden reduction; the enterprise cap only covers rewards");
      }
    }
  }

  // ---- formulas ------------------------------------------------------------------

  void formulas() {
    impl_.formulas.resize(spec_.policies.size());
    for (std::size_t i = 0; i < spec_.policies.size(); ++i) {
      const Policy& pol = spec_.policies[i];
      const std::string p = index("policies", i);
      PolicyFormulas& f = impl_.formulas[i];
      if (!pol.eligible.empty()) f.eligible = compile(join(p, "eligible"), pol.eligible, FormulaType::boolean);
      if (!pol.amount.empty()) f.amount = compile(join(p, "amount"), pol.amount, FormulaType::money);
      if (!pol.line_cap.formula.empty()) {
        f.line_cap = compile(join(p, "line_cap"), pol.line_cap.formula, FormulaType::money);
      }
      if (!pol.event_date.empty()) f.event_date = compile(join(p, "event_date"), pol.event_date, FormulaType::date);
      if (!pol.schedule.date.empty()) {
        f.schedule_date = compile(join(p, "schedule.date"), pol.schedule.date, FormulaType::date);
      }
    }
    if (spec_.enterprise_cap) {
      EnterpriseCapFormulas c;
      const EnterpriseCap& cap = *spec_.enterprise_cap;
      if (!cap.applies_if.empty()) {
        c.applies_if = compile("enterprise_cap.applies_if", cap.applies_if, FormulaType::boolean);
      }
      if (!cap.cap.empty()) c.cap = compile("enterprise_cap.cap", cap.cap, FormulaType::money);
      impl_.cap = std::move(c);
    }
  }

  detail::PolicyBookData& impl_;
  const PolicyBookSpec& spec_;
  const std::string& file_;
  const PolicyBookLimits& limits_;
  const Locator* locator_;
  const std::set<std::string>& bad_;
  Diagnostics& out_;
  bool year_ok_ = false;
  std::map<std::string, std::size_t, std::less<>> groups_;
  std::map<std::string, std::size_t, std::less<>> excluded_;
};

}  // namespace

void sort(Diagnostics& diagnostics) {
  const auto key = [](const Diagnostic& d) {
    return std::make_pair(d.line == 0 ? std::numeric_limits<std::size_t>::max() : d.line, d.column);
  };
  std::stable_sort(diagnostics.begin(), diagnostics.end(),
                   [&](const Diagnostic& a, const Diagnostic& b) { return key(a) < key(b); });
}

std::shared_ptr<const detail::PolicyBookData> assemble(PolicyBookSpec spec, const std::string& file,
                                                       const PolicyBookLimits& limits, const Locator* locator,
                                                       const std::set<std::string>& bad, Diagnostics& out,
                                                       std::string source_sha256) {
  // The schema lives in the book, so formulas compile against the copy they will run with.
  auto impl = std::make_shared<detail::PolicyBookData>();
  impl->spec = std::move(spec);
  Diagnostics found;
  Checker(*impl, file, limits, locator, bad, found).run();
  const bool failed = has_errors(found) || !bad.empty();
  out.insert(out.end(), found.begin(), found.end());
  if (failed) return nullptr;
  impl->capped.resize(impl->spec.policies.size(), false);
  if (impl->spec.enterprise_cap) {
    const auto& exempt = impl->spec.enterprise_cap->exempt;
    for (std::size_t i = 0; i < impl->spec.policies.size(); ++i) {
      const Policy& pol = impl->spec.policies[i];
      impl->capped[i] = pol.kind == PolicyKind::reward &&
                        std::find(exempt.begin(), exempt.end(), pol.id) == exempt.end();
    }
  }
  impl->source_sha256 = source_sha256.empty() ? sha256_hex(to_json(impl->spec)) : std::move(source_sha256);
  return impl;
}

}  // namespace duixian::policy_check
