#include "duixian/diagnostic.hpp"

#include <algorithm>

#include "support/csv.hpp"

namespace duixian {

std::string to_string(const Diagnostic& d) {
  std::string out = d.file;
  if (d.line > 0) {
    out += ':' + std::to_string(d.line);
    if (d.column > 0) out += ':' + std::to_string(d.column);
  }
  out += d.severity == Severity::error ? ": error: " : ": warning: ";
  out += d.message;
  return out;
}

std::string to_csv_row(const Diagnostic& d) {
  std::string out = csv_escape(d.file);
  out += ',';
  if (d.line > 0) out += std::to_string(d.line);
  out += ',';
  if (d.column > 0) out += std::to_string(d.column);
  out += d.severity == Severity::error ? ",error," : ",warning,";
  out += csv_escape(d.code);
  out += ',';
  out += csv_escape(d.message);
  out += '\n';
  return out;
}

bool has_errors(const Diagnostics& diagnostics) noexcept {
  return std::any_of(diagnostics.begin(), diagnostics.end(),
                     [](const Diagnostic& d) { return d.severity == Severity::error; });
}

std::size_t problem_count(const Diagnostics& diagnostics, Severity severity) noexcept {
  std::size_t n = 0;
  for (const Diagnostic& d : diagnostics) n += d.severity == severity ? d.count : 0;
  return n;
}

}  // namespace duixian
