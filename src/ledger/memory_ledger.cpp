// InMemoryLedger, and the parts of the Ledger interface common to all implementations.
#include <utility>

#include "duixian/error.hpp"
#include "duixian/ledger.hpp"

namespace duixian {

bool operator==(const LedgerEntry& a, const LedgerEntry& b) noexcept {
  return a.credit_code == b.credit_code && a.policy_id == b.policy_id && a.amount == b.amount;
}
bool operator!=(const LedgerEntry& a, const LedgerEntry& b) noexcept { return !(a == b); }

bool operator==(const RunRecord& a, const RunRecord& b) noexcept {
  return a.sequence == b.sequence && a.quarter == b.quarter && a.book_id == b.book_id &&
         a.book_sha256 == b.book_sha256 && a.data_sha256 == b.data_sha256 &&
         a.library_version == b.library_version && a.committed_at == b.committed_at &&
         a.entry_count == b.entry_count && a.entries_sha256 == b.entries_sha256 &&
         a.previous_sha256 == b.previous_sha256 && a.run_sha256 == b.run_sha256;
}
bool operator!=(const RunRecord& a, const RunRecord& b) noexcept { return !(a == b); }

PaidTotals Ledger::paid_before(const Quarter& quarter) const {
  if (quarter.number() == 1) return {};
  return paid_between(Quarter(quarter.year(), 1), quarter.previous());
}

const InMemoryLedger::StoredRun* InMemoryLedger::find(const Quarter& quarter) const {
  if (runs_.empty() || quarter < runs_.front().record.quarter || quarter > runs_.back().record.quarter) {
    return nullptr;
  }
  // Runs are consecutive quarters, so the position is the distance from the first.
  const auto index = [](const Quarter& q) { return static_cast<long>(q.year()) * 4 + q.number(); };
  return &runs_[static_cast<std::size_t>(index(quarter) - index(runs_.front().record.quarter))];
}

std::optional<Quarter> InMemoryLedger::last_committed() const {
  if (runs_.empty()) return std::nullopt;
  return runs_.back().record.quarter;
}

std::vector<RunRecord> InMemoryLedger::runs() const {
  std::vector<RunRecord> out;
  out.reserve(runs_.size());
  for (const StoredRun& r : runs_) out.push_back(r.record);
  return out;
}

std::optional<RunRecord> InMemoryLedger::run(const Quarter& quarter) const {
  const StoredRun* r = find(quarter);
  if (r == nullptr) return std::nullopt;
  return r->record;
}

std::vector<LedgerEntry> InMemoryLedger::entries(const Quarter& quarter) const {
  const StoredRun* r = find(quarter);
  if (r == nullptr) throw Error(ErrorCode::invalid_argument, quarter.to_string() + " is not committed");
  return r->entries;
}

PaidTotals InMemoryLedger::paid_between(const Quarter& first, const Quarter& last) const {
  PaidTotals totals;
  for (const StoredRun& r : runs_) {
    if (r.record.quarter < first || r.record.quarter > last) continue;
    for (const LedgerEntry& e : r.entries) totals.add(e.credit_code, e.policy_id, e.amount);
  }
  return totals;
}

CommitResult InMemoryLedger::commit(const RunToCommit& run) {
  PreparedRun prepared = prepare_run(run);
  std::optional<RunRecord> last;
  if (!runs_.empty()) last = runs_.back().record;
  CommitResult result = plan_commit(prepared, last, this->run(prepared.run.quarter));
  if (result.status == CommitStatus::committed) {
    runs_.push_back(StoredRun{result.run, std::move(prepared.run.entries)});
  }
  return result;
}

void InMemoryLedger::verify() const {
  std::size_t next = 0;  // verify_runs feeds the runs in order
  verify_runs(runs(), [&](const RunRecord&, EntriesDigest& digest) {
    for (const LedgerEntry& e : runs_[next].entries) digest.add(e.credit_code, e.policy_id, e.amount);
    ++next;
  });
}

}  // namespace duixian
