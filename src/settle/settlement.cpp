// The Settlement result: merging shards (and recovering from enterprises that left),
// lines by credit code, payments, explanations on demand, and the commit for the ledger.
#include <algorithm>
#include <map>
#include <string>
#include <tuple>

#include "duixian/error.hpp"
#include "duixian/explanation.hpp"
#include "register/register_digest.hpp"
#include "settle/settlement_data.hpp"

namespace duixian {

const char* to_string(OmissionReason reason) noexcept {
  switch (reason) {
    case OmissionReason::missing_fact: return "missing_fact";
    case OmissionReason::no_tier: return "no_tier";
    case OmissionReason::negative_amount: return "negative_amount";
    case OmissionReason::outside_year: return "outside_year";
    case OmissionReason::not_yet_due: return "not_yet_due";
    case OmissionReason::cap_unknown: return "cap_unknown";
  }
  return "unknown";
}

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

namespace detail {

PendingCommit commit_entries(const SettlementData& s) {
  PendingCommit pending;
  pending.quarter = s.quarter;
  pending.book_id = s.book->id();
  for (const SettlementLine& l : s.lines) {
    if (l.payout_fen == 0) continue;
    pending.entries.push_back(LedgerEntry{s.enterprises[l.enterprise].code.to_string(),
                                      s.plan->policies[l.policy].policy->id, fen_to_decimal(l.payout_fen)});
  }
  return pending;
}

}  // namespace detail

PendingCommit Settlement::to_commit() const {
  if (!impl_->book) throw Error(ErrorCode::invalid_argument, "to_commit: an empty Settlement has nothing to commit");
  PendingCommit pending = detail::commit_entries(*impl_);
  pending.book_sha256 = impl_->book->source_sha256();
  if (impl_->registers.size() == 1) {
    pending.data_sha256 = impl_->registers.front().second.canonical_sha256();
  } else {
    std::vector<const Register*> parts;
    for (const auto& [shard, reg] : impl_->registers) parts.push_back(&reg);
    pending.data_sha256 = detail::canonical_sha256(parts);
  }
  return pending;
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
    if (shard == who.shard) reg = &r;
  }
  if (who.index && reg != nullptr) {
    const Enterprise& e = (*reg)[*who.index];
    out.enterprise_name = e.name;
    out.region = e.region.to_string();
    detail::EnterprisePass pass(*impl_->plan);
    const detail::EnterpriseInputs in{reg, *who.index, &impl_->budgets, nullptr};
    pass.explain(in, l.policy, l.previously_paid_fen, out);
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

// Where each enterprise's rows start in a vector grouped by enterprise (rows of enterprise e
// are [starts[e], starts[e + 1])); works for any order of the groups.
template <class Row>
std::vector<std::size_t> group_starts(const std::vector<Row>& rows, std::size_t groups) {
  std::vector<std::size_t> starts(groups + 1, rows.size());
  for (std::size_t i = rows.size(); i-- > 0;) starts[rows[i].enterprise] = i;
  for (std::size_t e = groups; e-- > 0;) starts[e] = std::min(starts[e], starts[e + 1]);
  return starts;
}

// Appends the rows of every enterprise of every shard, in credit-code order, renumbering
// their enterprise. `extra` holds rows of enterprises outside the shards (departed ones).
template <class Row, class Rows, class Who>
void gather(const std::vector<Settlement>& shards, Rows rows_of, Who who_of, std::vector<Row>& rows_out,
            std::vector<SettledEnterprise>& who_out, std::vector<std::pair<SettledEnterprise, std::vector<Row>>> extra) {
  struct Source {
    CreditCode code;  // a copy: sorting 18 bytes in place beats chasing a pointer per comparison
    std::uint32_t shard;  // shards.size() for `extra`
    std::uint32_t index;
  };
  std::vector<Source> order;
  std::vector<std::vector<std::size_t>> starts;
  std::size_t total = 0;
  for (std::size_t k = 0; k < shards.size(); ++k) {
    const detail::SettlementData& d = detail::SettlementData::of(shards[k]);
    const std::vector<SettledEnterprise>& who = who_of(d);
    for (std::uint32_t i = 0; i < who.size(); ++i) order.push_back({who[i].code, static_cast<std::uint32_t>(k), i});
    starts.push_back(group_starts(rows_of(d), who.size()));
    total += rows_of(d).size();
  }
  for (std::uint32_t i = 0; i < extra.size(); ++i) {
    order.push_back({extra[i].first.code, static_cast<std::uint32_t>(shards.size()), i});
    total += extra[i].second.size();
  }
  std::sort(order.begin(), order.end(), [](const Source& a, const Source& b) { return a.code < b.code; });
  for (std::size_t i = 1; i < order.size(); ++i) {
    if (order[i].code == order[i - 1].code) {
      throw Error(ErrorCode::invalid_argument, "merge: enterprise " + order[i].code.to_string() +
                                                   " is in two shards (shards must be disjoint)");
    }
  }
  rows_out.reserve(total);
  who_out.reserve(order.size());
  for (const Source& src : order) {
    const auto idx = static_cast<std::uint32_t>(who_out.size());
    if (src.shard == shards.size()) {
      who_out.push_back(extra[src.index].first);
      for (Row r : extra[src.index].second) {
        r.enterprise = idx;
        rows_out.push_back(r);
      }
      continue;
    }
    const detail::SettlementData& d = detail::SettlementData::of(shards[src.shard]);
    who_out.push_back(who_of(d)[src.index]);
    const std::vector<Row>& rows = rows_of(d);
    for (std::size_t i = starts[src.shard][src.index]; i < starts[src.shard][src.index + 1]; ++i) {
      Row r = rows[i];
      r.enterprise = idx;
      rows_out.push_back(r);
    }
  }
}

}  // namespace

namespace detail {

Settlement merge_shards(std::vector<Settlement> shards, const PaidTotals* previously_paid) {
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
  std::vector<std::pair<SettledEnterprise, std::vector<SettlementLine>>> departed;
  const PolicyBook& book = *out->book;
  if (previously_paid != nullptr) {
    std::string last_code;
    bool last_known = false;
    previously_paid->for_each([&](std::string_view code_text, std::string_view policy_id, const Decimal& total) {
      const std::optional<std::size_t> p = book.find_policy(policy_id);
      if (!p) {
        throw Error(ErrorCode::invalid_argument, "the ledger holds payments under policy \"" +
                                                     std::string(policy_id) + "\", which book \"" + book.id() +
                                                     "\" does not have");
      }
      const std::int64_t fen = decimal_to_fen(total);
      if (fen == 0) return;
      if (code_text != last_code) {
        last_code = code_text;
        const CreditCode code = CreditCode::parse(code_text, OrganizationCodeCheck::skip);
        last_known = std::any_of(out->registers.begin(), out->registers.end(),
                                 [&](const auto& r) { return r.second.find(code).has_value(); });
        if (!last_known) departed.push_back({SettledEnterprise{code, std::nullopt, std::nullopt, 0}, {}});
      }
      if (last_known) return;
      SettlementLine l;
      l.policy = static_cast<std::uint32_t>(*p);
      l.previously_paid_fen = fen;
      l.payout_fen = -fen;
      if (book.policies()[*p].kind == PolicyKind::reward) {
        const Decimal share = book.spec().funding.default_city_share;
        l.city_fen = decimal_to_fen((fen_to_decimal(l.payout_fen) * share).round(2, RoundingMode::half_up));
        l.county_fen = l.payout_fen - l.city_fen;
      }
      departed.back().second.push_back(l);
    });
    for (auto& d : departed) {  // for_each gives policies by id; lines go in book order
      std::sort(d.second.begin(), d.second.end(),
                [](const SettlementLine& a, const SettlementLine& b) { return a.policy < b.policy; });
    }
  }
  gather(
      shards, [](const detail::SettlementData& d) -> const std::vector<SettlementLine>& { return d.lines; },
      [](const detail::SettlementData& d) -> const std::vector<SettledEnterprise>& { return d.enterprises; },
      out->lines, out->enterprises, std::move(departed));
  gather(
      shards, [](const detail::SettlementData& d) -> const std::vector<Omission>& { return d.omissions; },
      [](const detail::SettlementData& d) -> const std::vector<SettledEnterprise>& { return d.omitted_enterprises; },
      out->omissions, out->omitted_enterprises, std::vector<std::pair<SettledEnterprise, std::vector<Omission>>>{});
  return detail::SettlementData::make(std::move(out));
}

}  // namespace detail

Settlement merge(std::vector<Settlement> shards, const PaidTotals& previously_paid) {
  return detail::merge_shards(std::move(shards), &previously_paid);
}

}  // namespace duixian
