// Formatting records as CSV rows, and streaming whole files. Values are formatted
// with integer arithmetic only, so the bytes are the same everywhere.
#include "support/csv.hpp"
#include <duixian/error.hpp>

#include <filesystem>
#include <fstream>
#include <ostream>
#include <utility>
#include <vector>

#include "prng.hpp"
#include "record.hpp"
#include "wenzhou_data.hpp"

namespace duixian::datagen {

void append_date(std::string& out, Day day) {
  const Ymd t = ymd_of(day);
  char buf[10];
  auto y = static_cast<unsigned>(t.y);
  for (int k = 3; k >= 0; --k, y /= 10) buf[k] = static_cast<char>('0' + y % 10);
  buf[4] = '-';
  buf[5] = static_cast<char>('0' + t.m / 10);
  buf[6] = static_cast<char>('0' + t.m % 10);
  buf[7] = '-';
  buf[8] = static_cast<char>('0' + t.d / 10);
  buf[9] = static_cast<char>('0' + t.d % 10);
  out.append(buf, 10);
}

namespace detail {

namespace {

void append_int(std::string& out, std::int64_t v) {
  if (v < 0) {
    out += '-';
    v = -v;
  }
  char buf[20];
  int n = 0;
  do {
    buf[n++] = static_cast<char>('0' + v % 10);
    v /= 10;
  } while (v != 0);
  while (n > 0) out += buf[--n];
}

// Hundredths as a plain decimal with two places: 123456 → 1234.56.
void append_fen(std::string& out, Fen v) {
  if (v < 0) {
    out += '-';
    v = -v;
  }
  append_int(out, v / 100);
  out += '.';
  out += static_cast<char>('0' + v / 10 % 10);
  out += static_cast<char>('0' + v % 10);
}

// Appends `code,metric,period,` — the value follows.
void key(std::string& out, const Record& r, const char* metric, const char* period) {
  out += r.code;
  out += ',';
  out += metric;
  out += ',';
  out += period;
  out += ',';
}

std::size_t money_row(std::string& out, const Record& r, const char* metric, const char* period, const OptFen& v) {
  if (!v) return 0;
  key(out, r, metric, period);
  append_fen(out, *v);
  out += '\n';
  return 1;
}

std::size_t date_row(std::string& out, const Record& r, const char* metric, const OptDay& v) {
  if (!v) return 0;
  key(out, r, metric, "");
  append_date(out, *v);
  out += '\n';
  return 1;
}

constexpr const char* k2018[] = {"2018Q1", "2018Q2", "2018Q3", "2018Q4"};
constexpr const char* k2019[] = {"2019Q1", "2019Q2", "2019Q3", "2019Q4"};

}  // namespace

void write_enterprise_row(std::string& out, const Record& r) {
  out += r.code;
  out += ',';
  out += csv_escape(r.name);
  out += ',';
  append_int(out, r.region);
  out += ',';
  out += r.industry;
  out += ',';
  if (r.above_scale) out += "above_scale";
  if (r.above_scale && r.in_micro_park) out += ';';
  if (r.in_micro_park) out += "in_micro_park";
  out += ',';
  append_date(out, r.registered);
  out += '\n';
}

// Rows grouped by period (years, 2018 quarters, 2019 quarters, timeless), as hosts'
// exports usually are; the loader caches the last period it parsed.
std::size_t write_fact_rows(std::string& out, const Record& r) {
  std::size_t n = money_row(out, r, "rd_expense", "2017", r.rd_2017);
  n += money_row(out, r, "equipment_investment", "2018", r.equipment_2018);
  n += money_row(out, r, "smart_investment", "2018", r.smart_2018);
  n += money_row(out, r, "rd_expense", "2018", r.rd_2018);
  if (r.grade) {
    key(out, r, "per_mu_grade", "2018");
    out += *r.grade;
    out += '\n';
    ++n;
  }
  n += money_row(out, r, "local_contribution", "2018", r.local_contribution);
  for (unsigned q = 0; q < 4; ++q) n += money_row(out, r, "output_value", k2018[q], r.output[q]);
  for (unsigned q = 0; q < 4; ++q) {
    n += money_row(out, r, "output_value", k2019[q], r.output[q + 4]);
    n += money_row(out, r, "pension_wage_base", k2019[q], r.pension[q]);
    n += money_row(out, r, "taxable_sales", k2019[q], r.taxable[q]);
    n += money_row(out, r, "export_sales", k2019[q], r.export_sales[q]);
    n += money_row(out, r, "park_rent", k2019[q], r.park_rent[q]);
    if (r.electricity_kwh[q]) {
      key(out, r, "electricity_kwh", k2019[q]);
      append_int(out, *r.electricity_kwh[q]);
      out += '\n';
      ++n;
    }
  }
  n += money_row(out, r, "land_area_sqm", "", r.land_area);
  n += date_row(out, r, "above_scale_since", r.above_scale_since);
  n += date_row(out, r, "park_entry_date", r.park_entry);
  n += money_row(out, r, "tech_loan_amount", "", r.loan_amount);
  n += date_row(out, r, "tech_loan_start", r.loan_start);
  n += date_row(out, r, "tech_loan_end", r.loan_end);
  return n;
}

std::size_t write_revision_rows(std::string& out, const Record& r) {
  std::size_t n = money_row(out, r, "equipment_investment", "2018", r.revised_equipment_2018);
  n += money_row(out, r, "local_contribution", "2018", r.added_local_contribution);
  return n;
}

}  // namespace detail

namespace {

// Hands a buffer to its stream once it is big enough, so memory stays flat at any size.
void drain(std::string& buffer, std::ostream& out, bool force) {
  if (!force && buffer.size() < (std::size_t{1} << 20)) return;
  out.write(buffer.data(), static_cast<std::streamsize>(buffer.size()));
  buffer.clear();
}

// The rows of `text` after its header line, written to `out` in a random order: a
// Fisher–Yates shuffle of the row starts drawn from the generator's own PRNG, so the same
// seed gives the same bytes everywhere. The stream number keeps the order independent of
// any enterprise's values (streams 0..N-1 are the enterprises).
void write_shuffled(const std::string& text, std::ostream& out, std::uint64_t seed, std::uint64_t stream) {
  const std::size_t header_end = text.find('\n') + 1;
  std::vector<std::size_t> starts;
  for (std::size_t at = header_end; at < text.size(); at = text.find('\n', at) + 1) starts.push_back(at);
  Rng rng(seed, stream);
  for (std::size_t i = starts.size(); i > 1; --i) std::swap(starts[i - 1], starts[rng.below(i)]);
  std::string buffer(text, 0, header_end);
  for (const std::size_t start : starts) {
    const std::size_t end = text.find('\n', start) + 1;
    buffer.append(text, start, end - start);
    drain(buffer, out, false);
  }
  drain(buffer, out, true);
}

}  // namespace

Census generate_wenzhou_2019(const GeneratorOptions& options, std::ostream& enterprises, std::ostream& facts,
                             std::ostream& revision) {
  if (options.enterprises > 4'000'000'000ULL) {
    throw Error(ErrorCode::invalid_argument, "at most 4,000,000,000 enterprises (a register indexes them with 32 bits)");
  }
  Census census;
  std::string e = "credit_code,name,region,industry,tags,registered_on\n";
  std::string f = "credit_code,metric,period,value\n";
  std::string v = f;
  for (std::uint64_t i = 0; i < options.enterprises; ++i) {
    const detail::Record r = detail::make_record(options.seed, i);
    detail::write_enterprise_row(e, r);
    census.fact_rows += detail::write_fact_rows(f, r);
    census.revision_rows += detail::write_revision_rows(v, r);
    detail::tally(census, r);
    drain(e, enterprises, false);
    if (!options.shuffle) {  // shuffled rows are written once all of them are known
      drain(f, facts, false);
      drain(v, revision, false);
    }
  }
  drain(e, enterprises, true);
  if (options.shuffle) {
    constexpr std::uint64_t kFactsStream = ~std::uint64_t{0}, kRevisionStream = ~std::uint64_t{1};
    write_shuffled(f, facts, options.seed, kFactsStream);
    write_shuffled(v, revision, options.seed, kRevisionStream);
  } else {
    drain(f, facts, true);
    drain(v, revision, true);
  }
  if (!enterprises || !facts || !revision) throw Error(ErrorCode::invalid_argument, "writing the generated data failed");
  return census;
}

namespace {

// An ostream over a std::string would copy on str(); appending through a streambuf does not.
class StringSink : public std::streambuf {
 public:
  explicit StringSink(std::string& target) : target_(target) {}

 protected:
  std::streamsize xsputn(const char* s, std::streamsize n) override {
    target_.append(s, static_cast<std::size_t>(n));
    return n;
  }
  int_type overflow(int_type c) override {
    if (!traits_type::eq_int_type(c, traits_type::eof())) target_ += traits_type::to_char_type(c);
    return traits_type::not_eof(c);
  }

 private:
  std::string& target_;
};

}  // namespace

GeneratedData generate_wenzhou_2019(const GeneratorOptions& options) {
  GeneratedData data;
  StringSink e(data.enterprises), f(data.facts), v(data.revision);
  std::ostream eo(&e), fo(&f), vo(&v);
  data.census = generate_wenzhou_2019(options, eo, fo, vo);
  return data;
}

Census write_wenzhou_2019(const GeneratorOptions& options, const std::string& directory) {
  std::error_code ec;
  std::filesystem::create_directories(directory, ec);
  const std::filesystem::path dir(directory);
  const auto open = [](const std::filesystem::path& path) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    if (!out) throw Error(ErrorCode::invalid_argument, "cannot write \"" + path.string() + "\"");
    return out;
  };
  std::ofstream e = open(dir / "enterprises.csv");
  std::ofstream f = open(dir / "facts.csv");
  std::ofstream v = open(dir / "facts-revision.csv");
  Census census = generate_wenzhou_2019(options, e, f, v);
  e.close();
  f.close();
  v.close();
  if (!e || !f || !v) throw Error(ErrorCode::invalid_argument, "cannot finish writing into \"" + directory + "\"");
  return census;
}

}  // namespace duixian::datagen
