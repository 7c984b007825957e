#pragma once
// What every file of the C ABI shares: the structs behind the handles duixian.h leaves
// opaque, the thread's last error, and `guarded`, which every exported function runs its
// body in so that no exception crosses into C.
#include "duixian/duixian.h"

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <memory>
#include <new>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "duixian/duixian.hpp"

namespace duixian::capi {

/// The calling thread's last error (what `duixian_last_error` returns).
extern thread_local std::string t_last_error;

/// A failure raised by the C layer itself, with a C status of its own.
struct CError {
  int status;
  std::string message;
};

/// Throws a CError: `guarded` turns it into `status` and the last error `message`.
[[noreturn]] inline void fail(int status, std::string message) { throw CError{status, std::move(message)}; }

/// The C status of a library error code (duixian.h numbers them as the negated ErrorCode).
inline int status_of(ErrorCode code) noexcept { return -static_cast<int>(code); }
static_assert(DUIXIAN_E_INVALID_ARGUMENT == -static_cast<int>(ErrorCode::invalid_argument), "status codes differ");
static_assert(DUIXIAN_E_PARSE == -static_cast<int>(ErrorCode::parse_error), "status codes differ");
static_assert(DUIXIAN_E_OVERFLOW == -static_cast<int>(ErrorCode::overflow), "status codes differ");
static_assert(DUIXIAN_E_DIVISION_BY_ZERO == -static_cast<int>(ErrorCode::division_by_zero), "status codes differ");
static_assert(DUIXIAN_E_NOT_REPRESENTABLE == -static_cast<int>(ErrorCode::not_representable), "status codes differ");
static_assert(DUIXIAN_E_IO == -static_cast<int>(ErrorCode::io_error), "status codes differ");
static_assert(DUIXIAN_E_LEDGER_CONFLICT == -static_cast<int>(ErrorCode::ledger_conflict), "status codes differ");

/// Runs `body`, mapping every exception to a status and the last error.
template <class Body>
int guarded(Body&& body) noexcept {
  try {
    t_last_error.clear();
  } catch (...) {
  }
  try {
    return body();
  } catch (const CError& e) {
    try {
      t_last_error = e.message;
    } catch (...) {
    }
    return e.status;
  } catch (const Error& e) {
    try {
      t_last_error = e.what();
    } catch (...) {
    }
    return status_of(e.code());
  } catch (const std::bad_alloc&) {
    try {
      t_last_error = "out of memory";
    } catch (...) {
    }
    return DUIXIAN_E_NO_MEMORY;
  } catch (const std::exception& e) {
    try {
      t_last_error = std::string("internal error: ") + e.what();
    } catch (...) {
    }
    return DUIXIAN_E_INTERNAL;
  } catch (...) {
    try {
      t_last_error = "internal error: an unknown exception";
    } catch (...) {
    }
    return DUIXIAN_E_INTERNAL;
  }
}

/// Fails with DUIXIAN_E_NULL naming the argument when `pointer` is NULL.
void need(const void* pointer, const char* name);

/// A malloc'd copy the caller frees with `duixian_string_free`.
char* dup(std::string_view text);

/// Fails with DUIXIAN_E_VERSION when an options struct's version is not `oldest`..`current`
/// (an older layout that a release removed is not read).
template <class Options>
void check_version(const Options* options, int current, const char* name, int oldest = 1) {
  if (options != nullptr && (options->version < oldest || options->version > current)) {
    fail(DUIXIAN_E_VERSION, std::string(name) + " version " + std::to_string(options->version) +
                                " is not known to this library (it knows " + std::to_string(oldest) + " to " +
                                std::to_string(current) + ")");
  }
}

/// The error diagnostics as text, one per line, at most 20 and a count of the rest.
std::string diagnostics_message(const Diagnostics& diagnostics);

}  // namespace duixian::capi

struct duixian_book {
  std::shared_ptr<const duixian::PolicyBook> book;
};

struct duixian_register {
  duixian::Register reg;  // a handle: settlements made from it share its data
};

struct duixian_register_builder {
  std::optional<duixian::RegisterBuilder> builder;  // empty once spent
};

struct duixian_ledger {
  std::unique_ptr<duixian::Ledger> ledger;
};

struct duixian_settlement {
  std::shared_ptr<const duixian::PolicyBook> book;
  std::string quarter;
  duixian::Settlement settlement;
  duixian::Totals totals;
};

struct duixian_lines {
  const duixian_settlement* settlement = nullptr;
  std::size_t next = 0;     // index of the line the next call moves to
  bool on_row = false;
  std::string fields[12];   // the current row's text
};
