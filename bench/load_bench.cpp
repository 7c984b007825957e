// duixian_bench_load: loading a generated Wenzhou 2019 register end to end.
//
//   duixian_bench_load [--enterprises N (default 1000000)] [--seed S] [--dir DIR]
//                      [--order grouped|shuffled|both (default both)]
//                      [--no-breakdown] [--load-only (stage 2 alone, for a profiler)]
//
// Generates N enterprises with about 20 facts each (tools/datagen) into DIR, or
// reuses the files when DIR already holds a complete set: facts grouped by enterprise as
// the generator writes them, and the same rows shuffled (`duixian-datagen --shuffle`), as
// a database export returns them. Then, for each order, it measures in one run:
//   1. the floor: reading the three files' bytes and counting their lines with memchr;
//   2. duixian::load_register over enterprises.csv, facts.csv and facts-revision.csv;
//   3. the same load stage by stage (map each file, then its loader) to show where time goes.
// It prints bytes, seconds, MB/s (10^6 bytes), rows/s, facts, peak memory and memory per
// fact, and whether the targets hold (issue 13): shuffled facts at >= 400 MB/s of CSV on
// one thread, grouped no slower, register memory <= 16 bytes a fact.
// All figures are integers (times from std::chrono in nanoseconds); no floating point.
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <unistd.h>

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <exception>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "support/file.hpp"
#include "duixian/loader.hpp"
#include "duixian/version.hpp"
#include "wenzhou_data.hpp"

namespace {

namespace fs = std::filesystem;
using duixian::datagen::wenzhou_2019_schema;

std::int64_t wall_ns() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

std::int64_t cpu_ns() {  // this process, all threads: equals wall time when one core works
  timespec ts{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return static_cast<std::int64_t>(ts.tv_sec) * 1'000'000'000 + ts.tv_nsec;
}

// The 1, 5 and 15 minute load averages as the kernel writes them (text: no floating point).
std::string load_average() {
  std::ifstream in("/proc/loadavg");
  std::string one, five, fifteen;
  in >> one >> five >> fifteen;
  return in ? one + " " + five + " " + fifteen : std::string("unknown");
}

// A field of /proc/self/status in kB (VmRSS, VmHWM), or -1 when unavailable.
std::int64_t status_kb(const char* field) {
  std::ifstream in("/proc/self/status");
  std::string line;
  const std::size_t n = std::strlen(field);
  while (std::getline(in, line)) {
    if (line.compare(0, n, field) == 0 && line.size() > n && line[n] == ':') {
      return std::stoll(line.substr(n + 1));
    }
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

// v / 100 with two decimals: 12345 → "123.45".
std::string hundredths(std::int64_t v) {
  const char* sign = v < 0 ? "-" : "";
  if (v < 0) v = -v;
  std::string cents = std::to_string(v % 100);
  if (cents.size() < 2) cents.insert(0, "0");
  return sign + std::to_string(v / 100) + "." + cents;
}

std::string seconds(std::int64_t ns) {  // three decimals: 1234567890 ns → "1.234 s"
  std::string ms = std::to_string(ns / 1'000'000 % 1000);
  ms.insert(0, 3 - ms.size(), '0');
  return std::to_string(ns / 1'000'000'000) + "." + ms + " s";
}
// MB/s with two decimals: bytes / (ns / 1e9) / 1e6.
std::int64_t mbps_x100(std::int64_t bytes, std::int64_t ns) { return ns > 0 ? bytes * 100'000 / ns : 0; }
std::string mbps(std::int64_t bytes, std::int64_t ns) { return hundredths(mbps_x100(bytes, ns)) + " MB/s"; }
std::string per_second(std::int64_t count, std::int64_t ns) {
  return std::to_string(ns > 0 ? count * 1'000'000'000 / ns : 0) + "/s";
}
std::string mib(std::int64_t kb) { return hundredths(kb * 100 / 1024) + " MiB"; }

// A whole file mapped read-only and faulted in at once (how a loader can avoid copying).
class Mapping {
 public:
  explicit Mapping(const std::string& path) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) throw std::runtime_error("cannot open " + path);
    size_ = static_cast<std::size_t>(fs::file_size(path));
    void* map = size_ > 0 ? ::mmap(nullptr, size_, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0) : nullptr;
    ::close(fd);
    if (map == MAP_FAILED) throw std::runtime_error("cannot map " + path);
    data_ = static_cast<const char*>(map);
  }
  ~Mapping() {
    if (data_ != nullptr) ::munmap(const_cast<char*>(data_), size_);
  }
  Mapping(const Mapping&) = delete;
  Mapping& operator=(const Mapping&) = delete;
  std::string_view bytes() const noexcept { return data_ != nullptr ? std::string_view(data_, size_) : std::string_view(); }

 private:
  const char* data_ = nullptr;
  std::size_t size_ = 0;
};

std::int64_t count_lines(std::string_view text) {
  std::int64_t lines = 0;
  const char* p = text.data();
  const char* end = p + text.size();
  while (p < end) {
    const void* nl = std::memchr(p, '\n', static_cast<std::size_t>(end - p));
    if (nl == nullptr) break;
    ++lines;
    p = static_cast<const char*>(nl) + 1;
  }
  return lines;
}

struct Files {
  std::string enterprises, facts, revision;
  std::int64_t bytes() const {
    return static_cast<std::int64_t>(fs::file_size(enterprises) + fs::file_size(facts) + fs::file_size(revision));
  }
};

Files prepare(const fs::path& dir, const duixian::datagen::GeneratorOptions& options) {
  const Files files{(dir / "enterprises.csv").string(), (dir / "facts.csv").string(),
                    (dir / "facts-revision.csv").string()};
  if (fs::exists(dir / "complete")) {
    std::cout << "reusing " << dir.string() << " (delete it to regenerate)\n";
    return files;
  }
  std::cout << "generating " << options.enterprises << " enterprises (seed " << options.seed
            << (options.shuffle ? ", facts shuffled" : "") << ") into "
            << dir.string() << " ...\n";
  const std::int64_t t0 = wall_ns();
  const duixian::datagen::Census census = duixian::datagen::write_wenzhou_2019(options, dir.string());
  const std::int64_t t1 = wall_ns();
  {
    std::ofstream out(dir / "census.txt");
    out << "seed " << options.seed << (options.shuffle ? " shuffled" : "") << "\n";
    duixian::datagen::print_census(out, census);
  }
  std::ofstream(dir / "complete") << "ok\n";
  std::cout << "  generated " << files.bytes() << " bytes, " << census.fact_rows << " fact rows in " << seconds(t1 - t0)
            << " (" << mbps(files.bytes(), t1 - t0) << ")\n";
  return files;
}

// Stage 1: the I/O + scan floor, with a copy (read_file) and without (a mapping).
void baseline(const Files& files) {
  std::int64_t read_ns = 0, scan_ns = 0, map_ns = 0, bytes = 0, lines = 0, map_lines = 0;
  for (const std::string* path : {&files.enterprises, &files.facts, &files.revision}) {
    const std::int64_t t0 = wall_ns();
    const std::string text = duixian::read_file(*path);
    const std::int64_t t1 = wall_ns();
    lines += count_lines(text);
    const std::int64_t t2 = wall_ns();
    read_ns += t1 - t0;
    scan_ns += t2 - t1;
    bytes += static_cast<std::int64_t>(text.size());
  }
  for (const std::string* path : {&files.enterprises, &files.facts, &files.revision}) {
    const std::int64_t t0 = wall_ns();
    {
      const Mapping map(*path);
      map_lines += count_lines(map.bytes());
    }
    map_ns += wall_ns() - t0;
  }
  std::cout << "\n[1] floor: the three files' bytes, lines counted with memchr\n"
            << "  bytes          " << bytes << "\n"
            << "  lines          " << lines << "\n"
            << "  read_file      " << seconds(read_ns) << "  " << mbps(bytes, read_ns) << "\n"
            << "  memchr scan    " << seconds(scan_ns) << "  " << mbps(bytes, scan_ns) << "\n"
            << "  read + scan    " << seconds(read_ns + scan_ns) << "  " << mbps(bytes, read_ns + scan_ns) << "\n"
            << "  mmap + scan    " << seconds(map_ns) << "  " << mbps(bytes, map_ns) << " (MAP_POPULATE, no copy; "
            << map_lines << " lines)\n";
}

struct LoadFigures {
  std::int64_t mbps_x100 = 0;            // MB/s × 100
  std::int64_t fact_bytes_x100 = 0;      // Register::fact_memory_bytes per fact × 100
  std::int64_t wall_ns = 0;
};

// Stage 2: the library's one-call load.
LoadFigures full_load(const Files& files, unsigned threads) {
  const bool peak_reset = reset_peak();
  const std::int64_t rss0 = status_kb("VmRSS");
  duixian::LoadOptions options;
  options.threads = threads;
  const std::int64_t c0 = cpu_ns(), t0 = wall_ns();
  duixian::LoadedRegister loaded =
      duixian::load_register(wenzhou_2019_schema(), files.enterprises, files.facts, options, files.revision);
  const std::int64_t t1 = wall_ns(), c1 = cpu_ns();
  const std::int64_t rss1 = status_kb("VmRSS"), hwm = status_kb("VmHWM");
  const std::int64_t bytes = files.bytes();
  const auto rows = static_cast<std::int64_t>(loaded.enterprises.read + loaded.facts.read);
  const auto facts = static_cast<std::int64_t>(loaded.reg.fact_count());
  const auto fact_bytes = static_cast<std::int64_t>(loaded.reg.fact_memory_bytes());
  std::size_t errors = 0;
  for (const duixian::Diagnostic& d : loaded.diagnostics) errors += d.severity == duixian::Severity::error ? 1 : 0;
  std::cout << "\n[2] duixian::load_register(enterprises.csv, facts.csv, facts-revision.csv), LoadOptions{threads = "
            << threads << "}\n"
            << "  bytes          " << bytes << "\n"
            << "  wall           " << seconds(t1 - t0) << "\n"
            << "  cpu            " << seconds(c1 - c0) << "\n"
            << "  throughput     " << mbps(bytes, t1 - t0) << "\n"
            << "  rows           " << rows << " (" << loaded.enterprises.read << " enterprises, " << loaded.facts.read
            << " fact rows), " << per_second(rows, t1 - t0) << "\n"
            << "  accepted       " << loaded.enterprises.accepted + loaded.facts.accepted << ", rejected "
            << loaded.enterprises.rejected + loaded.facts.rejected << ", diagnostics " << loaded.diagnostics.size()
            << " (" << errors << " errors)\n"
            << "  enterprises    " << loaded.reg.size() << "\n"
            << "  facts          " << facts << "\n"
            << "  fact memory    " << fact_bytes << " bytes = " << hundredths(facts > 0 ? fact_bytes * 100 / facts : 0)
            << " bytes/fact (Register::fact_memory_bytes)\n"
            << "  RSS before     " << mib(rss0) << ", after " << mib(rss1) << ", growth "
            << hundredths(facts > 0 ? (rss1 - rss0) * 1024 * 100 / facts : 0)
            << " bytes/fact (enterprises and code index included)\n"
            << "  peak RSS       VmHWM " << mib(hwm) << (peak_reset ? " (reset before this stage)" : " (process peak)")
            << ", ru_maxrss " << mib(maxrss_kb()) << " (process peak); peak - before = "
            << hundredths(facts > 0 ? (hwm - rss0) * 1024 * 100 / facts : 0) << " bytes/fact\n";
  return {mbps_x100(bytes, t1 - t0), facts > 0 ? fact_bytes * 100 / facts : 0, t1 - t0};
}

// Stage 3: the same work in steps, to see where the time goes.
void breakdown(const Files& files) {
  std::cout << "\n[3] stage by stage on one thread (each file mapped, then its loader)\n";
  duixian::RegisterBuilder builder(wenzhou_2019_schema());
  duixian::Diagnostics diagnostics;
  duixian::LoadOptions one_thread;
  one_thread.threads = 1;
  const auto step = [&](const char* label, const std::string& path, auto&& load) {
    const std::int64_t t0 = wall_ns();
    const Mapping map(path);
    const std::int64_t t1 = wall_ns();
    const duixian::RowCounts counts = load(map.bytes());
    const std::int64_t t2 = wall_ns();
    const auto bytes = static_cast<std::int64_t>(map.bytes().size());
    std::cout << "  " << label << ": " << bytes << " bytes, " << counts.read << " rows; map " << seconds(t1 - t0)
              << ", parse+insert " << seconds(t2 - t1) << " = " << mbps(bytes, t2 - t1) << ", "
              << per_second(static_cast<std::int64_t>(counts.read), t2 - t1) << "\n";
  };
  step("enterprises.csv   ", files.enterprises, [&](std::string_view text) {
    return duixian::load_enterprises_csv(builder, text, files.enterprises, one_thread, diagnostics);
  });
  step("facts.csv         ", files.facts, [&](std::string_view text) {
    return duixian::load_facts_csv(builder, text, files.facts, one_thread, diagnostics);
  });
  step("facts-revision.csv", files.revision, [&](std::string_view text) {
    return duixian::load_facts_csv(builder, text, files.revision, one_thread, diagnostics, duixian::FactMode::revise);
  });
  const std::int64_t t0 = wall_ns();
  const duixian::Register reg = std::move(builder).build();
  std::cout << "  build: " << seconds(wall_ns() - t0) << "; " << reg.fact_count() << " facts\n";
}

int usage(const char* why) {
  std::cerr << "duixian_bench_load: " << why
            << "\nusage: duixian_bench_load [--enterprises N] [--seed S] [--dir DIR] [--order grouped|shuffled|both]"
               " [--no-breakdown] [--load-only]\n";
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  duixian::datagen::GeneratorOptions options;
  options.enterprises = 1'000'000;
  std::string dir;
  std::vector<bool> orders = {false, true};  // shuffled?
  bool stages = true, floor = true;
  try {
    for (int i = 1; i < argc; ++i) {
      const std::string arg = argv[i];
      if (arg == "--no-breakdown" || arg == "--load-only") {  // --load-only: for profiling the load alone
        stages = false;
        floor = floor && arg != "--load-only";
        continue;
      }
      if (i + 1 >= argc) return usage(("missing value after " + arg).c_str());
      const std::string value = argv[++i];
      if (arg == "--enterprises") {
        options.enterprises = static_cast<std::size_t>(std::stoull(value));
      } else if (arg == "--seed") {
        options.seed = std::stoull(value);
      } else if (arg == "--dir") {
        dir = value;
      } else if (arg == "--order") {
        if (value == "grouped") {
          orders = {false};
        } else if (value == "shuffled") {
          orders = {true};
        } else if (value == "both") {
          orders = {false, true};
        } else {
          return usage("--order is grouped, shuffled or both");
        }
      } else {
        return usage(("unknown argument " + arg).c_str());
      }
    }
    if (dir.empty()) {
      const char* tmp = std::getenv("TMPDIR");
      dir = (fs::path(tmp != nullptr && *tmp != '\0' ? tmp : "/tmp") /
             ("duixian-load-bench-" + std::to_string(options.enterprises) + "-" + std::to_string(options.seed)))
                .string();
    }
#ifdef NDEBUG
    std::cout << "duixian " << DUIXIAN_VERSION_STRING << " load benchmark (Release)\n";
#else
    std::cout << "duixian " << DUIXIAN_VERSION_STRING << " load benchmark (NOT an optimized build: figures are meaningless)\n";
#endif
    std::cout << "load average " << load_average() << "\n";
    LoadFigures grouped, shuffled, grouped_two, shuffled_two;
    for (const bool shuffle : orders) {
      options.shuffle = shuffle;
      std::cout << "\n==== facts " << (shuffle ? "shuffled (rows in a seeded random order)" : "grouped by enterprise")
                << " ====\n";
      const Files files = prepare(shuffle ? dir + "-shuffled" : dir, options);
      if (floor) baseline(files);
      (shuffle ? shuffled : grouped) = full_load(files, 1);
      const LoadFigures two = full_load(files, 2);
      (shuffle ? shuffled_two : grouped_two) = two;
      if (stages) breakdown(files);
    }
    std::cout << "\ntargets (rates on one thread):\n";
    if (orders.back()) {
      std::cout << "  shuffled >= 400 MB/s of CSV: " << (shuffled.mbps_x100 >= 400 * 100 ? "holds" : "DOES NOT HOLD")
                << " at " << hundredths(shuffled.mbps_x100) << " MB/s\n";
    }
    if (orders.size() == 2) {
      std::cout << "  grouped no slower than shuffled: " << (grouped.mbps_x100 >= shuffled.mbps_x100 ? "holds" : "DOES NOT HOLD")
                << " (" << hundredths(grouped.mbps_x100) << " MB/s grouped)\n";
    }
    for (const bool shuffle : orders) {
      const LoadFigures& one = shuffle ? shuffled : grouped;
      const LoadFigures& two = shuffle ? shuffled_two : grouped_two;
      const std::int64_t speedup = two.wall_ns > 0 ? one.wall_ns * 100 / two.wall_ns : 0;
      std::cout << "  two threads >= 1.6x one (" << (shuffle ? "shuffled" : "grouped")
                << "): " << (speedup >= 160 ? "holds" : "DOES NOT HOLD") << " at " << hundredths(speedup) << "x ("
                << hundredths(two.mbps_x100) << " MB/s)\n";
    }
    for (const bool shuffle : orders) {
      const LoadFigures& f = shuffle ? shuffled : grouped;
      std::cout << "  register memory <= 16 bytes/fact (" << (shuffle ? "shuffled" : "grouped")
                << "): " << (f.fact_bytes_x100 <= 1600 ? "holds" : "DOES NOT HOLD") << " at "
                << hundredths(f.fact_bytes_x100) << "\n";
    }
  } catch (const std::exception& e) {
    std::cerr << "duixian_bench_load: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
