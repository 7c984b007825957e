#include "ledger/sqlite_handle.hpp"

#include "duixian/error.hpp"

namespace duixian::detail {

void throw_sqlite(sqlite3* db, int rc, const std::string& context) {
  const char* message = db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
  throw Error(ErrorCode::io_error,
              context + ": " + message + " (SQLite code " + std::to_string(rc) + ")");
}

SqliteDb::SqliteDb(const std::string& path, int flags) {
  const int rc = sqlite3_open_v2(path.c_str(), &db_, flags | SQLITE_OPEN_EXRESCODE, nullptr);
  if (rc != SQLITE_OK) {
    // SQLite allocates a handle even on failure; it carries the message and must be closed.
    const std::string message = db_ != nullptr ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
    sqlite3_close_v2(db_);
    db_ = nullptr;
    throw Error(ErrorCode::io_error, "cannot open ledger " + path + ": " + message);
  }
}

SqliteDb::~SqliteDb() { sqlite3_close_v2(db_); }

void SqliteDb::exec(const char* sql, const std::string& context) const {
  const int rc = sqlite3_exec(db_, sql, nullptr, nullptr, nullptr);
  if (rc != SQLITE_OK) throw_sqlite(db_, rc, context);
}

std::int64_t SqliteDb::query_int(const char* sql, const std::string& context) const {
  SqliteStmt stmt(*this, sql);
  auto use = stmt.use();
  if (!use.step()) throw Error(ErrorCode::io_error, context + ": no result");
  return use.integer(0);
}

std::string SqliteDb::query_text(const char* sql, const std::string& context) const {
  SqliteStmt stmt(*this, sql);
  auto use = stmt.use();
  if (!use.step()) throw Error(ErrorCode::io_error, context + ": no result");
  return std::string(use.text(0));
}

SqliteStmt::SqliteStmt(const SqliteDb& db, const char* sql) : db_(db.get()) {
  const int rc = sqlite3_prepare_v3(db_, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt_, nullptr);
  if (rc != SQLITE_OK) throw_sqlite(db_, rc, std::string("preparing ") + sql);
}

SqliteStmt::~SqliteStmt() { sqlite3_finalize(stmt_); }

SqliteStmt::Use::~Use() {
  sqlite3_reset(stmt_.stmt_);
  sqlite3_clear_bindings(stmt_.stmt_);
}

SqliteStmt::Use& SqliteStmt::Use::bind(int index, std::string_view text) {
  const int rc = sqlite3_bind_text64(stmt_.stmt_, index, text.data(), text.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
  if (rc != SQLITE_OK) throw_sqlite(stmt_.db_, rc, "binding a value");
  return *this;
}

SqliteStmt::Use& SqliteStmt::Use::bind(int index, std::int64_t value) {
  const int rc = sqlite3_bind_int64(stmt_.stmt_, index, value);
  if (rc != SQLITE_OK) throw_sqlite(stmt_.db_, rc, "binding a value");
  return *this;
}

bool SqliteStmt::Use::step() {
  const int rc = sqlite3_step(stmt_.stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  throw_sqlite(stmt_.db_, rc, std::string("running ") + sqlite3_sql(stmt_.stmt_));
}

std::string_view SqliteStmt::Use::text(int column) const {
  const auto* data = reinterpret_cast<const char*>(sqlite3_column_text(stmt_.stmt_, column));
  if (data == nullptr) return {};
  return {data, static_cast<std::size_t>(sqlite3_column_bytes(stmt_.stmt_, column))};
}

std::int64_t SqliteStmt::Use::integer(int column) const { return sqlite3_column_int64(stmt_.stmt_, column); }

SqliteTransaction::SqliteTransaction(const SqliteDb& db, const char* begin, const std::string& context)
    : db_(db), context_(context) {
  db_.exec(begin, context_ + ": " + begin);
}

SqliteTransaction::~SqliteTransaction() {
  // After some errors SQLite has already rolled back; ROLLBACK then would be an error of its own.
  if (open_ && sqlite3_get_autocommit(db_.get()) == 0) sqlite3_exec(db_.get(), "ROLLBACK", nullptr, nullptr, nullptr);
}

void SqliteTransaction::commit() {
  db_.exec("COMMIT", context_ + ": COMMIT");
  open_ = false;
}

}  // namespace duixian::detail
