// to_json(PolicyBookSpec): a book as the JSON text `read_policy_book` reads back to an equal
// book, with numbers written from their Decimal text (never through binary floating point).
// A book built in code takes the SHA-256 of this text as its source digest.
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "duixian/policy_book.hpp"

namespace duixian {

namespace {

// Appends JSON values to a text, two spaces a level, as the bundled books are written.
class Writer {
 public:
  std::string text;

  void string(std::string_view s) { text += nlohmann::json(std::string(s)).dump(); }
  void number(const Decimal& d) { text += d.to_string(); }
  void integer(long long i) { text += std::to_string(i); }

  void open(char bracket) {
    text += bracket;
    ++depth_;
    first_ = true;
  }
  void close(char bracket) {
    --depth_;
    if (!first_) newline();
    text += bracket;
    first_ = false;
  }
  // Starts a member of the object being written: `"key": `.
  void key(std::string_view k) {
    item();
    string(k);
    text += ": ";
  }
  // Starts an element of the array being written.
  void item() {
    if (!first_) text += ',';
    newline();
    first_ = false;
  }

  void strings(const std::vector<std::string>& list) {
    text += '[';
    for (std::size_t i = 0; i < list.size(); ++i) {
      if (i > 0) text += ", ";
      string(list[i]);
    }
    text += ']';
  }

 private:
  void newline() {
    text += '\n';
    text.append(2 * static_cast<std::size_t>(depth_), ' ');
  }
  int depth_ = 0;
  bool first_ = true;
};

void write_metric(Writer& w, const Metric& m) {
  w.open('{');
  w.key("name");
  w.string(m.name);
  w.key("type");
  w.string(to_string(m.type));
  w.key("period");
  w.string(to_string(m.period_kind));
  if (!m.enum_values.empty()) {
    w.key("values");
    w.strings(m.enum_values);
  }
  w.close('}');
}

void write_schedule(Writer& w, const Schedule& s) {
  w.open('{');
  w.key("kind");
  w.string(to_string(s.kind));
  if (s.kind == ScheduleKind::lump_in_quarter && !s.quarters.empty()) {
    w.key("quarter");
    w.string(s.quarters.front().to_string());
  } else if (s.kind == ScheduleKind::instalments) {
    std::vector<std::string> quarters;
    for (const Quarter& q : s.quarters) quarters.push_back(q.to_string());
    w.key("quarters");
    w.strings(quarters);
  } else if (s.kind == ScheduleKind::lump_on_date) {
    w.key("date");
    w.string(s.date);
  }
  w.close('}');
}

void write_policy(Writer& w, const Policy& p) {
  const auto optional_text = [&w](const char* key, const std::string& value) {
    if (value.empty()) return;
    w.key(key);
    w.string(value);
  };
  const auto optional_number = [&w](const char* key, const std::optional<Decimal>& value) {
    if (!value) return;
    w.key(key);
    w.number(*value);
  };
  w.open('{');
  w.key("id");
  w.string(p.id);
  w.key("title");
  w.string(p.title);
  optional_text("document_number", p.document_number);
  w.key("kind");
  w.string(to_string(p.kind));
  optional_text("category", p.category);
  if (p.valid_from) optional_text("valid_from", p.valid_from->to_string());
  if (p.valid_until) optional_text("valid_until", p.valid_until->to_string());
  w.key("basis");
  w.string(to_string(p.basis));
  optional_text("event_date", p.event_date);
  w.key("eligible");
  w.string(p.eligible);
  w.key("amount");
  w.string(p.amount);
  if (p.line_cap.amount) optional_number("line_cap", p.line_cap.amount);
  optional_text("line_cap", p.line_cap.formula);
  optional_number("annual_cap", p.annual_cap);
  w.key("rounding");
  w.text += "{\"places\": " + std::to_string(p.rounding.places) + ", \"mode\": \"" + to_string(p.rounding.mode) + "\"}";
  optional_text("stacking_group", p.stacking_group);
  optional_number("budget", p.budget);
  w.key("schedule");
  write_schedule(w, p.schedule);
  w.close('}');
}

}  // namespace

std::string to_json(const PolicyBookSpec& spec) {
  Writer w;
  w.open('{');
  w.key("format");
  w.string(policy_book_format);
  w.key("id");
  w.string(spec.id);
  w.key("title");
  w.string(spec.title);
  w.key("currency");
  w.string(spec.currency);
  w.key("year");
  w.integer(spec.year);
  w.key("metrics");
  w.open('[');
  for (const Metric& m : spec.metrics) {
    w.item();
    write_metric(w, m);
  }
  w.close(']');
  if (!spec.stacking_groups.empty()) {
    w.key("stacking_groups");
    w.open('[');
    for (const StackingGroup& g : spec.stacking_groups) {
      w.item();
      w.text += "{\"id\": ";
      w.string(g.id);
      w.text += ", \"rule\": ";
      w.string(to_string(g.rule));
      w.text += '}';
    }
    w.close(']');
  }
  if (!spec.excluded_categories.empty()) {
    w.key("excluded_from_totals");
    w.strings(spec.excluded_categories);
  }
  w.key("funding");
  w.open('{');
  w.key("rules");
  w.open('[');
  for (const FundingRule& r : spec.funding.rules) {
    w.item();
    w.text += "{\"regions\": ";
    w.strings(r.regions);
    w.text += ", \"city_share\": ";
    w.number(r.city_share);
    w.text += '}';
  }
  w.close(']');
  w.key("default_city_share");
  w.number(spec.funding.default_city_share);
  w.close('}');
  if (spec.enterprise_cap) {
    w.key("enterprise_cap");
    w.open('{');
    w.key("applies_if");
    w.string(spec.enterprise_cap->applies_if);
    w.key("cap");
    w.string(spec.enterprise_cap->cap);
    if (!spec.enterprise_cap->exempt.empty()) {
      w.key("exempt");
      w.strings(spec.enterprise_cap->exempt);
    }
    w.close('}');
  }
  w.key("policies");
  w.open('[');
  for (const Policy& p : spec.policies) {
    w.item();
    write_policy(w, p);
  }
  w.close(']');
  w.close('}');
  w.text += '\n';
  return std::move(w.text);
}

}  // namespace duixian
