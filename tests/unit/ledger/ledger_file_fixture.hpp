#pragma once
// What the tests that alter ledger files by hand share (ledger_sqlite_test.cpp,
// ledger_tamper_test.cpp): a scratch file per test, SQL run on it directly as a person
// with the sqlite3 shell would, and the error that opening it gives.

#include <gtest/gtest.h>

#include <cstdio>
#include <string>

#include <sqlite3.h>
#include <unistd.h>

#include "duixian/error.hpp"
#include "duixian/sqlite_ledger.hpp"

namespace duixian::test {

class LedgerFileTest : public ::testing::Test {
 protected:
  /// The file is TempDir()/<prefix><pid>_<test name>.db, removed before and after the test.
  explicit LedgerFileTest(const std::string& prefix)
      : path(::testing::TempDir() + prefix + std::to_string(getpid()) + "_" +
             ::testing::UnitTest::GetInstance()->current_test_info()->name() + ".db") {
    remove_files();
  }
  ~LedgerFileTest() override { remove_files(); }

  void remove_files() const {
    for (const char* suffix : {"", "-wal", "-shm", "-journal"}) std::remove((path + suffix).c_str());
  }

  // Runs SQL on the file directly (creating it if missing); the rows as "a|b|".
  std::string raw(const std::string& sql) const {
    sqlite3* db = nullptr;
    std::string out;
    if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) == SQLITE_OK) {
      char* error = nullptr;
      auto collect = [](void* text, int columns, char** values, char**) {
        auto& s = *static_cast<std::string*>(text);
        for (int i = 0; i < columns; ++i) s += std::string(values[i] ? values[i] : "NULL") + "|";
        return 0;
      };
      if (sqlite3_exec(db, sql.c_str(), collect, &out, &error) != SQLITE_OK) {
        ADD_FAILURE() << sql << ": " << error;
        sqlite3_free(error);
      }
    } else {
      ADD_FAILURE() << "cannot open " << path;
    }
    sqlite3_close(db);
    return out;
  }

  // The error of opening the file (it must be an io_error), or "opened".
  std::string open_error(OpenMode mode = OpenMode::read_write) const {
    try {
      SqliteLedger::open(path, mode);
    } catch (const Error& e) {
      EXPECT_EQ(e.code(), ErrorCode::io_error) << e.what();
      return e.what();
    }
    return "opened";
  }

  const std::string path;
};

}  // namespace duixian::test
