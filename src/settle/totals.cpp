// Totals of a settlement (rewards, burden reduction, excluded categories, beneficiaries),
// overall and by region, policy and category, summed from the lines in fen.
#include <map>
#include <string>

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

// One enterprise's year-to-date rewards per slice, to count beneficiaries.
struct Reach {
  std::int64_t all = 0;
  std::int64_t region = 0;
  std::map<std::string, std::int64_t> category;
};

}  // namespace

Totals Settlement::totals() const {
  const detail::SettlementData& d = *impl_;
  const auto& policies = d.plan->policies;
  Totals t;
  std::map<std::string, Figures> by_region;
  std::map<std::string, Figures> by_category;
  std::vector<Figures> by_policy(policies.size());
  const auto close_enterprise = [&](const std::string& region, const Reach& r) {
    if (r.all > 0) ++t.all.beneficiaries;
    if (r.region > 0) ++by_region[region].beneficiaries;
    for (const auto& [category, sum] : r.category) {
      if (sum > 0) ++by_category[category].beneficiaries;
    }
  };
  Reach reach;
  std::string region;
  for (std::size_t i = 0; i < d.lines.size(); ++i) {
    const SettlementLine& l = d.lines[i];
    if (i > 0 && d.lines[i - 1].enterprise != l.enterprise) {
      close_enterprise(region, reach);
      reach = Reach{};
    }
    const SettledEnterprise& who = d.enterprises[l.enterprise];
    region = who.region ? who.region->to_string() : "unknown";
    const detail::PolicyPlan& p = policies[l.policy];
    try {
      add_line(t.all, l, p);
      add_line(by_region[region], l, p);
      add_line(by_category[p.policy->category], l, p);
      add_line(by_policy[l.policy], l, p);
      if (p.reward && !p.excluded) {
        add(reach.all, l.cumulative_fen);
        add(reach.region, l.cumulative_fen);
        add(reach.category[p.policy->category], l.cumulative_fen);
        if (l.cumulative_fen > 0) ++by_policy[l.policy].beneficiaries;
      }
    } catch (const Error& e) {
      throw Error(e.code(), "totals: the line of " + who.code.to_string() + " under policy \"" + p.policy->id +
                                "\" (region " + region +
                                (p.policy->category.empty() ? "" : ", category " + p.policy->category) +
                                "): " + std::string(e.message()));
    }
  }
  if (!d.lines.empty()) close_enterprise(region, reach);
  for (auto& [key, f] : by_region) t.by_region.emplace_back(key, f);
  for (auto& [key, f] : by_category) t.by_category.emplace_back(key, f);
  for (std::size_t p = 0; p < policies.size(); ++p) t.by_policy.emplace_back(policies[p].policy->id, by_policy[p]);
  return t;
}

}  // namespace duixian
