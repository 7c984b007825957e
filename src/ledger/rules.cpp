// The ledger's rules, in one place for every implementation: a commit's canonical
// form, whether a commit appends, is a no-op or is refused, the record's digest,
// and the verification of a stored chain.
#include <algorithm>
#include <utility>

#include "duixian/error.hpp"
#include "duixian/fen.hpp"
#include "duixian/ledger.hpp"
#include "support/sha256.hpp"
#include "duixian/version.hpp"
#include "ledger/checks.hpp"
#include "support/quoted.hpp"

namespace duixian {

PreparedCommit prepare_commit(const PendingCommit& pending) {
  PreparedCommit prepared{pending, version(), {}};
  PendingCommit& r = prepared.commit;
  detail::check_label("book id", r.book_id);
  detail::check_sha256("book digest", r.book_sha256);
  detail::check_sha256("data digest", r.data_sha256);
  if (r.committed_at.empty()) {
    r.committed_at = detail::now_utc();
  } else {
    detail::check_timestamp(r.committed_at);
  }
  // One spelling per amount (1.5 and 1.50 are the same payment), then canonical order.
  for (LedgerEntry& e : r.entries) {
    try {
      e.amount = fen_to_decimal(decimal_to_fen(e.amount));
    } catch (const Error& bad) {
      throw Error(bad.code(), "ledger entry (credit code " + detail::quoted(e.credit_code) + ", policy " + detail::quoted(e.policy_id) +
                                  "): " + std::string(bad.message()));
    }
  }
  std::sort(r.entries.begin(), r.entries.end(), [](const LedgerEntry& a, const LedgerEntry& b) {
    return a.credit_code != b.credit_code ? a.credit_code < b.credit_code : a.policy_id < b.policy_id;
  });
  EntriesDigest digest;  // also refuses malformed labels and duplicate pairs
  for (const LedgerEntry& e : r.entries) digest.add(e.credit_code, e.policy_id, e.amount);
  prepared.entries_sha256 = digest.finish_hex();
  return prepared;
}

CommitResult plan_commit(const PreparedCommit& prepared, const std::optional<CommitRecord>& last,
                         const std::optional<CommitRecord>& same_quarter) {
  const Quarter q = prepared.commit.quarter;
  if (same_quarter && same_quarter->quarter != q) {
    throw Error(ErrorCode::invalid_argument, "plan_commit: same_quarter is the commit of " +
                                                 same_quarter->quarter.to_string() + ", not of " + q.to_string());
  }
  if (last && q <= last->quarter) {
    const std::string next = last->quarter.next().to_string();
    if (!same_quarter) {
      throw Error(ErrorCode::ledger_conflict,
                  "cannot commit " + q.to_string() + ": it comes before the ledger's first commit, and history is "
                  "never rewritten; the next quarter to commit is " + next);
    }
    if (same_quarter->entries_sha256 == prepared.entries_sha256 &&
        same_quarter->entry_count == static_cast<std::int64_t>(prepared.commit.entries.size())) {
      return {CommitStatus::already_committed, *same_quarter};
    }
    throw Error(ErrorCode::ledger_conflict,
                q.to_string() + " is already committed with different amounts (commit digest " +
                    same_quarter->commit_sha256 + "); corrections belong to the next quarter (" + next + ")");
  }
  if (last && q != last->quarter.next()) {
    throw Error(ErrorCode::ledger_conflict,
                "cannot commit " + q.to_string() + ": the next quarter to commit is " +
                    last->quarter.next().to_string() + " (last committed " + last->quarter.to_string() +
                    "); quarters commit in order");
  }
  CommitRecord record;
  record.sequence = last ? last->sequence + 1 : 1;
  record.quarter = q;
  record.book_id = prepared.commit.book_id;
  record.book_sha256 = prepared.commit.book_sha256;
  record.data_sha256 = prepared.commit.data_sha256;
  record.library_version = prepared.library_version;
  record.committed_at = prepared.commit.committed_at;
  record.entry_count = static_cast<std::int64_t>(prepared.commit.entries.size());
  record.entries_sha256 = prepared.entries_sha256;
  record.previous_sha256 = last ? last->commit_sha256 : std::string(genesis_sha256);
  record.commit_sha256 = commit_digest(record);
  return {CommitStatus::committed, std::move(record)};
}

std::string commit_digest(const CommitRecord& r) {
  // Fixed field order, one per line; no value may hold a newline (checked on the way in).
  std::string text = "duixian-ledger-run 1\n";
  text += "sequence=" + std::to_string(r.sequence) + "\n";
  text += "quarter=" + r.quarter.to_string() + "\n";
  text += "previous_sha256=" + r.previous_sha256 + "\n";
  text += "book_id=" + r.book_id + "\n";
  text += "book_sha256=" + r.book_sha256 + "\n";
  text += "data_sha256=" + r.data_sha256 + "\n";
  text += "library_version=" + r.library_version + "\n";
  text += "committed_at=" + r.committed_at + "\n";
  text += "entry_count=" + std::to_string(r.entry_count) + "\n";
  text += "entries_sha256=" + r.entries_sha256 + "\n";
  return sha256_hex(text);
}

namespace {

[[noreturn]] void corrupt(const CommitRecord& r, const std::string& why) {
  throw Error(ErrorCode::io_error,
              "ledger " + detail::commit_name(r.sequence, r.quarter.to_string()) + " is corrupt: " + why);
}

}  // namespace

void verify_commits(const std::vector<CommitRecord>& commits,
                 const std::function<void(const CommitRecord&, EntriesDigest&)>& feed_entries) {
  std::string previous(genesis_sha256);
  for (std::size_t i = 0; i < commits.size(); ++i) {
    const CommitRecord& r = commits[i];
    if (r.sequence != static_cast<std::int64_t>(i) + 1) {
      corrupt(r, "it is number " + std::to_string(i + 1) + " in the chain");
    }
    if (i > 0 && r.quarter != commits[i - 1].quarter.next()) {
      corrupt(r, "it does not follow " + commits[i - 1].quarter.to_string());
    }
    if (r.previous_sha256 != previous) corrupt(r, "it does not chain to the commit before it");
    EntriesDigest digest;
    try {
      feed_entries(r, digest);
    } catch (const Error& e) {
      corrupt(r, "an entry cannot be read back (" + std::string(e.message()) + ")");
    }
    if (digest.count() != r.entry_count) {
      corrupt(r, "it has " + std::to_string(digest.count()) + " entries, its record says " +
                     std::to_string(r.entry_count));
    }
    if (digest.finish_hex() != r.entries_sha256) corrupt(r, "its entries do not match their digest");
    if (commit_digest(r) != r.commit_sha256) corrupt(r, "its record does not match its digest");
    previous = r.commit_sha256;
  }
}

}  // namespace duixian
