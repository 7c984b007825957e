#include "duixian/error.hpp"

#include <string>
#include <string_view>

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

std::string_view Error::message() const noexcept {
  const std::string_view text = what();
  const std::string_view prefix = to_string(code_);
  // what() is "<code>: <message>" (the constructor above), unless a derived error
  // (FormulaError) replaced what() with a located message: then all of it is the message.
  if (text.size() >= prefix.size() + 2 && text.substr(0, prefix.size()) == prefix &&
      text.substr(prefix.size(), 2) == ": ") {
    return text.substr(prefix.size() + 2);
  }
  return text;
}

}  // namespace duixian
