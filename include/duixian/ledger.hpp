#pragma once
/// @file
/// @brief The ledger: what the commits of settled quarters paid, append-only and chained by SHA-256.
///
/// A quarter's settlement, once committed, is history: its lines are never
/// rewritten, and the next quarter's true-up subtracts what it paid
/// (`paid_before`), so no quarter is paid twice. The rules, common to every
/// implementation and applied by the free functions at the end of this file:
///
/// - **Order.** The first commit may be any quarter; each later commit must be the
///   quarter after the last committed one. History has no gaps.
/// - **Idempotence.** Committing a committed quarter again is a no-op when its
///   canonical entries are identical (`CommitStatus::already_committed`; the
///   provenance, such as the time, may differ and the first commit's is kept), and is refused with
///   `ErrorCode::ledger_conflict` when they differ: corrections belong to the next
///   quarter.
/// - **Exact amounts.** Amounts are whole fen (at most two decimal places), kept as
///   exact decimal text, never as binary floating point.
/// - **Chain.** Each commit stores the SHA-256 of its entries and the SHA-256 of its own
///   canonical record (which includes the entries digest and the previous commit's
///   digest), so altering any stored byte of any commit breaks the chain at that commit.
///   `verify()` recomputes all of it and names the first bad commit.
///
/// The canonical texts that are hashed are given in docs/ledger.md, so an auditor
/// can recompute a digest with `sha256sum`.
///
/// Thread safety: const members may run concurrently with each other; `commit` needs
/// exclusive use of the object, as for standard containers. `SqliteLedger` promises
/// more: it serializes every call itself, and several processes may share one file.

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "duixian/decimal.hpp"
#include "duixian/period.hpp"

namespace duixian {

namespace detail {
struct PaidTotalsAccess;
}  // namespace detail

/// @brief One entry of a commit: what an enterprise was paid under a policy in the quarter.
struct LedgerEntry {
  std::string credit_code;  ///< The enterprise's unified social credit code (no control characters).
  std::string policy_id;    ///< The policy's id in the book (no control characters).
  Decimal amount;           ///< Paid this quarter, whole fen; negative for a recovery.
};

/// @brief Equal when code, policy and amount (by value) are equal.
bool operator==(const LedgerEntry& a, const LedgerEntry& b) noexcept;
/// @brief Not `==`.
bool operator!=(const LedgerEntry& a, const LedgerEntry& b) noexcept;

/// @brief A settled quarter handed to `Ledger::commit` (`Settlement::to_commit`): its entries and their provenance.
struct PendingCommit {
  Quarter quarter;                   ///< The quarter settled.
  std::vector<LedgerEntry> entries;  ///< Its lines, in any order; one per (credit code, policy).
  std::string book_id;               ///< The policy book's id (non-empty, no control characters).
  std::string book_sha256;           ///< SHA-256 of the book's source (`PolicyBook::source_sha256`), 64 lowercase hex digits.
  std::string data_sha256;           ///< SHA-256 of the canonical register (`Register::canonical_sha256`), 64 lowercase hex digits.
  /// When it was committed, `YYYY-MM-DDTHH:MM:SSZ` (UTC); empty means now.
  std::string committed_at;
};

/// @brief A commit's record in the chain: everything but its entries.
struct CommitRecord {
  std::int64_t sequence = 0;     ///< Position in the chain: 1 for the first commit.
  Quarter quarter;               ///< The quarter settled.
  std::string book_id;           ///< The policy book's id.
  std::string book_sha256;       ///< SHA-256 of the book.
  std::string data_sha256;       ///< SHA-256 of the canonical input data.
  std::string library_version;   ///< `duixian::version()` of the library that committed it.
  std::string committed_at;      ///< When, `YYYY-MM-DDTHH:MM:SSZ` (UTC).
  std::int64_t entry_count = 0;  ///< Number of entries.
  std::string entries_sha256;    ///< SHA-256 of the canonical entry text.
  std::string previous_sha256;   ///< `commit_sha256` of the commit before (64 zeros for the first).
  std::string commit_sha256;     ///< SHA-256 of this record's canonical text: the chain link.
};

/// @brief Equal when every field is equal.
bool operator==(const CommitRecord& a, const CommitRecord& b) noexcept;
/// @brief Not `==`.
bool operator!=(const CommitRecord& a, const CommitRecord& b) noexcept;

/// @brief What `Ledger::commit` did.
enum class CommitStatus : unsigned char {
  committed,          ///< The commit was appended.
  already_committed,  ///< An identical commit of that quarter was there already; nothing changed.
};

/// @brief The outcome of `Ledger::commit`.
struct CommitResult {
  CommitStatus status = CommitStatus::committed;  ///< Appended, or already there.
  CommitRecord record;                            ///< The commit as stored (the earlier one when already committed).
};

/// @brief Per (credit code, policy), the sum of what commits paid: the true-up's "previously paid".
///
/// Compact because a province-scale settlement has millions of pairs: amounts as 64-bit
/// fen, policy ids interned, credit codes in one flat hash table (about 40 bytes per
/// enterprise and 16 per pair). Lookups take a `string_view` and allocate nothing;
/// const members are safe to call from several threads at once.
class PaidTotals {
 public:
  /// @brief Adds an amount to a pair's total; pairs may come in any order.
  /// @param credit_code the enterprise.
  /// @param policy_id the policy.
  /// @param amount whole fen, negative for a recovery.
  /// @throws Error `invalid_argument` when the amount has non-zero digits past the fen;
  ///         `overflow` when it or the pair's total leaves ±92,233,720,368,547,758.07.
  void add(std::string_view credit_code, std::string_view policy_id, const Decimal& amount);

  /// @brief The total paid for a pair, at two places; `0.00` for a pair never paid.
  /// @param credit_code the enterprise.
  /// @param policy_id the policy.
  Decimal paid(std::string_view credit_code, std::string_view policy_id) const;

  /// @brief The total paid for a pair, in fen; 0 for a pair never paid. Allocates nothing.
  /// @param credit_code the enterprise.
  /// @param policy_id the policy.
  std::int64_t paid_fen(std::string_view credit_code, std::string_view policy_id) const noexcept;

  /// @brief True when the pair has been added (even if its total is now zero).
  /// @param credit_code the enterprise.
  /// @param policy_id the policy.
  bool contains(std::string_view credit_code, std::string_view policy_id) const;

  /// @brief Number of distinct pairs.
  std::size_t size() const noexcept { return pairs_; }
  /// @brief True when no pair was added.
  bool empty() const noexcept { return pairs_ == 0; }

  /// @brief Calls `visit(credit_code, policy_id, total)` for every pair in canonical order
  /// (by credit code, then policy id, byte-wise): how the engine finds pairs with nothing due now.
  ///
  /// Sorts the credit codes first: O(n log n), meant to be called once per settlement.
  /// @param visit the callback; the views are valid during the call only.
  void for_each(const std::function<void(std::string_view, std::string_view, const Decimal&)>& visit) const;

  /// @brief Every pair and its total, in canonical order.
  std::vector<LedgerEntry> to_entries() const;

 private:
  friend struct detail::PaidTotalsAccess;
  void add_fen(std::string_view credit_code, std::string_view policy_id, std::int64_t fen);
  std::uint32_t find_code(std::string_view credit_code) const noexcept;
  std::uint32_t find_policy(std::string_view policy_id) const noexcept;
  std::uint32_t find_total(std::uint32_t code, std::uint32_t policy) const noexcept;
  void grow_slots();

  // A flat open-addressing hash, no allocation per enterprise: about 40 bytes per
  // credit code plus 16 per pair, and three or four memory reads per lookup.
  struct Code {
    std::uint32_t text;   // offset of the credit code in text_
    std::uint32_t size;   // its length
    std::uint32_t first;  // its first Total, then along Total::next
  };
  struct Total {
    std::uint32_t policy;  // index into policies_
    std::uint32_t next;    // next Total of the same code, or none
    std::int64_t fen;
  };
  std::string text_;                    // every credit code, back to back
  std::vector<Code> codes_;             // in order of first appearance
  std::vector<Total> totals_;
  std::vector<std::uint32_t> slots_;    // code index + 1, or 0 for an empty slot
  std::vector<std::string> policies_;   // policy index -> id
  std::size_t pairs_ = 0;
};

/// @brief The ledger interface: commits, in quarter order, append-only.
///
/// Implementations: `InMemoryLedger` (tests, hosts that keep state elsewhere) and
/// `SqliteLedger` (the embedded default). A host may implement its own over its
/// database by building on `prepare_commit`, `plan_commit` and `verify_commits`.
class Ledger {
 public:
  virtual ~Ledger() = default;

  /// @brief The last committed quarter, or none for an empty ledger.
  virtual std::optional<Quarter> last_committed() const = 0;

  /// @brief Every commit's record, in chain order (which is quarter order).
  virtual std::vector<CommitRecord> commits() const = 0;

  /// @brief The record of the commit of `quarter`, or none when that quarter is not committed.
  /// @param quarter the quarter asked about.
  virtual std::optional<CommitRecord> commit_of(const Quarter& quarter) const = 0;

  /// @brief A commit's entries, in canonical order (credit code, then policy id, byte-wise),
  /// amounts at exactly two places.
  /// @param quarter a committed quarter.
  /// @throws Error `invalid_argument` when `quarter` is not committed.
  virtual std::vector<LedgerEntry> entries(const Quarter& quarter) const = 0;

  /// @brief Per pair, the sum of what the commits of quarters `first`..`last` (inclusive) paid.
  /// @param first the first quarter counted.
  /// @param last the last quarter counted; an empty range (last before first) gives no pairs.
  virtual PaidTotals paid_between(const Quarter& first, const Quarter& last) const = 0;

  /// @brief The true-up's "previously paid" for settling `quarter`: what the commits of the
  /// quarters of its year before it paid.
  ///
  /// The engine recomputes a year to date (cumulative = Σ of the year's quarters up to
  /// `quarter`), so commits of earlier years do not count: settling 2019Q3 counts 2019Q1 and
  /// 2019Q2, settling 2020Q1 counts nothing.
  /// @param quarter the quarter being settled.
  PaidTotals paid_before(const Quarter& quarter) const;

  /// @brief Appends a commit, or recognizes it as already committed.
  /// @param pending the settled quarter; see the file comment for the rules.
  /// @return `committed` with the new record, or `already_committed` with the stored one.
  /// @throws Error `invalid_argument` for a malformed commit (see `prepare_commit`); `ledger_conflict`
  ///         when the quarter is out of order or is committed with different amounts, e.g.
  ///         `2019Q2 is already committed with different amounts (commit digest 3f1c...);
  ///         corrections belong to the next quarter (2019Q3)`; `io_error` when storage fails,
  ///         in which case nothing of it was committed.
  virtual CommitResult commit(const PendingCommit& pending) = 0;

  /// @brief Recomputes every commit's digests and the chain from the stored content.
  /// @throws Error `io_error` naming the first bad commit, e.g. `ledger commit 2 (2019Q2) is corrupt: ...`.
  virtual void verify() const = 0;

 protected:
  /// @brief Only implementations construct the interface part.
  Ledger() = default;
  /// @brief Copying is for implementations that are values (`InMemoryLedger`).
  Ledger(const Ledger&) = default;
  /// @brief Moving is for implementations that are handles (`SqliteLedger`).
  Ledger(Ledger&&) = default;
  /// @brief See the copy constructor.
  Ledger& operator=(const Ledger&) = default;
  /// @brief See the move constructor.
  Ledger& operator=(Ledger&&) = default;
};

/// @brief A ledger held in memory: for tests, and hosts that persist commits themselves.
class InMemoryLedger final : public Ledger {
 public:
  /// @brief An empty ledger.
  InMemoryLedger() = default;

  std::optional<Quarter> last_committed() const override;
  std::vector<CommitRecord> commits() const override;
  std::optional<CommitRecord> commit_of(const Quarter& quarter) const override;
  std::vector<LedgerEntry> entries(const Quarter& quarter) const override;
  PaidTotals paid_between(const Quarter& first, const Quarter& last) const override;
  CommitResult commit(const PendingCommit& pending) override;
  void verify() const override;

 private:
  struct StoredCommit {
    CommitRecord record;
    std::vector<LedgerEntry> entries;  // canonical order
  };
  const StoredCommit* find(const Quarter& quarter) const;
  std::vector<StoredCommit> commits_;  // consecutive quarters, chain order
};

// ---------------------------------------------------------------------------------
// The rules, shared by every implementation.

/// @brief The `previous_sha256` of the first commit: 64 zeros.
inline constexpr std::string_view genesis_sha256 =
    "0000000000000000000000000000000000000000000000000000000000000000";

/// @brief A commit checked and put in canonical form: what an implementation stores.
struct PreparedCommit {
  /// The commit with entries sorted canonically, amounts at exactly two places, `committed_at` filled in.
  PendingCommit commit;
  std::string library_version;  ///< `duixian::version()`.
  std::string entries_sha256;   ///< SHA-256 of the canonical entry text.
};

/// @brief Checks a commit and puts it in canonical form (step 1 of committing; reads no ledger state).
/// @param pending the settled quarter to commit.
/// @throws Error `invalid_argument` naming the problem: an empty or control-character credit
///         code, policy id or book id; a digest that is not 64 lowercase hex digits; a time not
///         of the form `YYYY-MM-DDTHH:MM:SSZ`; an amount with non-zero digits past the fen; the
///         same (credit code, policy) twice. `overflow` for an amount beyond
///         ±92,233,720,368,547,758.07 (`decimal_to_fen`). Amount errors name the entry.
PreparedCommit prepare_commit(const PendingCommit& pending);

/// @brief Decides a commit against the ledger's state (step 2; run it inside the write transaction).
/// @param prepared the output of `prepare_commit`.
/// @param last the last commit's record, or none for an empty ledger.
/// @param same_quarter the record of the commit of `prepared.commit.quarter`, or none when there is none.
/// @return `committed` with the complete record to append (sequence, previous digest and commit
///         digest filled in), or `already_committed` with `*same_quarter` when it is identical.
/// @throws Error `ledger_conflict` when the quarter is out of order or committed differently.
CommitResult plan_commit(const PreparedCommit& prepared, const std::optional<CommitRecord>& last,
                         const std::optional<CommitRecord>& same_quarter);

/// @brief SHA-256 of a record's canonical text (every field but `commit_sha256` itself).
/// @param record the commit's record.
std::string commit_digest(const CommitRecord& record);

/// @brief Hashes a commit's entries in canonical form, incrementally, checking the order as it goes.
class EntriesDigest {
 public:
  /// @brief An empty digest.
  EntriesDigest();
  /// @brief Releases the hasher.
  ~EntriesDigest();
  EntriesDigest(const EntriesDigest&) = delete;             ///< One hasher, one owner.
  EntriesDigest& operator=(const EntriesDigest&) = delete;  ///< One hasher, one owner.

  /// @brief Feeds the next entry; entries must come in strictly increasing (credit code, policy id).
  /// @param credit_code the enterprise.
  /// @param policy_id the policy.
  /// @param amount whole fen.
  /// @throws Error `invalid_argument` for an entry out of order, duplicated or malformed.
  void add(std::string_view credit_code, std::string_view policy_id, const Decimal& amount);

  /// @brief Entries fed so far.
  std::int64_t count() const noexcept { return count_; }

  /// @brief The digest of the entries fed, as 64 lowercase hex digits. Call it once, at the end.
  std::string finish_hex();

 private:
  struct State;
  std::unique_ptr<State> state_;
  std::int64_t count_ = 0;
};

/// @brief Checks stored commits: order, chain, entry counts, entries digests and commit digests.
/// @param commits every record, in chain order.
/// @param feed_entries feeds a commit's stored entries, in canonical order, into the digest.
/// @throws Error `io_error` naming the first bad commit, e.g.
///         `ledger commit 2 (2019Q2) is corrupt: its entries do not match their digest`.
void verify_commits(const std::vector<CommitRecord>& commits,
                    const std::function<void(const CommitRecord&, EntriesDigest&)>& feed_entries);

}  // namespace duixian
