// The SQLite ledger under faults and tampering (issue 7):
// - a full database (SQLite's max_page_count) fails a commit with a clear io_error and
//   leaves the ledger as it was;
// - a ledger opened read-only (SQLite's read-only mode: as root, chmod would not stop a
//   write) refuses commits and leaves the file byte-identical;
// - rows altered by hand through a raw sqlite3 connection (an amount, a deleted commit, two
//   commits' sequence swapped, digests recomputed to match) are found by verify() and by
//   open, with the commit named.
// tests/unit/ledger_sqlite_test.cpp has the basic alterations; tests/ledger_crash the
// failing writes and syncs.
#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string>
#include <vector>

#include <sqlite3.h>
#include <unistd.h>

#include "duixian/error.hpp"
#include "support/sha256.hpp"
#include "duixian/sqlite_ledger.hpp"
#include "ledger_file_fixture.hpp"
#include "reliability_record.hpp"

namespace duixian {
namespace {

using test::reliability_record;

// A commit of `lines` entries: enough of them fill several pages of the file.
PendingCommit commit_of(unsigned quarter, int lines = 3) {
  PendingCommit commit{Quarter(2019, quarter), {}, "wenzhou-2019", sha256_hex("book"), sha256_hex("data"),
                  "2019-07-05T09:30:00Z"};
  for (int i = 0; i < lines; ++i) {
    char code[32];
    std::snprintf(code, sizeof code, "9133030%011d", i);
    commit.entries.push_back(LedgerEntry{code, i % 2 == 0 ? "R1" : "R2",
                                      Decimal::parse(std::to_string(100 * quarter + static_cast<unsigned>(i)) + ".25")});
  }
  return commit;
}

// The file's connections set PRAGMA max_page_count to this when they open (0: no limit).
// An auto extension runs for every sqlite3_open in the process, the library's included.
int g_max_pages = 0;

int limit_pages(sqlite3* db, char** /*error*/, const sqlite3_api_routines* /*api*/) {
  if (g_max_pages > 0) {
    const std::string sql = "PRAGMA max_page_count=" + std::to_string(g_max_pages);
    sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr);
  }
  return SQLITE_OK;
}

class LedgerTamper : public test::LedgerFileTest {
 protected:
  LedgerTamper() : LedgerFileTest("duixian_tamper_") {}
  ~LedgerTamper() override {
    g_max_pages = 0;
    sqlite3_cancel_auto_extension(reinterpret_cast<void (*)(void)>(limit_pages));
  }

  // 2019Q1..Q3 committed, closed again (the last connection folds the WAL into the file).
  void make_three_commits(int lines = 3) const {
    SqliteLedger l = SqliteLedger::open(path, OpenMode::create);
    for (unsigned q = 1; q <= 3; ++q) l.commit(commit_of(q, lines));
  }

  std::string bytes(const std::string& file) const {
    std::ifstream in(file, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }


  // verify() on a ledger opened before the tampering: the same finding as open.
  static std::string verify_error(const SqliteLedger& ledger) {
    try {
      ledger.verify();
    } catch (const Error& e) {
      EXPECT_EQ(e.code(), ErrorCode::io_error) << e.what();
      return e.what();
    }
    return "verified";
  }

  static std::string quoted_sql(const std::string& text) { return "'" + text + "'"; }

  // The record of a tamper case, once its assertions held (see reliability_record.hpp).
  void record_tamper(const std::string& alteration, const std::string& message) const {
    if (!HasFailure()) reliability_record({{"section", "tamper"}, {"alteration", alteration}, {"message", message}});
  }
};

// ---- a full database -------------------------------------------------------------

TEST_F(LedgerTamper, AFullDatabaseFailsTheCommitClearlyAndLeavesTheLedgerIntact) {
  make_three_commits(200);
  const std::string file_before = bytes(path);
  const std::vector<CommitRecord> before = SqliteLedger::open(path).commits();
  ASSERT_EQ(before.size(), 3u);
  ASSERT_EQ(sqlite3_auto_extension(reinterpret_cast<void (*)(void)>(limit_pages)), SQLITE_OK);
  g_max_pages = 1;  // raised by SQLite to the file's current size: no page can be added
  std::string message;
  {
    SqliteLedger full = SqliteLedger::open(path);
    EXPECT_EQ(full.commits(), before);
    try {
      full.commit(commit_of(4, 2000));
      FAIL() << "committed into a full database";
    } catch (const Error& e) {
      EXPECT_EQ(e.code(), ErrorCode::io_error);
      const std::string what = e.what();
      // Which commit, which ledger, and SQLite's reason.
      EXPECT_EQ(what.rfind("io_error: committing 2019Q4 to ledger " + path + ": ", 0), 0u) << what;
      EXPECT_NE(what.find("database or disk is full (SQLite code 13)"), std::string::npos) << what;
      message = what;
    }
    // The handle is still usable and reads the same history: nothing of the commit is in it.
    EXPECT_EQ(full.commits(), before);
    EXPECT_EQ(verify_error(full), "verified");
  }
  g_max_pages = 0;
  // Closed again, the file is what it was: the failed commit left nothing in it.
  EXPECT_TRUE(bytes(path) == file_before) << "the failed commit changed the file";
  SqliteLedger again = SqliteLedger::open(path);  // verifies
  EXPECT_EQ(again.commits(), before);
  EXPECT_EQ(raw("SELECT count(*) FROM entries WHERE run = 4"), "0|");
  EXPECT_EQ(raw("PRAGMA integrity_check"), "ok|");
  // The space back, the same commit succeeds.
  EXPECT_EQ(again.commit(commit_of(4, 2000)).status, CommitStatus::committed);
  EXPECT_NO_THROW(again.verify());
  if (!HasFailure()) {
    reliability_record({{"section", "faults"}, {"operation", "commit"}, {"fault", "database full (max_page_count)"},
                        {"points", 1},
                        {"result", message + "; file unchanged, and the commit succeeded once space was back"}});
  }
}

// ---- read-only ---------------------------------------------------------------------

TEST_F(LedgerTamper, AReadOnlyLedgerRefusesCommitsAndLeavesTheFileByteIdentical) {
  make_three_commits();
  const std::string file_before = bytes(path);
  ASSERT_FALSE(file_before.empty());
  std::string message;
  {
    SqliteLedger reader = SqliteLedger::open(path, OpenMode::read_only);
    EXPECT_TRUE(reader.read_only());  // SQLITE_OPEN_READONLY, not a flag of ours: root cannot write either
    EXPECT_EQ(reader.commits().size(), 3u);
    EXPECT_NO_THROW(reader.verify());
    for (unsigned q : {3u, 4u}) {  // already committed, and the next quarter: both refused
      try {
        reader.commit(commit_of(q));
        FAIL() << "committed through a read-only ledger";
      } catch (const Error& e) {
        EXPECT_EQ(e.code(), ErrorCode::invalid_argument);
        EXPECT_EQ(std::string(e.what()), "invalid_argument: cannot commit 2019Q" + std::to_string(q) + ": ledger " +
                                             path + " was opened read-only");
        message = e.what();
      }
    }
    EXPECT_EQ(reader.commits().size(), 3u);
  }
  EXPECT_TRUE(bytes(path) == file_before) << "the read-only session changed the file";
  EXPECT_EQ(SqliteLedger::open(path).commits().size(), 3u);
  if (!HasFailure()) {
    reliability_record({{"section", "faults"}, {"operation", "commit"}, {"fault", "opened read-only"}, {"points", 1},
                        {"result", message + "; file unchanged (byte-identical)"}});
  }
}

// ---- tampering ----------------------------------------------------------------------

TEST_F(LedgerTamper, AnAmountChangedByHandIsFoundByVerifyAndOpenNamingTheCommit) {
  make_three_commits();
  SqliteLedger ledger = SqliteLedger::open(path);
  raw("UPDATE entries SET amount = '201.26' WHERE run = 2 AND amount = '201.25'");
  const std::string expected = "io_error: ledger commit 2 (2019Q2) is corrupt: its entries do not match their digest";
  EXPECT_EQ(verify_error(ledger), expected);
  EXPECT_EQ(open_error(), expected);
  EXPECT_EQ(open_error(OpenMode::read_only), expected);
  record_tamper("an amount of commit 2 changed by hand", expected);
}

TEST_F(LedgerTamper, AnAmountChangedWithItsDigestsRecomputedBreaksTheChainAtTheNextCommit) {
  make_three_commits();
  SqliteLedger ledger = SqliteLedger::open(path);
  // A careful forger changes an amount of commit 2 and recomputes its entries digest ...
  raw("UPDATE entries SET amount = '999.25' WHERE run = 2 AND amount = '201.25'");
  std::vector<LedgerEntry> forged = commit_of(2).entries;
  forged[1].amount = Decimal::parse("999.25");
  EntriesDigest digest;
  for (const LedgerEntry& e : forged) digest.add(e.credit_code, e.policy_id, e.amount);
  CommitRecord record = ledger.commits()[1];
  record.entries_sha256 = digest.finish_hex();
  raw("UPDATE runs SET entries_sha256 = " + quoted_sql(record.entries_sha256) + " WHERE sequence = 2");
  const std::string first = "io_error: ledger commit 2 (2019Q2) is corrupt: its record does not match its digest";
  EXPECT_EQ(verify_error(ledger), first);
  record_tamper("an amount of commit 2 changed and its entries digest recomputed", first);
  // ... then the commit digest too: the next commit no longer chains to it.
  record.commit_sha256 = commit_digest(record);
  raw("UPDATE runs SET run_sha256 = " + quoted_sql(record.commit_sha256) + " WHERE sequence = 2");
  const std::string expected = "io_error: ledger commit 3 (2019Q3) is corrupt: it does not chain to the commit before it";
  EXPECT_EQ(verify_error(ledger), expected);
  EXPECT_EQ(open_error(), expected);
  record_tamper("an amount of commit 2 changed and its entries and commit digests recomputed", expected);
}

TEST_F(LedgerTamper, ADeletedCommitIsFoundNamingTheCommitAfterTheGap) {
  make_three_commits();
  SqliteLedger ledger = SqliteLedger::open(path);
  raw("DELETE FROM entries WHERE run = 2; DELETE FROM runs WHERE sequence = 2");
  const std::string expected = "io_error: ledger commit 3 (2019Q3) is corrupt: it is number 2 in the chain";
  EXPECT_EQ(verify_error(ledger), expected);
  EXPECT_EQ(open_error(), expected);
  EXPECT_EQ(open_error(OpenMode::read_only), expected);
  record_tamper("commit 2 deleted, its record and its entries", expected);
}

TEST_F(LedgerTamper, ACommitRecordDeletedWithoutItsEntriesIsFound) {
  make_three_commits();
  SqliteLedger ledger = SqliteLedger::open(path);
  // The last commit's record goes, its entries stay behind (SQLite's foreign keys are off
  // on a connection that does not ask for them).
  raw("DELETE FROM runs WHERE sequence = 3");
  const std::string expected = "io_error: ledger commit 3 is corrupt: it has entries but no record (the commit was deleted)";
  EXPECT_EQ(verify_error(ledger), expected);
  EXPECT_EQ(open_error(), expected);
  EXPECT_EQ(open_error(OpenMode::read_only), expected);
  record_tamper("the last commit's record deleted, its entries left", expected);
  // (A commit deleted whole, record and entries, from the end of the chain leaves a valid
  // shorter ledger: only a copy of the last commit digest kept elsewhere can tell.)
}

TEST_F(LedgerTamper, TwoCommitsWithTheirSequenceSwappedAreFoundNamingTheCommit) {
  make_three_commits();
  SqliteLedger ledger = SqliteLedger::open(path);
  raw("UPDATE runs SET sequence = 100 WHERE sequence = 1; UPDATE runs SET sequence = 1 WHERE sequence = 2;"
      "UPDATE runs SET sequence = 2 WHERE sequence = 100");
  const std::string expected = "io_error: ledger commit 1 (2019Q2) is corrupt: it does not chain to the commit before it";
  EXPECT_EQ(verify_error(ledger), expected);
  EXPECT_EQ(open_error(), expected);
  record_tamper("the sequence numbers of commits 1 and 2 swapped", expected);
}

TEST_F(LedgerTamper, TwoCommitsSwappedWithTheirEntriesAreFoundToo) {
  make_three_commits();
  SqliteLedger ledger = SqliteLedger::open(path);
  raw("UPDATE runs SET sequence = 100 WHERE sequence = 1; UPDATE runs SET sequence = 1 WHERE sequence = 2;"
      "UPDATE runs SET sequence = 2 WHERE sequence = 100;"
      "UPDATE entries SET run = 100 WHERE run = 1; UPDATE entries SET run = 1 WHERE run = 2;"
      "UPDATE entries SET run = 2 WHERE run = 100");
  const std::string expected = "io_error: ledger commit 1 (2019Q2) is corrupt: it does not chain to the commit before it";
  EXPECT_EQ(verify_error(ledger), expected);
  EXPECT_EQ(open_error(), expected);
  record_tamper("commits 1 and 2 swapped with their entries", expected);
}

TEST_F(LedgerTamper, TwoCommitsWithTheirQuartersSwappedAreFoundNamingTheCommit) {
  make_three_commits();
  SqliteLedger ledger = SqliteLedger::open(path);
  raw("UPDATE runs SET quarter = 'x' WHERE sequence = 1; UPDATE runs SET quarter = '2019Q1' WHERE sequence = 2;"
      "UPDATE runs SET quarter = '2019Q2' WHERE sequence = 1");
  const std::string error = verify_error(ledger);
  EXPECT_EQ(error.rfind("io_error: ledger commit ", 0), 0u) << error;
  EXPECT_NE(error.find("(2019Q"), std::string::npos) << error;
  EXPECT_EQ(open_error(), error);
  record_tamper("the quarters of commits 1 and 2 swapped", error);
}

}  // namespace
}  // namespace duixian
