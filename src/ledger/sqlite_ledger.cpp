// SqliteLedger: the Ledger rules (ledger_rules.cpp) over one SQLite file.
#include "duixian/sqlite_ledger.hpp"

#include <filesystem>
#include <functional>
#include <system_error>
#include <mutex>
#include <string_view>
#include <utility>

#include "duixian/error.hpp"
#include "duixian/fen.hpp"
#include "ledger/checks.hpp"
#include "ledger/sqlite_handle.hpp"
#include "ledger/sqlite_schema.hpp"

namespace duixian {

namespace {

constexpr const char* kRunColumns =
    "sequence, quarter, book_id, book_sha256, data_sha256, library_version, committed_at, entry_count, "
    "entries_sha256, previous_sha256, run_sha256";

std::string run_query(const char* tail) { return std::string("SELECT ") + kRunColumns + " FROM runs " + tail; }

// A write that was killed leaves a journal (`-journal`, or `-wal` in WAL mode) that SQLite
// rolls back, or replays, on the next open, but only on a connection that may write: a
// read-only open would fail with "attempt to write a readonly database". Recovering first
// restores the last committed state and changes nothing committed.
void recover_interrupted_write(const std::string& path) {
  std::error_code ec;
  const auto leftover = [&](const char* suffix) {
    const std::filesystem::path p(path + suffix);
    return std::filesystem::exists(p, ec) && std::filesystem::file_size(p, ec) > 0;
  };
  if (!leftover("-journal") && !leftover("-wal")) return;
  try {
    detail::SqliteDb db(path, SQLITE_OPEN_READWRITE);
    sqlite3_busy_timeout(db.get(), 5000);
    (void)db.query_int("PRAGMA user_version", "recovering ledger " + path);
  } catch (const Error&) {
    // Not writable here: the read-only open below reports what it meets.
  }
}

// `path`, after recovering an interrupted write when it is to be opened read-only.
const std::string& recovered(const std::string& path, OpenMode mode) {
  if (mode == OpenMode::read_only) recover_interrupted_write(path);
  return path;
}

}  // namespace

struct SqliteLedger::Impl {
  Impl(const std::string& file, OpenMode open_mode)
      : path(file),
        db(recovered(file, open_mode), open_mode == OpenMode::read_only ? SQLITE_OPEN_READONLY
                                                  : SQLITE_OPEN_READWRITE |
                                                        (open_mode == OpenMode::create ? SQLITE_OPEN_CREATE : 0)) {
    sqlite3_busy_timeout(db.get(), 5000);
    detail::open_ledger_schema(db, path, open_mode != OpenMode::read_only, open_mode == OpenMode::create);
    db.exec("PRAGMA foreign_keys=ON", "opening ledger " + path);
    all_records.emplace(db, run_query("ORDER BY sequence").c_str());
    last_record.emplace(db, run_query("ORDER BY sequence DESC LIMIT 1").c_str());
    record_of.emplace(db, run_query("WHERE quarter = ?1").c_str());
    entries_of.emplace(db, "SELECT credit_code, policy, amount FROM entries WHERE run = ?1 "
                           "ORDER BY credit_code, policy");
    paid.emplace(db, "SELECT e.credit_code, e.policy, e.amount, r.sequence FROM entries e "
                     "JOIN runs r ON r.sequence = e.run WHERE r.quarter BETWEEN ?1 AND ?2");
    insert_record.emplace(db, ("INSERT INTO runs (" + std::string(kRunColumns) +
                            ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)")
                               .c_str());
    insert_entry.emplace(db, "INSERT INTO entries (run, credit_code, policy, amount) VALUES (?1, ?2, ?3, ?4)");
  }

  CommitRecord read_record(detail::SqliteStmt::Use& row) const;
  std::vector<CommitRecord> read_records(detail::SqliteStmt& stmt, const std::string& quarter = {}) const;
  void feed_entries(std::int64_t sequence, const std::string& quarter,
                    const std::function<void(std::string_view, std::string_view, const Decimal&)>& visit) const;

  std::string path;
  mutable std::mutex mutex;  // one connection: calls take turns
  detail::SqliteDb db;       // declared before the statements, so it is closed after them
  mutable std::optional<detail::SqliteStmt> all_records, last_record, record_of, entries_of, paid, insert_record, insert_entry;
};

namespace {

[[noreturn]] void unreadable(const std::string& path, const std::string& what, const Error& e) {
  throw Error(ErrorCode::io_error, "ledger " + path + " is corrupt: " + what + " cannot be read (" + std::string(e.message()) + ")");
}

// An io_error of a statement inside a commit, with the commit and the ledger named first.
[[noreturn]] void commit_failed(const std::string& quarter, const std::string& path, const Error& e) {
  throw Error(ErrorCode::io_error, "committing " + quarter + " to ledger " + path + ": " + std::string(e.message()));
}

// Runs `body`. A failing statement's error names the statement, not the file (a lock
// or read that fails while opening or verifying, say): such an io_error is thrown
// again with `doing`, which names the ledger, first. Errors that name it already (a
// corrupt commit, a foreign file) pass through unchanged.
template <class Body>
decltype(auto) naming_ledger(const std::string& path, const std::string& doing, Body&& body) {
  try {
    return body();
  } catch (const Error& e) {
    if (e.code() != ErrorCode::io_error || std::string_view(e.what()).find(path) != std::string_view::npos) throw;
    throw Error(ErrorCode::io_error, doing + ": " + std::string(e.message()));
  }
}

}  // namespace

CommitRecord SqliteLedger::Impl::read_record(detail::SqliteStmt::Use& row) const {
  CommitRecord r;
  r.sequence = row.integer(0);
  try {
    r.quarter = Quarter::parse(row.text(1));
  } catch (const Error& e) {
    unreadable(path, "the quarter of commit " + std::to_string(r.sequence), e);
  }
  r.book_id = row.text(2);
  r.book_sha256 = row.text(3);
  r.data_sha256 = row.text(4);
  r.library_version = row.text(5);
  r.committed_at = row.text(6);
  r.entry_count = row.integer(7);
  r.entries_sha256 = row.text(8);
  r.previous_sha256 = row.text(9);
  r.commit_sha256 = row.text(10);
  return r;
}

std::vector<CommitRecord> SqliteLedger::Impl::read_records(detail::SqliteStmt& stmt, const std::string& quarter) const {
  auto use = stmt.use();
  if (!quarter.empty()) use.bind(1, quarter);
  std::vector<CommitRecord> out;
  while (use.step()) out.push_back(read_record(use));
  return out;
}

void SqliteLedger::Impl::feed_entries(
    std::int64_t sequence, const std::string& quarter,
    const std::function<void(std::string_view, std::string_view, const Decimal&)>& visit) const {
  auto use = entries_of->use();
  use.bind(1, sequence);
  while (use.step()) {
    std::int64_t fen = 0;
    try {
      fen = detail::stored_fen(use.text(2));
    } catch (const Error& e) {
      unreadable(path, "an amount of " + detail::commit_name(sequence, quarter), e);
    }
    visit(use.text(0), use.text(1), fen_to_decimal(fen));
  }
}

SqliteLedger::SqliteLedger(std::unique_ptr<Impl> impl) noexcept : impl_(std::move(impl)) {}
SqliteLedger::~SqliteLedger() = default;
SqliteLedger::SqliteLedger(SqliteLedger&& other) noexcept = default;
SqliteLedger& SqliteLedger::operator=(SqliteLedger&& other) noexcept = default;

SqliteLedger SqliteLedger::open(const std::string& path, OpenMode mode) {
  SqliteLedger ledger(
      naming_ledger(path, "opening ledger " + path, [&] { return std::make_unique<Impl>(path, mode); }));
  ledger.verify();
  return ledger;
}

SqliteLedger::Impl& SqliteLedger::impl() const {
  if (!impl_) throw Error(ErrorCode::invalid_argument, "use of a moved-from SqliteLedger");
  return *impl_;
}

const std::string& SqliteLedger::path() const { return impl().path; }

bool SqliteLedger::read_only() const {
  Impl& d = impl();
  std::lock_guard<std::mutex> lock(d.mutex);
  return sqlite3_db_readonly(d.db.get(), "main") == 1;
}

std::optional<Quarter> SqliteLedger::last_committed() const {
  Impl& d = impl();
  std::lock_guard<std::mutex> lock(d.mutex);
  std::vector<CommitRecord> last = d.read_records(*d.last_record);
  if (last.empty()) return std::nullopt;
  return last.front().quarter;
}

std::vector<CommitRecord> SqliteLedger::commits() const {
  Impl& d = impl();
  std::lock_guard<std::mutex> lock(d.mutex);
  return d.read_records(*d.all_records);
}

std::optional<CommitRecord> SqliteLedger::commit_of(const Quarter& quarter) const {
  Impl& d = impl();
  std::lock_guard<std::mutex> lock(d.mutex);
  std::vector<CommitRecord> found = d.read_records(*d.record_of, quarter.to_string());
  if (found.empty()) return std::nullopt;
  return found.front();
}

std::vector<LedgerEntry> SqliteLedger::entries(const Quarter& quarter) const {
  Impl& d = impl();
  std::lock_guard<std::mutex> lock(d.mutex);
  detail::SqliteTransaction snapshot(d.db, "BEGIN", "reading ledger " + d.path);
  std::vector<CommitRecord> found = d.read_records(*d.record_of, quarter.to_string());
  if (found.empty()) throw Error(ErrorCode::invalid_argument, quarter.to_string() + " is not committed");
  std::vector<LedgerEntry> out;
  out.reserve(static_cast<std::size_t>(found.front().entry_count));
  d.feed_entries(found.front().sequence, quarter.to_string(),
                 [&](std::string_view code, std::string_view policy, const Decimal& amount) {
                   out.push_back(LedgerEntry{std::string(code), std::string(policy), amount});
                 });
  return out;
}

PaidTotals SqliteLedger::paid_between(const Quarter& first, const Quarter& last) const {
  Impl& d = impl();
  std::lock_guard<std::mutex> lock(d.mutex);
  PaidTotals totals;
  // Quarter text (YYYYQn, four-digit years) sorts as the quarters do.
  auto use = d.paid->use();
  use.bind(1, first.to_string()).bind(2, last.to_string());
  while (use.step()) {
    std::int64_t fen = 0;
    try {
      fen = detail::stored_fen(use.text(2));
    } catch (const Error& e) {
      unreadable(d.path, "an amount of commit " + std::to_string(use.integer(3)), e);
    }
    detail::PaidTotalsAccess::add_fen(totals, use.text(0), use.text(1), fen);
  }
  return totals;
}

CommitResult SqliteLedger::commit(const PendingCommit& pending) {
  Impl& d = impl();
  std::lock_guard<std::mutex> lock(d.mutex);
  if (sqlite3_db_readonly(d.db.get(), "main") == 1) {
    throw Error(ErrorCode::invalid_argument,
                "cannot commit " + pending.quarter.to_string() + ": ledger " + d.path + " was opened read-only");
  }
  const PreparedCommit prepared = prepare_commit(pending);
  const std::string quarter = prepared.commit.quarter.to_string();
  // The write lock is taken first, so the state read below cannot change before COMMIT.
  detail::SqliteTransaction txn(d.db, "BEGIN IMMEDIATE", "committing " + quarter + " to ledger " + d.path);
  std::optional<CommitRecord> last;
  if (std::vector<CommitRecord> found = d.read_records(*d.last_record); !found.empty()) last = std::move(found.front());
  std::optional<CommitRecord> same;
  if (last && prepared.commit.quarter <= last->quarter) {
    if (std::vector<CommitRecord> found = d.read_records(*d.record_of, quarter); !found.empty()) same = std::move(found.front());
  }
  CommitResult result = plan_commit(prepared, last, same);
  if (result.status == CommitStatus::already_committed) return result;  // nothing written; txn rolls back
  const CommitRecord& r = result.record;
  try {  // a full disk, say: name the commit and the ledger, not just the statement
    {
      auto use = d.insert_record->use();
      use.bind(1, r.sequence).bind(2, quarter).bind(3, r.book_id).bind(4, r.book_sha256).bind(5, r.data_sha256);
      use.bind(6, r.library_version).bind(7, r.committed_at).bind(8, r.entry_count).bind(9, r.entries_sha256);
      use.bind(10, r.previous_sha256).bind(11, r.commit_sha256);
      use.step();
    }
    for (const LedgerEntry& e : prepared.commit.entries) {
      auto use = d.insert_entry->use();
      use.bind(1, r.sequence).bind(2, e.credit_code).bind(3, e.policy_id).bind(4, fen_text(decimal_to_fen(e.amount)));
      use.step();
    }
  } catch (const Error& e) {
    if (e.code() != ErrorCode::io_error) throw;
    commit_failed(quarter, d.path, e);
  }
  txn.commit();  // its errors name the commit already
  return result;
}

void SqliteLedger::verify() const {
  Impl& d = impl();
  std::lock_guard<std::mutex> lock(d.mutex);
  const std::string context = "verifying ledger " + d.path;
  detail::SqliteTransaction snapshot(d.db, "BEGIN", context);  // one consistent view
  const std::vector<CommitRecord> records = naming_ledger(d.path, context, [&] { return d.read_records(*d.all_records); });
  verify_commits(records, [&](const CommitRecord& r, EntriesDigest& digest) {
    naming_ledger(d.path, context, [&] {
      d.feed_entries(r.sequence, r.quarter.to_string(),
                     [&](std::string_view code, std::string_view policy, const Decimal& amount) {
                       digest.add(code, policy, amount);
                     });
    });
  });
  // The chain cannot see a commit whose record was deleted with nothing after it; entries
  // left behind by it can be seen (verify_commits has checked the sequences are 1..n).
  const std::string outside = " FROM entries WHERE run < 1 OR run > " + std::to_string(records.size());
  const auto count = [&](const char* what) {
    return naming_ledger(d.path, context, [&] { return d.db.query_int((what + outside).c_str(), context); });
  };
  if (count("SELECT count(*)") != 0) {
    const std::int64_t sequence = count("SELECT min(run)");
    throw Error(ErrorCode::io_error, "ledger commit " + std::to_string(sequence) +
                                         " is corrupt: it has entries but no record (the commit was deleted)");
  }
  snapshot.commit();
}

}  // namespace duixian
