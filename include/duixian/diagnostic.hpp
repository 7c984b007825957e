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
  /// What kind of problem it is: a stable `snake_case` name such as `unknown_enterprise`, the
  /// same whatever the message's wording or language (the loaders' codes are listed in
  /// `docs/register.md`). Empty for a problem no code was given to.
  std::string code;
  /// How many problems this diagnostic stands for: 1, or, for a summary of repeated
  /// problems (see LoadOptions::max_diagnostics_per_code), the number it did not list.
  /// Summing `count` over a load's diagnostics of one code gives that code's exact count.
  std::size_t count = 1;
};

/// @brief `file:line:column: error: message` (line and column omitted when 0).
std::string to_string(const Diagnostic& d);

/// @brief The diagnostics of one load, in input order.
using Diagnostics = std::vector<Diagnostic>;

/// @brief True when any diagnostic is an error.
bool has_errors(const Diagnostics& diagnostics) noexcept;

/// @brief The header row of a diagnostics CSV file (`to_csv_row` writes its rows).
inline constexpr const char* diagnostics_csv_header = "file,line,column,severity,code,message\n";

/// @brief One diagnostic as a row of a diagnostics CSV file: `file,line,column,severity,code,message`
/// (RFC 4180, quoted where needed, ending in `\n`; line and column empty when 0), which a clerk
/// can open in a spreadsheet to sort and filter a long list of problems.
std::string to_csv_row(const Diagnostic& d);

/// @brief The number of problems of `severity` the diagnostics stand for (summaries counted
/// by their `count`), e.g. to say "20,400,000 errors" when only the first ones are listed.
std::size_t problem_count(const Diagnostics& diagnostics, Severity severity) noexcept;

}  // namespace duixian
