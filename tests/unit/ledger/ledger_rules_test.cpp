// The shared ledger rules on their own: the canonical texts behind the digests
// (pinned, since stored ledgers depend on them), plan_commit, verify_commits and PaidTotals.
#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

#include "duixian/error.hpp"
#include "duixian/ledger.hpp"
#include "support/sha256.hpp"
#include "duixian/version.hpp"

namespace duixian {
namespace {

LedgerEntry entry(const char* code, const char* policy, const char* amount) {
  return LedgerEntry{code, policy, Decimal::parse(amount)};
}

PendingCommit sample_commit() {
  return PendingCommit{Quarter(2019, 2),
                     {entry("91330302MA2AAAAA1X", "R1", "1409.5"), entry("91330302MA2AAAAA1X", "B1", "-12.3"),
                      entry("91330101MA2BBBBB2Y", "R1", "0")},
                     "wenzhou-2019",
                     sha256_hex("book"),
                     sha256_hex("data"),
                     "2019-07-05T09:30:00Z"};
}

TEST(LedgerRules, EntriesDigestIsTheSha256OfTheDocumentedText) {
  const PreparedCommit p = prepare_commit(sample_commit());
  EXPECT_EQ(p.entries_sha256, sha256_hex("duixian-ledger-entries 1\n"
                                         "91330101MA2BBBBB2Y\tR1\t0.00\n"
                                         "91330302MA2AAAAA1X\tB1\t-12.30\n"
                                         "91330302MA2AAAAA1X\tR1\t1409.50\n"));
  EXPECT_EQ(p.library_version, version());
  EXPECT_EQ(p.commit.entries.front().credit_code, "91330101MA2BBBBB2Y");
}

TEST(LedgerRules, CommitDigestIsTheSha256OfTheDocumentedText) {
  const PreparedCommit p = prepare_commit(sample_commit());
  const CommitRecord r = plan_commit(p, std::nullopt, std::nullopt).record;
  EXPECT_EQ(r.commit_sha256, sha256_hex("duixian-ledger-run 1\n"
                                     "sequence=1\n"
                                     "quarter=2019Q2\n"
                                     "previous_sha256=" + std::string(genesis_sha256) + "\n"
                                     "book_id=wenzhou-2019\n"
                                     "book_sha256=" + sha256_hex("book") + "\n"
                                     "data_sha256=" + sha256_hex("data") + "\n"
                                     "library_version=" + version() + "\n"
                                     "committed_at=2019-07-05T09:30:00Z\n"
                                     "entry_count=3\n"
                                     "entries_sha256=" + p.entries_sha256 + "\n"));
}

TEST(LedgerRules, PlanCommitChainsToTheLastCommit) {
  const PreparedCommit first = prepare_commit(sample_commit());
  const CommitRecord r1 = plan_commit(first, std::nullopt, std::nullopt).record;
  PendingCommit next = sample_commit();
  next.quarter = Quarter(2019, 3);
  const CommitResult r2 = plan_commit(prepare_commit(next), r1, std::nullopt);
  EXPECT_EQ(r2.status, CommitStatus::committed);
  EXPECT_EQ(r2.record.sequence, 2);
  EXPECT_EQ(r2.record.previous_sha256, r1.commit_sha256);
  EXPECT_EQ(plan_commit(first, r2.record, r1).status, CommitStatus::already_committed);
  // A caller passing the wrong quarter's commit is a bug, not a conflict.
  try {
    plan_commit(first, r2.record, r2.record);
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::invalid_argument);
  }
}

TEST(LedgerRules, EntriesDigestRefusesEntriesOutOfOrder) {
  EntriesDigest d;
  d.add("B", "R1", Decimal(1));
  EXPECT_THROW(d.add("A", "R9", Decimal(1)), Error);
  EXPECT_THROW(d.add("B", "R1", Decimal(2)), Error);
  d.add("B", "R2", Decimal(1));
  EXPECT_EQ(d.count(), 2);
}

// A ledger's commits and entries, to damage in turn.
struct Stored {
  std::vector<CommitRecord> commits;
  std::vector<std::vector<LedgerEntry>> entries;
  void verify() const {
    std::size_t i = 0;
    verify_commits(commits, [&](const CommitRecord&, EntriesDigest& d) {
      for (const LedgerEntry& e : entries[i]) d.add(e.credit_code, e.policy_id, e.amount);
      ++i;
    });
  }
};

Stored three_commits() {
  InMemoryLedger l;
  Stored s;
  for (unsigned q = 1; q <= 3; ++q) {
    PendingCommit commit = sample_commit();
    commit.quarter = Quarter(2019, q);
    l.commit(commit);
    s.entries.push_back(l.entries(commit.quarter));
  }
  s.commits = l.commits();
  return s;
}

std::string corruption(const Stored& s) {
  try {
    s.verify();
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::io_error);
    return e.what();
  }
  return "verified";
}

TEST(LedgerRules, VerifyCommitsNamesTheFirstBadCommit) {
  EXPECT_EQ(corruption(three_commits()), "verified");

  Stored amount = three_commits();
  amount.entries[1][0].amount = Decimal::parse("0.01");
  EXPECT_EQ(corruption(amount), "io_error: ledger commit 2 (2019Q2) is corrupt: its entries do not match their digest");

  Stored record = three_commits();
  record.commits[0].book_id = "another book";
  EXPECT_EQ(corruption(record), "io_error: ledger commit 1 (2019Q1) is corrupt: its record does not match its digest");

  Stored missing = three_commits();
  missing.entries[2].pop_back();
  EXPECT_EQ(corruption(missing), "io_error: ledger commit 3 (2019Q3) is corrupt: it has 2 entries, its record says 3");

  Stored gap = three_commits();
  gap.commits.erase(gap.commits.begin() + 1);
  gap.entries.erase(gap.entries.begin() + 1);
  EXPECT_EQ(corruption(gap), "io_error: ledger commit 3 (2019Q3) is corrupt: it is number 2 in the chain");

  // Commit 2 rewritten with its own digests recomputed: commit 3 no longer chains to it.
  Stored forged = three_commits();
  forged.entries[1][0].amount = Decimal::parse("0.01");
  EntriesDigest d;
  for (const LedgerEntry& e : forged.entries[1]) d.add(e.credit_code, e.policy_id, e.amount);
  forged.commits[1].entries_sha256 = d.finish_hex();
  forged.commits[1].commit_sha256 = commit_digest(forged.commits[1]);
  EXPECT_EQ(corruption(forged), "io_error: ledger commit 3 (2019Q3) is corrupt: it does not chain to the commit before it");
}

TEST(LedgerPaidTotals, SumsExactlyInAnyOrder) {
  PaidTotals t;
  t.add("B", "R2", Decimal::parse("0.10"));
  t.add("A", "R1", Decimal::parse("0.20"));
  t.add("B", "R1", Decimal::parse("1"));
  t.add("B", "R2", Decimal::parse("0.2"));
  t.add("B", "R2", Decimal::parse("-0.05"));
  EXPECT_EQ(t.size(), 3u);
  EXPECT_EQ(t.paid("B", "R2").to_string(), "0.25");
  std::vector<std::string> order;
  t.for_each([&](std::string_view code, std::string_view policy, const Decimal& amount) {
    order.push_back(std::string(code) + "/" + std::string(policy) + "=" + amount.to_string());
  });
  EXPECT_EQ(order, (std::vector<std::string>{"A/R1=0.20", "B/R1=1.00", "B/R2=0.25"}));
}

TEST(LedgerPaidTotals, AgreesWithAPlainMapOnManyPairs) {
  // Enough credit codes to grow the hash table several times, added in a scrambled order.
  PaidTotals t;
  std::map<std::pair<std::string, std::string>, long> expected;
  for (long i = 0; i < 30000; ++i) {
    const long n = (i * 7919) % 10007;
    const std::string code = "9133" + std::to_string(n);
    const std::string policy = n % 3 == 0 ? "R1" : (n % 3 == 1 ? "B2" : "R10");
    const long fen = (i % 5) * 100 - 150;
    t.add(code, policy, Decimal::from_parts(fen, 2));
    expected[{code, policy}] += fen;
  }
  EXPECT_EQ(t.size(), expected.size());
  auto next = expected.begin();
  t.for_each([&](std::string_view code, std::string_view policy, const Decimal& amount) {
    ASSERT_NE(next, expected.end());
    EXPECT_EQ(code, next->first.first);
    EXPECT_EQ(policy, next->first.second);
    EXPECT_EQ(amount, Decimal::from_parts(next->second, 2));
    ++next;
  });
  EXPECT_EQ(next, expected.end());
  for (const auto& [key, fen] : expected) EXPECT_EQ(t.paid(key.first, key.second), Decimal::from_parts(fen, 2));
  EXPECT_FALSE(t.contains("9133", "R1"));
  EXPECT_FALSE(t.contains("91330", "R7"));
}

TEST(LedgerPaidTotals, RefusesFractionsOfAFenAndOverflow) {
  PaidTotals t;
  EXPECT_THROW(t.add("A", "R1", Decimal::parse("0.001")), Error);
  t.add("A", "R1", Decimal::parse("92233720368547758.07"));
  try {
    t.add("A", "R1", Decimal::parse("0.01"));
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::overflow);
  }
  EXPECT_EQ(t.paid("A", "R1").to_string(), "92233720368547758.07");  // unchanged by the refused add
  t.add("A", "R1", Decimal::parse("-92233720368547758.07"));
  EXPECT_EQ(t.paid("A", "R1").to_string(), "0.00");
}

}  // namespace
}  // namespace duixian
