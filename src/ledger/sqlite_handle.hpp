#pragma once
// RAII for SQLite: a connection, prepared statements whose every use ends in a
// reset (so that no statement keeps a read transaction open), and transactions
// that roll back unless committed. Every failure becomes duixian::Error (io_error).

#include <cstdint>
#include <string>
#include <string_view>

#include <sqlite3.h>

namespace duixian::detail {

/// Throws Error(io_error) with the context, SQLite's message and its extended code.
[[noreturn]] void throw_sqlite(sqlite3* db, int rc, const std::string& context);

/// An open connection; closed (sqlite3_close_v2) on destruction.
class SqliteDb {
 public:
  /// Opens `path` with sqlite3_open_v2 `flags`; throws io_error naming the path.
  SqliteDb(const std::string& path, int flags);
  ~SqliteDb();
  SqliteDb(const SqliteDb&) = delete;
  SqliteDb& operator=(const SqliteDb&) = delete;

  sqlite3* get() const noexcept { return db_; }
  /// Runs SQL without results (several statements allowed); throws io_error with `context`.
  void exec(const char* sql, const std::string& context) const;
  /// The first column of a one-row query, as an integer (PRAGMA user_version, counts).
  std::int64_t query_int(const char* sql, const std::string& context) const;
  /// The first column of a one-row query, as text (PRAGMA journal_mode).
  std::string query_text(const char* sql, const std::string& context) const;

 private:
  sqlite3* db_ = nullptr;
};

/// A prepared statement, finalized on destruction. Use it through `Use`.
class SqliteStmt {
 public:
  SqliteStmt(const SqliteDb& db, const char* sql);
  ~SqliteStmt();
  SqliteStmt(const SqliteStmt&) = delete;
  SqliteStmt& operator=(const SqliteStmt&) = delete;

  /// One execution: bind, step, read columns; resets the statement when it goes out of scope.
  class Use {
   public:
    explicit Use(SqliteStmt& stmt) noexcept : stmt_(stmt) {}
    ~Use();
    Use(const Use&) = delete;
    Use& operator=(const Use&) = delete;

    Use& bind(int index, std::string_view text);
    Use& bind(int index, std::int64_t value);
    /// True for a row, false when done; throws io_error on failure.
    bool step();
    /// Column text, valid until the next step (empty for NULL).
    std::string_view text(int column) const;
    std::int64_t integer(int column) const;

   private:
    SqliteStmt& stmt_;
  };

  /// Starts an execution.
  Use use() noexcept { return Use(*this); }

 private:
  sqlite3* db_;
  sqlite3_stmt* stmt_ = nullptr;
};

/// BEGIN ... COMMIT; rolls back on destruction unless commit() succeeded.
class SqliteTransaction {
 public:
  /// `begin` is "BEGIN" (read) or "BEGIN IMMEDIATE" (write: takes the write lock first).
  SqliteTransaction(const SqliteDb& db, const char* begin, const std::string& context);
  ~SqliteTransaction();
  SqliteTransaction(const SqliteTransaction&) = delete;
  SqliteTransaction& operator=(const SqliteTransaction&) = delete;
  void commit();

 private:
  const SqliteDb& db_;
  std::string context_;
  bool open_ = true;
};

}  // namespace duixian::detail
