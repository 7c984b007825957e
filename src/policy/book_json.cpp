// Reading a policy book from JSON: the located document is bound to a PolicyBookSpec
// field by field (JSON types, required and unknown fields, names of enumerations,
// dates, quarters, exact decimals); then the shared checks run with every field's
// position at hand.
#include <algorithm>
#include <array>
#include <initializer_list>
#include <map>
#include <utility>

#include "duixian/policy_book.hpp"
#include "policy/book_check.hpp"
#include "policy/names.hpp"
#include "support/file.hpp"
#include "support/json_reader.hpp"
#include "support/sha256.hpp"

namespace duixian {
namespace {

using names::index;
using names::join;

std::string describe(const JsonValue& v) {
  switch (v.kind) {
    case JsonKind::string: {
      constexpr std::size_t shown = 40;  // bytes; enough to recognise the value
      if (v.text.size() <= shown) return "string \"" + v.text + "\"";
      std::size_t cut = shown;
      while (cut > 0 && (static_cast<unsigned char>(v.text[cut]) & 0xC0U) == 0x80U) --cut;  // whole characters
      return "string \"" + v.text.substr(0, cut) + "...\"";
    }
    case JsonKind::number: return "number " + v.text;
    case JsonKind::boolean: return v.boolean ? "true" : "false";
    case JsonKind::null: return "null";
    case JsonKind::array: return "an array";
    case JsonKind::object: return "an object";
  }
  return "a value";
}

const char* wanted(JsonKind kind) {
  switch (kind) {
    case JsonKind::string: return "a string";
    case JsonKind::number: return "a number";
    case JsonKind::boolean: return "true or false";
    case JsonKind::null: return "null";
    case JsonKind::array: return "an array";
    case JsonKind::object: return "an object";
  }
  return "a value";
}

// The message of an Error without its `parse_error: ` code prefix.
std::string reason(const Error& e) {
  return std::string(e.message());
}

std::vector<std::string> list(std::initializer_list<const char*> items) { return {items.begin(), items.end()}; }

const std::vector<std::string> kMetricTypes = list({"money", "decimal", "quantity", "integer", "date", "enum", "text"});
const std::vector<std::string> kPeriodKinds = list({"year", "quarter", "month", "timeless"});
const std::vector<std::string> kKinds = list({"reward", "burden_reduction"});
const std::vector<std::string> kBases = list({"annual", "per_quarter", "event"});
const std::vector<std::string> kRules = list({"max", "first", "sum"});
const std::vector<std::string> kScheduleKinds =
    list({"every_quarter", "lump_in_quarter", "lump_on_date", "instalments"});
const std::vector<std::string> kModes =
    list({"half_up", "half_even", "half_down", "up", "down", "ceiling", "floor"});

std::optional<PeriodKind> parse_period_kind(std::string_view name) {
  for (std::size_t i = 0; i < kPeriodKinds.size(); ++i) {
    if (kPeriodKinds[i] == name) return static_cast<PeriodKind>(i);  // same order as the enum
  }
  return std::nullopt;
}

class Binder final : public policy_check::Locator {
 public:
  Binder(const std::string& file, Diagnostics& out) : file_(file), out_(out) {}

  const JsonValue* find(const std::string& path) const override {
    const auto it = nodes_.find(path);
    return it == nodes_.end() ? nullptr : it->second;
  }
  const std::set<std::string>& bad() const noexcept { return bad_; }
  bool stopped() const noexcept { return stopped_; }

  PolicyBookSpec book(const JsonValue& root) {
    PolicyBookSpec spec;
    if (!is(root, "", JsonKind::object)) return spec;
    // A document of another format is not checked further: its fields would all be "unknown".
    if (const JsonMember* f = root.find("format")) {
      std::string format;
      if (!text(&f->value, "format", format)) return stop(spec);
      if (format != policy_book_format) {
        error(f->value.position, "format",
              std::string("expected \"") + policy_book_format + "\", found \"" + format + "\"" +
                  (format.rfind("duixian.policy-book/", 0) == 0 ? " (this library reads version 1)" : ""));
        return stop(spec);
      }
    }
    const auto at = fields(root, "",
                           {"$schema", "format", "id", "title", "currency", "year", "metrics", "stacking_groups",
                            "excluded_from_totals", "funding", "enterprise_cap", "policies"});
    std::string ignored;
    text(at.need("format"), "format", ignored);
    text(at.get("$schema"), "$schema", ignored);  // for editors; not part of the book
    text(at.need("id"), "id", spec.id);
    text(at.need("title"), "title", spec.title);
    text(at.need("currency"), "currency", spec.currency);
    integer(at.need("year"), "year", spec.year);
    metrics(at.need("metrics"), spec.metrics);
    groups(at.get("stacking_groups"), spec.stacking_groups);
    strings(at.get("excluded_from_totals"), "excluded_from_totals", spec.excluded_categories);
    funding(at.need("funding"), spec.funding);
    if (const JsonValue* cap = at.get("enterprise_cap")) spec.enterprise_cap = enterprise_cap(*cap);
    policies(at.need("policies"), spec.policies);
    return spec;
  }

 private:
  // The members of one JSON object: unknown ones are reported when it is opened.
  class Fields {
   public:
    Fields(Binder& binder, const JsonValue& object, std::string path) noexcept
        : binder_(binder), object_(object), path_(std::move(path)) {}
    const JsonValue* get(const char* name) const {
      const JsonMember* m = object_.find(name);
      return m != nullptr ? &m->value : nullptr;
    }
    const JsonValue* need(const char* name) const {
      const JsonValue* v = get(name);
      if (v == nullptr) binder_.error(object_.position, join(path_, name), "missing required field");
      return v;
    }
    std::string at(const char* name) const { return join(path_, name); }

   private:
    Binder& binder_;
    const JsonValue& object_;
    std::string path_;
  };

  Fields fields(const JsonValue& object, const std::string& path, const std::vector<std::string>& known) {
    for (const JsonMember& m : object.members) {
      if (std::find(known.begin(), known.end(), m.key) == known.end()) {
        std::vector<std::string> candidates;
        for (const std::string& k : known) {
          if (k != "$schema") candidates.push_back(k);
        }
        error(m.key_position, join(path, m.key),
              "unknown field \"" + m.key + "\"" + names::suggestion(m.key, candidates));
      }
    }
    return Fields(*this, object, path);
  }
  Fields fields(const JsonValue& object, const std::string& path, std::initializer_list<const char*> known) {
    return fields(object, path, list(known));
  }

  PolicyBookSpec stop(PolicyBookSpec& spec) {
    stopped_ = true;
    return std::move(spec);
  }

  void error(const JsonPosition& at, const std::string& path, const std::string& message) {
    bad_.insert(path);
    out_.push_back(Diagnostic{file_, at.line, at.column, Severity::error,
                              path.empty() ? message : path + ": " + message, "invalid_book"});
  }

  bool is(const JsonValue& v, const std::string& path, JsonKind kind) {
    nodes_[path] = &v;
    if (v.kind == kind) return true;
    error(v.position, path, std::string("expected ") + wanted(kind) + ", found " + describe(v));
    return false;
  }

  // ---- scalars -------------------------------------------------------------------

  bool text(const JsonValue* v, const std::string& path, std::string& out) {
    if (v == nullptr || !is(*v, path, JsonKind::string)) return false;
    out = v->text;
    return true;
  }

  bool integer(const JsonValue* v, const std::string& path, int& out) {
    if (v == nullptr || !is(*v, path, JsonKind::number)) return false;
    const std::string& t = v->text;
    const std::size_t digits = t.size() - (t[0] == '-' ? 1 : 0);
    if (t.find_first_of(".eE") != std::string::npos || digits > 9) {
      error(v->position, path, "expected an integer, found number " + t);
      return false;
    }
    out = std::stoi(t);  // at most 9 digits: fits an int
    return true;
  }

  bool decimal(const JsonValue* v, const std::string& path, Decimal& out) {
    if (v == nullptr || !is(*v, path, JsonKind::number)) return false;
    try {
      out = Decimal::parse(v->text);  // the number's own text: exact, and free of the C locale
      return true;
    } catch (const Error& e) {
      error(v->position, path, reason(e));
      return false;
    }
  }

  bool decimal(const JsonValue* v, const std::string& path, std::optional<Decimal>& out) {
    Decimal d;
    if (!decimal(v, path, d)) return false;
    out = d;
    return true;
  }

  template <class T>
  bool parsed(const JsonValue* v, const std::string& path, std::optional<T>& out) {
    std::string s;
    if (!text(v, path, s)) return false;
    try {
      out = T::parse(s);
      return true;
    } catch (const Error& e) {
      error(v->position, path, reason(e));
      return false;
    }
  }

  template <class E>
  bool choice(const JsonValue* v, const std::string& path, const std::vector<std::string>& names,
              std::optional<E> (*parse)(std::string_view), E& out) {
    std::string s;
    if (!text(v, path, s)) return false;
    if (const std::optional<E> e = parse(s)) {
      out = *e;
      return true;
    }
    std::string expected;
    for (const std::string& n : names) expected += (expected.empty() ? "\"" : ", \"") + n + "\"";
    const std::string hint = names::suggestion(s, names);
    error(v->position, path,
          "expected one of " + expected + ", found \"" + s + "\"" + (hint.rfind(" (did", 0) == 0 ? hint : ""));
    return false;
  }

  bool strings(const JsonValue* v, const std::string& path, std::vector<std::string>& out) {
    if (v == nullptr || !is(*v, path, JsonKind::array)) return false;
    bool ok = true;
    for (std::size_t i = 0; i < v->items.size(); ++i) {
      std::string s;
      ok = text(&v->items[i], index(path, i), s) && ok;
      out.push_back(std::move(s));  // keep indices aligned with the JSON
    }
    return ok;
  }

  // ---- book parts ----------------------------------------------------------------

  void metrics(const JsonValue* v, std::vector<Metric>& out) {
    if (v == nullptr || !is(*v, "metrics", JsonKind::array)) return;
    for (std::size_t i = 0; i < v->items.size(); ++i) {
      const std::string p = index("metrics", i);
      Metric m;
      if (is(v->items[i], p, JsonKind::object)) {
        const auto at = fields(v->items[i], p, {"name", "type", "period", "values"});
        text(at.need("name"), at.at("name"), m.name);
        choice(at.need("type"), at.at("type"), kMetricTypes, &parse_metric_type, m.type);
        choice<PeriodKind>(at.need("period"), at.at("period"), kPeriodKinds, &parse_period_kind, m.period_kind);
        strings(at.get("values"), at.at("values"), m.enum_values);
      }
      out.push_back(std::move(m));
    }
  }

  void groups(const JsonValue* v, std::vector<StackingGroup>& out) {
    if (v == nullptr || !is(*v, "stacking_groups", JsonKind::array)) return;
    for (std::size_t i = 0; i < v->items.size(); ++i) {
      const std::string p = index("stacking_groups", i);
      StackingGroup g;
      if (is(v->items[i], p, JsonKind::object)) {
        const auto at = fields(v->items[i], p, {"id", "rule"});
        text(at.need("id"), at.at("id"), g.id);
        choice(at.need("rule"), at.at("rule"), kRules, &parse_stacking_rule, g.rule);
      }
      out.push_back(std::move(g));
    }
  }

  void funding(const JsonValue* v, Funding& out) {
    if (v == nullptr || !is(*v, "funding", JsonKind::object)) return;
    const auto at = fields(*v, "funding", {"rules", "default_city_share"});
    decimal(at.need("default_city_share"), at.at("default_city_share"), out.default_city_share);
    const JsonValue* rules = at.get("rules");
    if (rules == nullptr || !is(*rules, "funding.rules", JsonKind::array)) return;
    for (std::size_t i = 0; i < rules->items.size(); ++i) {
      const std::string p = index("funding.rules", i);
      FundingRule r;
      if (is(rules->items[i], p, JsonKind::object)) {
        const auto rule = fields(rules->items[i], p, {"regions", "city_share"});
        strings(rule.need("regions"), rule.at("regions"), r.regions);
        decimal(rule.need("city_share"), rule.at("city_share"), r.city_share);
      }
      out.rules.push_back(std::move(r));
    }
  }

  EnterpriseCap enterprise_cap(const JsonValue& v) {
    EnterpriseCap cap;
    if (!is(v, "enterprise_cap", JsonKind::object)) return cap;
    const auto at = fields(v, "enterprise_cap", {"applies_if", "cap", "exempt"});
    text(at.need("applies_if"), at.at("applies_if"), cap.applies_if);
    text(at.need("cap"), at.at("cap"), cap.cap);
    strings(at.get("exempt"), at.at("exempt"), cap.exempt);
    return cap;
  }

  void policies(const JsonValue* v, std::vector<Policy>& out) {
    if (v == nullptr || !is(*v, "policies", JsonKind::array)) return;
    for (std::size_t i = 0; i < v->items.size(); ++i) {
      Policy pol;
      const std::string p = index("policies", i);
      if (is(v->items[i], p, JsonKind::object)) policy(v->items[i], p, pol);
      out.push_back(std::move(pol));
    }
  }

  void policy(const JsonValue& v, const std::string& p, Policy& pol) {
    const auto at = fields(v, p,
                           {"id", "title", "document_number", "kind", "category", "valid_from", "valid_until",
                            "basis", "event_date", "eligible", "amount", "line_cap", "annual_cap", "rounding",
                            "stacking_group", "budget", "schedule"});
    text(at.need("id"), at.at("id"), pol.id);
    text(at.need("title"), at.at("title"), pol.title);
    text(at.get("document_number"), at.at("document_number"), pol.document_number);
    choice(at.need("kind"), at.at("kind"), kKinds, &parse_policy_kind, pol.kind);
    text(at.get("category"), at.at("category"), pol.category);
    parsed(at.get("valid_from"), at.at("valid_from"), pol.valid_from);
    parsed(at.get("valid_until"), at.at("valid_until"), pol.valid_until);
    choice(at.need("basis"), at.at("basis"), kBases, &parse_policy_basis, pol.basis);
    text(at.get("event_date"), at.at("event_date"), pol.event_date);
    text(at.get("eligible"), at.at("eligible"), pol.eligible);
    text(at.need("amount"), at.at("amount"), pol.amount);
    line_cap(at.get("line_cap"), at.at("line_cap"), pol.line_cap);
    decimal(at.get("annual_cap"), at.at("annual_cap"), pol.annual_cap);
    rounding(at.get("rounding"), at.at("rounding"), pol.rounding);
    text(at.get("stacking_group"), at.at("stacking_group"), pol.stacking_group);
    decimal(at.get("budget"), at.at("budget"), pol.budget);
    schedule(at.get("schedule"), at.at("schedule"), pol.schedule);
  }

  void line_cap(const JsonValue* v, const std::string& path, LineCap& out) {
    if (v == nullptr) return;
    if (v->kind == JsonKind::string) {
      text(v, path, out.formula);
    } else if (v->kind == JsonKind::number) {
      decimal(v, path, out.amount);
    } else {
      nodes_[path] = v;
      error(v->position, path, "expected a number (yuan) or a formula string, found " + describe(*v));
    }
  }

  void rounding(const JsonValue* v, const std::string& path, PolicyRounding& out) {
    if (v == nullptr || !is(*v, path, JsonKind::object)) return;
    const auto at = fields(*v, path, {"places", "mode"});
    integer(at.need("places"), at.at("places"), out.places);
    choice(at.need("mode"), at.at("mode"), kModes, &parse_rounding_mode, out.mode);
  }

  void schedule(const JsonValue* v, const std::string& path, Schedule& out) {
    if (v == nullptr || !is(*v, path, JsonKind::object)) return;
    const JsonMember* kind = v->find("kind");
    const bool known_kind = kind != nullptr && kind->value.kind == JsonKind::string &&
                            parse_schedule_kind(kind->value.text).has_value();
    // The fields allowed depend on the kind; until the kind is known, allow them all.
    std::vector<std::string> allowed{"kind"};
    const ScheduleKind k = known_kind ? *parse_schedule_kind(kind->value.text) : ScheduleKind::every_quarter;
    if (!known_kind || k == ScheduleKind::lump_in_quarter) allowed.emplace_back("quarter");
    if (!known_kind || k == ScheduleKind::lump_on_date) allowed.emplace_back("date");
    if (!known_kind || k == ScheduleKind::instalments) allowed.emplace_back("quarters");
    const auto at = fields(*v, path, allowed);
    if (!choice(at.need("kind"), at.at("kind"), kScheduleKinds, &parse_schedule_kind, out.kind)) return;
    if (out.kind == ScheduleKind::lump_in_quarter) {
      std::optional<Quarter> q;
      if (parsed(at.need("quarter"), at.at("quarter"), q)) out.quarters.push_back(*q);
    } else if (out.kind == ScheduleKind::lump_on_date) {
      text(at.need("date"), at.at("date"), out.date);
    } else if (out.kind == ScheduleKind::instalments) {
      const JsonValue* qs = at.need("quarters");
      if (qs == nullptr || !is(*qs, at.at("quarters"), JsonKind::array)) return;
      for (std::size_t i = 0; i < qs->items.size(); ++i) {
        std::optional<Quarter> q;
        parsed(&qs->items[i], index(at.at("quarters"), i), q);
        out.quarters.push_back(q.value_or(Quarter()));  // keep indices aligned with the JSON
      }
    }
  }

  const std::string& file_;
  Diagnostics& out_;
  std::map<std::string, const JsonValue*> nodes_;
  std::set<std::string> bad_;
  bool stopped_ = false;
};

}  // namespace

PolicyBookLoad read_policy_book(std::string_view json_text, const std::string& file_name,
                                const PolicyBookLimits& limits) {
  PolicyBookLoad result;
  JsonDocument doc =
      read_json(json_text, file_name, JsonReaderLimits{limits.json.max_bytes, limits.json.max_depth, limits.json.max_values});
  result.diagnostics = std::move(doc.diagnostics);
  if (doc.complete) {
    Binder binder(file_name, result.diagnostics);
    PolicyBookSpec spec = binder.book(doc.root);
    if (!binder.stopped()) {
      auto impl = policy_check::assemble(std::move(spec), file_name, limits, &binder, binder.bad(),
                                         result.diagnostics, sha256_hex(json_text));
      // Duplicate keys are errors too, though the tree they leave is complete.
      if (impl != nullptr && !has_errors(result.diagnostics)) {
        result.book = detail::PolicyBookData::make(std::move(impl));
      }
    }
  }
  policy_check::sort(result.diagnostics);
  return result;
}

PolicyBook load_policy_book(std::string_view json_text, std::string file_name, const PolicyBookLimits& limits) {
  PolicyBookLoad r = read_policy_book(json_text, file_name, limits);
  if (!r.book) throw PolicyBookError(ErrorCode::parse_error, file_name, std::move(r.diagnostics));
  return std::move(*r.book);
}

PolicyBookLoad read_policy_book_file(const std::string& path, const PolicyBookLimits& limits) {
  return read_policy_book(read_file(path), path, limits);
}

PolicyBook load_policy_book_file(const std::string& path, const PolicyBookLimits& limits) {
  return load_policy_book(read_file(path), path, limits);
}

}  // namespace duixian
