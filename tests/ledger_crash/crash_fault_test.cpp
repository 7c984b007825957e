// A fault-injecting VFS fails the k-th write or sync of one commit, for every k:
// the commit throws, and the database, reopened with the normal VFS, holds the
// whole run or none of it and passes integrity_check.
#include <gtest/gtest.h>

#include <cstdio>
#include <ostream>

#include <unistd.h>

#include "crash_support.hpp"
#include "duixian/error.hpp"
#include "duixian/sqlite_ledger.hpp"
#include "fault_vfs.hpp"

namespace duixian::test {
namespace {

// Child exit codes.
constexpr int kThrewAfterFault = 10;
constexpr int kCommittedNoFault = 11;  // k is past the commit's last write or sync
constexpr int kOther = 12;

struct Scenario {
  const char* name;
  Fault fault;
  bool abandon;  // exit without closing the ledger (a crash right after the error)
};

// Names the scenario in test listings (instead of its bytes).
void PrintTo(const Scenario& s, std::ostream* out) { *out << s.name; }

class LedgerFault : public ::testing::TestWithParam<Scenario> {};

TEST_P(LedgerFault, EveryWriteAndSyncOfACommitFailsInTurn) {
  const Scenario s = GetParam();
  const std::string baseline = fresh_ledger_path(std::string("fault_base_") + s.name);
  const std::string work = fresh_ledger_path(std::string("fault_work_") + s.name);
  {
    SqliteLedger ledger = SqliteLedger::open(baseline, OpenMode::create);
    ledger.commit(intended_run(Quarter(2019, 1)));
    ledger.commit(intended_run(Quarter(2019, 2)));
  }
  const Quarter q(2019, 3);
  int points = 0;
  int committed_despite_error = 0;
  for (int k = 1;; ++k) {
    ASSERT_LT(k, 200) << "the commit never got past its writes and syncs";
    copy_file(baseline, work);
    const Child child = spawn([&](int) {
      install_fault_vfs();
      SqliteLedger ledger = SqliteLedger::open(work, OpenMode::read_write);
      arm_fault(s.fault, k);
      int outcome = kOther;
      try {
        ledger.commit(intended_run(q));
        if (!fault_fired()) outcome = kCommittedNoFault;
      } catch (const Error& e) {
        if (fault_fired() && e.code() == ErrorCode::io_error) outcome = kThrewAfterFault;
      }
      if (s.fault == Fault::fail_once) disarm_fault();  // a transient error; fail_from: the disk stays gone
      if (s.abandon) _exit(outcome);
      return outcome;  // the ledger closes first
    });
    const int rc = reap(child);
    const std::string context = std::string(s.name) + ", failing I/O call " + std::to_string(k);
    const int runs = check_after_crash(work, context);
    if (rc == kCommittedNoFault) {
      EXPECT_EQ(runs, 3) << context;
      break;
    }
    ++points;
    EXPECT_EQ(rc, kThrewAfterFault) << context;
    EXPECT_TRUE(runs == 2 || runs == 3) << context << ": " << runs << " runs";
    if (runs == 3) ++committed_despite_error;  // the failure came after the commit record reached the file
    SqliteLedger again = SqliteLedger::open(work, OpenMode::read_write);
    EXPECT_EQ(again.commit(intended_run(q)).status,
              runs == 2 ? CommitStatus::committed : CommitStatus::already_committed)
        << context;
  }
  std::printf("[ledger fault] %s: %d fault points (writes and syncs of one commit), %d left the run committed\n",
              s.name, points, committed_despite_error);
  EXPECT_GT(points, 2);
  remove_ledger(baseline);
  remove_ledger(work);
}

INSTANTIATE_TEST_SUITE_P(Scenarios, LedgerFault,
                         ::testing::Values(Scenario{"fail_once_then_close", Fault::fail_once, false},
                                           Scenario{"fail_once_then_crash", Fault::fail_once, true},
                                           Scenario{"disk_gone_then_close", Fault::fail_from, false},
                                           Scenario{"disk_gone_then_crash", Fault::fail_from, true}),
                         [](const ::testing::TestParamInfo<Scenario>& p) { return p.param.name; });

}  // namespace
}  // namespace duixian::test
