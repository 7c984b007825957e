#include "duixian/loader.hpp"

#include <algorithm>
#include <array>
#include <condition_variable>
#include <cstring>
#include <exception>
#include <iterator>
#include <mutex>
#include <thread>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "support/csv.hpp"
#include "duixian/error.hpp"
#include "support/encoding.hpp"
#include "support/file.hpp"
#include "register/code_index.hpp"
#include "register/column_names.hpp"
#include "register/fact_text.hpp"
#include "register/register_loading.hpp"

namespace duixian {

namespace {

/// Where a file's diagnostics go. A file's sink lists the first `max_diagnostics_per_code`
/// of each code, counts the rest and ends with a summary per code that overflowed; every
/// diagnostic also goes to `on_diagnostic`. A collecting sink (a part of a facts file, read
/// on a helper thread) keeps everything for the file's sink to take in line order.
class DiagnosticSink {
 public:
  DiagnosticSink(Diagnostics& out, const LoadOptions& options, std::string source)
      : out_(out), options_(&options), source_(std::move(source)) {}
  explicit DiagnosticSink(Diagnostics& out) : out_(out) {}
  DiagnosticSink(const DiagnosticSink&) = delete;
  DiagnosticSink& operator=(const DiagnosticSink&) = delete;

  void add(Diagnostic d) {
    if (options_ == nullptr) {
      out_.push_back(std::move(d));
      return;
    }
    if (options_->on_diagnostic) options_->on_diagnostic(d);
    Tally* t = nullptr;
    for (Tally& have : tallies_) {
      if (have.code == d.code && have.severity == d.severity) t = &have;
    }
    if (t == nullptr) t = &tallies_.emplace_back(Tally{d.code, d.severity, 0});
    ++t->seen;
    if (options_->max_diagnostics_per_code == 0 || t->seen <= options_->max_diagnostics_per_code) {
      out_.push_back(std::move(d));
    }
  }

  /// The summaries, after the file's last diagnostic.
  void finish() {
    if (options_ == nullptr) return;
    const std::size_t max = options_->max_diagnostics_per_code;
    for (const Tally& t : tallies_) {
      if (max == 0 || t.seen <= max) continue;
      const std::size_t unlisted = t.seen - max;
      const char* kind = t.severity == Severity::error ? (unlisted == 1 ? " error" : " errors")
                                                       : (unlisted == 1 ? " warning" : " warnings");
      Diagnostic d{source_, 0, 0, t.severity,
                   std::to_string(unlisted) + " more \"" + (t.code.empty() ? "other" : t.code) + "\"" + kind +
                       " not listed (" + std::to_string(t.seen) + " in all)",
                   t.code, unlisted};
      out_.push_back(std::move(d));
    }
    tallies_.clear();
  }

 private:
  struct Tally {
    std::string code;
    Severity severity;
    std::size_t seen;
  };
  Diagnostics& out_;
  const LoadOptions* options_ = nullptr;
  std::string source_;
  std::vector<Tally> tallies_;  // a handful of codes per file: a linear search is the fastest map
};

// UTF-16 (Excel's "Unicode text", and some database tools' default): a byte order mark, or
// NUL bytes among the first characters, where CSV text never has one.
bool looks_like_utf16(std::string_view bytes) noexcept {
  if (bytes.size() >= 2 && ((bytes[0] == '\xFF' && bytes[1] == '\xFE') || (bytes[0] == '\xFE' && bytes[1] == '\xFF'))) {
    return true;
  }
  return std::memchr(bytes.data(), '\0', std::min<std::size_t>(bytes.size(), 256)) != nullptr;
}

bool has_non_ascii(std::string_view bytes) noexcept {
  return std::any_of(bytes.begin(), bytes.end(), [](char c) { return (static_cast<unsigned char>(c) & 0x80) != 0; });
}

/// Decodes or validates the input; nothing when the whole file must be refused.
std::optional<std::string_view> utf8_text(std::string_view bytes, const std::string& source, const LoadOptions& options,
                                          std::string& converted, DiagnosticSink& sink) {
  if (looks_like_utf16(bytes)) {
    sink.add({source, 0, 0, Severity::error,
              "the file is UTF-16 (Excel's \"Unicode text\" format), not CSV text: save it as \"CSV UTF-8 "
              "(comma delimited)\", or export it as UTF-8 or GB18030",
              "utf16"});
    return std::nullopt;
  }
  if (options.encoding == TextEncoding::gb18030) {
    // Valid UTF-8 with Chinese in it reads as GB18030 without an error, as other characters:
    // the names would be silently garbled. Real GBK text is practically never valid UTF-8.
    if (has_non_ascii(bytes) && !validate_utf8(bytes, source)) {
      sink.add({source, 0, 0, Severity::error,
                "the file is UTF-8, but GB18030 was named: read as GB18030 its Chinese text would be garbled; "
                "pass --encoding utf-8 (the default)",
                "utf8_read_as_gb18030"});
      return std::nullopt;
    }
    try {
      converted = gb18030_to_utf8(bytes, source);
    } catch (const Error& e) {
      sink.add({source, 0, 0, Severity::error, std::string(e.message()), "invalid_gb18030"});
      return std::nullopt;
    }
    return std::string_view(converted);
  }
  if (auto bad = validate_utf8(bytes, source)) {
    sink.add(std::move(*bad));
    return std::nullopt;
  }
  return bytes;
}

// "6,000,000.00" unquoted splits into "6", "000", "000.00": a field of 1-3 digits followed by
// fields of exactly three digits (the last may carry decimals).
bool split_thousands(const CsvRecord& row) noexcept {
  const auto digits = [](std::string_view f, std::size_t lo, std::size_t hi) {
    return f.size() >= lo && f.size() <= hi && std::all_of(f.begin(), f.end(), [](char c) { return c >= '0' && c <= '9'; });
  };
  for (std::size_t i = 0; i + 1 < row.fields.size(); ++i) {
    std::string_view lead = row.fields[i];
    if (!lead.empty() && lead[0] == '-') lead.remove_prefix(1);
    if (!digits(lead, 1, 3)) continue;
    std::string_view next = row.fields[i + 1];
    next = next.substr(0, next.find('.'));
    if (digits(next, 3, 3)) return true;
  }
  return false;
}

/// The rows of one CSV file with their header; reports header problems.
class Table {
 public:
  Table(std::string_view text, const std::string& source, DiagnosticSink& sink)
      : reader_(text, source), source_(source), sink_(sink) {}

  /// The rows of a part of the file after its header (split at a line end), from line `first_line`.
  Table(std::string_view part, const std::string& source, DiagnosticSink& sink, const CsvHeader& header,
        std::size_t first_line)
      : reader_(part, source, first_line), header_(header), source_(source), sink_(sink) {}

  /// Where the rows after the header start, and their first line (after `open`).
  const char* position() const noexcept { return reader_.position(); }
  std::size_t line() const noexcept { return reader_.line(); }
  const CsvHeader& header() const noexcept { return header_; }

  /// Reads the header, each name read as the column it stands for (aliases, the caller's
  /// map); false when the file cannot be loaded at all.
  bool open(detail::CsvFileKind kind, const ColumnNames& columns) {
    const std::vector<std::string_view>& required = detail::documented_columns(kind);
    CsvRecord first;
    const bool any = reader_.next(first);
    if (flush_reader() > 0) {
      sink_.add({source_, 1, 0, Severity::error, "the header row is malformed; nothing was loaded", "malformed_header"});
      return false;
    }
    if (!any) {
      sink_.add({source_, 0, 0, Severity::error, "the file is empty: expected a header row", "empty_file"});
      return false;
    }
    // The header as the loader reads it: every name that is an alias replaced by its column.
    CsvRecord named = first;
    std::vector<std::string> written(first.fields.begin(), first.fields.end());
    for (std::size_t i = 0; i < named.fields.size(); ++i) {
      named.fields[i] = detail::column_for(first.fields[i], kind, columns);
    }
    for (std::size_t i = 0; i < named.fields.size(); ++i) {
      if (named.fields[i].empty()) continue;
      for (std::size_t j = 0; j < i; ++j) {
        if (named.fields[j] != named.fields[i]) continue;
        const auto as_written = [&](std::size_t k) {
          return written[k] == named.fields[k] ? "\"" + written[k] + "\""
                                               : "\"" + written[k] + "\" (read as \"" + std::string(named.fields[k]) + "\")";
        };
        sink_.add({source_, first.line, first.column(i), Severity::error,
                   written[i] == written[j] ? "duplicate column \"" + written[i] + "\" (also field " +
                                                  std::to_string(j + 1) + " of the header)"
                                            : "column " + as_written(i) + " names the same column as field " +
                                                  std::to_string(j + 1) + ", " + as_written(j),
                   "duplicate_column"});
        break;
      }
    }
    header_ = CsvHeader(named, source_);  // the first of two is read; the error above refuses the file
    if (auto missing = header_.require(required)) {
      // A header of one column that holds separators of another kind: the file is not comma-separated.
      if (first.fields.size() == 1) {
        const std::string_view only = first.fields[0];
        if (only.find(';') != std::string_view::npos) {
          missing->message += "; the header is one column holding ';': the file seems to be separated by "
                              "semicolons, save it with commas";
        } else if (only.find('\t') != std::string_view::npos) {
          missing->message += "; the header is one column holding tabs: the file seems to be tab-separated "
                              "(Excel's \"Text (tab delimited)\"), save it as CSV";
        }
      }
      if (std::any_of(written.begin(), written.end(), [](const std::string& w) { return has_non_ascii(w); })) {
        missing->message += "; Chinese titles read as columns are " + chinese_titles(kind) +
                            ", and a column map (--columns) can name others";
      }
      sink_.add(std::move(*missing));
      return false;
    }
    for (std::size_t i = 0; i < header_.size(); ++i) {
      const std::string& name = header_.names()[i];
      bool known = name.empty();
      for (std::string_view r : required) known = known || r == name;
      if (!known) {
        sink_.add({source_, first.line, first.column(i), Severity::warning, "column \"" + name + "\" is not used",
                   "unused_column"});
      }
    }
    return true;
  }

  std::size_t column(std::string_view name) const { return *header_.find(name); }

  /// The next well-formed row of the right width; counts the others as rejected.
  bool next(CsvRecord& row, RowCounts& counts) {
    while (true) {
      const bool more = reader_.next(row);
      const std::size_t malformed = flush_reader();
      counts.read += malformed;
      counts.rejected += malformed;
      if (!more) return false;
      ++counts.read;
      if (auto wrong = header_.check_width(row)) {
        if (row.fields.size() > header_.size() && split_thousands(row)) {
          wrong->message += "; a number written with thousands separators (6,000,000.00) splits into several "
                            "fields: export numbers without separators";
        }
        sink_.add(std::move(*wrong));
        ++counts.rejected;
        continue;
      }
      return true;
    }
  }

  void reject(const CsvRecord& row, std::size_t field, std::string message, const char* code, RowCounts& counts) {
    sink_.add({source_, row.line, row.column(field), Severity::error, std::move(message), code});
    ++counts.rejected;
  }

 private:
  static std::string chinese_titles(detail::CsvFileKind kind) {
    std::string out;
    for (std::string_view c : detail::documented_columns(kind)) {
      out += (out.empty() ? "" : ", ") + std::string(detail::builtin_alias(c, kind)) + " (" + std::string(c) + ")";
    }
    return out;
  }

  /// Moves the reader's new diagnostics over; each malformed record is one error and one row.
  std::size_t flush_reader() {
    std::size_t errors = 0;
    const Diagnostics& found = reader_.diagnostics();
    for (; reader_seen_ < found.size(); ++reader_seen_) {
      sink_.add(found[reader_seen_]);
      if (found[reader_seen_].severity == Severity::error) ++errors;
    }
    return errors;
  }

  CsvReader reader_;
  CsvHeader header_;
  std::string source_;
  DiagnosticSink& sink_;
  std::size_t reader_seen_ = 0;
};

std::string what_of(const Error& e) {
  // Without the "code: " prefix; the diagnostic says "error:" already.
  return std::string(e.message());
}

}  // namespace

namespace {

// What kind of problem a rejected field has, by the column it is in.
const char* enterprise_field_code(std::size_t field, std::size_t c_code, std::size_t c_name, std::size_t c_region,
                                  std::size_t c_industry, std::size_t c_tags) {
  if (field == c_code) return "invalid_credit_code";
  if (field == c_name) return "empty_name";
  if (field == c_region) return "invalid_region";
  if (field == c_industry) return "invalid_industry";
  if (field == c_tags) return "invalid_tags";
  return "invalid_date";
}

// A header and no rows: accepted (nothing to load), but rarely what the clerk meant.
void warn_if_no_rows(const RowCounts& counts, const std::string& source, DiagnosticSink& sink) {
  if (counts.read == 0) {
    sink.add({source, 0, 0, Severity::warning, "the file has a header and no rows", "no_rows"});
  }
}

RowCounts load_enterprise_rows(RegisterBuilder& builder, std::string_view bytes, const std::string& source_name,
                               const LoadOptions& options, DiagnosticSink& sink) {
  RowCounts counts;
  std::string converted;
  const auto text = utf8_text(bytes, source_name, options, converted, sink);
  if (!text) return counts;
  Table table(*text, source_name, sink);
  if (!table.open(detail::CsvFileKind::enterprises, options.columns)) return counts;
  const std::size_t c_code = table.column("credit_code");
  const std::size_t c_name = table.column("name");
  const std::size_t c_region = table.column("region");
  const std::size_t c_industry = table.column("industry");
  const std::size_t c_tags = table.column("tags");
  const std::size_t c_registered = table.column("registered_on");
  // Line of each enterprise this file added, for "first on line N" in duplicate messages.
  const EnterpriseIndex first_index = static_cast<EnterpriseIndex>(builder.view().size());
  std::vector<std::size_t> line_of;
  const auto rows = static_cast<std::size_t>(std::count(text->begin(), text->end(), '\n'));
  builder.reserve(builder.view().size() + rows);
  line_of.reserve(rows);

  CsvRecord row;
  while (table.next(row, counts)) {
    std::size_t field = c_code;
    try {
      CreditCode code = CreditCode::parse(row.fields[c_code]);
      field = c_name;
      if (row.fields[c_name].empty()) throw Error(ErrorCode::parse_error, "the name is empty");
      field = c_region;
      const RegionCode region = RegionCode::parse(row.fields[c_region]);
      field = c_industry;
      const IndustryCode industry = IndustryCode::parse(row.fields[c_industry]);
      field = c_tags;
      std::vector<std::string> tags = parse_tags(row.fields[c_tags]);
      field = c_registered;
      const Date registered = Date::parse(row.fields[c_registered]);
      try {
        builder.add_enterprise(
            Enterprise{code, std::string(row.fields[c_name]), region, industry, std::move(tags), registered, {}});
      } catch (const Error&) {
        // The only expected failure is a duplicate; look it up only then, off the hot path.
        const auto existing = builder.view().find(code);
        if (!existing) throw;
        const bool here = *existing >= first_index;
        table.reject(row, c_code,
                     "duplicate enterprise " + code.to_string() +
                         (here ? " (first on line " + std::to_string(line_of[*existing - first_index]) + ")" : ""),
                     "duplicate_enterprise", counts);
        continue;
      }
      line_of.push_back(row.line);
      ++counts.accepted;
    } catch (const Error& e) {
      table.reject(row, field, what_of(e), enterprise_field_code(field, c_code, c_name, c_region, c_industry, c_tags),
                   counts);
    }
  }
  warn_if_no_rows(counts, source_name, sink);
  return counts;
}

}  // namespace

RowCounts load_enterprises_csv(RegisterBuilder& builder, std::string_view bytes, const std::string& source_name,
                               const LoadOptions& options, Diagnostics& diagnostics) {
  DiagnosticSink sink(diagnostics, options, source_name);
  const RowCounts counts = load_enterprise_rows(builder, bytes, source_name, options, sink);
  sink.finish();
  if (options.progress) options.progress(source_name, bytes.size(), bytes.size());
  return counts;
}

namespace {

// One fact row between reading and inserting. A facts file goes through in parts: each
// part is read, parsed and its codes resolved (on any thread: the code index is not
// written while facts load), then inserted, parts in file order, by the calling thread,
// in batches that fetch the memory their inserts touch first. Everything a row's
// diagnostics need is kept, so they come out exactly as a row-by-row load gives them.
struct FactRow {
  std::size_t line = 0;
  const char* code_start = nullptr;  // field starts, for the diagnostics' columns
  const char* problem_start = nullptr;
  const char* value_start = nullptr;
  std::string_view code_in_text;     // the code, when it is a view into the input
  std::string code_copy;             // the code, when it was an escaped quoted field
  bool copied = false;
  bool found = false;
  EnterpriseIndex enterprise = 0;
  std::string problem;               // a rejection found while parsing (empty: none)
  const char* problem_code = nullptr;  // its code (docs/register.md)
  MetricId metric = 0;
  Period period;
  FactValue value;

  std::string_view code() const noexcept { return copied ? std::string_view(code_copy) : code_in_text; }
};

constexpr std::size_t kFactBatch = 256;                    // rows whose memory is fetched together
constexpr std::size_t kPartBytes = std::size_t{1} << 21;   // 2 MiB of CSV a part (about 40,000 rows)

// The last few texts a column held and what they parsed to. A facts file repeats a handful
// of metric names and periods in every order, so a direct-mapped cache of 32 entries
// answers nearly every row with one string comparison (instead of a map walk or a parse).
template <class T>
class RecentTexts {
 public:
  const T* find(std::string_view text) const noexcept {
    const Entry& e = entries_[slot(text)];
    return e.used && e.text == text ? &e.value : nullptr;
  }
  void put(std::string_view text, const T& value) {
    Entry& e = entries_[slot(text)];
    e.text.assign(text);
    e.value = value;
    e.used = true;
  }

 private:
  struct Entry {
    std::string text;
    T value{};
    bool used = false;
  };
  static std::size_t slot(std::string_view t) noexcept {
    if (t.empty()) return 0;
    const auto c = [&](std::size_t i) { return static_cast<std::size_t>(static_cast<unsigned char>(t[i])); };
    return (t.size() * 31 + c(0) + c(t.size() - 1) * 7 + c(t.size() / 2) * 13) & 31;
  }
  std::array<Entry, 32> entries_{};
};

// What the parts of one facts file share.
struct FactsFile {
  std::string_view text;         // the whole (UTF-8) text
  const char* text_begin;        // after the byte order mark
  const std::string& source;
  const CsvHeader& header;
  std::size_t c_code, c_metric, c_period, c_value;
  const MetricSchema& schema;
  const detail::CodeIndex& codes;
};

// One part, read and parsed: its rows, and the diagnostics the reader and the width check
// gave (rows' own diagnostics are decided when they are inserted).
struct FactPart {
  std::string_view text;
  std::size_t first_line = 0;
  std::vector<FactRow> rows;
  Diagnostics read_diagnostics;
  RowCounts counts;
};

void parse_part(const FactsFile& file, FactPart& part) {
  DiagnosticSink collect(part.read_diagnostics);
  Table table(part.text, file.source, collect, file.header, part.first_line);
  RecentTexts<MetricId> metrics;
  RecentTexts<Period> periods;
  CsvRecord row;
  std::size_t resolved = 0;  // rows[0, resolved) have their enterprise
  const auto resolve = [&] {
    std::vector<FactRow>& rows = part.rows;
    for (std::size_t i = resolved; i < rows.size(); ++i) file.codes.prefetch(rows[i].code());
    for (std::size_t i = resolved; i < rows.size(); ++i) {
      FactRow& f = rows[i];
      if (i > 0 && rows[i - 1].found && f.code() == rows[i - 1].code()) {  // grouped exports
        f.found = true;
        f.enterprise = rows[i - 1].enterprise;
      } else if (const auto index = file.codes.find(f.code())) {
        f.found = true;
        f.enterprise = *index;
      }
    }
    resolved = rows.size();
  };
  while (table.next(row, part.counts)) {
    FactRow& f = part.rows.emplace_back();
    f.line = row.line;
    f.code_start = row.starts[file.c_code];
    f.value_start = row.starts[file.c_value];
    const std::string_view code = row.fields[file.c_code];
    f.copied = code.data() < file.text.data() || code.data() >= file.text.data() + file.text.size();
    if (f.copied) {
      f.code_copy.assign(code);  // unescaped into the reader's storage, which the next row reuses
    } else {
      f.code_in_text = code;
    }
    if (part.rows.size() - resolved == kFactBatch) resolve();
    const auto problem = [&](std::size_t field, std::string message, const char* kind) {
      f.problem_start = row.starts[field];
      f.problem = std::move(message);
      f.problem_code = kind;
    };
    const std::string_view metric_text = row.fields[file.c_metric];
    std::optional<MetricId> metric_id;
    if (const MetricId* known = metrics.find(metric_text)) {
      metric_id = *known;
    } else if ((metric_id = file.schema.find(metric_text))) {
      metrics.put(metric_text, *metric_id);
    }
    if (!metric_id) {
      problem(file.c_metric, "unknown metric \"" + std::string(metric_text) + "\" (expected one of " +
                                 file.schema.names() + ")",
              "unknown_metric");
      continue;
    }
    f.metric = *metric_id;
    const Metric& metric = file.schema[*metric_id];
    const std::string_view period_text = row.fields[file.c_period];
    if (const Period* known = periods.find(period_text)) {
      f.period = *known;
    } else {
      try {
        f.period = Period::parse(period_text);
      } catch (const Error& e) {
        problem(file.c_period, what_of(e), "invalid_period");
        continue;
      }
      periods.put(period_text, f.period);
    }
    if (f.period.kind() != metric.period_kind) {
      problem(file.c_period, "metric " + metric.name + " is kept per " + to_string(metric.period_kind) +
                                 ", but the period \"" + std::string(period_text) + "\" is " +
                                 (f.period.kind() == PeriodKind::timeless
                                      ? std::string("empty (timeless)")
                                      : std::string("a ") + to_string(f.period.kind())),
              "wrong_period_kind");
      continue;
    }
    detail::FactText value = detail::parse_fact_text(metric, row.fields[file.c_value]);
    if (value.value) {
      f.value = std::move(*value.value);
    } else {
      problem(file.c_value, std::move(value.message), value.code);
    }
  }
  resolve();
}

// Inserts a parsed part in file order; its diagnostics join `diagnostics` in line order.
void insert_part(RegisterBuilder& builder, const FactsFile& file, FactMode mode, FactPart& part,
                 DiagnosticSink& sink, RowCounts& counts) {
  Diagnostics diagnostics = std::move(part.read_diagnostics);
  part.read_diagnostics.clear();
  counts.read += part.counts.read;
  counts.rejected += part.counts.rejected;
  std::vector<FactRow>& rows = part.rows;
  for (std::size_t batch = 0; batch < rows.size(); batch += kFactBatch) {
    const std::size_t end = std::min(rows.size(), batch + kFactBatch);
    for (std::size_t i = batch; i < end; ++i) {
      const FactRow& f = rows[i];
      if (f.found && f.problem.empty()) detail::RegisterLoading::prefetch_fact(builder, f.enterprise, f.metric, f.period);
    }
    for (std::size_t i = batch; i < end; ++i) {
      FactRow& f = rows[i];
      const auto reject = [&](const char* start, std::string message, const char* code) {
        diagnostics.push_back(
            {file.source, f.line, csv_column_of(file.text_begin, start), Severity::error, std::move(message), code});
        ++counts.rejected;
      };
      // A row is judged by its code first, as a reader of the row would.
      if (!f.found) {
        try {
          const CreditCode code = CreditCode::parse(f.code());
          reject(f.code_start, "no enterprise " + code.to_string() + " in the register", "unknown_enterprise");
        } catch (const Error& e) {
          reject(f.code_start, what_of(e), "invalid_credit_code");
        }
        continue;
      }
      if (!f.problem.empty()) {
        reject(f.problem_start, std::move(f.problem), f.problem_code);
        continue;
      }
      try {
        const FactInsert result = mode == FactMode::revise
                                      ? builder.revise_fact(f.enterprise, f.metric, f.period, f.value)
                                      : builder.add_fact(f.enterprise, f.metric, f.period, f.value);
        if (result == FactInsert::duplicate && mode == FactMode::add) {
          diagnostics.push_back({file.source, f.line, csv_column_of(file.text_begin, f.value_start),
                                 Severity::warning, "the same fact appears again with the same value", "repeated_fact"});
        }
        ++counts.accepted;
      } catch (const Error& e) {
        reject(f.value_start, what_of(e), "conflicting_fact");
      }
    }
  }
  std::stable_sort(diagnostics.begin(), diagnostics.end(),
                   [](const Diagnostic& a, const Diagnostic& b) { return a.line < b.line; });
  for (Diagnostic& d : diagnostics) sink.add(std::move(d));
  rows.clear();  // its storage goes to a later part (see load_facts_csv)
}

// The rows after the header cut into parts at line ends. Only a file without a quote is
// cut: there a line end always ends a record, so every part reads as it would in one pass
// (a quoted field may hold a line break, and a stray quote changes what follows it).
std::vector<FactPart> split_parts(std::string_view rows, std::size_t first_line) {
  std::vector<FactPart> parts;
  const bool cuttable = std::memchr(rows.data(), '"', rows.size()) == nullptr;
  std::size_t at = 0;
  while (at < rows.size() || parts.empty()) {
    std::size_t end = rows.size();
    if (cuttable && rows.size() - at > kPartBytes) {
      const std::size_t nl = rows.find('\n', at + kPartBytes);
      if (nl != std::string_view::npos) end = nl + 1;
    }
    FactPart& part = parts.emplace_back();
    part.text = rows.substr(at, end - at);
    part.first_line = first_line;
    first_line += static_cast<std::size_t>(std::count(part.text.begin(), part.text.end(), '\n'));
    at = end;
  }
  return parts;
}

// Bytes of the file read once `part` is in, scaled to the file's own size when the text
// was converted (GB18030 to UTF-8 changes the length).
void report_progress(const LoadOptions& options, const std::string& source, const FactPart& part,
                     std::size_t file_size, std::string_view text) {
  if (!options.progress) return;
  const auto end = static_cast<std::uint64_t>(part.text.data() + part.text.size() - text.data());
  const std::uint64_t done = text.size() == file_size || text.empty() ? end : end * file_size / text.size();
  if (done < file_size) options.progress(source, done, file_size);  // the end: load_facts_csv
}

unsigned load_threads(const LoadOptions& options, std::size_t parts) {
  const unsigned n = options.threads != 0 ? options.threads : std::max(1U, std::thread::hardware_concurrency());
  return static_cast<unsigned>(std::min<std::size_t>(n, parts));
}

}  // namespace

namespace {

RowCounts load_fact_rows(RegisterBuilder& builder, std::string_view bytes, const std::string& source_name,
                         const LoadOptions& options, DiagnosticSink& diagnostics, FactMode mode) {
  RowCounts counts;
  std::string converted;
  const auto text = utf8_text(bytes, source_name, options, converted, diagnostics);
  if (!text) return counts;
  Table table(*text, source_name, diagnostics);
  if (!table.open(detail::CsvFileKind::facts, options.columns)) return counts;
  const char* const text_begin = text->data() + (text->substr(0, utf8_bom.size()) == utf8_bom ? utf8_bom.size() : 0);
  const FactsFile file{*text,
                       text_begin,
                       source_name,
                       table.header(),
                       table.column("credit_code"),
                       table.column("metric"),
                       table.column("period"),
                       table.column("value"),
                       builder.view().schema(),
                       detail::RegisterLoading::codes(builder)};
  const auto after_header = static_cast<std::size_t>(table.position() - text->data());
  std::vector<FactPart> parts = split_parts(text->substr(after_header), table.line());
  const unsigned threads = load_threads(options, parts.size());
  // A part's rows take a few megabytes: parts reuse the storage of parts already inserted
  // instead of each faulting in fresh pages (that was a third of a one-thread load).
  if (threads <= 1) {
    std::vector<FactRow> storage;
    for (FactPart& part : parts) {
      part.rows = std::move(storage);
      parse_part(file, part);
      insert_part(builder, file, mode, part, diagnostics, counts);
      storage = std::move(part.rows);
      report_progress(options, source_name, part, bytes.size(), *text);
    }
    warn_if_no_rows(counts, source_name, diagnostics);
    return counts;
  }

  // Helpers parse parts ahead, at most `window` beyond the one being inserted (memory
  // stays bounded); the calling thread inserts each part in order as soon as it is
  // parsed, and parses parts itself while the next one is not ready.
  const std::size_t window = 2 * static_cast<std::size_t>(threads);
  std::mutex mutex;
  std::condition_variable changed;
  std::vector<char> parsed(parts.size(), 0);  // guarded by mutex
  std::size_t next = 0;                        // the next part to parse; guarded by mutex
  std::size_t inserting = 0;                   // the part being inserted; guarded by mutex
  std::exception_ptr failure;                  // a parser's exception (bad_alloc); guarded by mutex
  std::vector<std::vector<FactRow>> spare;     // storage of inserted parts; guarded by mutex
  const auto take = [&](bool wait) -> std::optional<std::size_t> {  // the next part to parse, under the lock
    std::unique_lock<std::mutex> lock(mutex);
    if (wait) changed.wait(lock, [&] { return next >= parts.size() || next < inserting + window || failure; });
    if (next >= parts.size() || next >= inserting + window || failure) return std::nullopt;
    return next++;
  };
  const auto parse = [&](std::size_t k) {
    {
      const std::lock_guard<std::mutex> lock(mutex);
      if (!spare.empty()) {
        parts[k].rows = std::move(spare.back());
        spare.pop_back();
      }
    }
    try {
      parse_part(file, parts[k]);
    } catch (...) {
      const std::lock_guard<std::mutex> lock(mutex);
      failure = std::current_exception();
    }
    {
      const std::lock_guard<std::mutex> lock(mutex);
      parsed[k] = 1;
    }
    changed.notify_all();
  };
  std::vector<std::thread> helpers;
  for (unsigned t = 1; t < threads; ++t) {
    helpers.emplace_back([&] {
      while (const auto k = take(true)) parse(*k);
    });
  }
  const auto join = [&] {
    {
      const std::lock_guard<std::mutex> lock(mutex);
      inserting = parts.size();  // no more parts are taken
      next = parts.size();
    }
    changed.notify_all();
    for (std::thread& h : helpers) h.join();
  };
  try {
    for (std::size_t k = 0; k < parts.size(); ++k) {
      for (;;) {
        {
          std::unique_lock<std::mutex> lock(mutex);
          if (failure) std::rethrow_exception(failure);
          if (parsed[k]) break;
        }
        if (const auto own = take(false)) {
          parse(*own);
          continue;
        }
        std::unique_lock<std::mutex> lock(mutex);
        changed.wait(lock, [&] { return parsed[k] || failure; });
      }
      insert_part(builder, file, mode, parts[k], diagnostics, counts);
      report_progress(options, source_name, parts[k], bytes.size(), *text);
      {
        const std::lock_guard<std::mutex> lock(mutex);
        inserting = k + 1;
        spare.push_back(std::move(parts[k].rows));
      }
      changed.notify_all();
    }
  } catch (...) {
    join();
    throw;
  }
  join();
  warn_if_no_rows(counts, source_name, diagnostics);
  return counts;
}

}  // namespace

RowCounts load_facts_csv(RegisterBuilder& builder, std::string_view bytes, const std::string& source_name,
                         const LoadOptions& options, Diagnostics& diagnostics, FactMode mode) {
  DiagnosticSink sink(diagnostics, options, source_name);
  const RowCounts counts = load_fact_rows(builder, bytes, source_name, options, sink, mode);
  sink.finish();
  if (options.progress) options.progress(source_name, bytes.size(), bytes.size());
  return counts;
}

LoadedRegister load_register(MetricSchema schema, const std::string& enterprises_path, const std::string& facts_path,
                             const LoadOptions& options, const std::string& revision_path) {
  RegisterBuilder builder(std::move(schema));
  LoadedRegister out;
  out.enterprises =
      load_enterprises_csv(builder, MappedFile(enterprises_path).bytes(), enterprises_path, options, out.diagnostics);
  out.facts = load_facts_csv(builder, MappedFile(facts_path).bytes(), facts_path, options, out.diagnostics);
  if (!revision_path.empty()) {
    const RowCounts revised =
        load_facts_csv(builder, MappedFile(revision_path).bytes(), revision_path, options, out.diagnostics, FactMode::revise);
    out.facts.read += revised.read;
    out.facts.accepted += revised.accepted;
    out.facts.rejected += revised.rejected;
  }
  out.reg = std::move(builder).build();
  return out;
}

}  // namespace duixian
