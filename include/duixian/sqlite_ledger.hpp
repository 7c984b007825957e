#pragma once
/// @file
/// @brief `SqliteLedger`: the embedded default ledger, one SQLite file.
///
/// One transaction per commit (`BEGIN IMMEDIATE` ... `COMMIT`): a commit is in the
/// file entirely or not at all, whatever fails or crashes in between. The file is
/// in WAL mode with `synchronous=FULL`, so a commit that returned survives a power
/// loss. Amounts are stored as exact decimal TEXT (`1409.50`, `-12.30`), never
/// REAL. `PRAGMA user_version` holds the schema version and `PRAGMA application_id`
/// marks the file as a Duixian ledger; opening refuses other files and newer
/// versions, then verifies every commit's digests and the chain (see `Ledger::verify`).
///
/// @snippet sqlite_ledger.cpp open and commit
///
/// (docs/snippets/sqlite_ledger.cpp: the build compiles it and `doc_snippets.run` runs it.)
///
/// The schema and the guarantees are described in docs/ledger.md.

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "duixian/ledger.hpp"

namespace duixian {

/// @brief How `SqliteLedger::open` opens the file.
enum class OpenMode : unsigned char {
  read_only,   ///< An existing ledger, through SQLite's read-only mode: `commit` is refused.
  read_write,  ///< An existing ledger, for reading and committing.
  create,      ///< As `read_write`, creating the file and the schema when they do not exist yet.
};

/// @brief A ledger stored in a SQLite database file.
///
/// A handle: movable, not copyable. All calls on one object are serialized by an
/// internal mutex; several objects or processes may open the same file (SQLite's
/// locks order their commits, each waiting up to 5 s for the write lock).
class SqliteLedger final : public Ledger {
 public:
  /// The schema version this library writes and reads (`PRAGMA user_version`).
  static constexpr int schema_version = 1;
  /// The `PRAGMA application_id` of a Duixian ledger: the bytes `DXLG`.
  static constexpr int application_id = 0x44584C47;

  /// @brief Opens (or creates) a ledger and verifies it.
  /// @param path the database file.
  /// @param mode how to open it.
  /// @return the open ledger.
  /// @throws Error `io_error` when the file cannot be opened or is not a Duixian ledger, when
  ///         its schema version is newer than `schema_version` (the message names both), or
  ///         when verification finds a bad commit (the message names it).
  static SqliteLedger open(const std::string& path, OpenMode mode = OpenMode::read_write);

  /// @brief Closes the database (SQLite checkpoints the WAL when it is the last connection).
  ~SqliteLedger() override;
  /// @brief Takes over the other handle; `other` may then only be destroyed or assigned.
  SqliteLedger(SqliteLedger&& other) noexcept;
  /// @brief Takes over the other handle; `other` may then only be destroyed or assigned.
  SqliteLedger& operator=(SqliteLedger&& other) noexcept;
  SqliteLedger(const SqliteLedger&) = delete;             ///< A handle has one owner.
  SqliteLedger& operator=(const SqliteLedger&) = delete;  ///< A handle has one owner.

  /// @brief The path it was opened with.
  const std::string& path() const;
  /// @brief True when SQLite itself holds the connection read-only (`sqlite3_db_readonly`).
  bool read_only() const;

  std::optional<Quarter> last_committed() const override;
  std::vector<CommitRecord> commits() const override;
  std::optional<CommitRecord> commit_of(const Quarter& quarter) const override;
  std::vector<LedgerEntry> entries(const Quarter& quarter) const override;
  PaidTotals paid_between(const Quarter& first, const Quarter& last) const override;
  /// @brief Appends a commit in one SQLite transaction (see `Ledger::commit`).
  ///
  /// On `io_error` nothing of it was committed, with one exception no database
  /// can rule out: a failure reported after the commit record reached the disk leaves
  /// it committed entirely. Committing the same quarter again tells which
  /// (`already_committed`), and is always safe.
  /// @param pending the settled quarter to commit.
  /// @return `committed` or `already_committed`, as for `Ledger::commit`.
  /// @throws Error as `Ledger::commit`; `invalid_argument` when opened read-only.
  CommitResult commit(const PendingCommit& pending) override;
  void verify() const override;

 private:
  struct Impl;
  explicit SqliteLedger(std::unique_ptr<Impl> impl) noexcept;
  Impl& impl() const;
  std::unique_ptr<Impl> impl_;
};

}  // namespace duixian
