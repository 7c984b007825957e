#pragma once
/// @file
/// @brief Loading the register from `enterprises.csv` and `facts.csv`, losing nothing.
///
/// A loader accepts a row or reports it: every rejected row gets a Diagnostic with the
/// file, line, column and reason, and the counts of rows read, accepted and rejected
/// always add up (`read == accepted + rejected`). Nothing is dropped silently. The
/// caller decides whether any diagnostic is fatal (`has_errors`).
///
/// The layout is that of the reference workload (any column order, RFC 4180, UTF-8 or,
/// when named, GB18030/GBK):
/// - `enterprises.csv`: `credit_code, name, region, industry, tags, registered_on`
/// - `facts.csv`: `credit_code, metric, period, value` (period empty for timeless metrics)
///
/// Headers may use the Chinese titles of docs/register.md (`统一社会信用代码`, `企业名称`, ...)
/// or others through LoadOptions::columns. Every diagnostic has a code (Diagnostic::code), and
/// a flood of one code is listed in part and counted in full (LoadOptions::max_diagnostics_per_code).

#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "duixian/diagnostic.hpp"
#include "duixian/register.hpp"

namespace duixian {

/// @brief The encoding of an input file.
///
/// Spreadsheets saved by Excel on a Chinese Windows desktop are GBK (code page 936): name
/// GB18030, their superset. UTF-8 input is validated; a file that is not UTF-8 but decodes
/// as GB18030 is reported with a hint to name that encoding.
enum class TextEncoding : unsigned char {
  utf8,     ///< UTF-8 (RFC 3629), with or without a byte order mark: the default.
  gb18030,  ///< GB 18030, the national standard; GBK and GB 2312 files are read as GB18030, their superset.
};

/// @brief Parses an encoding name as a user types it, ignoring case.
///
/// Accepts `utf-8`, `utf8`, `gb18030`, and the GB18030 subsets `gbk`, `cp936` and
/// `gb2312` (read as GB18030). There is no guessing: any other name gives nothing.
/// @param name the name, e.g. the value of an `--encoding` option.
/// @return the encoding, or `std::nullopt` for an unknown name.
std::optional<TextEncoding> parse_text_encoding(std::string_view name) noexcept;

/// @brief The canonical name of an encoding: `"utf-8"` or `"gb18030"`.
/// @param encoding any TextEncoding; unknown values give `"unknown"`.
/// @return a string literal that lives for the whole program.
const char* to_string(TextEncoding encoding) noexcept;

/// @brief Other names for the documented columns, per file: header name → column.
struct ColumnNames {
  std::map<std::string, std::string> enterprises;  ///< For enterprises files, e.g. `企业名称` → `name`.
  std::map<std::string, std::string> facts;        ///< For facts and revision files, e.g. `金额` → `value`.
};

/// @brief Reads a column map as JSON: `{"enterprises": {"纳税人识别号": "credit_code"},
/// "facts": {"金额": "value"}}` (either key may be left out).
/// @param json_text the file's text.
/// @param source_name the file's name, for messages.
/// @throws Error `parse_error` naming the file and what is wrong (not JSON, an unknown key, a
///         target that is not a column of that file).
ColumnNames parse_column_names(std::string_view json_text, const std::string& source_name);

/// @brief How the loaders read their input.
struct LoadOptions {
  /// @brief The input's encoding. UTF-8 input is validated; a file that is not UTF-8 but
  /// looks like GB18030/GBK is reported with a hint to name that encoding.
  TextEncoding encoding = TextEncoding::utf8;
  /// @brief Threads that parse a facts file (0: one per hardware thread). The register,
  /// the counts and the diagnostics do not depend on it. A file with a quote anywhere
  /// after its header is read on one thread (a quoted field may hold a line break).
  unsigned threads = 0;
  /// @brief How many diagnostics of one code one file lists in full (0: all of them).
  ///
  /// A file with a systematic problem (an empty enterprises file against a million fact
  /// rows) would otherwise give millions of diagnostics. After the first
  /// `max_diagnostics_per_code` of a code, the rest are counted, and the file's diagnostics
  /// end with one summary per such code: line 0, the same code and severity, `count` the
  /// number not listed, e.g. `facts.csv: error: 1999990 more "unknown_enterprise" errors not
  /// listed (2000000 in all)`. Counts and acceptance do not depend on it.
  std::size_t max_diagnostics_per_code = 100;
  /// @brief Called with every diagnostic, listed or not, in file order (for a full list
  /// written to a file); may be empty. Runs on the loading thread.
  std::function<void(const Diagnostic&)> on_diagnostic;
  /// @brief Told how far reading a file has got, for a progress indicator: `file` as named to
  /// the loader, `done` of `total` bytes (the rows read so far, in file order; `done == total`
  /// once per file when it is read). May be empty. Runs on the loading thread.
  std::function<void(const std::string& file, std::uint64_t done, std::uint64_t total)> progress;
  /// @brief Header names to read as the documented columns, per file, e.g.
  /// `{"纳税人识别号", "credit_code"}`; applied before the built-in Chinese aliases
  /// (docs/register.md). A header naming one column twice, by any of its names, is an error.
  ColumnNames columns;
};

/// @brief Rows of one file: every row read was either accepted or rejected.
struct RowCounts {
  std::size_t read = 0;      ///< Data rows (the header excluded), well-formed or not.
  std::size_t accepted = 0;  ///< Rows whose content is now in the register.
  std::size_t rejected = 0;  ///< Rows reported with an error diagnostic.
};

/// @brief What a facts file does to facts already in the builder.
enum class FactMode : unsigned char {
  add,     ///< A fact already present with another value is an error (the row is rejected).
  revise,  ///< A fact already present takes the new value (a facts revision file).
};

/// @brief Reads enterprises from CSV text into `builder`.
/// @param builder receives the accepted enterprises.
/// @param bytes the file's content.
/// @param source_name the file's name for diagnostics.
/// @param options encoding.
/// @param diagnostics receives every problem, in file order.
/// @return the row counts of this file.
RowCounts load_enterprises_csv(RegisterBuilder& builder, std::string_view bytes, const std::string& source_name,
                               const LoadOptions& options, Diagnostics& diagnostics);

/// @brief Reads facts from CSV text into `builder`; their enterprises must already be in it.
/// @param builder receives the accepted facts.
/// @param bytes the file's content.
/// @param source_name the file's name for diagnostics.
/// @param options encoding.
/// @param diagnostics receives every problem, in file order.
/// @param mode whether a row may change a fact already present.
/// @return the row counts of this file.
RowCounts load_facts_csv(RegisterBuilder& builder, std::string_view bytes, const std::string& source_name,
                         const LoadOptions& options, Diagnostics& diagnostics, FactMode mode = FactMode::add);

/// @brief The outcome of loading a register from files.
struct LoadedRegister {
  Register reg;             ///< The accepted enterprises and facts.
  Diagnostics diagnostics;  ///< Every problem of every file, in order.
  RowCounts enterprises;    ///< Counts of the enterprises file.
  RowCounts facts;          ///< Counts of the facts file(s), summed.
};

/// @brief Loads `enterprises.csv` then `facts.csv` (then an optional facts revision file).
/// @param schema the metrics facts may use.
/// @param enterprises_path path of the enterprises file.
/// @param facts_path path of the facts file.
/// @param options encoding.
/// @param revision_path empty, or the path of a facts revision file applied last.
/// @throws Error when a file cannot be read (problems inside files are diagnostics).
LoadedRegister load_register(MetricSchema schema, const std::string& enterprises_path, const std::string& facts_path,
                             const LoadOptions& options = {}, const std::string& revision_path = {});

}  // namespace duixian
