#pragma once
// A shim SQLite VFS over the default one that counts every xWrite and xSync and,
// when armed, fails or kills the process at the k-th. Installed as the default VFS
// in a child process only, so the parent always reopens with the normal VFS.

namespace duixian::test {

/// What happens at the k-th write or sync after `arm`.
enum class Fault {
  fail_once,  ///< That one call returns SQLITE_IOERR; later calls succeed (a transient error).
  fail_from,  ///< That call and every later one fail (the disk is gone).
  kill,       ///< The process sends itself SIGKILL before that call (a crash at that point).
};

/// Registers the shim as the default VFS (once per process).
void install_fault_vfs();
/// Counts writes and syncs from zero; the `k`-th (1-based) triggers `fault`.
void arm_fault(Fault fault, int k);
/// Stops injecting (counting continues).
void disarm_fault();
/// Writes and syncs seen since the last `arm_fault`.
int io_calls();
/// True once the armed fault has been injected.
bool fault_fired();

}  // namespace duixian::test
