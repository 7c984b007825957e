#pragma once
// What a Settlement holds, shared by the files that build and read it.

#include <memory>
#include <utility>
#include <vector>

#include "duixian/settlement.hpp"
#include "settle/engine.hpp"

namespace duixian::detail {

struct SettlementData {
  std::shared_ptr<const PolicyBook> book;
  std::shared_ptr<const SettlePlan> plan;
  Quarter quarter;
  BudgetDecision budgets;
  std::vector<std::pair<std::uint32_t, Register>> registers;  // by shard number: explanations, provenance
  std::vector<SettledEnterprise> enterprises;
  std::vector<SettlementLine> lines;
  std::vector<SettledEnterprise> omitted_enterprises;
  std::vector<Omission> omissions;
  LedgerState state = LedgerState::not_committed;
  std::uint64_t evaluations = 0;

  static Settlement make(std::unique_ptr<SettlementData> data) {
    Settlement s;
    s.impl_ = std::move(data);
    return s;
  }
  static SettlementData& of(Settlement& s) { return *s.impl_; }
  static const SettlementData& of(const Settlement& s) { return *s.impl_; }
};

/// The commit without its provenance (digests empty): the quarter, the book and
/// one entry per line with a non-zero payout.
PendingCommit commit_entries(const SettlementData& settlement);

/// Merges shards' settlements (in any enterprise order) into credit-code order; with
/// `previously_paid`, adds the recoveries of enterprises that are in no shard.
Settlement merge_shards(std::vector<Settlement> shards, const PaidTotals* previously_paid);

/// Phase two without the final ordering: the shard's enterprises in register order.
Settlement finish_unordered(Shard shard, const BudgetDecision& budgets, const PaidTotals& previously_paid);

}  // namespace duixian::detail
