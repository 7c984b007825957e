// What only the SQLite ledger has: a file that persists, its schema and version,
// verification on open, SQLite's read-only mode, and several handles on one file.
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <sqlite3.h>
#include <unistd.h>

#include "duixian/error.hpp"
#include "support/sha256.hpp"
#include "duixian/sqlite_ledger.hpp"
#include "duixian/version.hpp"
#include "ledger_file_fixture.hpp"

namespace duixian {
namespace {

LedgerEntry entry(const char* code, const char* policy, const char* amount) {
  return LedgerEntry{code, policy, Decimal::parse(amount)};
}

PendingCommit commit_of(unsigned quarter) {
  return PendingCommit{Quarter(2019, quarter),
                     {entry("91330300A", "R1", "100.00"), entry("91330300A", "R2", "-50.00"),
                      entry("91330300B", "R1", std::to_string(quarter).c_str())},
                     "wenzhou-2019",
                     sha256_hex("book"),
                     sha256_hex("data"),
                     "2019-07-05T09:30:00Z"};
}

class LedgerSqlite : public test::LedgerFileTest {
 protected:
  LedgerSqlite() : LedgerFileTest("duixian_") {}

  // A ledger with 2019Q1..Q3 committed, closed again.
  void make_three_commits() const {
    SqliteLedger l = SqliteLedger::open(path, OpenMode::create);
    for (unsigned q = 1; q <= 3; ++q) l.commit(commit_of(q));
  }

};

TEST_F(LedgerSqlite, PersistsAcrossReopen) {
  make_three_commits();
  SqliteLedger again = SqliteLedger::open(path);
  EXPECT_EQ(again.path(), path);
  EXPECT_EQ(again.last_committed(), Quarter(2019, 3));
  ASSERT_EQ(again.commits().size(), 3u);
  EXPECT_EQ(again.entries(Quarter(2019, 2)).back(), entry("91330300B", "R1", "2.00"));
  EXPECT_EQ(again.paid_before(Quarter(2019, 4)).paid("91330300A", "R2").to_string(), "-150.00");
  EXPECT_EQ(again.commit(commit_of(3)).status, CommitStatus::already_committed);
  EXPECT_EQ(again.commit(commit_of(4)).status, CommitStatus::committed);
}

TEST_F(LedgerSqlite, StoresSchemaVersionWalAndAmountsAsText) {
  make_three_commits();
  EXPECT_EQ(raw("PRAGMA user_version"), "1|");
  EXPECT_EQ(raw("PRAGMA application_id"), std::to_string(SqliteLedger::application_id) + "|");
  EXPECT_EQ(raw("PRAGMA journal_mode"), "wal|");
  EXPECT_EQ(raw("SELECT DISTINCT typeof(amount) FROM entries"), "text|");
  EXPECT_EQ(raw("SELECT amount FROM entries WHERE run = 1 ORDER BY credit_code, policy"), "100.00|-50.00|1.00|");
  EXPECT_EQ(raw("PRAGMA integrity_check"), "ok|");
}

TEST_F(LedgerSqlite, AnAmountAlteredByHandIsDetectedAtOpenNamingTheCommit) {
  make_three_commits();
  raw("UPDATE entries SET amount = '100.01' WHERE run = 2 AND credit_code = '91330300A' AND policy = 'R1'");
  EXPECT_EQ(open_error(), "io_error: ledger commit 2 (2019Q2) is corrupt: its entries do not match their digest");
  EXPECT_EQ(open_error(OpenMode::read_only), open_error());
}

TEST_F(LedgerSqlite, OtherAlterationsAreDetectedToo) {
  make_three_commits();
  raw("UPDATE runs SET committed_at = '2019-07-06T09:30:00Z' WHERE sequence = 3");
  EXPECT_EQ(open_error(), "io_error: ledger commit 3 (2019Q3) is corrupt: its record does not match its digest");
  raw("UPDATE runs SET committed_at = '2019-07-05T09:30:00Z' WHERE sequence = 3");
  EXPECT_EQ(open_error(), "opened");
  raw("DELETE FROM entries WHERE run = 1 AND policy = 'R2'");
  EXPECT_EQ(open_error(), "io_error: ledger commit 1 (2019Q1) is corrupt: it has 2 entries, its record says 3");
}

TEST_F(LedgerSqlite, AnUnreadableAmountIsReportedAsCorruption) {
  make_three_commits();
  raw("UPDATE entries SET amount = 'lots' WHERE run = 2 AND policy = 'R2'");
  const std::string error = open_error();
  EXPECT_EQ(error.rfind("io_error: ledger commit 2 (2019Q2) is corrupt: an entry cannot be read back", 0), 0u) << error;
}

TEST_F(LedgerSqlite, ReadOnlyOpenCannotCommit) {
  make_three_commits();
  SqliteLedger reader = SqliteLedger::open(path, OpenMode::read_only);
  EXPECT_TRUE(reader.read_only());  // SQLite's own read-only mode, not a flag of ours
  EXPECT_EQ(reader.commits().size(), 3u);
  try {
    reader.commit(commit_of(4));
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::invalid_argument);
    EXPECT_EQ(std::string(e.what()), "invalid_argument: cannot commit 2019Q4: ledger " + path + " was opened read-only");
  }
  EXPECT_EQ(SqliteLedger::open(path).commits().size(), 3u);
  EXPECT_FALSE(SqliteLedger::open(path).read_only());
}

TEST_F(LedgerSqlite, ANewerSchemaVersionIsRefused) {
  make_three_commits();
  raw("PRAGMA user_version = 2");
  EXPECT_EQ(open_error(), "io_error: " + path +
                              " has ledger schema version 2, newer than version 1 known to Duixian " +
                              DUIXIAN_VERSION_STRING + "; open it with a newer Duixian");
  EXPECT_EQ(open_error(OpenMode::read_only), open_error());
}

TEST_F(LedgerSqlite, FilesThatAreNotLedgersAreRefused) {
  EXPECT_NE(open_error().find("cannot open ledger"), std::string::npos);  // missing, and not asked to create
  EXPECT_NE(open_error(OpenMode::read_only).find("cannot open ledger"), std::string::npos);

  raw("CREATE TABLE invoices (id INTEGER)");  // another application's database
  EXPECT_EQ(open_error(), "io_error: " + path + " is not a Duixian ledger (application_id 0x00000000, expected "
                                                "0x44584c47)");
  EXPECT_EQ(open_error(OpenMode::create), open_error());
  remove_files();

  std::ofstream(path) << "not a database at all, but long enough to have a header that SQLite reads......";
  EXPECT_NE(open_error(OpenMode::create).find("not a database"), std::string::npos);
  remove_files();

  std::ofstream{path};  // empty file: a ledger only when asked to create one
  EXPECT_NE(open_error().find("open it with OpenMode::create"), std::string::npos);
  EXPECT_EQ(open_error(OpenMode::create), "opened");
}

TEST_F(LedgerSqlite, AnEmptyDatabaseReadsAsAnEmptyLedgerAndCreateRepairsIt) {
  for (int variant = 0; variant < 2; ++variant) {
    remove_files();
    if (variant == 0) {
      std::ofstream{path};  // a zero-byte file
    } else {
      raw("PRAGMA user_version = 0");  // a database with a header and nothing in it
    }
    const auto size_before = std::filesystem::file_size(path);
    {
      SqliteLedger preview = SqliteLedger::open(path, OpenMode::read_only);
      EXPECT_FALSE(preview.last_committed().has_value()) << variant;
      EXPECT_TRUE(preview.commits().empty());
      EXPECT_EQ(preview.paid_between(Quarter(2019, 1), Quarter(2019, 4)).size(), 0U);
      EXPECT_NO_THROW(preview.verify());
      EXPECT_THROW(preview.commit(commit_of(1)), Error);
    }
    EXPECT_EQ(std::filesystem::file_size(path), size_before) << "a preview changed the file";
    {
      SqliteLedger l = SqliteLedger::open(path, OpenMode::create);  // the next commit repairs it
      EXPECT_EQ(l.commit(commit_of(1)).status, CommitStatus::committed);
    }
    EXPECT_EQ(SqliteLedger::open(path, OpenMode::read_only).last_committed(), Quarter(2019, 1));
  }
}

TEST_F(LedgerSqlite, AJournalLeftByAKilledCreationIsRolledBackByAReadOnlyOpen) {
  // A creation killed mid-write: copy the file and its rollback journal while a
  // transaction that has spilled pages to the file is open (a process killed there
  // leaves exactly these two files).
  const std::string victim = path + ".victim";
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open_v2(victim.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db, "PRAGMA cache_size=1; BEGIN; CREATE TABLE t(x);", nullptr, nullptr, nullptr), SQLITE_OK);
  for (int i = 0; i < 2000; ++i) {
    ASSERT_EQ(sqlite3_exec(db, "INSERT INTO t VALUES (printf('%.500c', 'x'))", nullptr, nullptr, nullptr), SQLITE_OK);
  }
  ASSERT_GT(std::filesystem::file_size(victim + "-journal"), 0U) << "no hot journal to test with";
  std::filesystem::copy_file(victim, path);
  std::filesystem::copy_file(victim + "-journal", path + "-journal");
  sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
  sqlite3_close(db);
  for (const char* suffix : {"", "-journal"}) std::remove((victim + suffix).c_str());

  // Without the recovery this open fails with "attempt to write a readonly database".
  SqliteLedger preview = SqliteLedger::open(path, OpenMode::read_only);
  EXPECT_FALSE(preview.last_committed().has_value());
  EXPECT_EQ(std::filesystem::file_size(path), 0U) << "the killed creation was rolled back to nothing";
  SqliteLedger l = SqliteLedger::open(path, OpenMode::create);
  EXPECT_EQ(l.commit(commit_of(1)).status, CommitStatus::committed);
}

TEST_F(LedgerSqlite, TwoHandlesOnOneFileSeeEachOthersCommits) {
  SqliteLedger a = SqliteLedger::open(path, OpenMode::create);
  SqliteLedger b = SqliteLedger::open(path);
  a.commit(commit_of(1));
  EXPECT_EQ(b.last_committed(), Quarter(2019, 1));
  PendingCommit changed = commit_of(1);
  changed.entries.pop_back();
  EXPECT_THROW(b.commit(changed), Error);  // b decides from the file, not from what it saw before
  EXPECT_EQ(b.commit(commit_of(2)).record.previous_sha256, a.commits().front().commit_sha256);
  EXPECT_EQ(a.commit(commit_of(2)).status, CommitStatus::already_committed);
  EXPECT_NO_THROW(a.verify());
}

TEST_F(LedgerSqlite, AMovedHandleKeepsTheConnection) {
  SqliteLedger a = SqliteLedger::open(path, OpenMode::create);
  a.commit(commit_of(1));
  SqliteLedger b = std::move(a);
  EXPECT_EQ(b.last_committed(), Quarter(2019, 1));
  a = std::move(b);
  EXPECT_EQ(a.commit(commit_of(2)).status, CommitStatus::committed);
}

}  // namespace
}  // namespace duixian
