#include "duixian/policy_book.hpp"

#include <algorithm>
#include <array>
#include <utility>

#include "policy/book_check.hpp"

namespace duixian {
namespace {

constexpr std::array<std::string_view, 3> kRules{"max", "first", "sum"};

bool same_metric(const Metric& a, const Metric& b) {
  return a.name == b.name && a.type == b.type && a.period_kind == b.period_kind && a.enum_values == b.enum_values;
}

std::string summary(const std::string& source, const Diagnostics& diagnostics) {
  const auto errors = std::count_if(diagnostics.begin(), diagnostics.end(),
                                    [](const Diagnostic& d) { return d.severity == Severity::error; });
  std::string out = "policy book \"" + source + "\" has " + std::to_string(errors) +
                    (errors == 1 ? " error:" : " errors:");
  for (const Diagnostic& d : diagnostics) out += "\n" + to_string(d);
  return out;
}

}  // namespace

const char* to_string(StackingRule rule) noexcept {
  const auto i = static_cast<std::size_t>(rule);
  return i < kRules.size() ? kRules[i].data() : "unknown";
}

std::optional<StackingRule> parse_stacking_rule(std::string_view name) noexcept {
  for (std::size_t i = 0; i < kRules.size(); ++i) {
    if (kRules[i] == name) return static_cast<StackingRule>(i);
  }
  return std::nullopt;
}

Decimal Funding::city_share(RegionCode region) const {
  for (const FundingRule& rule : rules) {
    for (const std::string& prefix : rule.regions) {
      if (region.starts_with(prefix)) return rule.city_share;
    }
  }
  return default_city_share;
}

bool operator==(const PolicyBookSpec& a, const PolicyBookSpec& b) {
  return a.id == b.id && a.title == b.title && a.currency == b.currency && a.year == b.year &&
         std::equal(a.metrics.begin(), a.metrics.end(), b.metrics.begin(), b.metrics.end(), same_metric) &&
         a.policies == b.policies && a.stacking_groups == b.stacking_groups &&
         a.excluded_categories == b.excluded_categories && a.funding == b.funding &&
         a.enterprise_cap == b.enterprise_cap;
}

PolicyBookError::PolicyBookError(ErrorCode code, const std::string& source, Diagnostics diagnostics)
    : Error(code, summary(source, diagnostics)), diagnostics_(std::move(diagnostics)) {}

PolicyBook PolicyBook::build(PolicyBookSpec spec, const std::string& source_name, const PolicyBookLimits& limits) {
  Diagnostics diagnostics;
  auto impl = policy_check::assemble(std::move(spec), source_name, limits, nullptr, {}, diagnostics);
  if (impl == nullptr) {
    policy_check::sort(diagnostics);
    throw PolicyBookError(ErrorCode::invalid_argument, source_name, std::move(diagnostics));
  }
  return PolicyBook(std::move(impl));
}

Diagnostics PolicyBook::validate(const PolicyBookSpec& spec, const std::string& source_name,
                                 const PolicyBookLimits& limits) {
  Diagnostics diagnostics;
  policy_check::assemble(spec, source_name, limits, nullptr, {}, diagnostics);
  policy_check::sort(diagnostics);
  return diagnostics;
}

const PolicyBookSpec& PolicyBook::spec() const noexcept { return impl_->spec; }
const std::string& PolicyBook::source_sha256() const noexcept { return impl_->source_sha256; }

void PolicyBook::check_quarter(const Quarter& quarter) const {
  if (quarter.year() == year()) return;
  const std::string y = std::to_string(year());
  throw Error(ErrorCode::invalid_argument, quarter.to_string() + " is not in the year of policy book \"" + id() +
                                               "\" (" + y + "Q1 to " + y + "Q4)");
}
const MetricSchema& PolicyBook::schema() const noexcept { return impl_->schema; }
const PolicyFormulas& PolicyBook::formulas(std::size_t index) const { return impl_->formulas.at(index); }

const EnterpriseCapFormulas* PolicyBook::enterprise_cap_formulas() const noexcept {
  return impl_->cap ? &*impl_->cap : nullptr;
}

std::optional<std::size_t> PolicyBook::find_policy(std::string_view policy_id) const {
  const auto it = impl_->policy_index.find(policy_id);
  if (it == impl_->policy_index.end()) return std::nullopt;
  return it->second;
}

const StackingGroup* PolicyBook::find_stacking_group(std::string_view group_id) const {
  for (const StackingGroup& g : spec().stacking_groups) {
    if (g.id == group_id) return &g;
  }
  return nullptr;
}

bool PolicyBook::excluded_from_totals(std::size_t index) const {
  const std::string& category = policies().at(index).category;
  const auto& excluded = spec().excluded_categories;
  return !category.empty() && std::find(excluded.begin(), excluded.end(), category) != excluded.end();
}

bool PolicyBook::counts_toward_enterprise_cap(std::size_t index) const { return impl_->capped.at(index); }

}  // namespace duixian
