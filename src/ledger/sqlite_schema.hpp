#pragma once
// The SQLite ledger's schema, its version, and the checks made when a file is opened.

#include <string>

#include "ledger/sqlite_handle.hpp"

namespace duixian::detail {

/// Makes `db` ready for use as a ledger: refuses files that are not Duixian ledgers or
/// have a newer schema; when `writable`, switches to WAL with synchronous=FULL; when
/// `create` and the database is empty, creates the schema (version 1); when neither and the
/// database is empty, makes it read as an empty ledger (the schema in TEMP, the file untouched).
void open_ledger_schema(const SqliteDb& db, const std::string& path, bool writable, bool create);

}  // namespace duixian::detail
