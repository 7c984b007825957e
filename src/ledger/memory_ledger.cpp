// InMemoryLedger, and the parts of the Ledger interface common to all implementations.
#include <utility>

#include "duixian/error.hpp"
#include "duixian/ledger.hpp"

namespace duixian {

bool operator==(const LedgerEntry& a, const LedgerEntry& b) noexcept {
  return a.credit_code == b.credit_code && a.policy_id == b.policy_id && a.amount == b.amount;
}
bool operator!=(const LedgerEntry& a, const LedgerEntry& b) noexcept { return !(a == b); }

bool operator==(const CommitRecord& a, const CommitRecord& b) noexcept {
  return a.sequence == b.sequence && a.quarter == b.quarter && a.book_id == b.book_id &&
         a.book_sha256 == b.book_sha256 && a.data_sha256 == b.data_sha256 &&
         a.library_version == b.library_version && a.committed_at == b.committed_at &&
         a.entry_count == b.entry_count && a.entries_sha256 == b.entries_sha256 &&
         a.previous_sha256 == b.previous_sha256 && a.commit_sha256 == b.commit_sha256;
}
bool operator!=(const CommitRecord& a, const CommitRecord& b) noexcept { return !(a == b); }

PaidTotals Ledger::paid_before(const Quarter& quarter) const {
  if (quarter.number() == 1) return {};
  return paid_between(Quarter(quarter.year(), 1), quarter.previous());
}

const InMemoryLedger::StoredCommit* InMemoryLedger::find(const Quarter& quarter) const {
  if (commits_.empty() || quarter < commits_.front().record.quarter || quarter > commits_.back().record.quarter) {
    return nullptr;
  }
  // Runs are consecutive quarters, so the position is the distance from the first.
  const auto index = [](const Quarter& q) { return static_cast<long>(q.year()) * 4 + q.number(); };
  return &commits_[static_cast<std::size_t>(index(quarter) - index(commits_.front().record.quarter))];
}

std::optional<Quarter> InMemoryLedger::last_committed() const {
  if (commits_.empty()) return std::nullopt;
  return commits_.back().record.quarter;
}

std::vector<CommitRecord> InMemoryLedger::commits() const {
  std::vector<CommitRecord> out;
  out.reserve(commits_.size());
  for (const StoredCommit& r : commits_) out.push_back(r.record);
  return out;
}

std::optional<CommitRecord> InMemoryLedger::commit_of(const Quarter& quarter) const {
  const StoredCommit* r = find(quarter);
  if (r == nullptr) return std::nullopt;
  return r->record;
}

std::vector<LedgerEntry> InMemoryLedger::entries(const Quarter& quarter) const {
  const StoredCommit* r = find(quarter);
  if (r == nullptr) throw Error(ErrorCode::invalid_argument, quarter.to_string() + " is not committed");
  return r->entries;
}

PaidTotals InMemoryLedger::paid_between(const Quarter& first, const Quarter& last) const {
  PaidTotals totals;
  for (const StoredCommit& r : commits_) {
    if (r.record.quarter < first || r.record.quarter > last) continue;
    for (const LedgerEntry& e : r.entries) totals.add(e.credit_code, e.policy_id, e.amount);
  }
  return totals;
}

CommitResult InMemoryLedger::commit(const PendingCommit& pending) {
  PreparedCommit prepared = prepare_commit(pending);
  std::optional<CommitRecord> last;
  if (!commits_.empty()) last = commits_.back().record;
  CommitResult result = plan_commit(prepared, last, this->commit_of(prepared.commit.quarter));
  if (result.status == CommitStatus::committed) {
    commits_.push_back(StoredCommit{result.record, std::move(prepared.commit.entries)});
  }
  return result;
}

void InMemoryLedger::verify() const {
  std::size_t next = 0;  // verify_commits feeds the commits in order
  verify_commits(commits(), [&](const CommitRecord&, EntriesDigest& digest) {
    for (const LedgerEntry& e : commits_[next].entries) digest.add(e.credit_code, e.policy_id, e.amount);
    ++next;
  });
}

}  // namespace duixian
