#pragma once
// The ledger operations the fault tests fail call by call (crash_fault_test.cpp):
// how each starts, what it does in the child, which states may follow a fault, and
// the retry that must then succeed.

#include <functional>
#include <optional>
#include <string>

#include "duixian/sqlite_ledger.hpp"

namespace duixian::test {

enum class Operation { open_create, open_read_write, open_read_only, commit, verify };

/// "open create", "open read_write", ..., as in the reliability records.
const char* operation_name(Operation op);
/// An identifier for test names: "open_create", ...
const char* operation_id(Operation op);

/// Makes the file the operation starts from: none for create, else a ledger of two commits.
void make_start(Operation op, const std::string& path);

/// In the child: runs the operation on `path`, calling `arm` just before its first
/// call that may fail. `ledger` holds the open ledger (for commit and verify, from
/// before `arm`), so the caller decides whether it is closed or abandoned.
void commit_operation(Operation op, const std::string& path, std::optional<SqliteLedger>& ledger,
                   const std::function<void()>& arm);

/// What a fault may leave: the state before the operation, or the one after it.
enum class Left { old_state, new_state };

/// In the parent, normal VFS: checks the file (check_after_crash, or no ledger for a
/// create) and says which state it holds; adds a failure when it holds neither.
Left state_after(Operation op, const std::string& path, const std::string& context);
/// "no ledger" / "an empty ledger", "2 commits" / "3 commits", ...
const char* state_name(Operation op, Left left);

/// In the parent, normal VFS: retries the operation; it must succeed, and the ledger
/// must then hold the new state, every commit once. Returns true when the retry itself
/// did the work (committed), false when it found it done.
bool retry(Operation op, const std::string& path, Left left, const std::string& context);

}  // namespace duixian::test
