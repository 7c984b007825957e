// Google Benchmark: duixian::Decimal against a raw __int128 fixed-point baseline and
// Boost's cpp_dec_float_50, on the jobs a subsidy settlement does most:
//   parse          "1234567.89"                      -> value
//   format         value                             -> "1234567.89"
//   add            amount + amount                   (both 2 decimals)
//   multiply       amount (2 decimals) x rate (4 decimals), exact (6 decimals)
//   mul_round_fen  the same product rounded half-up to the fen (2 decimals)
//
// Inputs are 1024 pre-generated amounts and rates, cycled through. Before any timing,
// every implementation's answers are checked against Duixian's on all inputs, so the
// three columns provably do the same job. After the usual Google Benchmark table, a
// summary (median CPU ns/op, ratios, and the 3x target for mul_round_fen) is printed;
// every number in it is measured in the same run.

#include <benchmark/benchmark.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <iomanip>
#include <ios>
#include <iostream>
#include <limits>
#include <map>
#include <random>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <boost/multiprecision/cpp_dec_float.hpp>

#include "duixian/decimal.hpp"
#include "duixian/money.hpp"

namespace {

__extension__ typedef __int128 i128;
__extension__ typedef unsigned __int128 u128;

using duixian::Decimal;
using duixian::Money;
using duixian::RoundingMode;
using boost::multiprecision::cpp_dec_float_50;

constexpr std::size_t kInputs = 1024;  // a power of two: the index wraps with a mask
constexpr std::size_t kMask = kInputs - 1;
static_assert((kInputs & kMask) == 0, "kInputs must be a power of two");

// ---------------------------------------------------------------------------------
// The raw __int128 fixed-point baseline: a scaled integer and its scale, nothing else.
// Written the way a hand-rolled settlement routine would be; no validation beyond
// rejecting non-digits, no overflow checks.

struct Fixed {
  i128 c;     // value = c x 10^-scale
  int scale;
};

Fixed fixed_parse(std::string_view s) {
  std::size_t i = 0;
  bool neg = false;
  if (i < s.size() && (s[i] == '-' || s[i] == '+')) {
    neg = s[i] == '-';
    ++i;
  }
  i128 c = 0;
  int scale = 0;
  bool point = false;
  for (; i < s.size(); ++i) {
    const char ch = s[i];
    if (ch >= '0' && ch <= '9') {
      c = c * 10 + (ch - '0');
      if (point) ++scale;
    } else if (ch == '.' && !point) {
      point = true;
    } else {
      throw std::invalid_argument("fixed_parse: not a decimal");
    }
  }
  return Fixed{neg ? -c : c, scale};
}

std::string fixed_format(Fixed f) {
  char buf[48];
  char* const end = buf + sizeof buf;
  char* p = end;
  u128 m = f.c < 0 ? static_cast<u128>(0) - static_cast<u128>(f.c) : static_cast<u128>(f.c);
  int digits = 0;
  do {
    *--p = static_cast<char>('0' + static_cast<int>(m % 10));
    m /= 10;
    if (++digits == f.scale) *--p = '.';
  } while (m != 0 || digits <= f.scale);
  if (f.c < 0) *--p = '-';
  return std::string(p, end);
}

// Same scale on both sides (amount + amount), as in the benchmark.
inline i128 fixed_add(i128 a, i128 b) { return a + b; }

// Scale 2 x scale 4 -> scale 6.
inline i128 fixed_mul(i128 a, i128 b) { return a * b; }

// Scale 2 x scale 4 -> scale 6, then half-up (ties away from zero) to scale 2.
// C++ division truncates toward zero, so the remainder carries the sign of p.
inline i128 fixed_mul_round_fen(i128 amount, i128 rate) {
  const i128 p = amount * rate;
  i128 q = p / 10000;
  const i128 r = p % 10000;
  if (r >= 5000) {
    ++q;
  } else if (r <= -5000) {
    --q;
  }
  return q;
}

// ---------------------------------------------------------------------------------
// Inputs.

struct Inputs {
  std::vector<std::string> amount_text;  // e.g. "1234567.89", "-350.00", "0.07"
  std::vector<std::string> rate_text;    // e.g. "0.1300", "0.0452", "1.0000"

  std::vector<Decimal> dec_amount, dec_rate;
  std::vector<i128> fix_amount, fix_rate;  // scale 2 and scale 4
  std::vector<cpp_dec_float_50> bf_amount, bf_rate;
};

std::string with_places(long long scaled, int places) {
  const bool neg = scaled < 0;
  std::string digits = std::to_string(neg ? -scaled : scaled);
  if (digits.size() <= static_cast<std::size_t>(places)) {
    digits.insert(0, static_cast<std::size_t>(places) + 1 - digits.size(), '0');
  }
  digits.insert(digits.size() - static_cast<std::size_t>(places), 1, '.');
  return neg ? "-" + digits : digits;
}

Inputs make_inputs() {
  Inputs in;
  std::mt19937_64 rng(20240611);  // fixed seed: the same inputs on every run
  std::uniform_int_distribution<int> int_digits(1, 8);  // 0.xx .. 99,999,999.xx yuan
  std::uniform_int_distribution<int> percent(0, 99);
  std::uniform_int_distribution<long long> rate_units(1, 15000);  // 0.0001 .. 1.5000
  static constexpr std::array<long long, 9> kCommonRates = {1300, 452, 10000, 5000, 300, 600, 900, 1700, 2500};
  for (std::size_t k = 0; k < kInputs; ++k) {
    long long limit = 1;
    for (int d = int_digits(rng); d > 0; --d) limit *= 10;
    std::uniform_int_distribution<long long> fen(1, limit * 100 - 1);
    long long amount = fen(rng);
    if (percent(rng) < 10) amount = -amount;  // clawbacks and corrections are negative
    in.amount_text.push_back(with_places(amount, 2));

    // Half the rates are the round policy rates seen in practice, half arbitrary.
    const long long rate = percent(rng) < 50 ? kCommonRates[k % kCommonRates.size()] : rate_units(rng);
    in.rate_text.push_back(with_places(rate, 4));
  }
  for (std::size_t k = 0; k < kInputs; ++k) {
    in.dec_amount.push_back(Decimal::parse(in.amount_text[k]));
    in.dec_rate.push_back(Decimal::parse(in.rate_text[k]));
    in.fix_amount.push_back(fixed_parse(in.amount_text[k]).c);
    in.fix_rate.push_back(fixed_parse(in.rate_text[k]).c);
    in.bf_amount.emplace_back(in.amount_text[k].c_str());
    in.bf_rate.emplace_back(in.rate_text[k].c_str());
  }
  return in;
}

const Inputs& inputs() {
  static const Inputs in = make_inputs();
  return in;
}

std::string bf_text(const cpp_dec_float_50& x, int places) {
  std::string s = x.str(places, std::ios_base::fixed);
  // cpp_dec_float keeps the sign of a zero; Duixian has no negative zero.
  if (!s.empty() && s[0] == '-' && s.find_first_not_of("-0.") == std::string::npos) s.erase(0, 1);
  return s;
}

// ---------------------------------------------------------------------------------
// Cross-check: every implementation must give Duixian's answer on every input.

void check_same(const char* op, std::size_t k, const std::string& duixian, const std::string& other,
                const char* who) {
  if (duixian != other) {
    std::ostringstream msg;
    msg << "cross-check failed: " << op << " input #" << k << ": duixian " << duixian << ", " << who << " "
        << other;
    throw std::logic_error(msg.str());
  }
}

void cross_check() {
  const Inputs& in = inputs();
  for (std::size_t k = 0; k < kInputs; ++k) {
    const std::size_t j = (k + 1) & kMask;
    const std::string& text = in.amount_text[k];
    check_same("parse/format", k, text, Decimal::parse(text).to_string(), "input");
    check_same("parse/format", k, text, fixed_format(fixed_parse(text)), "int128");
    check_same("parse/format", k, text, bf_text(cpp_dec_float_50(text.c_str()), 2), "cpp_dec_float_50");

    const std::string sum = (in.dec_amount[k] + in.dec_amount[j]).to_string();
    check_same("add", k, sum, fixed_format({fixed_add(in.fix_amount[k], in.fix_amount[j]), 2}), "int128");
    check_same("add", k, sum, bf_text(in.bf_amount[k] + in.bf_amount[j], 2), "cpp_dec_float_50");

    const std::string product = (in.dec_amount[k] * in.dec_rate[k]).to_string();
    check_same("multiply", k, product, fixed_format({fixed_mul(in.fix_amount[k], in.fix_rate[k]), 6}), "int128");
    check_same("multiply", k, product, bf_text(in.bf_amount[k] * in.bf_rate[k], 6), "cpp_dec_float_50");

    const std::string fen = (in.dec_amount[k] * in.dec_rate[k]).round(2, RoundingMode::half_up).to_string();
    check_same("mul_round_fen", k, fen, fixed_format({fixed_mul_round_fen(in.fix_amount[k], in.fix_rate[k]), 2}),
               "int128");
    const cpp_dec_float_50 bf_fen = boost::multiprecision::round(in.bf_amount[k] * in.bf_rate[k] * 100) / 100;
    check_same("mul_round_fen", k, fen, bf_text(bf_fen, 2), "cpp_dec_float_50");
    const std::string money_fen = (Money(in.dec_amount[k]) * in.dec_rate[k]).round_to_fen().to_string();
    check_same("mul_round_fen", k, fen, money_fen, "Money");
  }
}

// ---------------------------------------------------------------------------------
// Benchmarks. Each iteration is one operation on the next input (index i cycles).

// parse
void parse_duixian(benchmark::State& state) {
  const Inputs& in = inputs();
  std::size_t i = 0;
  for (auto _ : state) {
    Decimal d = Decimal::parse(in.amount_text[i]);
    benchmark::DoNotOptimize(d);
    i = (i + 1) & kMask;
  }
}
void parse_int128(benchmark::State& state) {
  const Inputs& in = inputs();
  std::size_t i = 0;
  for (auto _ : state) {
    Fixed f = fixed_parse(in.amount_text[i]);
    benchmark::DoNotOptimize(f);
    i = (i + 1) & kMask;
  }
}
void parse_cpp_dec_float(benchmark::State& state) {
  const Inputs& in = inputs();
  std::size_t i = 0;
  for (auto _ : state) {
    cpp_dec_float_50 x(in.amount_text[i].c_str());
    benchmark::DoNotOptimize(x);
    i = (i + 1) & kMask;
  }
}

// format (to text with the value's 2 decimals)
void format_duixian(benchmark::State& state) {
  const Inputs& in = inputs();
  std::size_t i = 0;
  for (auto _ : state) {
    std::string s = in.dec_amount[i].to_string();
    benchmark::DoNotOptimize(s);
    i = (i + 1) & kMask;
  }
}
void format_int128(benchmark::State& state) {
  const Inputs& in = inputs();
  std::size_t i = 0;
  for (auto _ : state) {
    std::string s = fixed_format({in.fix_amount[i], 2});
    benchmark::DoNotOptimize(s);
    i = (i + 1) & kMask;
  }
}
void format_cpp_dec_float(benchmark::State& state) {
  const Inputs& in = inputs();
  std::size_t i = 0;
  for (auto _ : state) {
    std::string s = in.bf_amount[i].str(2, std::ios_base::fixed);
    benchmark::DoNotOptimize(s);
    i = (i + 1) & kMask;
  }
}

// add: amount + amount
void add_duixian(benchmark::State& state) {
  const Inputs& in = inputs();
  std::size_t i = 0;
  for (auto _ : state) {
    Decimal s = in.dec_amount[i] + in.dec_amount[(i + 1) & kMask];
    benchmark::DoNotOptimize(s);
    i = (i + 1) & kMask;
  }
}
void add_int128(benchmark::State& state) {
  const Inputs& in = inputs();
  std::size_t i = 0;
  for (auto _ : state) {
    i128 s = fixed_add(in.fix_amount[i], in.fix_amount[(i + 1) & kMask]);
    benchmark::DoNotOptimize(s);
    i = (i + 1) & kMask;
  }
}
void add_cpp_dec_float(benchmark::State& state) {
  const Inputs& in = inputs();
  std::size_t i = 0;
  for (auto _ : state) {
    cpp_dec_float_50 s = in.bf_amount[i] + in.bf_amount[(i + 1) & kMask];
    benchmark::DoNotOptimize(s);
    i = (i + 1) & kMask;
  }
}

// multiply: amount (2 dp) x rate (4 dp), exact
void multiply_duixian(benchmark::State& state) {
  const Inputs& in = inputs();
  std::size_t i = 0;
  for (auto _ : state) {
    Decimal p = in.dec_amount[i] * in.dec_rate[i];
    benchmark::DoNotOptimize(p);
    i = (i + 1) & kMask;
  }
}
void multiply_int128(benchmark::State& state) {
  const Inputs& in = inputs();
  std::size_t i = 0;
  for (auto _ : state) {
    i128 p = fixed_mul(in.fix_amount[i], in.fix_rate[i]);
    benchmark::DoNotOptimize(p);
    i = (i + 1) & kMask;
  }
}
void multiply_cpp_dec_float(benchmark::State& state) {
  const Inputs& in = inputs();
  std::size_t i = 0;
  for (auto _ : state) {
    cpp_dec_float_50 p = in.bf_amount[i] * in.bf_rate[i];
    benchmark::DoNotOptimize(p);
    i = (i + 1) & kMask;
  }
}

// mul_round_fen: amount x rate, rounded half-up to 2 places
void mul_round_fen_duixian(benchmark::State& state) {
  const Inputs& in = inputs();
  std::size_t i = 0;
  for (auto _ : state) {
    Decimal r = (in.dec_amount[i] * in.dec_rate[i]).round(2, RoundingMode::half_up);
    benchmark::DoNotOptimize(r);
    i = (i + 1) & kMask;
  }
}
void mul_round_fen_money(benchmark::State& state) {  // the same job through the Money API
  const Inputs& in = inputs();
  std::vector<Money> amounts(in.dec_amount.begin(), in.dec_amount.end());
  std::size_t i = 0;
  for (auto _ : state) {
    Money r = (amounts[i] * in.dec_rate[i]).round_to_fen(RoundingMode::half_up);
    benchmark::DoNotOptimize(r);
    i = (i + 1) & kMask;
  }
}
void mul_round_fen_int128(benchmark::State& state) {
  const Inputs& in = inputs();
  std::size_t i = 0;
  for (auto _ : state) {
    i128 r = fixed_mul_round_fen(in.fix_amount[i], in.fix_rate[i]);
    benchmark::DoNotOptimize(r);
    i = (i + 1) & kMask;
  }
}
void mul_round_fen_cpp_dec_float(benchmark::State& state) {
  const Inputs& in = inputs();
  std::size_t i = 0;
  for (auto _ : state) {
    cpp_dec_float_50 r = boost::multiprecision::round(in.bf_amount[i] * in.bf_rate[i] * 100) / 100;
    benchmark::DoNotOptimize(r);
    i = (i + 1) & kMask;
  }
}

// ---------------------------------------------------------------------------------
// The summary reporter: the normal console table, then one line per operation.

constexpr const char* kOps[] = {"parse", "format", "add", "multiply", "mul_round_fen"};
constexpr const char* kDuixian = "duixian";
constexpr const char* kInt128 = "int128";
constexpr const char* kBoost = "cpp_dec_float_50";
constexpr double kTargetRatio = 3.0;  // mul_round_fen: Duixian within 3x of raw __int128

class SummaryReporter : public benchmark::ConsoleReporter {
 public:
  explicit SummaryReporter(OutputOptions options) : benchmark::ConsoleReporter(options) {}

  void ReportRuns(const std::vector<Run>& runs) override {
    benchmark::ConsoleReporter::ReportRuns(runs);
    for (const Run& run : runs) {
      if (run.error_occurred) continue;
      const std::string& name = run.run_name.function_name;  // "op/impl", no repetition suffixes
      const double ns = run.GetAdjustedCPUTime() * 1e9 / benchmark::GetTimeUnitMultiplier(run.time_unit);
      if (run.run_type == Run::RT_Iteration) {
        samples_[name].push_back(ns);
      } else if (run.aggregate_name == "median") {
        aggregate_median_[name] = ns;
      }
    }
  }

  void Finalize() override {
    benchmark::ConsoleReporter::Finalize();
    std::ostream& out = GetOutputStream();
    const auto old_flags = out.flags();
    const auto old_precision = out.precision();
    out << "\nSummary: CPU ns/op, median over repetitions (each op cycles through " << kInputs
        << " inputs)\n";
    out << std::left << std::setw(16) << "operation" << std::right << std::setw(12) << kDuixian
        << std::setw(12) << kInt128 << std::setw(18) << kBoost << std::setw(20) << "duixian/int128"
        << std::setw(22) << "duixian/cpp_dec_float" << '\n';
    out << std::string(100, '-') << '\n';
    out << std::fixed;
    for (const char* op : kOps) {
      const double d = ns_of(op, kDuixian);
      const double b = ns_of(op, kInt128);
      const double f = ns_of(op, kBoost);
      out << std::left << std::setw(16) << op << std::right << std::setprecision(2) << std::setw(12) << d
          << std::setw(12) << b << std::setw(18) << f << std::setprecision(2) << std::setw(19) << d / b << 'x'
          << std::setw(21) << d / f << 'x' << '\n';
    }
    const double money = ns_of("mul_round_fen", "money");
    const double base = ns_of("mul_round_fen", kInt128);
    if (!std::isnan(money)) {  // not NaN: the Money variant ran
      out << std::left << std::setw(16) << "  (via Money)" << std::right << std::setprecision(2) << std::setw(12)
          << money << std::setw(12) << base << std::setw(18) << "" << std::setw(19) << money / base << "x\n";
    }
    out << std::string(100, '-') << '\n';
    const double ratio = ns_of("mul_round_fen", kDuixian) / base;
    if (!std::isnan(ratio)) {
      const bool holds = ratio <= kTargetRatio;
      out << "Target (mul_round_fen within " << std::setprecision(0) << kTargetRatio
          << "x of raw __int128): " << (holds ? "HOLDS" : "DOES NOT HOLD") << " -- measured "
          << std::setprecision(2) << ratio << "x\n";
    } else {
      out << "Target (mul_round_fen within 3x of raw __int128): NOT MEASURED (filtered out)\n";
    }
    out.flags(old_flags);
    out.precision(old_precision);
  }

 private:
  // NaN when the benchmark did not run (e.g. excluded by --benchmark_filter).
  double ns_of(const std::string& op, const std::string& impl) const {
    const std::string name = op + "/" + impl;
    const auto s = samples_.find(name);
    if (s != samples_.end() && !s->second.empty()) {
      std::vector<double> v = s->second;
      std::sort(v.begin(), v.end());
      const std::size_t n = v.size();
      return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }
    const auto m = aggregate_median_.find(name);
    return m != aggregate_median_.end() ? m->second : std::numeric_limits<double>::quiet_NaN();
  }

  std::map<std::string, std::vector<double>> samples_;
  std::map<std::string, double> aggregate_median_;
};

}  // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;

  try {
    cross_check();
  } catch (const std::exception& e) {
    std::cerr << e.what() << '\n';
    return 1;
  }

  benchmark::RegisterBenchmark("parse/duixian", parse_duixian);
  benchmark::RegisterBenchmark("parse/int128", parse_int128);
  benchmark::RegisterBenchmark("parse/cpp_dec_float_50", parse_cpp_dec_float);
  benchmark::RegisterBenchmark("format/duixian", format_duixian);
  benchmark::RegisterBenchmark("format/int128", format_int128);
  benchmark::RegisterBenchmark("format/cpp_dec_float_50", format_cpp_dec_float);
  benchmark::RegisterBenchmark("add/duixian", add_duixian);
  benchmark::RegisterBenchmark("add/int128", add_int128);
  benchmark::RegisterBenchmark("add/cpp_dec_float_50", add_cpp_dec_float);
  benchmark::RegisterBenchmark("multiply/duixian", multiply_duixian);
  benchmark::RegisterBenchmark("multiply/int128", multiply_int128);
  benchmark::RegisterBenchmark("multiply/cpp_dec_float_50", multiply_cpp_dec_float);
  benchmark::RegisterBenchmark("mul_round_fen/duixian", mul_round_fen_duixian);
  benchmark::RegisterBenchmark("mul_round_fen/money", mul_round_fen_money);
  benchmark::RegisterBenchmark("mul_round_fen/int128", mul_round_fen_int128);
  benchmark::RegisterBenchmark("mul_round_fen/cpp_dec_float_50", mul_round_fen_cpp_dec_float);

  const bool tty = isatty(STDOUT_FILENO) != 0;
  SummaryReporter reporter(tty ? benchmark::ConsoleReporter::OO_ColorTabular : benchmark::ConsoleReporter::OO_Tabular);
  benchmark::RunSpecifiedBenchmarks(&reporter);
  benchmark::Shutdown();
  return 0;
}
