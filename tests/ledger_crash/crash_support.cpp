#include "crash_support.hpp"

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include "support/sha256.hpp"
#include "duixian/sqlite_ledger.hpp"

namespace duixian::test {

PendingCommit intended_commit(const Quarter& quarter) {
  const long index = static_cast<long>(quarter.year()) * 4 + quarter.number();
  PendingCommit commit;
  commit.quarter = quarter;
  commit.book_id = "crash-test";
  commit.book_sha256 = sha256_hex("crash-test book");
  commit.data_sha256 = sha256_hex(quarter.to_string());
  commit.committed_at = "2019-07-05T09:30:00Z";
  const long lines = 20 + (index * 37) % 61;
  for (long j = 0; j < lines; ++j) {
    const long fen = (index * 7919 + j * 104729) % 2000001 - 1000000;  // some are recoveries
    char code[32];
    std::snprintf(code, sizeof code, "913303%012ld", j * 7 + index % 5);
    commit.entries.push_back(LedgerEntry{code, j % 3 == 0 ? "R1" : "B2", Decimal::from_parts(fen, 2)});
  }
  return commit;
}

Quarter next_quarter(const Ledger& ledger) {
  const std::optional<Quarter> last = ledger.last_committed();
  return last ? last->next() : Quarter(2019, 1);
}

void remove_ledger(const std::string& path) {
  for (const char* suffix : {"", "-wal", "-shm"}) std::remove((path + suffix).c_str());
}

std::string fresh_ledger_path(const std::string& name) {
  // tmpfs when there is one: SIGKILL and VFS faults do not depend on the device
  // (the page cache outlives the process), and fsync there costs nothing, which
  // keeps hundreds of crash points within a few seconds. DUIXIAN_CRASH_DIR overrides.
  std::string dir = ::testing::TempDir();
  if (const char* chosen = std::getenv("DUIXIAN_CRASH_DIR")) {
    dir = std::string(chosen) + "/";
  } else if (access("/dev/shm", W_OK) == 0) {
    dir = "/dev/shm/";
  }
  const std::string path = dir + "duixian_crash_" + std::to_string(getpid()) + "_" + name + ".db";
  remove_ledger(path);
  return path;
}

void copy_file(const std::string& from, const std::string& to) {
  remove_ledger(to);
  std::ifstream in(from, std::ios::binary);
  std::ofstream out(to, std::ios::binary);
  out << in.rdbuf();
}

Child spawn(const std::function<int(int)>& body) {
  int fds[2];
  if (pipe(fds) != 0) throw std::runtime_error("pipe failed");
  const pid_t pid = fork();
  if (pid < 0) throw std::runtime_error("fork failed");
  if (pid == 0) {
    close(fds[0]);
    int code = 90;
    try {
      code = body(fds[1]);
    } catch (const std::exception& e) {
      std::fprintf(stderr, "child: unexpected exception: %s\n", e.what());
      code = 91;
    }
    _exit(code);  // no atexit handlers, no gtest teardown in the child
  }
  close(fds[1]);
  return Child{pid, fds[0]};
}

bool wait_ready(const Child& child) {
  char byte = 0;
  return read(child.ready_fd, &byte, 1) == 1;
}

int reap(const Child& child) {
  int status = 0;
  waitpid(child.pid, &status, 0);
  close(child.ready_fd);
  if (WIFSIGNALED(status)) return -WTERMSIG(status);
  return WEXITSTATUS(status);
}

std::string raw_query(const std::string& path, const char* sql) {
  sqlite3* db = nullptr;
  std::string out;
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE, nullptr) == SQLITE_OK) {
    auto collect = [](void* text, int columns, char** values, char**) {
      for (int i = 0; i < columns; ++i) *static_cast<std::string*>(text) += values[i] ? values[i] : "NULL";
      return 0;
    };
    char* error = nullptr;
    if (sqlite3_exec(db, sql, collect, &out, &error) != SQLITE_OK) out = std::string("error: ") + error;
    sqlite3_free(error);
  } else {
    out = "cannot open";
  }
  sqlite3_close(db);
  return out;
}

bool holds_no_ledger(const std::string& path) {
  if (access(path.c_str(), F_OK) != 0) return true;
  return raw_query(path, "SELECT count(*) FROM sqlite_master") == "0" && raw_query(path, "PRAGMA application_id") == "0";
}

int check_after_crash(const std::string& path, const std::string& context) {
  SCOPED_TRACE(context);
  EXPECT_EQ(raw_query(path, "PRAGMA integrity_check"), "ok");
  // No line outside a commit: a commit is whole or absent.
  EXPECT_EQ(raw_query(path, "SELECT count(*) FROM entries WHERE run NOT IN (SELECT sequence FROM runs)"), "0");
  try {
    SqliteLedger ledger = SqliteLedger::open(path, OpenMode::read_write);  // verifies the chain
    const std::vector<CommitRecord> commits = ledger.commits();
    for (const CommitRecord& r : commits) {
      const PendingCommit intended = intended_commit(r.quarter);
      EXPECT_EQ(r.entry_count, static_cast<std::int64_t>(intended.entries.size())) << r.quarter.to_string();
      EXPECT_EQ(r.entries_sha256, prepare_commit(intended).entries_sha256) << r.quarter.to_string();
      EXPECT_EQ(ledger.entries(r.quarter).size(), intended.entries.size()) << r.quarter.to_string();
    }
    return static_cast<int>(commits.size());
  } catch (const std::exception& e) {
    ADD_FAILURE() << "ledger does not open after the crash: " << e.what();
    return -1;
  }
}

}  // namespace duixian::test
