// The C ABI: ledgers in memory or in a SQLite file.
#include "capi/c_support.hpp"

using namespace duixian;
using namespace duixian::capi;

extern "C" {

int duixian_ledger_new_memory(duixian_ledger** out) {
  if (out != nullptr) *out = nullptr;
  return guarded([&] {
    need(out, "out");
    auto handle = std::make_unique<duixian_ledger>();
    handle->ledger = std::make_unique<InMemoryLedger>();
    *out = handle.release();
    return DUIXIAN_OK;
  });
}

int duixian_ledger_open_sqlite(const char* path, int mode, duixian_ledger** out) {
  if (out != nullptr) *out = nullptr;
  return guarded([&] {
    need(path, "path");
    need(out, "out");
    OpenMode open_mode = OpenMode::read_write;
    switch (mode) {
      case DUIXIAN_LEDGER_READ_ONLY: open_mode = OpenMode::read_only; break;
      case DUIXIAN_LEDGER_READ_WRITE: open_mode = OpenMode::read_write; break;
      case DUIXIAN_LEDGER_CREATE: open_mode = OpenMode::create; break;
      default: fail(DUIXIAN_E_INVALID_ARGUMENT, "unknown ledger mode " + std::to_string(mode));
    }
    auto handle = std::make_unique<duixian_ledger>();
    handle->ledger = std::make_unique<SqliteLedger>(SqliteLedger::open(path, open_mode));
    *out = handle.release();
    return DUIXIAN_OK;
  });
}

void duixian_ledger_free(duixian_ledger* ledger) { delete ledger; }

int duixian_ledger_last_committed(const duixian_ledger* ledger, char** out) {
  return guarded([&] {
    need(ledger, "ledger");
    need(out, "out");
    const auto last = ledger->ledger->last_committed();
    *out = last ? dup(last->to_string()) : nullptr;
    return DUIXIAN_OK;
  });
}

int duixian_ledger_commit_count(const duixian_ledger* ledger, size_t* out) {
  return guarded([&] {
    need(ledger, "ledger");
    need(out, "out");
    *out = ledger->ledger->commits().size();
    return DUIXIAN_OK;
  });
}

int duixian_ledger_verify(const duixian_ledger* ledger) {
  return guarded([&] {
    need(ledger, "ledger");
    ledger->ledger->verify();
    return DUIXIAN_OK;
  });
}

}  // extern "C"
