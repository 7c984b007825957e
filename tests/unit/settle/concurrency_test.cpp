// Settling from several threads at once (issue 7): one PolicyBook, one Register and one
// ledger shared by every thread, each settlement itself multi-threaded, and every result
// compared byte for byte with a single-threaded settlement of the same inputs. Explanations
// are rendered concurrently from one shared Settlement, and one SqliteLedger object is read
// by some threads while another commits (SqliteLedger serializes its calls; InMemoryLedger
// is only const-safe, so it is shared read-only here).
//
// Small enough for ThreadSanitizer (the `tsan` preset runs Concurrency*): a few hundred
// generated enterprises, four threads.
#include <gtest/gtest.h>

#include <array>
#include <atomic>
#include <cstdio>
#include <functional>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <unistd.h>

#include "duixian/error.hpp"
#include "duixian/explanation.hpp"
#include "duixian/ledger.hpp"
#include "duixian/loader.hpp"
#include "duixian/policy_book.hpp"
#include "duixian/report.hpp"
#include "duixian/settlement.hpp"
#include "duixian/sqlite_ledger.hpp"
#include "wenzhou_data.hpp"
#include "test_paths.hpp"

namespace duixian {
namespace {

constexpr unsigned kThreads = 4;

// The shared inputs, built once before any thread starts.
struct Shared {
  PolicyBook book;
  Register reg;
  InMemoryLedger ledger;  // 2019Q1 and 2019Q2 committed; only read (const) by the threads
};

// `enterprises` generated Wenzhou enterprises (tools/datagen), loaded for `book`.
Register generated_register(const PolicyBook& book, std::size_t enterprises, std::uint64_t seed) {
  const datagen::GeneratedData data = datagen::generate_wenzhou_2019({enterprises, seed});
  RegisterBuilder builder(book.schema());
  Diagnostics diagnostics;
  load_enterprises_csv(builder, data.enterprises, "enterprises.csv", {}, diagnostics);
  load_facts_csv(builder, data.facts, "facts.csv", {}, diagnostics);
  EXPECT_FALSE(has_errors(diagnostics));
  return std::move(builder).build();
}

const Shared& shared() {
  static const Shared* const s = [] {
    auto* out = new Shared{load_policy_book_file(test::wenzhou_book_path()), Register{}, {}};
    out->reg = generated_register(out->book, 400, 11);
    for (unsigned q = 1; q <= 2; ++q) {
      out->ledger.commit(settle(out->book, out->reg, Quarter(2019, q), out->ledger, {1, true}).to_commit());
    }
    return out;
  }();
  return *s;
}

// Everything a settlement says, as bytes: its reports and the fields they leave out.
std::string fingerprint(const Settlement& s) {
  std::ostringstream out;
  out << s.quarter().to_string() << ' ' << static_cast<int>(s.ledger_state()) << ' ' << s.evaluations() << '\n';
  for (const SettledEnterprise& e : s.enterprises()) {
    out << e.code.text() << ' ' << (e.region ? e.region->to_string() : "-") << ' '
        << (e.index ? static_cast<long long>(*e.index) : -1LL) << ' ' << e.shard << '\n';
  }
  for (const Omission& o : s.omissions()) {
    out << o.enterprise << ' ' << o.policy << ' ' << int{o.quarter} << ' ' << to_string(o.reason) << ' ' << o.metric
        << ' ' << o.period_key << '\n';
  }
  for (const SettledEnterprise& e : s.omitted_enterprises()) out << e.code.text() << '\n';
  write_lines_csv(out, s);
  write_payments_csv(out, s);
  write_totals_json(out, s);
  return out.str();
}

// Runs body(i) on kThreads threads that start together.
void run_threads(const std::function<void(unsigned)>& body) {
  std::atomic<unsigned> ready{0};
  std::vector<std::thread> threads;
  for (unsigned i = 0; i < kThreads; ++i) {
    threads.emplace_back([&, i] {
      ready.fetch_add(1);
      while (ready.load() < kThreads) std::this_thread::yield();
      body(i);
    });
  }
  for (std::thread& t : threads) t.join();
}

TEST(Concurrency, ThreadsSettlingSharedInputsAgreeWithOneThreadByteForByte) {
  const Shared& in = shared();
  // References, one thread each: every quarter against the shared ledger.
  std::array<std::string, 4> reference;
  for (unsigned q = 1; q <= 4; ++q) {
    reference[q - 1] = fingerprint(settle(in.book, in.reg, Quarter(2019, q), in.ledger, {1, true}));
  }
  ASSERT_GT(reference[2].size(), 10000u);  // the run has lines to compare
  std::array<std::string, kThreads> own, same;
  run_threads([&](unsigned i) {
    // Each thread a different quarter, then all the same one; each settlement on 2 workers.
    own[i] = fingerprint(settle(in.book, in.reg, Quarter(2019, i % 4 + 1), in.ledger, {2, true}));
    same[i] = fingerprint(settle(in.book, in.reg, Quarter(2019, 3), in.ledger, {2, true}));
  });
  for (unsigned i = 0; i < kThreads; ++i) {
    EXPECT_TRUE(own[i] == reference[i % 4]) << "thread " << i << ", 2019Q" << i % 4 + 1;
    EXPECT_TRUE(same[i] == reference[2]) << "thread " << i << ", 2019Q3";
  }
}

TEST(Concurrency, PaidTotalsSharedByThreadsGiveTheSameSettlement) {
  const Shared& in = shared();
  const PaidTotals paid = in.ledger.paid_before(Quarter(2019, 3));
  const std::string reference = fingerprint(settle(in.book, in.reg, Quarter(2019, 3), paid, {1, true}));
  std::array<std::string, kThreads> got;
  run_threads([&](unsigned i) { got[i] = fingerprint(settle(in.book, in.reg, Quarter(2019, 3), paid, {2, i % 2 == 0})); });
  for (unsigned i = 0; i < kThreads; i += 2) EXPECT_TRUE(got[i] == reference) << "thread " << i;
  // Without omissions kept, the lines, payments and totals are still the same.
  for (unsigned i = 1; i < kThreads; i += 2) {
    EXPECT_EQ(got[i].substr(got[i].find("credit_code,policy")), reference.substr(reference.find("credit_code,policy")));
  }
}

TEST(Concurrency, ExplanationsRenderedConcurrentlyFromOneSettlement) {
  const Shared& in = shared();
  const Settlement s = settle(in.book, in.reg, Quarter(2019, 3), in.ledger, {2, true});
  const std::size_t count = std::min<std::size_t>(s.lines().size(), 600);
  ASSERT_GT(count, 100u);
  std::vector<std::string> reference(count);
  for (std::size_t i = 0; i < count; ++i) {
    const LineExplanation x = s.explain(i);
    reference[i] = to_text(x) + to_json(x);
  }
  std::vector<std::string> got(count * kThreads);
  run_threads([&](unsigned t) {
    // Every thread renders every line, starting at different places, so the same line is
    // explained by several threads at about the same time.
    for (std::size_t k = 0; k < count; ++k) {
      const std::size_t i = (k + t * count / kThreads) % count;
      const LineExplanation x = s.explain(i);
      got[t * count + i] = to_text(x) + to_json(x);
    }
  });
  for (unsigned t = 0; t < kThreads; ++t) {
    for (std::size_t i = 0; i < count; ++i) ASSERT_TRUE(got[t * count + i] == reference[i]) << "thread " << t << " line " << i;
  }
}

class ConcurrencySqlite : public ::testing::Test {
 protected:
  std::string path = ::testing::TempDir() + "duixian_concurrency_" + std::to_string(getpid()) + "_" +
                     ::testing::UnitTest::GetInstance()->current_test_info()->name() + ".db";
  ConcurrencySqlite() { remove_files(); }
  ~ConcurrencySqlite() override { remove_files(); }
  void remove_files() const {
    for (const char* suffix : {"", "-wal", "-shm"}) std::remove((path + suffix).c_str());
  }
};

// One SqliteLedger object: a writer commits Q1..Q3 while readers read runs, paid_before,
// verify and settle Q4 against it. Every reader must see a whole number of commits: the
// runs are a prefix of the final ones, and the settlement of Q4 is the one-thread
// settlement against the ledger with that many commits.
TEST_F(ConcurrencySqlite, ReadersSeeWholeCommitsWhileAWriterCommits) {
  const Shared& in = shared();
  // The runs to commit, and the Q4 settlement after k = 0..3 commits, single-threaded.
  std::vector<PendingCommit> runs;
  std::array<std::string, 4> q4_after;
  std::array<PaidTotals, 4> paid_after;
  {
    InMemoryLedger memory;
    for (unsigned k = 0; k <= 3; ++k) {
      q4_after[k] = fingerprint(settle(in.book, in.reg, Quarter(2019, 4), memory, {1, true}));
      paid_after[k] = memory.paid_before(Quarter(2019, 4));
      if (k < 3) {
        runs.push_back(settle(in.book, in.reg, Quarter(2019, k + 1), memory, {1, true}).to_commit());
        runs.back().committed_at = "2019-07-05T09:30:00Z";
        memory.commit(runs.back());
      }
    }
  }
  SqliteLedger ledger = SqliteLedger::open(path, OpenMode::create);
  std::atomic<bool> done{false};
  std::array<std::string, kThreads> problem;
  run_threads([&](unsigned t) {
    if (t == 0) {  // the writer
      for (const PendingCommit& r : runs) {
        std::this_thread::yield();
        if (ledger.commit(r).status != CommitStatus::committed) problem[t] = "not committed";
      }
      done = true;
      return;
    }
    std::size_t last = 0;
    bool final_pass = false;
    while (!final_pass) {
      final_pass = done.load();
      const std::vector<CommitRecord> now = ledger.commits();
      if (now.size() < last) problem[t] = "runs went backwards";
      last = now.size();
      if (t == 1) {
        const Settlement s = settle(in.book, in.reg, Quarter(2019, 4), ledger, {2, true});
        const std::string f = fingerprint(s);
        bool known = false;
        for (const std::string& q4 : q4_after) known = known || f == q4;
        if (!known) problem[t] = "a Q4 settlement matching no whole number of commits";
      } else if (t == 2) {
        const PaidTotals paid = ledger.paid_before(Quarter(2019, 4));
        bool known = false;
        for (const PaidTotals& p : paid_after) known = known || p.to_entries() == paid.to_entries();
        if (!known) problem[t] = "paid_before matching no whole number of commits";
      } else {
        ledger.verify();
        if (const auto q = ledger.last_committed(); q && (q->number() < 1 || q->number() > 3)) problem[t] = "last quarter";
      }
    }
    if (last != 3) problem[t] = "did not see the last commit";
  });
  for (unsigned t = 0; t < kThreads; ++t) EXPECT_EQ(problem[t], "") << "thread " << t;
  ASSERT_EQ(ledger.commits().size(), 3u);
  EXPECT_EQ(fingerprint(settle(in.book, in.reg, Quarter(2019, 4), ledger, {1, true})), q4_after[3]);
  EXPECT_NO_THROW(SqliteLedger::open(path, OpenMode::read_only).verify());
}

// Several SqliteLedger objects on one file, one per thread, all committing the same runs:
// SQLite's lock orders them (each commit decides inside BEGIN IMMEDIATE); each run is
// committed once and the other handles find it already committed.
TEST_F(ConcurrencySqlite, HandlesPerThreadCommittingTheSameRunsCommitEachOnce) {
  const Shared& in = shared();
  std::vector<PendingCommit> runs;
  InMemoryLedger memory;
  for (unsigned q = 1; q <= 3; ++q) {
    runs.push_back(settle(in.book, in.reg, Quarter(2019, q), memory, {1, true}).to_commit());
    runs.back().committed_at = "2019-07-05T09:30:00Z";
    memory.commit(runs.back());
  }
  SqliteLedger::open(path, OpenMode::create);
  std::array<unsigned, kThreads> committed{};
  std::array<std::string, kThreads> problem;
  run_threads([&](unsigned t) {
    try {
      SqliteLedger ledger = SqliteLedger::open(path);
      for (const PendingCommit& r : runs) {
        if (ledger.commit(r).status == CommitStatus::committed) ++committed[t];
      }
      ledger.verify();
    } catch (const Error& e) {
      problem[t] = e.what();
    }
  });
  unsigned total = 0;
  for (unsigned t = 0; t < kThreads; ++t) {
    EXPECT_EQ(problem[t], "") << "thread " << t;
    total += committed[t];
  }
  EXPECT_EQ(total, 3u);
  SqliteLedger ledger = SqliteLedger::open(path, OpenMode::read_only);
  ASSERT_EQ(ledger.commits().size(), 3u);
  EXPECT_EQ(ledger.commits(), memory.commits());  // same chain, digests and all
  for (unsigned q = 1; q <= 3; ++q) EXPECT_EQ(ledger.entries(Quarter(2019, q)), memory.entries(Quarter(2019, q)));
}

// SettleOptions::progress on a register large enough for several worker threads in both
// passes (the Wenzhou book has a budget, so claims are gathered in a first pass).
class ConcurrencyProgress : public ::testing::Test {
 protected:
  static const Register& big() {
    static const Register* const reg = new Register(generated_register(shared().book, 4500, 12));
    return *reg;
  }
};

TEST_F(ConcurrencyProgress, CallsNeverOverlapNeverGoBackAndEndAtTheTotal) {
  const Settlement plain = settle(shared().book, big(), Quarter(2019, 3), PaidTotals{}, {1, true});
  for (const unsigned threads : {1U, 4U}) {
    SCOPED_TRACE(threads);
    std::vector<std::pair<std::size_t, std::size_t>> calls;  // only one call at a time may push
    std::atomic<int> inside{0};
    std::atomic<bool> overlapped{false};
    SettleOptions options{threads, true};
    options.progress = [&](std::size_t done, std::size_t total) {
      if (inside.fetch_add(1) != 0) overlapped = true;
      std::this_thread::yield();  // widen the window for another caller
      calls.emplace_back(done, total);
      inside.fetch_sub(1);
    };
    const Settlement s = settle(shared().book, big(), Quarter(2019, 3), PaidTotals{}, options);
    EXPECT_FALSE(overlapped);
    ASSERT_GE(calls.size(), 2U);
    const std::size_t total = 2 * big().size();  // two passes: the budget's claims, then the lines
    for (std::size_t i = 0; i < calls.size(); ++i) {
      EXPECT_EQ(calls[i].second, total);
      EXPECT_LE(calls[i].first, total);
      if (i > 0) {
        EXPECT_GE(calls[i].first, calls[i - 1].first) << "call " << i;
      }
    }
    EXPECT_EQ(calls.back().first, total);
    EXPECT_LT(calls.front().first, total);
    EXPECT_EQ(fingerprint(s), fingerprint(plain));  // being told changes nothing
  }
}

TEST_F(ConcurrencyProgress, AnExceptionFromTheCallbackCancelsTheSettlement) {
  struct Cancelled {};
  for (const unsigned threads : {1U, 4U}) {
    SCOPED_TRACE(threads);
    std::atomic<int> calls{0};
    SettleOptions options{threads, true};
    options.progress = [&](std::size_t done, std::size_t total) {
      ++calls;
      if (done * 4 >= total) throw Cancelled{};  // a quarter of the way
    };
    EXPECT_THROW((void)settle(shared().book, big(), Quarter(2019, 3), PaidTotals{}, options), Cancelled);
    EXPECT_GE(calls.load(), 1);
  }
}

TEST_F(ConcurrencyProgress, AnEmptyRegisterIsNotReported) {
  const Register empty = RegisterBuilder(shared().book.schema()).build();
  int calls = 0;
  SettleOptions options;
  options.progress = [&](std::size_t, std::size_t) { ++calls; };
  EXPECT_TRUE(settle(shared().book, empty, Quarter(2019, 3), PaidTotals{}, options).lines().empty());
  EXPECT_EQ(calls, 0);
}

}  // namespace
}  // namespace duixian
