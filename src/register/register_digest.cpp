// The canonical text of a register and its SHA-256: what a committed run says it was
// computed from. Independent of row order and file encoding (docs/settlement.md).
#include <algorithm>
#include <string>
#include <tuple>
#include <vector>

#include "register/register_digest.hpp"
#include "support/sha256.hpp"

namespace duixian {

namespace {

// Free text (names, attribute values) may hold tabs and line breaks: escape them.
void append_escaped(std::string& out, std::string_view text) {
  for (const char c : text) {
    switch (c) {
      case '\\': out += "\\\\"; break;
      case '\t': out += "\\t"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      default: out += c;
    }
  }
}

// One register's enterprises in credit-code order, with the periods each metric has facts for.
struct Part {
  const Register* reg;
  std::vector<std::vector<Period>> periods;  // by metric id
  std::vector<EnterpriseIndex> order;
  std::size_t next = 0;

  explicit Part(const Register& r) : reg(&r), periods(r.schema().size()), order(r.size()) {
    for (std::size_t m = 0; m < periods.size(); ++m) periods[m] = r.fact_periods(static_cast<MetricId>(m));
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = static_cast<EnterpriseIndex>(i);
    std::sort(order.begin(), order.end(), [&r](EnterpriseIndex a, EnterpriseIndex b) { return r[a].code < r[b].code; });
  }
  bool done() const noexcept { return next == order.size(); }
  const CreditCode& code() const { return (*reg)[order[next]].code; }
};

// The lines of one enterprise: `E`, then its dated attributes `A`, then its facts `F`.
void append_enterprise(std::string& text, const Part& part, EnterpriseIndex i) {
  const Register& reg = *part.reg;
  const MetricSchema& schema = reg.schema();
  const Enterprise& e = reg[i];
  text += "E\t";
  text += e.code.text();
  text += '\t';
  text += e.region.to_string();
  text += '\t';
  text += e.industry.text();
  text += '\t';
  text += e.registered_on.to_string();
  text += '\t';
  for (std::size_t t = 0; t < e.tags.size(); ++t) {
    if (t > 0) text += ';';
    append_escaped(text, e.tags[t]);
  }
  text += '\t';
  append_escaped(text, e.name);
  text += '\n';
  std::vector<const DatedAttribute*> attributes;
  for (const DatedAttribute& a : e.attributes) attributes.push_back(&a);
  std::sort(attributes.begin(), attributes.end(), [](const DatedAttribute* a, const DatedAttribute* b) {
    return std::tie(a->name, a->from) < std::tie(b->name, b->from);
  });
  for (const DatedAttribute* a : attributes) {
    text += "A\t" + a->name + '\t' + a->from.to_string() + '\t' + (a->until ? a->until->to_string() : "") + '\t';
    append_escaped(text, a->value);
    text += '\n';
  }
  for (std::size_t m = 0; m < schema.size(); ++m) {
    for (const Period& p : part.periods[m]) {
      const std::optional<FactValue> v = reg.fact(i, static_cast<MetricId>(m), p);
      if (!v) continue;
      text += "F\t" + schema[static_cast<MetricId>(m)].name + '\t' + p.to_string() + '\t';
      append_escaped(text, v->to_string());
      text += '\n';
    }
  }
}

}  // namespace

namespace detail {

std::string canonical_sha256(const std::vector<const Register*>& registers) {
  std::vector<Part> parts;
  parts.reserve(registers.size());
  for (const Register* r : registers) parts.emplace_back(*r);
  Sha256 hash;
  std::string text = "duixian.register/1\n";
  // Merge the parts by credit code (they are disjoint): the text of one register holding them all.
  for (;;) {
    Part* lowest = nullptr;
    for (Part& p : parts) {
      if (!p.done() && (lowest == nullptr || p.code() < lowest->code())) lowest = &p;
    }
    if (lowest == nullptr) break;
    append_enterprise(text, *lowest, lowest->order[lowest->next++]);
    if (text.size() > (1U << 20)) {
      hash.update(text);
      text.clear();
    }
  }
  hash.update(text);
  return hash.finish_hex();
}

}  // namespace detail

}  // namespace duixian
