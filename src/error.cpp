#include "duixian/error.hpp"

namespace duixian {

const char* to_string(ErrorCode code) noexcept {
  switch (code) {
    case ErrorCode::invalid_argument: return "invalid_argument";
    case ErrorCode::parse_error: return "parse_error";
    case ErrorCode::overflow: return "overflow";
    case ErrorCode::division_by_zero: return "division_by_zero";
    case ErrorCode::not_representable: return "not_representable";
    case ErrorCode::io_error: return "io_error";
    case ErrorCode::ledger_conflict: return "ledger_conflict";
  }
  return "unknown";
}

Error::Error(ErrorCode code, const std::string& message)
    : std::runtime_error(std::string(to_string(code)) + ": " + message), code_(code) {}

}  // namespace duixian
