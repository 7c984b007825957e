// duixian_bench_settle: settling 2019Q4 of the Wenzhou 2019 reference workload end to end.
//
//   duixian_bench_settle [--enterprises N (default 1000000; env DUIXIAN_BENCH_ENTERPRISES)]
//                        [--threads T (default: every hardware thread)] [--seed S] [--dir DIR]
//                        [--book FILE] [--repeat R (default 1)] [--settle-only (one thread, for a profiler)]
//
// Generates N enterprises (tools/datagen) into DIR, or reuses the files when DIR already
// holds a complete set (the same directory as duixian_bench_load), loads them with
// duixian::load_register, then measures in one run:
//   1. the floor: one pass over the register reading, through Register::number / date / fact,
//      every fact the Wenzhou book's formulas can read for the year (32 per enterprise, the
//      quarters Q1..Q4, plus tags and the registration date): what any engine must at least touch;
//   2. duixian::settle(book, reg, 2019Q4, no previous payments) with SettleOptions{threads = 1},
//      recomputing Q1..Q4 for every enterprise;
//   3. the same with T threads, checked to give the same lines (a digest of every line field).
// It prints enterprises/s, policy evaluations/s (Settlement::evaluations), lines, omissions,
// the register's memory, the settlement's peak RSS and the process peak, and whether issue 5's
// target holds: at least 2,000,000 policy evaluations per second per core and under 4 GB.
// All figures are integers (times from std::chrono in nanoseconds); no floating point.
#include <fcntl.h>
#include <sys/resource.h>
#include <unistd.h>

#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <exception>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "duixian/loader.hpp"
#include "duixian/policy_book.hpp"
#include "duixian/report.hpp"
#include "duixian/settlement.hpp"
#include "duixian/version.hpp"
#include "wenzhou_data.hpp"

#ifndef DUIXIAN_WENZHOU_BOOK
#define DUIXIAN_WENZHOU_BOOK "examples/wenzhou-2019/policies.json"
#endif

namespace {

namespace fs = std::filesystem;
using namespace duixian;

std::int64_t wall_ns() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

std::int64_t cpu_ns() {  // this process, all threads
  timespec ts{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return static_cast<std::int64_t>(ts.tv_sec) * 1'000'000'000 + ts.tv_nsec;
}

// A field of /proc/self/status in kB (VmRSS, VmHWM), or -1 when unavailable.
std::int64_t status_kb(const char* field) {
  std::ifstream in("/proc/self/status");
  std::string line;
  const std::size_t n = std::strlen(field);
  while (std::getline(in, line)) {
    if (line.compare(0, n, field) == 0 && line.size() > n && line[n] == ':') return std::stoll(line.substr(n + 1));
  }
  return -1;
}

// Resets VmHWM to the current RSS (Linux ≥ 4.0), so each stage reports its own peak.
bool reset_peak() {
  std::ofstream out("/proc/self/clear_refs");
  out << "5";
  out.flush();
  return static_cast<bool>(out);
}

std::int64_t maxrss_kb() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return u.ru_maxrss;
}

std::string hundredths(std::int64_t v) {  // 12345 → "123.45"
  const char* sign = v < 0 ? "-" : "";
  if (v < 0) v = -v;
  std::string cents = std::to_string(v % 100);
  if (cents.size() < 2) cents.insert(0, "0");
  return sign + std::to_string(v / 100) + "." + cents;
}
std::string seconds(std::int64_t ns) {  // 1234567890 ns → "1.234 s"
  std::string ms = std::to_string(ns / 1'000'000 % 1000);
  ms.insert(0, 3 - ms.size(), '0');
  return std::to_string(ns / 1'000'000'000) + "." + ms + " s";
}
std::int64_t rate(std::uint64_t count, std::int64_t ns) {
  // count < 9.2 × 10^9 (a billion evaluations is a province): the product fits in 64 bits.
  return ns > 0 ? static_cast<std::int64_t>(count * 1'000'000'000U / static_cast<std::uint64_t>(ns)) : 0;
}
std::string grouped(std::int64_t v) {  // 1234567 → "1,234,567"
  std::string digits = std::to_string(v < 0 ? -v : v);
  for (std::size_t i = digits.size(); i > 3; i -= 3) digits.insert(i - 3, ",");
  return (v < 0 ? "-" : "") + digits;
}
std::string per_second(std::uint64_t count, std::int64_t ns) { return grouped(rate(count, ns)) + "/s"; }
std::string mib(std::int64_t kb) { return hundredths(kb * 100 / 1024) + " MiB"; }
std::string mib_bytes(std::uint64_t bytes) { return mib(static_cast<std::int64_t>(bytes / 1024)); }

struct Files {
  std::string enterprises, facts, revision;
};

Files prepare(const fs::path& dir, const datagen::GeneratorOptions& options) {
  const Files files{(dir / "enterprises.csv").string(), (dir / "facts.csv").string(),
                    (dir / "facts-revision.csv").string()};
  if (fs::exists(dir / "complete")) {
    std::cout << "reusing " << dir.string() << " (delete it to regenerate)\n";
    return files;
  }
  std::cout << "generating " << options.enterprises << " enterprises (seed " << options.seed << ") into "
            << dir.string() << " ...\n";
  const std::int64_t t0 = wall_ns();
  const datagen::Census census = datagen::write_wenzhou_2019(options, dir.string());
  {
    std::ofstream out(dir / "census.txt");
    out << "seed " << options.seed << "\n";
    datagen::print_census(out, census);
  }
  std::ofstream(dir / "complete") << "ok\n";
  std::cout << "  generated " << census.fact_rows << " fact rows in " << seconds(wall_ns() - t0) << "\n";
  return files;
}

// ---------------------------------------------------------------------------------------
// The floor: every fact the Wenzhou book can read, for one enterprise, through the Register.

struct Read {
  enum class Kind : unsigned char { number, date, fact };
  MetricId metric = 0;
  Period period;
  Kind kind = Kind::number;
};

std::vector<Read> wenzhou_reads(const MetricSchema& schema, int year) {
  const auto id = [&](const char* name) {
    const std::optional<MetricId> m = schema.find(name);
    if (!m) throw std::runtime_error(std::string("the book has no metric ") + name);
    return *m;
  };
  const Year prev(year - 1), prev2(year - 2);
  std::vector<Read> reads;
  const auto number = [&](const char* name, Period p) { reads.push_back({id(name), p, Read::Kind::number}); };
  const auto date = [&](const char* name) { reads.push_back({id(name), Period::timeless(), Read::Kind::date}); };
  number("equipment_investment", prev);                      // R1
  number("smart_investment", prev);                          // R2
  date("above_scale_since");                                 // R3
  number("rd_expense", prev2);                               // R4
  number("rd_expense", prev);
  number("output_value", Quarter(year - 1, 1));              // R5 (in force in Q1 only)
  number("output_value", Quarter(year, 1));
  date("park_entry_date");                                   // R6
  number("tech_loan_amount", Period::timeless());            // R7
  date("tech_loan_start");
  date("tech_loan_end");
  reads.push_back({id("per_mu_grade"), prev, Read::Kind::fact});  // B4
  number("land_area_sqm", Period::timeless());
  number("local_contribution", prev);                        // the enterprise cap
  for (unsigned q = 1; q <= 4; ++q) {
    const Quarter quarter(year, q);
    number("park_rent", quarter);                            // R6
    if (q >= 2) number("pension_wage_base", quarter);        // B1, from 2019-05-01
    if (q >= 2) number("taxable_sales", quarter);            // B2, from 2019-04-01
    number("electricity_kwh", quarter);                      // B3
    number("export_sales", quarter);                         // B5
  }
  return reads;
}

struct FloorResult {
  std::int64_t wall = 0, cpu = 0;
  std::uint64_t reads = 0, present = 0, checksum = 0;
};

FloorResult read_floor(const Register& reg, const std::vector<Read>& reads, int year) {
  FloorResult r;
  const Date cap_day = Date::from_ymd(year - 3, 1, 1);
  const std::int64_t c0 = cpu_ns(), t0 = wall_ns();
  const std::size_t n = reg.size();
  for (std::size_t i = 0; i < n; ++i) {
    const auto e = static_cast<EnterpriseIndex>(i);
    const Enterprise& ent = reg[e];
    r.checksum += static_cast<std::uint64_t>(ent.has_tag("above_scale")) +
                  static_cast<std::uint64_t>(ent.has_tag("in_micro_park")) +
                  static_cast<std::uint64_t>(ent.registered_on < cap_day);
    for (const Read& read : reads) {
      switch (read.kind) {
        case Read::Kind::number:
          if (const std::optional<Decimal> d = reg.number(e, read.metric, read.period)) {
            ++r.present;
            r.checksum += static_cast<std::uint64_t>(d->scale() + d->sign() + 1);
          }
          break;
        case Read::Kind::date:
          if (const std::optional<Date> d = reg.date(e, read.metric, read.period)) {
            ++r.present;
            r.checksum += *d < cap_day ? 1U : 2U;
          }
          break;
        case Read::Kind::fact:
          if (reg.fact(e, read.metric, read.period)) ++r.present;
          break;
      }
    }
    r.reads += reads.size();
  }
  r.wall = wall_ns() - t0;
  r.cpu = cpu_ns() - c0;
  return r;
}

// ---------------------------------------------------------------------------------------
// Settling.

std::uint64_t fnv(std::uint64_t h, std::int64_t v) {
  auto u = static_cast<std::uint64_t>(v);
  for (int i = 0; i < 8; ++i) {
    h ^= u & 0xFFU;
    h *= 1099511628211ULL;
    u >>= 8;
  }
  return h;
}

// A digest of every line field and of the enterprises' codes: equal digests, equal results.
std::uint64_t digest(const Settlement& s) {
  std::uint64_t h = 14695981039346656037ULL;
  for (const SettledEnterprise& e : s.enterprises()) {
    for (const char c : e.code.text()) h = fnv(h, c);
  }
  for (const SettlementLine& l : s.lines()) {
    h = fnv(h, l.enterprise);
    h = fnv(h, l.policy);
    h = fnv(h, l.due_fen);
    h = fnv(h, l.cumulative_fen);
    h = fnv(h, l.previously_paid_fen);
    h = fnv(h, l.payout_fen);
    h = fnv(h, l.city_fen);
    h = fnv(h, l.county_fen);
  }
  return h;
}

struct SettleResult {
  std::int64_t wall = 0, cpu = 0, totals_ns = 0;
  std::uint64_t evaluations = 0, lines = 0, omissions = 0, enterprises = 0, digest = 0;
  std::int64_t rss_before_kb = 0, rss_after_kb = 0, hwm_kb = 0;
  bool hwm_reset = false;
  Figures all;
};

SettleResult run_settle(const PolicyBook& book, const Register& reg, const Quarter& quarter, unsigned threads,
                        int repeat) {
  SettleResult best;
  const PaidTotals nothing_paid;
  for (int r = 0; r < repeat; ++r) {
    SettleResult res;
    res.hwm_reset = reset_peak();
    res.rss_before_kb = status_kb("VmRSS");
    SettleOptions options;
    options.threads = threads;
    const std::int64_t c0 = cpu_ns(), t0 = wall_ns();
    const Settlement s = settle(book, reg, quarter, nothing_paid, options);
    const std::int64_t t1 = wall_ns(), c1 = cpu_ns();
    res.wall = t1 - t0;
    res.cpu = c1 - c0;
    res.rss_after_kb = status_kb("VmRSS");
    res.hwm_kb = status_kb("VmHWM");
    const std::int64_t t2 = wall_ns();
    const Totals totals = s.totals();
    res.totals_ns = wall_ns() - t2;
    res.all = totals.all;
    res.evaluations = s.evaluations();
    res.lines = s.lines().size();
    res.omissions = s.omissions().size();
    res.enterprises = s.enterprises().size();
    res.digest = digest(s);
    if (r == 0 || res.wall < best.wall) best = res;
  }
  return best;
}

std::string yuan(std::int64_t fen) {  // 123456789 → "1,234,567.89"
  const std::int64_t abs = fen < 0 ? -fen : fen;
  std::string cents = std::to_string(abs % 100);
  if (cents.size() < 2) cents.insert(0, "0");
  return (fen < 0 ? "-" : "") + grouped(abs / 100) + "." + cents;
}

void print_settle(const char* title, const SettleResult& r, std::size_t n, unsigned threads) {
  std::cout << "\n" << title << "\n"
            << "  wall           " << seconds(r.wall) << "\n"
            << "  cpu            " << seconds(r.cpu) << " (" << threads << (threads == 1 ? " thread" : " threads")
            << ")\n"
            << "  enterprises    " << n << " in the register, " << r.enterprises << " with lines; "
            << per_second(n, r.wall) << "\n"
            << "  evaluations    " << grouped(static_cast<std::int64_t>(r.evaluations)) << "; "
            << per_second(r.evaluations, r.wall) << " wall, " << per_second(r.evaluations, r.cpu)
            << " per cpu-second\n"
            << "  lines          " << grouped(static_cast<std::int64_t>(r.lines)) << ", omissions "
            << grouped(static_cast<std::int64_t>(r.omissions)) << "\n"
            << "  totals()       " << seconds(r.totals_ns) << "; rewards 2019Q4 " << yuan(r.all.rewards_quarter)
            << " (year " << yuan(r.all.rewards_ytd) << "), burden year " << yuan(r.all.burden_ytd)
            << ", excluded year " << yuan(r.all.excluded_ytd) << ", beneficiaries " << r.all.beneficiaries << "\n"
            << "  RSS            before " << mib(r.rss_before_kb) << ", with the settlement " << mib(r.rss_after_kb)
            << " (+" << mib(r.rss_after_kb - r.rss_before_kb) << "), peak while settling " << mib(r.hwm_kb)
            << (r.hwm_reset ? "" : " (process peak: VmHWM could not be reset)") << "\n"
            << "  digest         " << std::hex << r.digest << std::dec << "\n";
}

// Stage 4: the report files. Writes lines.csv and payments.csv of `s` into `dir` with
// CsvOptions{threads}, then the floor: write() of the same bytes (read back) to fresh files of
// the page cache, no fsync. Rates in MB/s of the bytes written (10^6 bytes per second).
struct WriteResult {
  std::int64_t wall = 0, floor = 0;
  std::uint64_t bytes = 0;
};

WriteResult run_write(const Settlement& s, const fs::path& dir, unsigned threads) {
  WriteResult r;
  fs::create_directories(dir);
  const fs::path lines = dir / "lines.csv", payments = dir / "payments.csv";
  CsvOptions options;
  options.threads = threads;
  fs::remove(lines);  // truncating the previous run's pages would count against this one
  fs::remove(payments);
  const std::int64_t t0 = wall_ns();
  {
    std::ofstream out(lines, std::ios::binary);
    write_lines_csv(out, s, options);
    std::ofstream pay(payments, std::ios::binary);
    write_payments_csv(pay, s, options);
  }
  r.wall = wall_ns() - t0;
  std::string bytes;
  for (const fs::path& f : {lines, payments}) {
    std::ifstream in(f, std::ios::binary);
    bytes.append(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  r.bytes = bytes.size();
  const fs::path copy = dir / "floor.bin";
  const std::int64_t f0 = wall_ns();
  const int fd = ::open(copy.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  std::size_t done = 0;
  while (fd >= 0 && done < bytes.size()) {
    const ssize_t n = ::write(fd, bytes.data() + done, std::min<std::size_t>(bytes.size() - done, 1 << 20));
    if (n <= 0) break;
    done += static_cast<std::size_t>(n);
  }
  if (fd >= 0) ::close(fd);
  r.floor = wall_ns() - f0;
  fs::remove(copy);
  return r;
}

std::string mb_per_s(std::uint64_t bytes, std::int64_t ns) {  // 10^6 bytes per second, two decimals
  return hundredths(ns > 0 ? static_cast<std::int64_t>(bytes * 100U / static_cast<std::uint64_t>(ns / 1000 + 1)) : 0) + " MB/s";
}

int usage(const char* why) {
  std::cerr << "duixian_bench_settle: " << why
            << "\nusage: duixian_bench_settle [--enterprises N] [--threads T] [--seed S] [--dir DIR] [--book FILE]"
               " [--repeat R] [--settle-only]\n";
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  datagen::GeneratorOptions options;
  options.enterprises = 1'000'000;
  if (const char* env = std::getenv("DUIXIAN_BENCH_ENTERPRISES"); env != nullptr && *env != '\0') {
    options.enterprises = static_cast<std::size_t>(std::stoull(env));
  }
  std::string dir;
  std::string book_path = DUIXIAN_WENZHOU_BOOK;
  unsigned threads = std::thread::hardware_concurrency();
  if (threads == 0) threads = 1;
  int repeat = 1;
  bool settle_only = false;
  try {
    for (int i = 1; i < argc; ++i) {
      const std::string arg = argv[i];
      if (arg == "--settle-only") {
        settle_only = true;
        continue;
      }
      if (i + 1 >= argc) return usage(("missing value after " + arg).c_str());
      const std::string value = argv[++i];
      if (arg == "--enterprises") {
        options.enterprises = static_cast<std::size_t>(std::stoull(value));
      } else if (arg == "--threads") {
        threads = static_cast<unsigned>(std::stoul(value));
      } else if (arg == "--seed") {
        options.seed = std::stoull(value);
      } else if (arg == "--dir") {
        dir = value;
      } else if (arg == "--book") {
        book_path = value;
      } else if (arg == "--repeat") {
        repeat = std::stoi(value);
        if (repeat < 1) return usage("--repeat must be at least 1");
      } else {
        return usage(("unknown argument " + arg).c_str());
      }
    }
    if (dir.empty()) {  // the load benchmark's directory, so the two share one data set
      const char* tmp = std::getenv("TMPDIR");
      dir = (fs::path(tmp != nullptr && *tmp != '\0' ? tmp : "/tmp") /
             ("duixian-load-bench-" + std::to_string(options.enterprises) + "-" + std::to_string(options.seed)))
                .string();
    }
#ifdef NDEBUG
    std::cout << "duixian " << DUIXIAN_VERSION_STRING << " settlement benchmark (Release)\n";
#else
    std::cout << "duixian " << DUIXIAN_VERSION_STRING
              << " settlement benchmark (NOT an optimized build: figures are meaningless)\n";
#endif
    std::cout << "hardware threads " << std::thread::hardware_concurrency() << "\n";
    const PolicyBook book = load_policy_book_file(book_path);
    const Files files = prepare(dir, options);

    const std::int64_t l0 = wall_ns();
    LoadedRegister loaded = load_register(book.schema(), files.enterprises, files.facts, {}, files.revision);
    const std::int64_t l1 = wall_ns();
    const Register& reg = loaded.reg;
    std::size_t errors = 0;
    for (const Diagnostic& d : loaded.diagnostics) errors += d.severity == Severity::error ? 1 : 0;
    loaded.diagnostics.clear();
    loaded.diagnostics.shrink_to_fit();
    const std::int64_t rss_loaded = status_kb("VmRSS");
    std::cout << "\n[0] load_register: " << reg.size() << " enterprises, " << reg.fact_count() << " facts, "
              << errors << " errors, " << seconds(l1 - l0) << "\n"
              << "  register memory  facts " << mib_bytes(reg.fact_memory_bytes())
              << " (Register::fact_memory_bytes); RSS after loading " << mib(rss_loaded) << ", load peak "
              << mib(maxrss_kb()) << "\n";

    const Quarter q4(book.year(), 4);
    if (settle_only) {
      print_settle("[2] settle 2019Q4, 1 thread", run_settle(book, reg, q4, 1, repeat), reg.size(), 1);
      return 0;
    }

    const std::vector<Read> reads = wenzhou_reads(book.schema(), book.year());
    const FloorResult floor = read_floor(reg, reads, book.year());
    std::cout << "\n[1] floor: every fact the book can read, via Register::number/date/fact (" << reads.size()
              << " per enterprise)\n"
              << "  wall           " << seconds(floor.wall) << ", cpu " << seconds(floor.cpu) << "\n"
              << "  reads          " << grouped(static_cast<std::int64_t>(floor.reads)) << " ("
              << grouped(static_cast<std::int64_t>(floor.present)) << " present), "
              << per_second(floor.reads, floor.wall) << "; enterprises " << per_second(reg.size(), floor.wall)
              << " (checksum " << floor.checksum << ")\n";

    const SettleResult one = run_settle(book, reg, q4, 1, repeat);
    print_settle("[2] settle 2019Q4 (Q1..Q4 recomputed), SettleOptions{threads = 1}", one, reg.size(), 1);
    const SettleResult many = run_settle(book, reg, q4, threads, repeat);
    const std::string title = "[3] settle 2019Q4, SettleOptions{threads = " + std::to_string(threads) + "}";
    print_settle(title.c_str(), many, reg.size(), threads);

    const bool same = one.digest == many.digest && one.evaluations == many.evaluations;
    // Per core: the one-thread run's evaluations per second of its CPU time, which is its wall
    // time on an idle core and stays meaningful when other processes share the machine.
    const std::int64_t per_core = rate(one.evaluations, one.cpu);
    const std::int64_t peak_kb = maxrss_kb();
    std::cout << "\n1 thread vs " << threads << ": " << (same ? "identical lines" : "DIFFERENT LINES") << "; speed-up "
              << hundredths(many.wall > 0 ? one.wall * 100 / many.wall : 0) << "x\n"
              << "settle / floor (1 thread, per enterprise): "
              << hundredths(floor.wall > 0 ? one.wall * 100 / floor.wall : 0) << "x\n"
              << "process peak RSS (ru_maxrss, load included): " << mib(peak_kb) << "\n"
              << "\ntarget (>= 2,000,000 evaluations/s per core, < 4 GB): "
              << (per_core >= 2'000'000 && peak_kb < 4LL * 1024 * 1024 ? "holds" : "DOES NOT HOLD") << " at "
              << grouped(per_core) << " evaluations per cpu-second on one thread (" << per_second(one.evaluations, one.wall)
              << " wall), peak " << mib(peak_kb) << "\n";

    // Issue 13's targets for settling: >= 15 M evaluations per cpu-second on one thread, at
    // most 3x the floor, two threads >= 1.6x one.
    const std::int64_t ratio = floor.wall > 0 ? one.wall * 100 / floor.wall : 0;
    const std::int64_t speedup = many.wall > 0 ? one.wall * 100 / many.wall : 0;
    std::cout << "issue 13 targets:\n"
              << "  >= 15,000,000 evaluations per cpu-second (1 thread): "
              << (per_core >= 15'000'000 ? "holds" : "DOES NOT HOLD") << " at " << grouped(per_core) << "\n"
              << "  settle <= 3x its floor (1 thread): " << (ratio <= 300 ? "holds" : "DOES NOT HOLD") << " at "
              << hundredths(ratio) << "x\n"
              << "  " << threads << " threads >= 1.6x one: " << (threads < 2 ? "not measured (one hardware thread)" : speedup >= 160 ? "holds" : "DOES NOT HOLD")
              << " at " << hundredths(speedup) << "x\n";

    const PaidTotals nothing_paid;
    SettleOptions write_settle;
    write_settle.threads = threads;
    const Settlement s = settle(book, reg, q4, nothing_paid, write_settle);
    const fs::path out_dir = fs::path(dir) / "bench-write";
    const WriteResult w1 = run_write(s, out_dir, 1);
    const WriteResult wt = run_write(s, out_dir, threads);
    fs::remove_all(out_dir);
    std::cout << "\n[4] write lines.csv and payments.csv (" << grouped(static_cast<std::int64_t>(w1.bytes)) << " bytes)\n"
              << "  1 thread       " << seconds(w1.wall) << "  " << mb_per_s(w1.bytes, w1.wall) << "; floor (write() of the same bytes) "
              << seconds(w1.floor) << "  " << mb_per_s(w1.bytes, w1.floor) << "\n"
              << "  " << threads << " threads      " << seconds(wt.wall) << "  " << mb_per_s(wt.bytes, wt.wall) << "; floor "
              << seconds(wt.floor) << "  " << mb_per_s(wt.bytes, wt.floor) << "\n"
              << "  target >= 300 MB/s (1 thread): " << (w1.wall > 0 && w1.bytes * 1000 / static_cast<std::uint64_t>(w1.wall) >= 300 ? "holds" : "DOES NOT HOLD")
              << "; " << threads << " threads: " << (wt.wall > 0 && wt.bytes * 1000 / static_cast<std::uint64_t>(wt.wall) >= 300 ? "holds" : "DOES NOT HOLD") << "\n";
    return same ? 0 : 1;
  } catch (const std::exception& e) {
    std::cerr << "duixian_bench_settle: " << e.what() << "\n";
    return 1;
  }
}
