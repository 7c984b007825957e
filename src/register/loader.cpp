#include "duixian/loader.hpp"

#include <algorithm>
#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "support/csv.hpp"
#include "duixian/error.hpp"
#include "support/encoding.hpp"
#include "support/file.hpp"
#include "register/register_loading.hpp"

namespace duixian {

namespace {

/// Decodes or validates the input; nothing when the whole file must be refused.
std::optional<std::string_view> utf8_text(std::string_view bytes, const std::string& source, const LoadOptions& options,
                                          std::string& converted, Diagnostics& diagnostics) {
  if (options.encoding == TextEncoding::gb18030) {
    try {
      converted = gb18030_to_utf8(bytes, source);
    } catch (const Error& e) {
      diagnostics.push_back({source, 0, 0, Severity::error, e.what()});
      return std::nullopt;
    }
    return std::string_view(converted);
  }
  if (auto bad = validate_utf8(bytes, source)) {
    diagnostics.push_back(std::move(*bad));
    return std::nullopt;
  }
  return bytes;
}

/// The rows of one CSV file with their header; reports header problems.
class Table {
 public:
  Table(std::string_view text, const std::string& source, Diagnostics& diagnostics)
      : reader_(text, source), source_(source), diagnostics_(diagnostics) {}

  /// Reads the header; false when the file cannot be loaded at all.
  bool open(std::initializer_list<std::string_view> required) {
    CsvRecord first;
    const bool any = reader_.next(first);
    if (flush_reader() > 0) {
      diagnostics_.push_back({source_, 1, 0, Severity::error, "the header row is malformed; nothing was loaded"});
      return false;
    }
    if (!any) {
      diagnostics_.push_back({source_, 0, 0, Severity::error, "the file is empty: expected a header row"});
      return false;
    }
    header_ = CsvHeader(first, source_);
    for (const Diagnostic& d : header_.diagnostics()) diagnostics_.push_back(d);
    if (auto missing = header_.require(required)) {
      diagnostics_.push_back(std::move(*missing));
      return false;
    }
    for (std::size_t i = 0; i < header_.size(); ++i) {
      const std::string& name = header_.names()[i];
      bool known = name.empty();
      for (std::string_view r : required) known = known || r == name;
      if (!known) {
        diagnostics_.push_back({source_, first.line, first.column(i), Severity::warning,
                                "column \"" + name + "\" is not used"});
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
        diagnostics_.push_back(std::move(*wrong));
        ++counts.rejected;
        continue;
      }
      return true;
    }
  }

  void reject(const CsvRecord& row, std::size_t field, std::string message, RowCounts& counts) {
    diagnostics_.push_back({source_, row.line, row.column(field), Severity::error, std::move(message)});
    ++counts.rejected;
  }

  void warn(const CsvRecord& row, std::size_t field, std::string message) {
    diagnostics_.push_back({source_, row.line, row.column(field), Severity::warning, std::move(message)});
  }

 private:
  /// Moves the reader's new diagnostics over; each malformed record is one error and one row.
  std::size_t flush_reader() {
    std::size_t errors = 0;
    const Diagnostics& found = reader_.diagnostics();
    for (; reader_seen_ < found.size(); ++reader_seen_) {
      diagnostics_.push_back(found[reader_seen_]);
      if (found[reader_seen_].severity == Severity::error) ++errors;
    }
    return errors;
  }

  CsvReader reader_;
  CsvHeader header_;
  std::string source_;
  Diagnostics& diagnostics_;
  std::size_t reader_seen_ = 0;
};

std::string what_of(const Error& e) {
  // Drop the "code: " prefix; the diagnostic says "error:" already.
  std::string text = e.what();
  const std::string prefix = std::string(to_string(e.code())) + ": ";
  if (text.compare(0, prefix.size(), prefix) == 0) text.erase(0, prefix.size());
  return text;
}

}  // namespace

RowCounts load_enterprises_csv(RegisterBuilder& builder, std::string_view bytes, const std::string& source_name,
                               const LoadOptions& options, Diagnostics& diagnostics) {
  RowCounts counts;
  std::string converted;
  const auto text = utf8_text(bytes, source_name, options, converted, diagnostics);
  if (!text) return counts;
  Table table(*text, source_name, diagnostics);
  if (!table.open({"credit_code", "name", "region", "industry", "tags", "registered_on"})) return counts;
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
                     counts);
        continue;
      }
      line_of.push_back(row.line);
      ++counts.accepted;
    } catch (const Error& e) {
      table.reject(row, field, what_of(e), counts);
    }
  }
  return counts;
}

namespace {

// One fact row between reading and inserting. Rows go through in batches: read and parse
// a batch, fetch the code index slots of all of it, resolve the enterprises, fetch the
// fact slots, then insert in file order. The random accesses of a batch then overlap
// instead of each row waiting for its own (rows come in any order, as database exports
// do). Everything a row's diagnostics need is kept, so they come out as a row-by-row load
// would give them.
struct FactRow {
  std::size_t line = 0;
  const char* code_start = nullptr;  // field starts, for the diagnostics' columns
  const char* problem_start = nullptr;
  const char* value_start = nullptr;
  std::string_view code;             // into the input, or into `code_copy`
  std::string code_copy;             // only for a code that was an escaped quoted field
  bool found = false;
  EnterpriseIndex enterprise = 0;
  std::string problem;               // a rejection found while parsing (empty: none)
  MetricId metric = 0;
  Period period;
  FactValue value;
};

constexpr std::size_t kFactBatch = 256;

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

}  // namespace

RowCounts load_facts_csv(RegisterBuilder& builder, std::string_view bytes, const std::string& source_name,
                         const LoadOptions& options, Diagnostics& diagnostics, FactMode mode) {
  RowCounts counts;
  std::string converted;
  const auto text = utf8_text(bytes, source_name, options, converted, diagnostics);
  if (!text) return counts;
  Table table(*text, source_name, diagnostics);
  if (!table.open({"credit_code", "metric", "period", "value"})) return counts;
  const std::size_t c_code = table.column("credit_code");
  const std::size_t c_metric = table.column("metric");
  const std::size_t c_period = table.column("period");
  const std::size_t c_value = table.column("value");
  const MetricSchema& schema = builder.view().schema();
  const char* const text_begin = text->data() + (text->substr(0, utf8_bom.size()) == utf8_bom ? utf8_bom.size() : 0);

  RecentTexts<MetricId> metrics;
  RecentTexts<Period> periods;
  std::vector<FactRow> batch(kFactBatch);
  CsvRecord row;
  bool more = true;
  while (more) {
    // 1. Read and parse up to a batch of rows (the reader's own diagnostics go out as it
    //    meets them; the batch's are sorted back into line order at the end).
    const std::size_t diagnostics_before = diagnostics.size();
    std::size_t n = 0;
    while (n < kFactBatch && (more = table.next(row, counts))) {
      FactRow& f = batch[n++];
      f.line = row.line;
      f.code_start = row.starts[c_code];
      f.value_start = row.starts[c_value];
      f.code = row.fields[c_code];
      if (f.code.data() < text->data() || f.code.data() >= text->data() + text->size()) {
        f.code_copy.assign(f.code);  // unescaped into the reader's storage, which the next row reuses
        f.code = f.code_copy;
      }
      f.found = false;
      f.problem.clear();
      const auto problem = [&](std::size_t field, std::string message) {
        f.problem_start = row.starts[field];
        f.problem = std::move(message);
      };
      const std::string_view metric_text = row.fields[c_metric];
      std::optional<MetricId> metric_id;
      if (const MetricId* known = metrics.find(metric_text)) {
        metric_id = *known;
      } else if ((metric_id = schema.find(metric_text))) {
        metrics.put(metric_text, *metric_id);
      }
      if (!metric_id) {
        problem(c_metric, "unknown metric \"" + std::string(row.fields[c_metric]) + "\" (expected one of " +
                              schema.names() + ")");
        continue;
      }
      f.metric = *metric_id;
      const Metric& metric = schema[*metric_id];
      const std::string_view period_text = row.fields[c_period];
      if (const Period* known = periods.find(period_text)) {
        f.period = *known;
      } else {
        try {
          f.period = Period::parse(period_text);
        } catch (const Error& e) {
          problem(c_period, what_of(e));
          continue;
        }
        periods.put(period_text, f.period);
      }
      const Period& last_period = f.period;
      if (last_period.kind() != metric.period_kind) {
        problem(c_period, "metric " + metric.name + " is kept per " + to_string(metric.period_kind) +
                              ", but the period \"" + std::string(row.fields[c_period]) + "\" is " +
                              (last_period.kind() == PeriodKind::timeless
                                   ? std::string("empty (timeless)")
                                   : std::string("a ") + to_string(last_period.kind())));
        continue;
      }
      try {
        f.value = parse_fact_value(metric, row.fields[c_value]);
      } catch (const Error& e) {
        problem(c_value, what_of(e));
      }
    }
    // 2. Fetch the code index slots, then resolve the codes; 3. fetch the fact slots.
    for (std::size_t i = 0; i < n; ++i) detail::RegisterLoading::prefetch_code(builder, batch[i].code);
    for (std::size_t i = 0; i < n; ++i) {
      FactRow& f = batch[i];
      if (i > 0 && batch[i - 1].found && f.code == batch[i - 1].code) {  // grouped exports
        f.found = true;
        f.enterprise = batch[i - 1].enterprise;
      } else if (const auto index = builder.view().find(f.code)) {
        f.found = true;
        f.enterprise = *index;
      }
      if (f.found && f.problem.empty()) detail::RegisterLoading::prefetch_fact(builder, f.enterprise, f.metric, f.period);
    }
    // 4. Insert in file order. A row is judged by its code first, as a reader of the row would.
    for (std::size_t i = 0; i < n; ++i) {
      FactRow& f = batch[i];
      const auto reject = [&](const char* start, std::string message) {
        diagnostics.push_back({source_name, f.line, csv_column_of(text_begin, start), Severity::error, std::move(message)});
        ++counts.rejected;
      };
      if (!f.found) {
        try {
          const CreditCode code = CreditCode::parse(f.code);
          reject(f.code_start, "no enterprise " + code.to_string() + " in the register");
        } catch (const Error& e) {
          reject(f.code_start, what_of(e));
        }
        continue;
      }
      if (!f.problem.empty()) {
        reject(f.problem_start, std::move(f.problem));
        continue;
      }
      try {
        const FactInsert result = mode == FactMode::revise
                                      ? builder.revise_fact(f.enterprise, f.metric, f.period, f.value)
                                      : builder.add_fact(f.enterprise, f.metric, f.period, f.value);
        if (result == FactInsert::duplicate && mode == FactMode::add) {
          diagnostics.push_back({source_name, f.line, csv_column_of(text_begin, f.value_start), Severity::warning,
                                 "the same fact appears again with the same value"});
        }
        ++counts.accepted;
      } catch (const Error& e) {
        reject(f.value_start, what_of(e));
      }
    }
    std::stable_sort(diagnostics.begin() + static_cast<std::ptrdiff_t>(diagnostics_before), diagnostics.end(),
                     [](const Diagnostic& a, const Diagnostic& b) { return a.line < b.line; });
  }
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
