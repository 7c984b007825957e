// The C ABI's shared helpers (c_support.hpp).
#include "capi/c_support.hpp"

namespace duixian::capi {

thread_local std::string t_last_error;

void need(const void* pointer, const char* name) {
  if (pointer == nullptr) fail(DUIXIAN_E_NULL, std::string(name) + " is NULL");
}

char* dup(std::string_view text) {
  auto* copy = static_cast<char*>(std::malloc(text.size() + 1));
  if (copy == nullptr) throw std::bad_alloc();
  std::memcpy(copy, text.data(), text.size());
  copy[text.size()] = '\0';
  return copy;
}

std::string diagnostics_message(const Diagnostics& diagnostics) {
  std::string message;
  std::size_t shown = 0;
  std::size_t errors = 0;
  for (const Diagnostic& d : diagnostics) {
    if (d.severity != Severity::error) continue;
    ++errors;
    if (shown < 20) {
      if (!message.empty()) message += '\n';
      message += to_string(d);
      ++shown;
    }
  }
  if (errors > shown) message += "\n... and " + std::to_string(errors - shown) + " more";
  return message;
}

}  // namespace duixian::capi
