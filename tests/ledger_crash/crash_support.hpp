#pragma once
// What the crash tests share: the commits a child intends to make (deterministic,
// so the parent knows them too), child processes, and the check made after each crash.

#include <functional>
#include <string>

#include "duixian/ledger.hpp"

namespace duixian::test {

/// The commit a child makes for `quarter`: 20 to 80 lines depending on the quarter.
PendingCommit intended_commit(const Quarter& quarter);

/// The quarter after the ledger's last, or 2019Q1 for an empty ledger.
Quarter next_quarter(const Ledger& ledger);

/// A fresh path under the test temp dir, unique to this process; removes old files there.
std::string fresh_ledger_path(const std::string& name);

/// Removes the database and its -wal and -shm files.
void remove_ledger(const std::string& path);

/// Copies a closed (checkpointed) database file.
void copy_file(const std::string& from, const std::string& to);

/// Forks; the child commits `body` and `_exit`s with its result (it never returns to gtest).
/// `ready_fd` in the child is the write end of a pipe the parent reads through `wait_ready`.
struct Child {
  int pid = -1;
  int ready_fd = -1;  // parent: read end
};
Child spawn(const std::function<int(int ready_fd)>& body);
/// Blocks until the child writes a byte to its ready pipe; false if it exited first.
bool wait_ready(const Child& child);
/// Waits for the child; returns its exit code, or -signal when a signal ended it.
int reap(const Child& child);

/// `sql` run on `path` through a plain sqlite3 connection (no ledger checks), every
/// value of every row concatenated; "cannot open" or "error: ..." on failure.
std::string raw_query(const std::string& path, const char* sql);

/// True when `path` holds no ledger: no file, or a database without any table and
/// without the ledger's application_id (what a create that failed early leaves).
bool holds_no_ledger(const std::string& path);

/// Opens the ledger after a crash with the normal VFS and checks it: SQLite's
/// integrity_check is ok, the chain verifies (open does it), every commit present is
/// exactly the intended one, and no line exists outside a commit. Returns the commit count.
int check_after_crash(const std::string& path, const std::string& context);

}  // namespace duixian::test
