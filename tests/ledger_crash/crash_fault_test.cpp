// A fault-injecting VFS fails the k-th write, sync, truncate or lock of one ledger
// operation (open create, open read_write, open read_only, commit, verify), for
// every k until the operation no longer reaches k. Each time the operation succeeds
// or throws io_error naming the ledger; the file, reopened with the normal VFS,
// passes check_after_crash and holds the state before or after the operation; and
// the operation retried with the normal VFS succeeds, every commit there once.
#include <gtest/gtest.h>

#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include <unistd.h>

#include "crash_support.hpp"
#include "duixian/error.hpp"
#include "duixian/sqlite_ledger.hpp"
#include "fault_operations.hpp"
#include "fault_vfs.hpp"
#include "reliability_record.hpp"

namespace duixian::test {
namespace {

// An operation makes a few dozen counted calls; this bounds a loop that never ends.
constexpr int kMaxPoints = 400;

struct Scenario {
  const char* id;    // for test names
  const char* name;  // for the reliability record
  Fault fault;
  unsigned calls;    // which kinds of call are counted and failed
  LockFailure lock;
  bool abandon;      // exit without closing the ledger (a crash right after the error)
};

// Locks fail with SQLITE_IOERR_LOCK in the I/O scenarios: an error the busy handler
// does not retry, so it reaches the ledger's caller. SQLITE_BUSY (another process
// holds the lock) is its own scenario, failed once only: failed from then on, each
// point would wait out the 5 s busy timeout.
const Scenario kScenarios[] = {
    {"fail_once_then_close", "a write, sync, truncate or lock fails once, then close", Fault::fail_once, kEveryCall,
     LockFailure::io_error, false},
    {"fail_once_then_crash", "a write, sync, truncate or lock fails once, then the process exits", Fault::fail_once,
     kEveryCall, LockFailure::io_error, true},
    {"disk_gone_then_close", "every write, sync, truncate and lock fails from one on (disk gone), then close",
     Fault::fail_from, kEveryCall, LockFailure::io_error, false},
    {"disk_gone_then_crash", "every write, sync, truncate and lock fails from one on, then the process exits",
     Fault::fail_from, kEveryCall, LockFailure::io_error, true},
    {"lock_busy_once_then_close", "a lock is busy once (SQLITE_BUSY: another process holds it), then close",
     Fault::fail_once, kLocks, LockFailure::busy, false},
};

const Operation kOperations[] = {Operation::open_create, Operation::open_read_write, Operation::open_read_only,
                                 Operation::commit, Operation::verify};

struct Case {
  Operation op;
  Scenario s;
};

std::vector<Case> all_cases() {
  std::vector<Case> out;
  for (Operation op : kOperations)
    for (const Scenario& s : kScenarios) out.push_back(Case{op, s});
  return out;
}

// Names the case in test listings (instead of its bytes).
void PrintTo(const Case& c, std::ostream* out) { *out << operation_id(c.op) << "_" << c.s.id; }

// What the child tells the parent: one outcome letter, then the error's what().
constexpr char kNotReached = 'n';   // the operation completed before the k-th call
constexpr char kSucceeded = 's';    // the fault was injected, the operation succeeded anyway
constexpr char kThrew = 't';        // duixian::Error after the fault
constexpr char kOtherError = 'x';   // another exception, or an error without a fault

std::string read_all(int fd) {
  std::string out;
  char buffer[512];
  for (ssize_t n; (n = read(fd, buffer, sizeof buffer)) > 0;) out.append(buffer, static_cast<std::size_t>(n));
  return out;
}

void tell(int fd, char outcome, const std::string& message) {
  const std::string text = outcome + message;
  if (write(fd, text.data(), text.size()) != static_cast<ssize_t>(text.size())) _exit(94);
}

// "1 point", "3 points".
std::string times(int n, const char* noun) { return std::to_string(n) + " " + noun + (n == 1 ? "" : "s"); }

class LedgerFault : public ::testing::TestWithParam<Case> {};

TEST_P(LedgerFault, EachCountedCallFailsInTurn) {
  const Operation op = GetParam().op;
  const Scenario s = GetParam().s;
  const std::string id = std::string(operation_id(op)) + "_" + s.id;
  const std::string start = fresh_ledger_path("fault_start_" + id);
  const std::string work = fresh_ledger_path("fault_work_" + id);
  make_start(op, start);
  int points = 0, threw = 0, succeeded = 0, left_old = 0, left_new = 0, retry_did_it = 0;
  for (int k = 1;; ++k) {
    ASSERT_LT(k, kMaxPoints) << "the operation never got past its counted calls";
    if (op == Operation::open_create) {
      remove_ledger(work);
    } else {
      copy_file(start, work);
    }
    const Child child = spawn([&](int report) {
      install_fault_vfs();
      std::optional<SqliteLedger> ledger;
      char outcome = kOtherError;
      std::string message;
      try {
        commit_operation(op, work, ledger, [&] { arm_fault(s.fault, k, s.calls, s.lock); });
        outcome = fault_fired() ? kSucceeded : kNotReached;
      } catch (const Error& e) {
        outcome = fault_fired() ? kThrew : kOtherError;
        message = e.what();
      } catch (const std::exception& e) {
        message = std::string("not a duixian::Error: ") + e.what();
      }
      if (fault_fired()) message += std::string(" [fault injected into a ") + fired_call() + "]";
      tell(report, outcome, message);
      if (s.fault == Fault::fail_once) disarm_fault();  // a transient error; fail_from: the disk stays gone
      if (s.abandon) _exit(0);
      return 0;  // the ledger closes first
    });
    const std::string report = read_all(child.ready_fd);
    const int rc = reap(child);
    const std::string context = id + ", failing counted call " + std::to_string(k);
    ASSERT_FALSE(report.empty()) << context << ": the child reported nothing (exit " << rc << ")";
    EXPECT_EQ(rc, 0) << context;
    const char outcome = report[0];
    const std::string message = report.substr(1);
    const Left left = state_after(op, work, context);
    if (outcome == kNotReached) {
      // Past the last call: the operation did all its work.
      if (op == Operation::commit || op == Operation::open_create) {
        EXPECT_EQ(left, Left::new_state) << context;
      }
      break;
    }
    ++points;
    if (outcome == kThrew) {
      ++threw;
      EXPECT_EQ(message.rfind("io_error: ", 0), 0u) << context << ": " << message;
      EXPECT_NE(message.find(work), std::string::npos)
          << context << ": the error does not name the ledger: " << message;
    } else {
      EXPECT_EQ(outcome, kSucceeded) << context << ": " << message;
      ++succeeded;
      if (op == Operation::commit || op == Operation::open_create) {
        EXPECT_EQ(left, Left::new_state) << context << ": it returned, yet its work is not in the file";
      }
    }
    ++(left == Left::old_state ? left_old : left_new);
    if (retry(op, work, left, context)) ++retry_did_it;
  }
  EXPECT_GT(points, 0);
  if (HasFailure()) return;  // a record is only ever a fact that held
  std::string result = times(points, "point") + ": " + std::to_string(threw) + " threw io_error naming the ledger, " +
                       std::to_string(succeeded) + " succeeded; after each, integrity_check ok and the chain " +
                       "verified, ";
  if (left_old > 0) result += std::string(state_name(op, Left::old_state)) + " " + times(left_old, "time");
  if (left_old > 0 && left_new > 0) result += ", ";
  if (left_new > 0) result += std::string(state_name(op, Left::new_state)) + " " + times(left_new, "time");
  if (op == Operation::commit) {
    result += "; the retry committed 2019Q3 " + times(retry_did_it, "time") + ", found it already committed " +
              times(points - retry_did_it, "time") + ", never twice";
  } else if (op == Operation::open_create) {
    result += "; the retry (create, or read_write where a ledger was left) opened it and committed 2019Q1";
  } else {
    result += "; the retry succeeded each time";
  }
  reliability_record({{"section", "faults"}, {"operation", operation_name(op)}, {"fault", s.name},
                      {"points", points}, {"result", result}});
  remove_ledger(start);
  remove_ledger(work);
}

INSTANTIATE_TEST_SUITE_P(Operations, LedgerFault, ::testing::ValuesIn(all_cases()),
                         [](const ::testing::TestParamInfo<Case>& p) {
                           return std::string(operation_id(p.param.op)) + "_" + p.param.s.id;
                         });

}  // namespace
}  // namespace duixian::test
