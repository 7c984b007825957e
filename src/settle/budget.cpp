// Budgets (step 3): over every shard's claims, each budgeted period that is
// oversubscribed is split pro rata to the fen by largest remainder, ties by credit code.
#include <algorithm>
#include <map>
#include <string>
#include <tuple>

#include "duixian/allocate.hpp"
#include "duixian/error.hpp"
#include "duixian/settlement.hpp"

namespace duixian {

namespace {

__extension__ typedef __int128 wide_t;  // a fen amount times a budget fits in 127 bits

using Key = std::tuple<std::uint32_t, std::uint8_t, std::string>;  // policy, quarter, credit code

struct Share {
  std::int64_t allocated = 0;
  std::int64_t floor = 0;
  std::int64_t extra = 0;
};

}  // namespace

struct BudgetDecision::Impl {
  std::vector<BudgetPeriod> periods;
  std::map<Key, Share> shares;  // binding periods only
};

BudgetDecision::BudgetDecision() : impl_(std::make_shared<const Impl>()) {}
BudgetDecision::BudgetDecision(const BudgetDecision&) = default;
BudgetDecision& BudgetDecision::operator=(const BudgetDecision&) = default;
BudgetDecision::~BudgetDecision() = default;

const std::vector<BudgetDecision::BudgetPeriod>& BudgetDecision::periods() const noexcept { return impl_->periods; }

const BudgetDecision::BudgetPeriod* BudgetDecision::find(std::uint32_t policy, std::uint8_t quarter) const noexcept {
  for (const BudgetPeriod& p : impl_->periods) {
    if (p.policy == policy && p.quarter == quarter) return &p;
  }
  return nullptr;
}

BudgetDecision BudgetDecision::decide(const PolicyBook& book, const std::vector<BudgetClaim>& claims) {
  std::vector<const BudgetClaim*> sorted;
  sorted.reserve(claims.size());
  for (const BudgetClaim& c : claims) {
    if (c.policy >= book.policies().size() || !book.policies()[c.policy].budget) {
      throw Error(ErrorCode::invalid_argument, "budget claim of " + c.code.to_string() + " names policy #" +
                                                   std::to_string(c.policy) + ", which has no budget in this book");
    }
    if (c.quarter > 4 || c.amount_fen <= 0) {
      throw Error(ErrorCode::invalid_argument, "budget claim of " + c.code.to_string() +
                                                   " is malformed (quarter 0-4, a positive amount)");
    }
    sorted.push_back(&c);
  }
  std::sort(sorted.begin(), sorted.end(), [](const BudgetClaim* a, const BudgetClaim* b) {
    return std::tie(a->policy, a->quarter, a->code) < std::tie(b->policy, b->quarter, b->code);
  });
  auto impl = std::make_shared<Impl>();
  for (std::size_t begin = 0; begin < sorted.size();) {
    std::size_t end = begin;
    BudgetPeriod period;
    period.policy = sorted[begin]->policy;
    period.quarter = sorted[begin]->quarter;
    period.budget_fen = decimal_to_fen(book.policies()[period.policy].budget->round(2, RoundingMode::down));
    std::vector<Decimal> weights;
    while (end < sorted.size() && sorted[end]->policy == period.policy && sorted[end]->quarter == period.quarter) {
      if (end > begin && sorted[end]->code == sorted[end - 1]->code) {
        throw Error(ErrorCode::invalid_argument, "two budget claims of " + sorted[end]->code.to_string() +
                                                     " for one period: were shards overlapping?");
      }
      if (__builtin_add_overflow(period.claimed_fen, sorted[end]->amount_fen, &period.claimed_fen)) {
        throw Error(ErrorCode::overflow,
                    "budget claims of policy \"" + book.policies()[period.policy].id + "\" for " +
                        (period.quarter == 0 ? std::to_string(book.year())
                                             : Quarter(book.year(), period.quarter).to_string()) +
                        " sum beyond +-92233720368547758.07 at the claim of " + sorted[end]->code.to_string());
      }
      weights.push_back(fen_to_decimal(sorted[end]->amount_fen));
      ++end;
    }
    period.binding = period.claimed_fen > period.budget_fen;
    if (period.binding) {
      const std::vector<Money> parts = allocate(Money::from_fen(period.budget_fen), weights);
      for (std::size_t i = begin; i < end; ++i) {
        const BudgetClaim& c = *sorted[i];
        Share share;
        share.allocated = decimal_to_fen(parts[i - begin].amount());
        const wide_t scaled = static_cast<wide_t>(c.amount_fen) * period.budget_fen;
        share.floor = static_cast<std::int64_t>(scaled / period.claimed_fen);
        share.extra = share.allocated - share.floor;
        impl->shares.emplace(Key{c.policy, c.quarter, c.code.to_string()}, share);
      }
    }
    impl->periods.push_back(period);
    begin = end;
  }
  BudgetDecision decision;
  decision.impl_ = std::move(impl);
  return decision;
}

std::pair<std::int64_t, std::int64_t> BudgetDecision::split(const CreditCode& code, std::uint32_t policy,
                                                            std::uint8_t quarter, std::int64_t claimed) const {
  const BudgetPeriod* period = find(policy, quarter);
  if (period == nullptr || !period->binding) return {claimed, 0};
  const auto it = impl_->shares.find(Key{policy, quarter, code.to_string()});
  if (it == impl_->shares.end()) {
    throw Error(ErrorCode::invalid_argument, "no budget decision for " + code.to_string() + " under policy #" +
                                                 std::to_string(policy) +
                                                 ": were this shard's claims passed to BudgetDecision::decide?");
  }
  return {it->second.floor, it->second.extra};
}

std::int64_t BudgetDecision::allocated(const CreditCode& code, std::uint32_t policy, std::uint8_t quarter,
                                       std::int64_t claimed) const {
  const auto [floor, extra] = split(code, policy, quarter, claimed);
  return floor + extra;
}

}  // namespace duixian
