#pragma once
/// @file
/// @brief A located problem in an input: file, line, column and what was expected.

#include <cstddef>
#include <string>
#include <vector>

namespace duixian {

/// @brief How bad a diagnostic is; the caller decides which severities are fatal.
enum class Severity : unsigned char {
  error,    ///< The row or value was rejected.
  warning,  ///< Accepted, but probably not what the author meant.
};

/// @brief One problem found in an input, pointing at the exact spot.
///
/// Lines and columns count from 1; 0 means "not applicable" (a whole-file problem
/// has line 0). Columns count characters (Unicode code points), not bytes, so that
/// they match what an editor shows. Rendered by `to_string` as
/// `facts.csv:12:3: error: unknown metric "outptu_value" (expected one of ...)`.
struct Diagnostic {
  std::string file;                    ///< The input's name as the caller gave it, e.g. a path.
  std::size_t line = 0;                ///< 1-based line, 0 when not applicable.
  std::size_t column = 0;              ///< 1-based column (code points), 0 when not applicable.
  Severity severity = Severity::error; ///< Rejected, or only suspicious.
  std::string message;                 ///< What is wrong and what was expected.
};

/// @brief `file:line:column: error: message` (line and column omitted when 0).
std::string to_string(const Diagnostic& d);

/// @brief The diagnostics of one load, in input order.
using Diagnostics = std::vector<Diagnostic>;

/// @brief True when any diagnostic is an error.
bool has_errors(const Diagnostics& diagnostics) noexcept;

}  // namespace duixian
