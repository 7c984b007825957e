#pragma once
// A shim SQLite VFS over the default one that counts the calls of chosen kinds
// (writes, syncs, truncates, locks) and, when armed, fails or kills the process at
// the k-th. Installed as the default VFS in a child process only, so the parent
// always reopens with the normal VFS.

namespace duixian::test {

/// What happens at the k-th counted call after `arm`.
enum class Fault {
  fail_once,  ///< That one call fails; later calls succeed (a transient error).
  fail_from,  ///< That call and every later counted one fail (the disk is gone).
  kill,       ///< The process sends itself SIGKILL before that call (a crash at that point).
};

/// The kinds of call that can be counted: a bitmask. Unlocks are never failed: SQLite
/// ignores most unlock errors, and a lock the shim kept would be a different fault
/// (another holder), which `busy` models instead.
enum Calls : unsigned {
  kWrite = 1u << 0,     ///< xWrite, failed with SQLITE_IOERR_WRITE
  kSync = 1u << 1,      ///< xSync, failed with SQLITE_IOERR_FSYNC
  kTruncate = 1u << 2,  ///< xTruncate, failed with SQLITE_IOERR_TRUNCATE
  kLock = 1u << 3,      ///< xLock (the database file), failed with SQLITE_IOERR_LOCK or SQLITE_BUSY
  kShmLock = 1u << 4,   ///< xShmLock taking a WAL index lock, failed with SQLITE_IOERR_SHMLOCK or SQLITE_BUSY
  kWritesAndSyncs = kWrite | kSync,
  kLocks = kLock | kShmLock,
  kEveryCall = kWrite | kSync | kTruncate | kLock | kShmLock,
};

/// How a failed lock reports itself.
enum class LockFailure {
  io_error,  ///< SQLITE_IOERR_LOCK / _SHMLOCK: fcntl itself failed (what the unix VFS returns then)
  busy,      ///< SQLITE_BUSY: another process holds the lock; SQLite's busy handler may retry
};

/// Registers the shim as the default VFS (once per process).
void install_fault_vfs();
/// Counts the calls of the kinds in `calls` from zero; the `k`-th (1-based) triggers `fault`.
void arm_fault(Fault fault, int k, unsigned calls = kWritesAndSyncs, LockFailure lock = LockFailure::io_error);
/// Stops injecting (counting continues).
void disarm_fault();
/// Counted calls since the last `arm_fault`.
int io_calls();
/// True once the armed fault has been injected.
bool fault_fired();
/// The kind of the call the fault was first injected into ("write", "lock", ...), or "".
const char* fired_call();

}  // namespace duixian::test
