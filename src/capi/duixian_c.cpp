// The C ABI (include/duixian/duixian.h) over the C++ library: version, status texts, the
// last error and strings. Each handle's functions are in c_<handle>.cpp; every exported
// function catches every exception and turns it into a status plus the thread's last error.
#include "capi/c_support.hpp"

using namespace duixian;
using namespace duixian::capi;

static_assert(DUIXIAN_VERSION_NUMBER == DUIXIAN_VERSION, "duixian.h and version.hpp disagree on the version");

extern "C" {

const char* duixian_version(void) { return duixian::version(); }

int duixian_version_number(void) { return DUIXIAN_VERSION_NUMBER; }

const char* duixian_status_text(int status) {
  switch (status) {
    case DUIXIAN_OK: return "ok";
    case DUIXIAN_ROW: return "row";
    case DUIXIAN_DONE: return "done";
    case DUIXIAN_E_INVALID_ARGUMENT: return "invalid argument";
    case DUIXIAN_E_PARSE: return "parse error";
    case DUIXIAN_E_OVERFLOW: return "overflow";
    case DUIXIAN_E_DIVISION_BY_ZERO: return "division by zero";
    case DUIXIAN_E_NOT_REPRESENTABLE: return "not representable";
    case DUIXIAN_E_IO: return "input/output error";
    case DUIXIAN_E_LEDGER_CONFLICT: return "ledger conflict";
    case DUIXIAN_E_NULL: return "NULL argument";
    case DUIXIAN_E_MISUSE: return "misuse";
    case DUIXIAN_E_VERSION: return "unknown options version";
    case DUIXIAN_E_NOT_FOUND: return "not found";
    case DUIXIAN_E_NO_MEMORY: return "out of memory";
    case DUIXIAN_E_INTERNAL: return "internal error";
    default: return "unknown status";
  }
}

const char* duixian_last_error(void) { return t_last_error.c_str(); }

void duixian_string_free(char* text) { std::free(text); }

}  // extern "C"
