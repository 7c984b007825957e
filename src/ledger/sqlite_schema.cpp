#include "ledger/sqlite_schema.hpp"

#include <cstdio>
#include <string>

#include "duixian/error.hpp"
#include "duixian/sqlite_ledger.hpp"
#include "duixian/version.hpp"

namespace duixian::detail {

namespace {

// Version 1. Amounts are TEXT and the CHECK keeps them so: a REAL can never sneak in.
// WITHOUT ROWID keys entries by (run, credit code, policy): a run's lines are read
// back in canonical order (BINARY collation = byte order) without a sort.
constexpr const char* kSchemaV1 = R"sql(
CREATE TABLE runs (
  sequence        INTEGER PRIMARY KEY CHECK (sequence >= 1),
  quarter         TEXT NOT NULL UNIQUE,
  book_id         TEXT NOT NULL,
  book_sha256     TEXT NOT NULL,
  data_sha256     TEXT NOT NULL,
  library_version TEXT NOT NULL,
  committed_at    TEXT NOT NULL,
  entry_count     INTEGER NOT NULL,
  entries_sha256  TEXT NOT NULL,
  previous_sha256 TEXT NOT NULL,
  run_sha256      TEXT NOT NULL UNIQUE
);
CREATE TABLE entries (
  run         INTEGER NOT NULL REFERENCES runs (sequence),
  credit_code TEXT NOT NULL,
  policy      TEXT NOT NULL,
  amount      TEXT NOT NULL CHECK (typeof(amount) = 'text'),
  PRIMARY KEY (run, credit_code, policy)
) WITHOUT ROWID;
)sql";

std::string hex32(std::int64_t value) {
  char text[16];
  std::snprintf(text, sizeof text, "0x%08llx", static_cast<unsigned long long>(value) & 0xffffffffULL);
  return text;
}

struct Header {
  std::int64_t user_version;
  std::int64_t application_id;
  std::int64_t objects;  // tables, indexes, ... in sqlite_master
};

Header read_header(const SqliteDb& db, const std::string& path) {
  const std::string context = "reading ledger " + path;
  return {db.query_int("PRAGMA user_version", context), db.query_int("PRAGMA application_id", context),
          db.query_int("SELECT count(*) FROM sqlite_master", context)};
}

}  // namespace

void open_ledger_schema(const SqliteDb& db, const std::string& path, bool writable, bool create) {
  Header h = read_header(db, path);
  const bool empty = h.user_version == 0 && h.application_id == 0 && h.objects == 0;
  if (empty && !create && !writable) {
    // An empty database (a zero-byte file, or one left by a killed creation) read as an
    // empty ledger: the tables live in the connection's TEMP schema, the file is untouched,
    // and the next OpenMode::create makes the ledger in it.
    std::string temp_schema = kSchemaV1;
    for (std::size_t at = 0; (at = temp_schema.find("CREATE TABLE", at)) != std::string::npos; at += 17) {
      temp_schema.replace(at, 12, "CREATE TEMP TABLE");
    }
    db.exec(temp_schema.c_str(), "reading the empty ledger " + path);
    return;
  }
  if (empty && !create) {
    throw Error(ErrorCode::io_error, path + " is not a Duixian ledger (the database is empty); "
                                            "open it with OpenMode::create to start a new ledger");
  }
  if (!empty && h.application_id != SqliteLedger::application_id) {
    throw Error(ErrorCode::io_error, path + " is not a Duixian ledger (application_id " +
                                         hex32(h.application_id) + ", expected " +
                                         hex32(SqliteLedger::application_id) + ")");
  }
  if (h.user_version > SqliteLedger::schema_version) {
    throw Error(ErrorCode::io_error, path + " has ledger schema version " + std::to_string(h.user_version) +
                                         ", newer than version " + std::to_string(SqliteLedger::schema_version) +
                                         " known to Duixian " DUIXIAN_VERSION_STRING
                                         "; open it with a newer Duixian");
  }
  if (!empty && h.user_version < 1) {
    throw Error(ErrorCode::io_error, path + " is a Duixian ledger without a schema version");
  }
  if (!writable) return;
  // WAL: readers never block the writer; FULL: a returned commit survives power loss.
  const std::string context = "setting up ledger " + path;
  if (db.query_text("PRAGMA journal_mode=WAL", context) != "wal") {
    throw Error(ErrorCode::io_error, context + ": the file system does not support WAL mode");
  }
  db.exec("PRAGMA synchronous=FULL", context);
  if (!empty) return;
  SqliteTransaction txn(db, "BEGIN IMMEDIATE", "creating ledger " + path);
  h = read_header(db, path);  // another process may have created it meanwhile
  if (h.objects == 0) {
    db.exec(kSchemaV1, "creating ledger " + path);
    db.exec(("PRAGMA application_id=" + std::to_string(SqliteLedger::application_id) +
             ";PRAGMA user_version=" + std::to_string(SqliteLedger::schema_version))
                .c_str(),
            "creating ledger " + path);
  }
  txn.commit();
  // Created meanwhile by someone else: check what they made as for any other file.
  if (h.objects != 0) open_ledger_schema(db, path, writable, false);
}

}  // namespace duixian::detail
