// Totals of a settlement (rewards, burden reduction, excluded categories, beneficiaries),
// overall and by region, policy and category, summed from the lines in fen.
#include <algorithm>
#include <map>
#include <string>
#include <unordered_map>
#include <vector>

#include "duixian/error.hpp"
#include "settle/settlement_data.hpp"

namespace duixian {

namespace {

void add(std::int64_t& sum, std::int64_t amount) {
  if (__builtin_add_overflow(sum, amount, &sum)) {
    throw Error(ErrorCode::overflow, "a settlement total leaves the range +-92233720368547758.07");
  }
}

void add_line(Figures& f, const SettlementLine& l, const detail::PolicyPlan& p) {
  if (p.excluded) {
    add(f.excluded_quarter, l.payout_fen);
    add(f.excluded_ytd, l.cumulative_fen);
  } else if (p.reward) {
    add(f.rewards_quarter, l.payout_fen);
    add(f.rewards_ytd, l.cumulative_fen);
  } else {
    add(f.burden_quarter, l.payout_fen);
    add(f.burden_ytd, l.cumulative_fen);
  }
  if (p.reward) {
    add(f.city_quarter, l.city_fen);
    add(f.county_quarter, l.county_fen);
  }
}

// Slices addressed by index while summing; named and sorted once at the end.
struct Slices {
  std::vector<std::string> names;
  std::vector<Figures> figures;
  std::size_t add(std::string name) {
    names.push_back(std::move(name));
    figures.emplace_back();
    return names.size() - 1;
  }
  std::vector<std::pair<std::string, Figures>> sorted() const {
    std::vector<std::pair<std::string, Figures>> out;
    out.reserve(names.size());
    for (std::size_t i = 0; i < names.size(); ++i) out.emplace_back(names[i], figures[i]);
    std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    return out;
  }
};

}  // namespace

// One pass over the lines with no string or map work per line: the region slice is found
// once per enterprise (lines are grouped by enterprise), the category once per policy.
Totals Settlement::totals() const {
  const detail::SettlementData& d = *impl_;
  const auto& policies = d.plan->policies;
  Totals t;
  Slices by_region;
  Slices by_category;
  std::vector<std::size_t> category_of(policies.size());
  {
    std::map<std::string, std::size_t> seen;
    for (std::size_t p = 0; p < policies.size(); ++p) {
      const std::string& c = policies[p].policy->category;
      const auto it = seen.find(c);
      category_of[p] = it != seen.end() ? it->second : seen.emplace(c, by_category.add(c)).first->second;
    }
  }
  std::unordered_map<int, std::size_t> region_slice;  // region code (-1: unknown) -> slice
  std::vector<Figures> by_policy(policies.size());
  // One enterprise's year-to-date rewards per slice, to count beneficiaries.
  std::int64_t reach_all = 0;
  std::vector<std::int64_t> reach_category(by_category.names.size(), 0);
  std::size_t region = 0;
  const auto close_enterprise = [&] {
    if (reach_all > 0) {
      ++t.all.beneficiaries;
      ++by_region.figures[region].beneficiaries;  // the enterprise's rewards are all in its one region
    }
    for (std::size_t c = 0; c < reach_category.size(); ++c) {
      if (reach_category[c] > 0) ++by_category.figures[c].beneficiaries;
      reach_category[c] = 0;
    }
    reach_all = 0;
  };
  for (std::size_t i = 0; i < d.lines.size(); ++i) {
    const SettlementLine& l = d.lines[i];
    const bool first_of_enterprise = i == 0 || d.lines[i - 1].enterprise != l.enterprise;
    const SettledEnterprise& who = d.enterprises[l.enterprise];
    if (first_of_enterprise) {
      if (i > 0) close_enterprise();
      const int key = who.region ? who.region->code() : -1;
      const auto it = region_slice.find(key);
      region = it != region_slice.end()
                   ? it->second
                   : region_slice.emplace(key, by_region.add(who.region ? who.region->to_string() : "unknown"))
                         .first->second;
    }
    const detail::PolicyPlan& p = policies[l.policy];
    const std::size_t category = category_of[l.policy];
    try {
      add_line(t.all, l, p);
      add_line(by_region.figures[region], l, p);
      add_line(by_category.figures[category], l, p);
      add_line(by_policy[l.policy], l, p);
      if (p.reward && !p.excluded) {
        add(reach_all, l.cumulative_fen);
        add(reach_category[category], l.cumulative_fen);
        if (l.cumulative_fen > 0) ++by_policy[l.policy].beneficiaries;
      }
    } catch (const Error& e) {
      throw Error(e.code(), "totals: the line of " + who.code.to_string() + " under policy \"" + p.policy->id +
                                "\" (region " + by_region.names[region] +
                                (p.policy->category.empty() ? "" : ", category " + p.policy->category) +
                                "): " + std::string(e.message()));
    }
  }
  if (!d.lines.empty()) close_enterprise();
  t.by_region = by_region.sorted();
  // A category no line reached is not a slice (as before: slices come from lines).
  std::vector<bool> category_used(by_category.names.size(), false);
  for (const SettlementLine& l : d.lines) category_used[category_of[l.policy]] = true;
  Slices used;
  for (std::size_t c = 0; c < by_category.names.size(); ++c) {
    if (category_used[c]) {
      used.add(by_category.names[c]);
      used.figures.back() = by_category.figures[c];
    }
  }
  t.by_category = used.sorted();
  for (std::size_t p = 0; p < policies.size(); ++p) t.by_policy.emplace_back(policies[p].policy->id, by_policy[p]);
  return t;
}

}  // namespace duixian
