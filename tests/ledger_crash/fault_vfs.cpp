#include "fault_vfs.hpp"

#include <csignal>
#include <cstring>

#include <sqlite3.h>

namespace duixian::test {

namespace {

struct State {
  sqlite3_vfs* real = nullptr;
  sqlite3_vfs shim{};
  sqlite3_io_methods methods{};
  bool armed = false;
  Fault fault = Fault::fail_once;
  unsigned counted = kWritesAndSyncs;
  LockFailure lock_failure = LockFailure::io_error;
  int target = 0;
  int calls = 0;
  bool fired = false;
  const char* fired_kind = "";
} g;

// Our file struct; the real VFS's file follows it in the same allocation.
struct ShimFile {
  sqlite3_file base;
  sqlite3_file* real() { return reinterpret_cast<sqlite3_file*>(this + 1); }
};

ShimFile* shim(sqlite3_file* f) { return reinterpret_cast<ShimFile*>(f); }
sqlite3_file* real(sqlite3_file* f) { return shim(f)->real(); }
const sqlite3_io_methods* m(sqlite3_file* f) { return real(f)->pMethods; }

// Called before each call of a countable kind: true when this call must fail.
bool inject(Calls kind, const char* name) {
  if ((g.counted & kind) == 0) return false;
  ++g.calls;
  if (!g.armed) return false;
  const bool hit = g.fault == Fault::fail_from ? g.calls >= g.target : g.calls == g.target;
  if (!hit) return false;
  if (!g.fired) g.fired_kind = name;
  g.fired = true;
  if (g.fault == Fault::kill) std::raise(SIGKILL);
  return true;
}

int lock_error(int io_code) { return g.lock_failure == LockFailure::busy ? SQLITE_BUSY : io_code; }

int x_close(sqlite3_file* f) { return m(f)->xClose(real(f)); }
int x_read(sqlite3_file* f, void* p, int n, sqlite3_int64 at) { return m(f)->xRead(real(f), p, n, at); }
int x_write(sqlite3_file* f, const void* p, int n, sqlite3_int64 at) {
  return inject(kWrite, "write") ? SQLITE_IOERR_WRITE : m(f)->xWrite(real(f), p, n, at);
}
int x_truncate(sqlite3_file* f, sqlite3_int64 size) {
  return inject(kTruncate, "truncate") ? SQLITE_IOERR_TRUNCATE : m(f)->xTruncate(real(f), size);
}
int x_sync(sqlite3_file* f, int flags) {
  return inject(kSync, "sync") ? SQLITE_IOERR_FSYNC : m(f)->xSync(real(f), flags);
}
int x_file_size(sqlite3_file* f, sqlite3_int64* size) { return m(f)->xFileSize(real(f), size); }
int x_lock(sqlite3_file* f, int level) {
  return inject(kLock, "lock") ? lock_error(SQLITE_IOERR_LOCK) : m(f)->xLock(real(f), level);
}
int x_unlock(sqlite3_file* f, int level) { return m(f)->xUnlock(real(f), level); }
int x_check_reserved(sqlite3_file* f, int* out) { return m(f)->xCheckReservedLock(real(f), out); }
int x_file_control(sqlite3_file* f, int op, void* arg) { return m(f)->xFileControl(real(f), op, arg); }
int x_sector_size(sqlite3_file* f) { return m(f)->xSectorSize(real(f)); }
int x_device(sqlite3_file* f) { return m(f)->xDeviceCharacteristics(real(f)); }
int x_shm_map(sqlite3_file* f, int page, int size, int extend, void volatile** p) {
  return m(f)->xShmMap(real(f), page, size, extend, p);
}
int x_shm_lock(sqlite3_file* f, int offset, int n, int flags) {
  // Only taking a lock can fail: see Calls.
  if ((flags & SQLITE_SHM_LOCK) != 0 && inject(kShmLock, "WAL index lock")) return lock_error(SQLITE_IOERR_SHMLOCK);
  return m(f)->xShmLock(real(f), offset, n, flags);
}
void x_shm_barrier(sqlite3_file* f) { m(f)->xShmBarrier(real(f)); }
int x_shm_unmap(sqlite3_file* f, int del) { return m(f)->xShmUnmap(real(f), del); }
int x_fetch(sqlite3_file* f, sqlite3_int64 at, int n, void** p) { return m(f)->xFetch(real(f), at, n, p); }
int x_unfetch(sqlite3_file* f, sqlite3_int64 at, void* p) { return m(f)->xUnfetch(real(f), at, p); }

int x_open(sqlite3_vfs*, sqlite3_filename name, sqlite3_file* f, int flags, int* out_flags) {
  ShimFile* s = shim(f);
  const int rc = g.real->xOpen(g.real, name, s->real(), flags, out_flags);
  // SQLite calls xClose only when pMethods is set, so set it only for an open file.
  s->base.pMethods = s->real()->pMethods != nullptr ? &g.methods : nullptr;
  return rc;
}

// The rest of the VFS is the real one's.
int x_delete(sqlite3_vfs*, const char* name, int sync) { return g.real->xDelete(g.real, name, sync); }
int x_access(sqlite3_vfs*, const char* name, int flags, int* out) { return g.real->xAccess(g.real, name, flags, out); }
int x_full_pathname(sqlite3_vfs*, const char* name, int n, char* out) {
  return g.real->xFullPathname(g.real, name, n, out);
}

}  // namespace

void install_fault_vfs() {
  if (g.real != nullptr) return;
  g.real = sqlite3_vfs_find(nullptr);
  g.shim = *g.real;  // dlopen, randomness, sleep, time, syscalls: the real VFS's
  g.shim.pNext = nullptr;
  g.shim.zName = "duixian-fault";
  g.shim.szOsFile = static_cast<int>(sizeof(ShimFile)) + g.real->szOsFile;
  g.shim.xOpen = x_open;
  g.shim.xDelete = x_delete;
  g.shim.xAccess = x_access;
  g.shim.xFullPathname = x_full_pathname;
  g.methods = sqlite3_io_methods{3,          x_close,     x_read,      x_write,       x_truncate,
                                 x_sync,     x_file_size, x_lock,      x_unlock,      x_check_reserved,
                                 x_file_control, x_sector_size, x_device, x_shm_map,  x_shm_lock,
                                 x_shm_barrier, x_shm_unmap, x_fetch,  x_unfetch};
  sqlite3_vfs_register(&g.shim, 1);
}

void arm_fault(Fault fault, int k, unsigned calls, LockFailure lock) {
  g.fault = fault;
  g.counted = calls;
  g.lock_failure = lock;
  g.target = k;
  g.calls = 0;
  g.fired = false;
  g.fired_kind = "";
  g.armed = true;
}

void disarm_fault() { g.armed = false; }
int io_calls() { return g.calls; }
bool fault_fired() { return g.fired; }
const char* fired_call() { return g.fired_kind; }

}  // namespace duixian::test
