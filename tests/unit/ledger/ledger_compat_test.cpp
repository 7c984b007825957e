// A ledger file written by Duixian 0.1.0 (tests/data/ledger-0.1.db: 2019Q1 and 2019Q2 of
// tests/cli/data committed by the 0.1.0 command-line program) opens, verifies and grows
// under this version: the file format and the hashed texts kept their names (table `runs`,
// column `run_sha256`, `duixian-ledger-run 1`) when the API's words changed.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "duixian/sqlite_ledger.hpp"
#include "duixian/version.hpp"
#include "ledger_file_fixture.hpp"
#include "test_paths.hpp"

namespace duixian {
namespace {

class LedgerCompat : public test::LedgerFileTest {
 protected:
  LedgerCompat() : LedgerFileTest("compat_") {
    std::filesystem::copy_file(test::source_path("tests/data/ledger-0.1.db"), path);
  }
};

TEST_F(LedgerCompat, ALedgerOfVersion010OpensAndVerifies) {
  const SqliteLedger ledger = SqliteLedger::open(path, OpenMode::read_only);  // opening verifies
  ledger.verify();
  const std::vector<CommitRecord> commits = ledger.commits();
  ASSERT_EQ(commits.size(), 2U);
  EXPECT_EQ(commits[0].quarter, Quarter(2019, 1));
  EXPECT_EQ(commits[1].quarter, Quarter(2019, 2));
  EXPECT_EQ(commits[0].library_version, "0.1.0");
  EXPECT_EQ(commits[1].previous_sha256, commits[0].commit_sha256);
  EXPECT_EQ(commits[1].commit_sha256, commit_digest(commits[1]));
  // By hand (tests/cli/cli_test.py): R1 paid 150,000.00 a quarter to A; B's R6 and B3 in Q1.
  const PaidTotals paid = ledger.paid_before(Quarter(2019, 3));
  EXPECT_EQ(paid.paid("91330302799655058J", "R1-tech-upgrade").to_string(), "300000.00");
  EXPECT_EQ(paid.paid("91330381314159268F", "R6-micro-park-rent").to_string(), "7733.33");
  EXPECT_EQ(paid.paid("91330381314159268F", "B3-power-price").to_string(), "55802.43");
}

TEST_F(LedgerCompat, ALedgerOfVersion010TakesTheNextCommit) {
  SqliteLedger ledger = SqliteLedger::open(path, OpenMode::read_write);
  const CommitRecord q2 = *ledger.commit_of(Quarter(2019, 2));
  PendingCommit q3;
  q3.quarter = Quarter(2019, 3);
  q3.book_id = "wenzhou-2019";
  q3.book_sha256 = q2.book_sha256;
  q3.data_sha256 = q2.data_sha256;
  q3.entries = {LedgerEntry{"91330302799655058J", "R1-tech-upgrade", Decimal::parse("150000.00")}};
  const CommitResult result = ledger.commit(q3);
  EXPECT_EQ(result.status, CommitStatus::committed);
  EXPECT_EQ(result.record.sequence, 3);
  EXPECT_EQ(result.record.previous_sha256, q2.commit_sha256);
  EXPECT_EQ(result.record.library_version, DUIXIAN_VERSION_STRING);
  ledger.verify();
  EXPECT_EQ(SqliteLedger::open(path, OpenMode::read_only).commits().size(), 3U);
}

}  // namespace
}  // namespace duixian
