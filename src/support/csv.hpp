#pragma once
/// @file
/// @brief RFC 4180 CSV: a fast reader over an in-memory UTF-8 buffer with located
/// diagnostics, a header that maps column names to indexes, and a writer.
///
/// The reader is the bottom layer of the enterprise and fact loaders:
/// @code
/// std::string text = duixian::read_file("facts.csv");
/// if (auto bad = duixian::validate_utf8(text, "facts.csv")) { report(*bad); return; }
/// duixian::CsvReader reader(text, "facts.csv");
/// duixian::CsvRecord record;
/// if (!reader.next(record)) { /* empty file */ }
/// duixian::CsvHeader header(record, "facts.csv");
/// std::optional<duixian::Diagnostic> missing = header.require({"credit_code", "metric", "period", "value"});
/// while (reader.next(record)) { /* record.fields[*header.find("value")] ... */ }
/// // reader.diagnostics(): every malformed row, each with its line and column
/// @endcode

#include <cstddef>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "duixian/diagnostic.hpp"

namespace duixian {

/// @brief One CSV record (row) as read by CsvReader.
///
/// **Lifetime of the fields.** A field is a view into the input buffer when it is
/// unquoted or quoted without doubled quotes; a quoted field with `""` inside is
/// unescaped into storage owned by the reader. Either way, treat every view as valid
/// only until the next call to `CsvReader::next` (and while the input buffer lives):
/// copy what must outlive the row.
struct CsvRecord {
  std::size_t line = 0;                 ///< 1-based line on which the record starts.
  std::vector<std::string_view> fields; ///< The fields, unquoted and unescaped.
  std::vector<const char*> starts;      ///< Where each field (or its quote) starts in the input.
  const char* text_begin = nullptr;     ///< The input's first byte after any byte order mark.

  /// @brief The number of fields.
  std::size_t size() const noexcept { return fields.size(); }

  /// @brief The 1-based column (in code points) where field `i` (or its quote) starts.
  ///
  /// Computed when asked, from the start of the field's physical line (a line break
  /// inside a quoted field starts a new line): only a diagnostic needs it, and counting
  /// code points for every field of every row was 6% of a load.
  std::size_t column(std::size_t i) const noexcept;
};

/// @brief The 1-based column (code points) of `at` on its line; `text_begin` as in CsvRecord.
std::size_t csv_column_of(const char* text_begin, const char* at) noexcept;

/// @brief Reads RFC 4180 records from an in-memory UTF-8 buffer.
///
/// Accepts comma-separated fields, optionally quoted with `"`; inside quotes, commas,
/// line breaks and doubled quotes (`""`) are data. Records end with LF or CRLF; the last
/// one may have no line end. A UTF-8 byte order mark at the start is skipped (and not
/// counted in columns). Blank lines are skipped, so a trailing empty line is not a record.
/// Line numbers count every LF, including those inside quoted fields.
///
/// Malformed records do not throw: each becomes an error diagnostic (an unterminated
/// quoted field, a quote inside an unquoted field, text after a closing quote, a carriage
/// return not followed by a line feed), the rest of that line is skipped, and reading
/// resumes on the next line, so a loader can report every bad row in one pass.
///
/// The reader does not validate UTF-8 (see `validate_utf8`) and does not check that
/// records have the same number of fields (see `CsvHeader::check_width`).
class CsvReader {
 public:
  /// @brief A reader over `data`, which must outlive the reader and the records it fills.
  /// @param data the whole input, UTF-8.
  /// @param source_name the input's name (e.g. its path), used in diagnostics.
  CsvReader(std::string_view data, std::string source_name);

  /// @brief A reader over a part of a file that starts on line `first_line` (a part split
  /// at a line end where no quoted field is open: see the facts loader).
  /// A byte order mark is skipped only at the start of a whole file, so this one skips none.
  CsvReader(std::string_view data, std::string source_name, std::size_t first_line)
      : data_(data), source_name_(std::move(source_name)), text_begin_(data.data()), pos_(data.data()),
        line_(first_line) {}

  /// @brief Where the next record starts (after the last one read).
  const char* position() const noexcept { return pos_; }
  /// @brief The line the next record starts on.
  std::size_t line() const noexcept { return line_; }

  /// @brief Reads the next well-formed record into `record`, reusing its vectors' storage.
  /// @param record overwritten with the record; its field views are valid until the next call.
  /// @return false at the end of the input (then `record` is empty).
  bool next(CsvRecord& record);

  /// @brief The problems found so far, in input order.
  const Diagnostics& diagnostics() const noexcept { return diagnostics_; }

  /// @brief The input's name as given to the constructor.
  const std::string& source_name() const noexcept { return source_name_; }

 private:
  bool parse_record(CsvRecord& record);
  const char* read_quoted(CsvRecord& record, const char* open);
  std::size_t column_at(const char* p) const noexcept { return csv_column_of(text_begin_, p); }
  void count_lines(const char* from, const char* to);
  void fail(const char* at, std::size_t line, std::size_t column, std::string message);

  std::string_view data_;
  std::string source_name_;
  const char* text_begin_;  // after the byte order mark, if any
  const char* pos_;         // start of the next record
  std::size_t line_ = 1;    // line of the byte being read
  std::string storage_;     // unescaped quoted fields of the current record
  struct Pending {          // a field whose view is fixed once storage_ stops growing
    std::size_t field;
    std::size_t offset;
    std::size_t length;
  };
  std::vector<Pending> pending_;
  Diagnostics diagnostics_;
};

/// @brief The header row of a CSV file: column names mapped to field indexes.
///
/// Columns may come in any order; loaders look each one up by name once, then index
/// the records. Names match exactly (case and spaces count). Empty names (as left by a
/// trailing comma) are ignored.
class CsvHeader {
 public:
  /// @brief A header with no columns (for an input with no header row).
  CsvHeader() = default;

  /// @brief Builds the header from the file's first record.
  ///
  /// A name that appears twice is an error diagnostic pointing at the second one; the
  /// first occurrence is the one `find` returns.
  /// @param record the first record of the file.
  /// @param source_name the input's name, used in diagnostics.
  CsvHeader(const CsvRecord& record, std::string source_name);

  /// @brief The index of the named column, or nothing when there is no such column.
  /// @param name the column name, e.g. `"credit_code"`.
  /// @return the 0-based field index.
  std::optional<std::size_t> find(std::string_view name) const noexcept;

  /// @brief Checks that all the required columns are present.
  /// @param required the column names the loader needs.
  /// @return nothing when all are present; otherwise one error at the header line listing
  /// the missing columns and the columns found, e.g.
  /// `missing required columns "period", "value" (found: "credit_code", "metric", "valeu")`.
  std::optional<Diagnostic> require(std::initializer_list<std::string_view> required) const;

  /// @brief Same as the initializer-list overload, for a list built at run time.
  /// @param required the column names the loader needs.
  /// @return nothing when all are present, else one error listing missing and found columns.
  std::optional<Diagnostic> require(const std::vector<std::string_view>& required) const;

  /// @brief Checks that a record has as many fields as the header has columns.
  /// @param record a record read after the header.
  /// @return nothing when the counts match; otherwise an error at the record's line.
  std::optional<Diagnostic> check_width(const CsvRecord& record) const;

  /// @brief The column names in file order (empty ones included, to keep indexes).
  const std::vector<std::string>& names() const noexcept { return names_; }

  /// @brief The number of columns, i.e. of fields in the header record.
  std::size_t size() const noexcept { return names_.size(); }

  /// @brief Problems with the header itself (duplicate names).
  const Diagnostics& diagnostics() const noexcept { return diagnostics_; }

 private:
  std::optional<Diagnostic> require(const std::string_view* first, const std::string_view* last) const;

  std::vector<std::string> names_;
  std::string source_name_;
  std::size_t line_ = 0;
  Diagnostics diagnostics_;
};

/// @brief A field as written in CSV: quoted (with `"` doubled) when it must be, else as is.
///
/// Quotes a field that contains a comma, a quote, CR or LF, that starts or ends with a
/// space or tab (which spreadsheet programs would trim), or that starts with a byte
/// order mark (which a reader would drop at the start of a file).
/// @param field the raw value.
/// @return the text to put between the commas.
std::string csv_escape(std::string_view field);

/// @brief Options of CsvWriter.
struct CsvWriterOptions {
  /// @brief Start with a UTF-8 byte order mark. Excel on a Chinese desktop reads a CSV
  /// without one as GBK, garbling every name; with it, Excel reads UTF-8.
  bool bom = false;
  /// @brief End rows with CRLF (RFC 4180's line end) instead of LF.
  bool crlf = false;
};

/// @brief Builds CSV text in memory, one row at a time; `CsvReader` reads it back exactly.
class CsvWriter {
 public:
  /// @brief An empty document (just the BOM, if asked for).
  /// @param options byte order mark and line end.
  explicit CsvWriter(CsvWriterOptions options = {});

  /// @brief Appends one field to the current row.
  /// @param value the raw value, escaped as `csv_escape` does.
  void field(std::string_view value);

  /// @brief Ends the current row.
  void end_row();

  /// @brief Appends a whole row: the fields, then the line end.
  /// @param fields the raw values.
  void write_row(std::initializer_list<std::string_view> fields);

  /// @brief Appends a whole row: the fields, then the line end.
  /// @param fields the raw values.
  void write_row(const std::vector<std::string_view>& fields);

  /// @brief Appends a whole row: the fields, then the line end.
  /// @param fields the raw values.
  void write_row(const std::vector<std::string>& fields);

  /// @brief The text written so far.
  const std::string& str() const noexcept { return out_; }

  /// @brief Moves the text out, leaving the writer empty (no BOM is written again).
  std::string take() noexcept;

 private:
  std::string out_;
  std::size_t row_fields_ = 0;
  bool empty_field_only_ = false;
  bool crlf_;
};

}  // namespace duixian
