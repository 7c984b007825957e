// The Settlement result: merging shards (and recovering from enterprises that left),
// lines by credit code, payments, explanations on demand, and the run to commit.
#include <algorithm>
#include <map>
#include <string>
#include <tuple>

#include "duixian/error.hpp"
#include "duixian/explanation.hpp"
#include "settlement_data.hpp"

namespace duixian {

Settlement::Settlement() : impl_(std::make_unique<detail::SettlementData>()) {}
Settlement::~Settlement() = default;
Settlement::Settlement(Settlement&&) noexcept = default;
Settlement& Settlement::operator=(Settlement&&) noexcept = default;

Quarter Settlement::quarter() const noexcept { return impl_->quarter; }
const PolicyBook& Settlement::book() const noexcept { return *impl_->book; }
const std::vector<SettledEnterprise>& Settlement::enterprises() const noexcept { return impl_->enterprises; }
const std::vector<SettlementLine>& Settlement::lines() const noexcept { return impl_->lines; }
const std::vector<Omission>& Settlement::omissions() const noexcept { return impl_->omissions; }
const std::vector<SettledEnterprise>& Settlement::omitted_enterprises() const noexcept {
  return impl_->omitted_enterprises;
}
LedgerState Settlement::ledger_state() const noexcept { return impl_->state; }
std::uint64_t Settlement::evaluations() const noexcept { return impl_->evaluations; }

std::vector<Payment> Settlement::payments() const {
  std::vector<Payment> out;
  const auto& policies = impl_->plan->policies;
  for (const SettlementLine& l : impl_->lines) {
    if (!policies[l.policy].reward) continue;
    if (out.empty() || out.back().enterprise != l.enterprise) out.push_back(Payment{l.enterprise, 0, 0, 0});
    out.back().net_fen += l.payout_fen;
    out.back().city_fen += l.city_fen;
    out.back().county_fen += l.county_fen;
  }
  return out;
}

const SettlementLine* Settlement::find_line(const CreditCode& code, std::string_view policy_id) const {
  const auto& es = impl_->enterprises;
  const auto e = std::lower_bound(es.begin(), es.end(), code,
                                  [](const SettledEnterprise& a, const CreditCode& c) { return a.code < c; });
  if (e == es.end() || e->code != code) return nullptr;
  const auto index = static_cast<std::uint32_t>(e - es.begin());
  const auto& ls = impl_->lines;
  auto l = std::lower_bound(ls.begin(), ls.end(), index,
                            [](const SettlementLine& a, std::uint32_t i) { return a.enterprise < i; });
  for (; l != ls.end() && l->enterprise == index; ++l) {
    if (impl_->plan->policies[l->policy].policy->id == policy_id) return &*l;
  }
  return nullptr;
}

RunToCommit Settlement::to_commit(std::string book_sha256, std::string data_sha256) const {
  RunToCommit run;
  run.quarter = impl_->quarter;
  run.book_id = impl_->book->id();
  run.book_sha256 = std::move(book_sha256);
  run.data_sha256 = std::move(data_sha256);
  for (const SettlementLine& l : impl_->lines) {
    if (l.payout_fen == 0) continue;
    run.entries.push_back(LedgerEntry{impl_->enterprises[l.enterprise].code.to_string(),
                                      impl_->plan->policies[l.policy].policy->id, fen_to_decimal(l.payout_fen)});
  }
  return run;
}

LineExplanation Settlement::explain(std::size_t line) const {
  if (line >= impl_->lines.size()) {
    throw Error(ErrorCode::invalid_argument, "line " + std::to_string(line) + " is out of range (the settlement has " +
                                                 std::to_string(impl_->lines.size()) + " lines)");
  }
  const SettlementLine& l = impl_->lines[line];
  const SettledEnterprise& who = impl_->enterprises[l.enterprise];
  const Policy& policy = *impl_->plan->policies[l.policy].policy;
  LineExplanation out;
  out.credit_code = who.code.to_string();
  out.policy_id = policy.id;
  out.policy_title = policy.title;
  out.kind = to_string(policy.kind);
  out.category = policy.category;
  out.basis = to_string(policy.basis);
  out.quarter = impl_->quarter;
  const Register* reg = nullptr;
  for (const auto& [shard, r] : impl_->registers) {
    if (shard == who.shard) reg = r;
  }
  if (who.index && reg != nullptr) {
    const Enterprise& e = (*reg)[*who.index];
    out.enterprise_name = e.name;
    out.region = e.region.to_string();
    detail::EnterpriseRun run(*impl_->plan);
    const detail::EnterpriseInputs in{reg, *who.index, &impl_->budgets, nullptr};
    run.explain(in, l.policy, l.previously_paid_fen, out);
  } else {  // left the register: everything paid before is recovered
    out.previously_paid_fen = l.previously_paid_fen;
    out.payout_fen = l.payout_fen;
    out.city_fen = l.city_fen;
    out.county_fen = l.county_fen;
    if (impl_->plan->policies[l.policy].reward) out.city_share = impl_->book->spec().funding.default_city_share;
  }
  return out;
}

namespace {

struct Source {
  const detail::SettlementData* data;
  std::uint32_t enterprise;  // index in data's enterprises, or a departed enterprise's index
  bool departed;
};

}  // namespace

Settlement merge(std::vector<Settlement> shards, const PaidTotals& previously_paid) {
  if (shards.empty()) throw Error(ErrorCode::invalid_argument, "merge needs at least one shard");
  const detail::SettlementData& first = detail::SettlementData::of(shards.front());
  if (!first.book) throw Error(ErrorCode::invalid_argument, "merge: a shard is an empty Settlement");
  auto out = std::make_unique<detail::SettlementData>();
  out->book = first.book;
  out->plan = first.plan;
  out->quarter = first.quarter;
  out->budgets = first.budgets;
  for (const Settlement& s : shards) {
    const detail::SettlementData& d = detail::SettlementData::of(s);
    if (!d.book || d.quarter != first.quarter || (d.book != first.book && *d.book != *first.book)) {
      throw Error(ErrorCode::invalid_argument, "merge: shards settled different quarters or books");
    }
    for (const auto& r : d.registers) {
      for (const auto& have : out->registers) {
        if (have.first == r.first) {
          throw Error(ErrorCode::invalid_argument, "merge: two shards are numbered " + std::to_string(r.first));
        }
      }
      out->registers.push_back(r);
    }
    out->evaluations += d.evaluations;
  }
  // Enterprises that left every register: recover what they were paid.
  struct Departed {
    CreditCode code;
    std::vector<SettlementLine> lines;
  };
  std::vector<Departed> departed;
  const PolicyBook& book = *out->book;
  previously_paid.for_each([&](std::string_view code_text, std::string_view policy_id, const Decimal& total) {
    const std::optional<std::size_t> p = book.find_policy(policy_id);
    if (!p) {
      throw Error(ErrorCode::invalid_argument, "the ledger holds payments under policy \"" + std::string(policy_id) +
                                                   "\", which book \"" + book.id() + "\" does not have");
    }
    const std::int64_t fen = decimal_to_fen(total);
    if (fen == 0) return;
    const CreditCode code = CreditCode::parse(code_text, OrganizationCodeCheck::skip);
    for (const auto& r : out->registers) {
      if (r.second->find(code)) return;
    }
    if (departed.empty() || departed.back().code != code) departed.push_back(Departed{code, {}});
    SettlementLine l;
    l.policy = static_cast<std::uint32_t>(*p);
    l.previously_paid_fen = fen;
    l.payout_fen = -fen;
    if (book.policies()[*p].kind == PolicyKind::reward) {
      const Decimal share = book.spec().funding.default_city_share;
      l.city_fen = decimal_to_fen((fen_to_decimal(l.payout_fen) * share).round(2, RoundingMode::half_up));
      l.county_fen = l.payout_fen - l.city_fen;
    }
    departed.back().lines.push_back(l);
  });
  for (Departed& d : departed) {  // for_each gives policies by id; lines go in book order
    std::sort(d.lines.begin(), d.lines.end(),
              [](const SettlementLine& a, const SettlementLine& b) { return a.policy < b.policy; });
  }
  // Every enterprise with lines, in credit-code order.
  std::vector<std::pair<const CreditCode*, Source>> order;
  for (const Settlement& s : shards) {
    const detail::SettlementData& d = detail::SettlementData::of(s);
    for (std::uint32_t i = 0; i < d.enterprises.size(); ++i) order.push_back({&d.enterprises[i].code, {&d, i, false}});
  }
  for (std::uint32_t i = 0; i < departed.size(); ++i) order.push_back({&departed[i].code, {nullptr, i, true}});
  std::sort(order.begin(), order.end(), [](const auto& a, const auto& b) { return *a.first < *b.first; });
  for (std::size_t i = 1; i < order.size(); ++i) {
    if (*order[i].first == *order[i - 1].first) {
      throw Error(ErrorCode::invalid_argument, "merge: enterprise " + order[i].first->to_string() +
                                                   " is in two shards (shards must be disjoint)");
    }
  }
  // Line ranges per shard enterprise.
  std::map<const detail::SettlementData*, std::vector<std::size_t>> starts;
  for (const Settlement& s : shards) {
    const detail::SettlementData& d = detail::SettlementData::of(s);
    std::vector<std::size_t>& st = starts[&d];
    st.assign(d.enterprises.size() + 1, d.lines.size());
    for (std::size_t i = d.lines.size(); i-- > 0;) st[d.lines[i].enterprise] = i;
    for (std::size_t e = d.enterprises.size(); e-- > 0;) st[e] = std::min(st[e], st[e + 1]);
  }
  for (const auto& [code, src] : order) {
    const auto idx = static_cast<std::uint32_t>(out->enterprises.size());
    if (src.departed) {
      out->enterprises.push_back(SettledEnterprise{*code, std::nullopt, std::nullopt, 0});
      for (SettlementLine l : departed[src.enterprise].lines) {
        l.enterprise = idx;
        out->lines.push_back(l);
      }
      continue;
    }
    out->enterprises.push_back(src.data->enterprises[src.enterprise]);
    const std::vector<std::size_t>& st = starts[src.data];
    for (std::size_t i = st[src.enterprise]; i < st[src.enterprise + 1]; ++i) {
      SettlementLine l = src.data->lines[i];
      l.enterprise = idx;
      out->lines.push_back(l);
    }
  }
  // Omissions, in credit-code order too: each shard's are sorted, so renumber and merge.
  std::vector<std::tuple<const CreditCode*, std::size_t, std::uint32_t>> omitted;  // code, shard, index
  for (std::size_t k = 0; k < shards.size(); ++k) {
    const detail::SettlementData& d = detail::SettlementData::of(shards[k]);
    for (std::uint32_t i = 0; i < d.omitted_enterprises.size(); ++i) omitted.emplace_back(&d.omitted_enterprises[i].code, k, i);
  }
  std::sort(omitted.begin(), omitted.end(),
            [](const auto& a, const auto& b) { return *std::get<0>(a) < *std::get<0>(b); });
  std::vector<std::vector<std::uint32_t>> renumber(shards.size());
  for (std::size_t k = 0; k < shards.size(); ++k) {
    renumber[k].resize(detail::SettlementData::of(shards[k]).omitted_enterprises.size());
  }
  for (std::size_t i = 0; i < omitted.size(); ++i) {
    const auto& [code, k, local] = omitted[i];
    renumber[k][local] = static_cast<std::uint32_t>(i);
    out->omitted_enterprises.push_back(detail::SettlementData::of(shards[k]).omitted_enterprises[local]);
  }
  for (std::size_t k = 0; k < shards.size(); ++k) {
    const detail::SettlementData& d = detail::SettlementData::of(shards[k]);
    for (Omission m : d.omissions) {
      m.enterprise = renumber[k][m.enterprise];
      out->omissions.push_back(m);
    }
  }
  if (shards.size() > 1) {
    std::stable_sort(out->omissions.begin(), out->omissions.end(),
                     [](const Omission& a, const Omission& b) { return a.enterprise < b.enterprise; });
  }
  return detail::SettlementData::make(std::move(out));
}

}  // namespace duixian
