// The Ledger contract, run against every implementation (typed tests): order,
// idempotence, refusal of rewritten history, the chain, and paid_before.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include <unistd.h>

#include "duixian/error.hpp"
#include "duixian/ledger.hpp"
#include "support/sha256.hpp"
#include "duixian/sqlite_ledger.hpp"
#include "duixian/version.hpp"

namespace duixian {
namespace {

// Builds ledgers of one kind; a fresh, empty one per test.
struct MemoryKind {
  std::unique_ptr<Ledger> make() { return std::make_unique<InMemoryLedger>(); }
};

struct SqliteKind {
  std::string path;
  SqliteKind() {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    // The pid keeps builds that run these tests at the same time apart.
    std::string name = std::string(info->test_suite_name()) + "_" + info->name();
    std::replace(name.begin(), name.end(), '/', '_');
    path = ::testing::TempDir() + "duixian_" + std::to_string(getpid()) + "_" + name + ".db";
    remove_files();
  }
  ~SqliteKind() { remove_files(); }
  void remove_files() const {
    for (const char* suffix : {"", "-wal", "-shm"}) std::remove((path + suffix).c_str());
  }
  std::unique_ptr<Ledger> make() {
    return std::make_unique<SqliteLedger>(SqliteLedger::open(path, OpenMode::create));
  }
};

LedgerEntry entry(const char* code, const char* policy, const char* amount) {
  return LedgerEntry{code, policy, Decimal::parse(amount)};
}

PendingCommit make_commit(Quarter q, std::vector<LedgerEntry> entries, std::string at = "2019-07-05T09:30:00Z") {
  return PendingCommit{q, std::move(entries), "wenzhou-2019", sha256_hex("book"), sha256_hex("data"), std::move(at)};
}

// Three quarters of 2019 with a recovery in Q2 and Q3.
PendingCommit q1() {
  return make_commit(Quarter(2019, 1), {entry("91330300A", "R1", "100.00"), entry("91330300A", "R2", "50.00"),
                                     entry("91330300B", "R1", "30.00")});
}
PendingCommit q2() {
  return make_commit(Quarter(2019, 2), {entry("91330300A", "R1", "20.00"), entry("91330300B", "R1", "-30.00"),
                                     entry("91330300C", "R3", "5.55")});
}
PendingCommit q3() { return make_commit(Quarter(2019, 3), {entry("91330300A", "R1", "-10.00")}); }

template <class Kind>
class LedgerBehaviour : public ::testing::Test {
 protected:
  Kind kind;
  std::unique_ptr<Ledger> ledger = kind.make();
};

using LedgerKinds = ::testing::Types<MemoryKind, SqliteKind>;
class KindNames {
 public:
  template <class T>
  static std::string GetName(int) {
    return std::is_same_v<T, MemoryKind> ? "InMemory" : "Sqlite";
  }
};
TYPED_TEST_SUITE(LedgerBehaviour, LedgerKinds, KindNames);

// The message of the Error thrown by f, checking its code.
template <class F>
std::string error_of(F&& f, ErrorCode code) {
  try {
    f();
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), code) << e.what();
    return e.what();
  }
  ADD_FAILURE() << "no Error thrown";
  return {};
}

TYPED_TEST(LedgerBehaviour, StartsEmpty) {
  Ledger& l = *this->ledger;
  EXPECT_FALSE(l.last_committed().has_value());
  EXPECT_TRUE(l.commits().empty());
  EXPECT_FALSE(l.commit_of(Quarter(2019, 1)).has_value());
  EXPECT_TRUE(l.paid_before(Quarter(2019, 4)).empty());
  EXPECT_NO_THROW(l.verify());
  EXPECT_EQ(error_of([&] { l.entries(Quarter(2019, 1)); }, ErrorCode::invalid_argument),
            "invalid_argument: 2019Q1 is not committed");
}

TYPED_TEST(LedgerBehaviour, CommitsInOrderAndChainsTheCommits) {
  Ledger& l = *this->ledger;
  for (const PendingCommit& commit : {q1(), q2(), q3()}) {
    const CommitResult result = l.commit(commit);
    EXPECT_EQ(result.status, CommitStatus::committed);
    EXPECT_EQ(result.record.quarter, commit.quarter);
    EXPECT_EQ(l.commit_of(commit.quarter), result.record);
  }
  EXPECT_EQ(l.last_committed(), Quarter(2019, 3));
  const std::vector<CommitRecord> commits = l.commits();
  ASSERT_EQ(commits.size(), 3u);
  for (std::size_t i = 0; i < commits.size(); ++i) {
    const CommitRecord& r = commits[i];
    EXPECT_EQ(r.sequence, static_cast<std::int64_t>(i) + 1);
    EXPECT_EQ(r.quarter, Quarter(2019, static_cast<unsigned>(i) + 1));
    EXPECT_EQ(r.previous_sha256, i == 0 ? std::string(genesis_sha256) : commits[i - 1].commit_sha256);
    EXPECT_EQ(r.commit_sha256, commit_digest(r));
    EXPECT_TRUE(is_sha256_hex(r.entries_sha256));
    EXPECT_EQ(r.book_id, "wenzhou-2019");
    EXPECT_EQ(r.book_sha256, sha256_hex("book"));
    EXPECT_EQ(r.data_sha256, sha256_hex("data"));
    EXPECT_EQ(r.library_version, version());
    EXPECT_EQ(r.committed_at, "2019-07-05T09:30:00Z");
  }
  EXPECT_EQ(commits[0].entry_count, 3);
  EXPECT_EQ(commits[2].entry_count, 1);
  EXPECT_NO_THROW(l.verify());
}

TYPED_TEST(LedgerBehaviour, FirstCommitMayBeAnyQuarterAndOrderCrossesYears) {
  Ledger& l = *this->ledger;
  EXPECT_EQ(l.commit(make_commit(Quarter(2019, 4), {})).status, CommitStatus::committed);
  EXPECT_EQ(l.commit(make_commit(Quarter(2020, 1), {})).status, CommitStatus::committed);
  EXPECT_EQ(l.commits().front().previous_sha256, genesis_sha256);
  EXPECT_EQ(l.last_committed(), Quarter(2020, 1));
}

TYPED_TEST(LedgerBehaviour, SkippingAQuarterIsRefused) {
  Ledger& l = *this->ledger;
  l.commit(q1());
  EXPECT_EQ(error_of([&] { l.commit(q3()); }, ErrorCode::ledger_conflict),
            "ledger_conflict: cannot commit 2019Q3: the next quarter to commit is 2019Q2 (last committed 2019Q1); "
            "quarters commit in order");
  EXPECT_EQ(l.commits().size(), 1u);
}

TYPED_TEST(LedgerBehaviour, AQuarterBeforeTheFirstCommitIsRefused) {
  Ledger& l = *this->ledger;
  l.commit(q2());
  EXPECT_EQ(error_of([&] { l.commit(q1()); }, ErrorCode::ledger_conflict),
            "ledger_conflict: cannot commit 2019Q1: it comes before the ledger's first commit, and history is never "
            "rewritten; the next quarter to commit is 2019Q3");
  EXPECT_EQ(l.commits().size(), 1u);
}

TYPED_TEST(LedgerBehaviour, IdenticalRecommitIsANoOp) {
  Ledger& l = *this->ledger;
  const CommitRecord first = l.commit(q1()).record;
  const CommitRecord second = l.commit(q2()).record;
  // Same amounts, other order, other spelling (1.5 = 1.50), other time and provenance.
  PendingCommit again = q1();
  std::reverse(again.entries.begin(), again.entries.end());
  again.entries[0].amount = Decimal::parse("30");
  again.committed_at = "2020-01-01T00:00:00Z";
  again.data_sha256 = sha256_hex("revised data");
  const CommitResult result = l.commit(again);
  EXPECT_EQ(result.status, CommitStatus::already_committed);
  EXPECT_EQ(result.record, first);
  EXPECT_EQ(l.commit(q2()).status, CommitStatus::already_committed);  // the last commit too
  EXPECT_EQ(l.commits(), (std::vector<CommitRecord>{first, second}));
  EXPECT_NO_THROW(l.verify());
}

TYPED_TEST(LedgerBehaviour, DifferentRecommitIsRefusedWithTheCommitDigest) {
  Ledger& l = *this->ledger;
  const CommitRecord first = l.commit(q1()).record;
  const CommitRecord second = l.commit(q2()).record;
  PendingCommit changed = q2();
  changed.entries[0].amount = Decimal::parse("20.01");  // one fen more
  EXPECT_EQ(error_of([&] { l.commit(changed); }, ErrorCode::ledger_conflict),
            "ledger_conflict: 2019Q2 is already committed with different amounts (commit digest " + second.commit_sha256 +
                "); corrections belong to the next quarter (2019Q3)");
  // An earlier quarter, a later one being committed: refused the same way.
  PendingCommit fewer = q1();
  fewer.entries.pop_back();
  EXPECT_EQ(error_of([&] { l.commit(fewer); }, ErrorCode::ledger_conflict),
            "ledger_conflict: 2019Q1 is already committed with different amounts (commit digest " + first.commit_sha256 +
                "); corrections belong to the next quarter (2019Q3)");
  PendingCommit more = q1();
  more.entries.push_back(entry("91330300Z", "R1", "0.00"));
  EXPECT_THROW(l.commit(more), Error);
  EXPECT_EQ(l.commits(), (std::vector<CommitRecord>{first, second}));
  EXPECT_EQ(l.entries(Quarter(2019, 2))[0].amount, Decimal::parse("20.00"));
}

TYPED_TEST(LedgerBehaviour, PaidBeforeSumsTheYearToDateIncludingRecoveries) {
  Ledger& l = *this->ledger;
  l.commit(q1());
  l.commit(q2());
  l.commit(q3());
  EXPECT_TRUE(l.paid_before(Quarter(2019, 1)).empty());

  const PaidTotals before_q2 = l.paid_before(Quarter(2019, 2));
  EXPECT_EQ(before_q2.size(), 3u);
  EXPECT_EQ(before_q2.paid("91330300A", "R1").to_string(), "100.00");
  EXPECT_EQ(before_q2.paid("91330300B", "R1").to_string(), "30.00");

  const PaidTotals before_q3 = l.paid_before(Quarter(2019, 3));
  EXPECT_EQ(before_q3.paid("91330300A", "R1").to_string(), "120.00");
  EXPECT_EQ(before_q3.paid("91330300A", "R2").to_string(), "50.00");
  EXPECT_EQ(before_q3.paid("91330300B", "R1").to_string(), "0.00");  // paid, then recovered
  EXPECT_TRUE(before_q3.contains("91330300B", "R1"));
  EXPECT_EQ(before_q3.paid("91330300C", "R3").to_string(), "5.55");
  EXPECT_EQ(before_q3.paid("91330300C", "R1").to_string(), "0.00");  // never paid
  EXPECT_FALSE(before_q3.contains("91330300C", "R1"));
  EXPECT_EQ(before_q3.to_entries(),
            (std::vector<LedgerEntry>{entry("91330300A", "R1", "120.00"), entry("91330300A", "R2", "50.00"),
                                      entry("91330300B", "R1", "0.00"), entry("91330300C", "R3", "5.55")}));

  EXPECT_EQ(l.paid_before(Quarter(2019, 4)).paid("91330300A", "R1").to_string(), "110.00");

  // A new year starts from nothing: the engine's cumulative is year to date.
  l.commit(make_commit(Quarter(2019, 4), {}));
  l.commit(make_commit(Quarter(2020, 1), {entry("91330300A", "R1", "7.00")}));
  EXPECT_TRUE(l.paid_before(Quarter(2020, 1)).empty());
  EXPECT_EQ(l.paid_before(Quarter(2020, 2)).paid("91330300A", "R1").to_string(), "7.00");
  EXPECT_EQ(l.paid_between(Quarter(2019, 1), Quarter(2020, 1)).paid("91330300A", "R1").to_string(), "117.00");
  EXPECT_TRUE(l.paid_between(Quarter(2020, 1), Quarter(2019, 1)).empty());
}

TYPED_TEST(LedgerBehaviour, EntriesComeBackCanonical) {
  Ledger& l = *this->ledger;
  l.commit(make_commit(Quarter(2019, 1), {entry("B", "R1", "5"), entry("AB", "R1", "1.5"), entry("A", "R2", "-0.1"),
                                       entry("A", "R10", "2.000"), entry("A", "R1", "0")}));
  EXPECT_EQ(l.entries(Quarter(2019, 1)),
            (std::vector<LedgerEntry>{entry("A", "R1", "0.00"), entry("A", "R10", "2.00"), entry("A", "R2", "-0.10"),
                                      entry("AB", "R1", "1.50"), entry("B", "R1", "5.00")}));
  for (const LedgerEntry& e : l.entries(Quarter(2019, 1))) EXPECT_EQ(e.amount.scale(), 2);
}

TYPED_TEST(LedgerBehaviour, MalformedCommitsAreRefusedAndChangeNothing) {
  Ledger& l = *this->ledger;
  const auto refused = [&](PendingCommit commit) { return error_of([&] { l.commit(commit); }, ErrorCode::invalid_argument); };
  PendingCommit dup = q1();
  dup.entries.push_back(entry("91330300A", "R1", "1.00"));
  EXPECT_EQ(refused(dup), "invalid_argument: ledger entry (credit code \"91330300A\", policy \"R1\") appears twice "
                          "in one commit");
  EXPECT_EQ(refused(make_commit(Quarter(2019, 1), {entry("X", "R1", "1.005")})),
            "invalid_argument: ledger entry (credit code \"X\", policy \"R1\"): amount 1.005 is not a whole number "
            "of fen (at most two decimal places)");
  // Beyond 64-bit fen: the one fen conversion's overflow (fen.hpp), naming the entry.
  EXPECT_EQ(error_of([&] { l.commit(make_commit(Quarter(2019, 1), {entry("X", "R1", "92233720368547758.08")})); },
                     ErrorCode::overflow),
            "overflow: ledger entry (credit code \"X\", policy \"R1\"): amount 92233720368547758.08 does not fit in "
            "64-bit fen (at most +-92233720368547758.07)");
  EXPECT_NE(refused(make_commit(Quarter(2019, 1), {entry("X\t1", "R1", "1")})).find("control character"),
            std::string::npos);
  EXPECT_NE(refused(make_commit(Quarter(2019, 1), {entry("X", "", "1")})).find("policy id is empty"), std::string::npos);
  EXPECT_NE(refused(make_commit(Quarter(2019, 1), {}, "2019-07-05 09:30:00")).find("YYYY-MM-DDTHH:MM:SSZ"),
            std::string::npos);
  EXPECT_THROW(l.commit(make_commit(Quarter(2019, 1), {}, "2019-02-29T00:00:00Z")), Error);
  EXPECT_THROW(l.commit(make_commit(Quarter(2019, 1), {}, "2019-07-05T24:00:00Z")), Error);
  PendingCommit upper = q1();
  for (char& c : upper.book_sha256) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  EXPECT_NE(refused(upper).find("is not a SHA-256 digest"), std::string::npos);
  PendingCommit no_book = q1();
  no_book.book_id.clear();
  EXPECT_EQ(refused(no_book), "invalid_argument: book id is empty");
  EXPECT_TRUE(l.commits().empty());
  EXPECT_NO_THROW(l.verify());
}

TYPED_TEST(LedgerBehaviour, ACommitMayHaveNoLines) {
  Ledger& l = *this->ledger;
  const CommitRecord r = l.commit(make_commit(Quarter(2019, 1), {})).record;
  EXPECT_EQ(r.entry_count, 0);
  EXPECT_TRUE(l.entries(Quarter(2019, 1)).empty());
  EXPECT_EQ(l.commit(make_commit(Quarter(2019, 1), {})).status, CommitStatus::already_committed);
  EXPECT_NO_THROW(l.verify());
}

TYPED_TEST(LedgerBehaviour, TheTimeDefaultsToNowInUtc) {
  Ledger& l = *this->ledger;
  const CommitRecord r = l.commit(make_commit(Quarter(2019, 1), {}, "")).record;
  ASSERT_EQ(r.committed_at.size(), 20u) << r.committed_at;
  EXPECT_EQ(r.committed_at[10], 'T');
  EXPECT_EQ(r.committed_at.back(), 'Z');
  EXPECT_GE(std::stoi(r.committed_at.substr(0, 4)), 2024);
  EXPECT_NO_THROW(l.verify());
}

}  // namespace
}  // namespace duixian
