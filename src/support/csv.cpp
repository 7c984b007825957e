#include "support/csv.hpp"

#include <cstdint>
#include <cstring>
#include <utility>

#include "support/encoding.hpp"

namespace duixian {
namespace {

constexpr std::uint64_t kOnes = 0x0101010101010101ULL;
constexpr std::uint64_t kHighBits = 0x8080808080808080ULL;
constexpr const char* kLoneCr = "carriage return not followed by a line feed (save the file with LF or CRLF line ends)";

#if defined(__GNUC__) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define DUIXIAN_CSV_SWAR 1
#endif

// High bit set in each byte of `w` equal to `c`. Bits above the lowest true match may
// be false positives (borrow), so only the lowest set bit is meaningful.
inline std::uint64_t match_byte(std::uint64_t w, unsigned char c) noexcept {
  const std::uint64_t x = w ^ (kOnes * c);
  return (x - kOnes) & ~x & kHighBits;
}

inline bool is_special(char c) noexcept { return c == ',' || c == '"' || c == '\n' || c == '\r'; }

// The first comma, quote, CR or LF in [p, end), or end. Eight bytes per step: fields
// are short, but most rows still save a few branches per field.
inline const char* find_special(const char* p, const char* end) noexcept {
#ifdef DUIXIAN_CSV_SWAR
  while (end - p >= 8) {
    std::uint64_t w;
    std::memcpy(&w, p, 8);
    const std::uint64_t m = match_byte(w, ',') | match_byte(w, '"') | match_byte(w, '\n') | match_byte(w, '\r');
    if (m != 0) return p + (__builtin_ctzll(m) >> 3);
    p += 8;
  }
#endif
  while (p < end && !is_special(*p)) ++p;
  return p;
}

// Code points in valid UTF-8 [p, end): the bytes that are not continuation bytes (10xxxxxx).
inline std::size_t count_code_points(const char* p, const char* end) noexcept {
  std::size_t n = 0;
#ifdef DUIXIAN_CSV_SWAR
  while (end - p >= 8) {
    std::uint64_t w;
    std::memcpy(&w, p, 8);
    // Bit 7 set and bit 6 clear: (w << 1) brings each byte's bit 6 to its bit 7.
    const std::uint64_t continuation = w & ~(w << 1) & kHighBits;
    n += 8 - static_cast<std::size_t>(__builtin_popcountll(continuation));
    p += 8;
  }
#endif
  for (; p < end; ++p) n += (static_cast<unsigned char>(*p) & 0xC0) != 0x80;
  return n;
}

// Why a quote or a lone CR cannot end an unquoted field whose text so far is `before`.
const char* unquoted_field_problem(std::string_view before, char at) noexcept {
  if (at == '\r') return kLoneCr;
  if (!before.empty() && before.find_first_not_of(" \t") == std::string_view::npos) {
    return "quote after spaces in a field: a quoted field must start with the quote "
           "(remove the spaces after the comma)";
  }
  return "quote inside an unquoted field: quote the whole field and write the quote twice (\"a\"\"b\")";
}

std::string quoted_list(const std::vector<std::string>& names) {
  std::string out;
  for (const std::string& n : names) {
    if (!out.empty()) out += ", ";
    out += '"' + n + '"';
  }
  return out;
}

}  // namespace

// ---- CsvReader ----

std::size_t csv_column_of(const char* text_begin, const char* at) noexcept {
  const char* line = at;
  while (line > text_begin && line[-1] != '\n') --line;
  return 1 + count_code_points(line, at);
}

std::size_t CsvRecord::column(std::size_t i) const noexcept {
  return i < starts.size() ? csv_column_of(text_begin, starts[i]) : 0;
}

CsvReader::CsvReader(std::string_view data, std::string source_name)
    : data_(data), source_name_(std::move(source_name)), text_begin_(data.data()), pos_(data.data()) {
  if (data_.substr(0, utf8_bom.size()) == utf8_bom) pos_ = text_begin_ = data_.data() + utf8_bom.size();
}

bool CsvReader::next(CsvRecord& record) {
  const char* const end = data_.data() + data_.size();
  for (;;) {
    record.fields.clear();
    record.starts.clear();
    record.text_begin = text_begin_;
    if (pos_ >= end) return false;
    // Blank lines carry no record (RFC 4180 would make them one empty field; no loader wants that).
    if (*pos_ == '\n' || (*pos_ == '\r' && end - pos_ >= 2 && pos_[1] == '\n')) {
      pos_ += *pos_ == '\n' ? 1 : 2;
      ++line_;
      continue;
    }
    if (parse_record(record)) return true;
  }
}

void CsvReader::count_lines(const char* from, const char* to) {
  while (from < to) {
    const void* nl = std::memchr(from, '\n', static_cast<std::size_t>(to - from));
    if (nl == nullptr) return;
    from = static_cast<const char*>(nl) + 1;
    ++line_;
  }
}

void CsvReader::fail(const char* at, std::size_t line, std::size_t column, std::string message) {
  diagnostics_.push_back(Diagnostic{source_name_, line, column, Severity::error, std::move(message), "malformed_record"});
  // Resynchronise on the line after the one holding `at`.
  const char* const end = data_.data() + data_.size();
  line_ = line;
  const void* nl = std::memchr(at, '\n', static_cast<std::size_t>(end - at));
  if (nl == nullptr) {
    pos_ = end;
    return;
  }
  pos_ = static_cast<const char*>(nl) + 1;
  ++line_;
}

// Reads the quoted field whose opening quote is at `open` into `record`; returns the
// position after its closing quote, or null after reporting an unterminated field.
const char* CsvReader::read_quoted(CsvRecord& record, const char* open) {
  const char* const end = data_.data() + data_.size();
  const std::size_t open_line = line_;
  const char* p = open + 1;
  const char* segment = p;  // text not yet copied to storage_ (when escaped)
  bool escaped = false;
  std::size_t offset = 0;
  for (;;) {
    const void* q = std::memchr(p, '"', static_cast<std::size_t>(end - p));
    if (q == nullptr) {
      fail(open, open_line, column_at(open),
           "unterminated quoted field: the quote opened here is never closed "
           "(a quote inside a quoted field must be doubled: \"\")");
      return nullptr;
    }
    const char* quote = static_cast<const char*>(q);
    count_lines(p, quote);  // line breaks inside quotes are data, but still lines
    if (quote + 1 == end || quote[1] != '"') {
      if (!escaped) {
        record.fields.emplace_back(segment, static_cast<std::size_t>(quote - segment));
      } else {
        storage_.append(segment, static_cast<std::size_t>(quote - segment));
        pending_.push_back(Pending{record.fields.size(), offset, storage_.size() - offset});
        record.fields.emplace_back();  // set by parse_record once storage_ has stopped moving
      }
      return quote + 1;
    }
    if (!escaped) offset = storage_.size();
    escaped = true;
    storage_.append(segment, static_cast<std::size_t>(quote + 1 - segment));  // keep one of the two quotes
    p = segment = quote + 2;
  }
}

bool CsvReader::parse_record(CsvRecord& record) {
  const char* const end = data_.data() + data_.size();
  const char* p = pos_;
  record.line = line_;
  storage_.clear();
  pending_.clear();
  for (;;) {  // one field per turn
    record.starts.push_back(p);
    if (p < end && *p == '"') {
      p = read_quoted(record, p);
      if (p == nullptr) return false;
      if (p < end && *p != ',' && *p != '\n' && !(*p == '\r' && end - p >= 2 && p[1] == '\n')) {
        fail(p, line_, column_at(p),
             *p == '\r' ? kLoneCr : "text after the closing quote of a field (expected a comma or the line end)");
        return false;
      }
    } else {
      const char* stop = find_special(p, end);
      if (stop < end && (*stop == '"' || (*stop == '\r' && (end - stop < 2 || stop[1] != '\n')))) {
        const std::string_view before(p, static_cast<std::size_t>(stop - p));
        fail(stop, line_, column_at(stop), unquoted_field_problem(before, *stop));
        return false;
      }
      record.fields.emplace_back(p, static_cast<std::size_t>(stop - p));
      p = stop;
    }
    // p is at a comma, a line end or the end of the input.
    if (p == end || *p != ',') break;
    ++p;
  }
  if (p < end) {
    p += *p == '\n' ? 1 : 2;
    ++line_;
  }
  pos_ = p;
  for (const Pending& f : pending_) {
    record.fields[f.field] = std::string_view(storage_.data() + f.offset, f.length);
  }
  return true;
}

// ---- CsvHeader ----

CsvHeader::CsvHeader(const CsvRecord& record, std::string source_name)
    : source_name_(std::move(source_name)), line_(record.line) {
  names_.reserve(record.fields.size());
  for (std::size_t i = 0; i < record.fields.size(); ++i) {
    const std::string_view name = record.fields[i];
    const std::optional<std::size_t> first = find(name);
    if (first && !name.empty()) {
      diagnostics_.push_back(Diagnostic{source_name_, line_, record.column(i),
                                        Severity::error,
                                        "duplicate column \"" + std::string(name) + "\" (also field " +
                                            std::to_string(*first + 1) + " of the header)",
                                        "duplicate_column"});
    }
    names_.emplace_back(name);
  }
}

std::optional<std::size_t> CsvHeader::find(std::string_view name) const noexcept {
  if (name.empty()) return std::nullopt;
  for (std::size_t i = 0; i < names_.size(); ++i) {
    if (names_[i] == name) return i;
  }
  return std::nullopt;
}

std::optional<Diagnostic> CsvHeader::require(std::initializer_list<std::string_view> required) const {
  return require(required.begin(), required.end());
}

std::optional<Diagnostic> CsvHeader::require(const std::vector<std::string_view>& required) const {
  return require(required.data(), required.data() + required.size());
}

std::optional<Diagnostic> CsvHeader::require(const std::string_view* first, const std::string_view* last) const {
  std::vector<std::string> missing;
  for (; first != last; ++first) {
    if (!find(*first)) missing.emplace_back(*first);
  }
  if (missing.empty()) return std::nullopt;
  std::vector<std::string> found;
  for (const std::string& n : names_) {
    if (!n.empty()) found.push_back(n);
  }
  return Diagnostic{source_name_, line_, 0, Severity::error,
                    std::string(missing.size() == 1 ? "missing required column " : "missing required columns ") +
                        quoted_list(missing) + " (found: " + (found.empty() ? "none" : quoted_list(found)) + ")",
                    "missing_columns"};
}

std::optional<Diagnostic> CsvHeader::check_width(const CsvRecord& record) const {
  if (record.fields.size() == names_.size()) return std::nullopt;
  return Diagnostic{source_name_, record.line, 0, Severity::error,
                    "row has " + std::to_string(record.fields.size()) + " field" +
                        (record.fields.size() == 1 ? "" : "s") + ", the header has " + std::to_string(names_.size()),
                    "wrong_field_count"};
}

// ---- Writer ----

namespace {

bool needs_quotes(std::string_view f) noexcept {
  if (f.empty()) return false;
  if (find_special(f.data(), f.data() + f.size()) != f.data() + f.size()) return true;
  const auto blank = [](char c) { return c == ' ' || c == '\t'; };
  return blank(f.front()) || blank(f.back()) || f.substr(0, utf8_bom.size()) == utf8_bom;
}

void append_field(std::string& out, std::string_view f) {
  if (!needs_quotes(f)) {
    out += f;
    return;
  }
  out += '"';
  for (std::size_t q; (q = f.find('"')) != std::string_view::npos; f.remove_prefix(q + 1)) {
    out.append(f.data(), q + 1);
    out += '"';
  }
  out += f;
  out += '"';
}

}  // namespace

std::string csv_escape(std::string_view field) {
  std::string out;
  append_field(out, field);
  return out;
}

CsvWriter::CsvWriter(CsvWriterOptions options) : crlf_(options.crlf) {
  if (options.bom) out_ += utf8_bom;
}

void CsvWriter::field(std::string_view value) {
  if (row_fields_ > 0) out_ += ',';
  empty_field_only_ = row_fields_ == 0 && value.empty();
  ++row_fields_;
  append_field(out_, value);
}

void CsvWriter::end_row() {
  // A row of one empty field would be a blank line, which readers skip: write "" instead.
  if (row_fields_ == 1 && empty_field_only_) out_ += "\"\"";
  out_ += crlf_ ? "\r\n" : "\n";
  row_fields_ = 0;
  empty_field_only_ = false;
}

void CsvWriter::write_row(std::initializer_list<std::string_view> fields) {
  for (std::string_view f : fields) field(f);
  end_row();
}

void CsvWriter::write_row(const std::vector<std::string_view>& fields) {
  for (std::string_view f : fields) field(f);
  end_row();
}

void CsvWriter::write_row(const std::vector<std::string>& fields) {
  for (const std::string& f : fields) field(f);
  end_row();
}

std::string CsvWriter::take() noexcept {
  std::string out = std::move(out_);
  out_.clear();
  row_fields_ = 0;
  empty_field_only_ = false;
  return out;
}

}  // namespace duixian
