#include "fault_operations.hpp"

#include <gtest/gtest.h>

#include "crash_support.hpp"

namespace duixian::test {

namespace {

constexpr int kStartCommits = 2;                    // 2019Q1 and 2019Q2
const Quarter kCommitted = Quarter(2019, 3);     // what the commit operation adds

}  // namespace

const char* operation_name(Operation op) {
  switch (op) {
    case Operation::open_create: return "open create";
    case Operation::open_read_write: return "open read_write";
    case Operation::open_read_only: return "open read_only";
    case Operation::commit: return "commit";
    case Operation::verify: return "verify";
  }
  return "?";
}

const char* operation_id(Operation op) {
  switch (op) {
    case Operation::open_create: return "open_create";
    case Operation::open_read_write: return "open_read_write";
    case Operation::open_read_only: return "open_read_only";
    case Operation::commit: return "commit";
    case Operation::verify: return "verify";
  }
  return "unknown";
}

void make_start(Operation op, const std::string& path) {
  remove_ledger(path);
  if (op == Operation::open_create) return;
  SqliteLedger ledger = SqliteLedger::open(path, OpenMode::create);
  for (int n = 0; n < kStartCommits; ++n) ledger.commit(intended_commit(next_quarter(ledger)));
}

void commit_operation(Operation op, const std::string& path, std::optional<SqliteLedger>& ledger,
                   const std::function<void()>& arm) {
  switch (op) {
    case Operation::open_create:
    case Operation::open_read_write:
    case Operation::open_read_only: {
      const OpenMode mode = op == Operation::open_create      ? OpenMode::create
                            : op == Operation::open_read_only ? OpenMode::read_only
                                                              : OpenMode::read_write;
      arm();
      ledger.emplace(SqliteLedger::open(path, mode));
      return;
    }
    case Operation::commit:
      ledger.emplace(SqliteLedger::open(path, OpenMode::read_write));
      arm();
      ledger->commit(intended_commit(kCommitted));
      return;
    case Operation::verify:
      ledger.emplace(SqliteLedger::open(path, OpenMode::read_write));
      arm();
      ledger->verify();
      return;
  }
}

Left state_after(Operation op, const std::string& path, const std::string& context) {
  if (op == Operation::open_create) {
    if (holds_no_ledger(path)) return Left::old_state;
    EXPECT_EQ(check_after_crash(path, context), 0) << context;
    return Left::new_state;
  }
  const int commits = check_after_crash(path, context);
  if (op == Operation::commit && commits == kStartCommits + 1) return Left::new_state;
  EXPECT_EQ(commits, kStartCommits) << context;  // open and verify never change the commits
  return Left::old_state;
}

const char* state_name(Operation op, Left left) {
  switch (op) {
    case Operation::open_create: return left == Left::old_state ? "no ledger" : "an empty ledger";
    case Operation::commit: return left == Left::old_state ? "2 commits" : "3 commits";
    default: return "2 commits";
  }
}

bool retry(Operation op, const std::string& path, Left left, const std::string& context) {
  SCOPED_TRACE(context + ", retried with the normal VFS");
  bool did_it = false;
  int expected_commits = kStartCommits;
  try {
    switch (op) {
      case Operation::open_create: {
        // An empty ledger left behind is a ledger: it opens without create, and takes a commit.
        const OpenMode mode = left == Left::old_state ? OpenMode::create : OpenMode::read_write;
        SqliteLedger ledger = SqliteLedger::open(path, mode);
        EXPECT_TRUE(ledger.commits().empty());
        EXPECT_EQ(ledger.commit(intended_commit(Quarter(2019, 1))).status, CommitStatus::committed);
        did_it = left == Left::old_state;
        expected_commits = 1;
        break;
      }
      case Operation::open_read_write:
        EXPECT_EQ(SqliteLedger::open(path, OpenMode::read_write).commits().size(), std::size_t{kStartCommits});
        break;
      case Operation::open_read_only:
        EXPECT_EQ(SqliteLedger::open(path, OpenMode::read_only).commits().size(), std::size_t{kStartCommits});
        break;
      case Operation::commit: {
        SqliteLedger ledger = SqliteLedger::open(path, OpenMode::read_write);
        const CommitStatus status = ledger.commit(intended_commit(kCommitted)).status;
        EXPECT_EQ(status, left == Left::old_state ? CommitStatus::committed : CommitStatus::already_committed);
        did_it = status == CommitStatus::committed;
        expected_commits = kStartCommits + 1;
        break;
      }
      case Operation::verify:
        SqliteLedger::open(path, OpenMode::read_write).verify();
        break;
    }
  } catch (const std::exception& e) {
    ADD_FAILURE() << "the retry failed: " << e.what();
  }
  // Every commit once: check_after_crash compares each commit with the intended one, and a
  // quarter twice would be two commits more than expected.
  EXPECT_EQ(check_after_crash(path, context + ", after the retry"), expected_commits);
  return did_it;
}

}  // namespace duixian::test
