// duixian_bench_formula: a compiled formula evaluated over generated enterprises,
// beside hand-written C++ loops computing the same amounts with __int128.
//
//   duixian_bench_formula [--enterprises N (default 1000000)] [--repeat R (default 5)] [--seed S]
//
// Builds a register of N enterprises (RegisterBuilder, about 3 facts each), then times,
// for two formulas of the reference workload's shape,
//   growth  if has_tag('above_scale') and output_value[2018Q1] > 0
//           then tier(output_value[2019Q1] / output_value[2018Q1] - 1, 0.10, 5万, 0.20, 10万, 0.30, 20万)
//           else 0
//   cap     min(10% * equipment_investment[prev_year], 500万)
// three ways over all N enterprises, each result rounded half-up to the fen and summed:
//   formula  duixian::evaluate (exact rationals) + Rational::round;
//   hand     a hand-written loop with __int128 reading the same Register (what a host would write);
//   arrays   the hand loop over facts copied into plain arrays first (no fact store at all).
// Before timing, all three must agree on every enterprise (status and fen); the program
// exits with 1 otherwise. Reported: the best of R runs, in evaluations per second, and
// whether the target holds: the formula within 5× of the hand-written loop on the same
// Register. All arithmetic here is integer (times in nanoseconds); no floating point.
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <random>
#include <string>
#include <vector>

#include "duixian/formula.hpp"

namespace {

__extension__ typedef __int128 i128;

using namespace duixian;

constexpr i128 kPow10[] = {1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000, 1000000000};

std::int64_t now_ns() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

// A Decimal as coefficient and scale (the facts here have at most 2 places).
struct Fixed {
  i128 c = 0;
  int scale = 0;
};
Fixed fixed(const Decimal& d) {
  return Fixed{static_cast<i128>(d.coefficient().convert_to<long long>()), d.scale()};
}

// round_half_up(n / d) for d > 0 (ties away from zero).
i128 div_half_up(i128 n, i128 d) {
  const bool neg = n < 0;
  const i128 m = neg ? -n : n;
  const i128 q = (2 * m + d) / (2 * d);
  return neg ? -q : q;
}

// Outcome of one evaluation: fen, or -1 for "missing", -2 for "not applicable".
constexpr std::int64_t kMissing = -1;
constexpr std::int64_t kNotApplicable = -2;

std::int64_t fen_of(const Evaluation& r) {
  if (r.status == Evaluation::Status::missing_fact) return kMissing;
  if (r.status == Evaluation::Status::not_applicable) return kNotApplicable;
  return r.number.round(2, RoundingMode::half_up).coefficient().convert_to<long long>();
}

// --- The hand-written loops -------------------------------------------------------

struct Ids {
  MetricId output;
  MetricId investment;
};

// growth: the tier of output[2019Q1] / output[2018Q1] − 1, compared exactly by cross-multiplication.
std::int64_t hand_growth(bool above_scale, bool has_base, Fixed base, bool has_now, Fixed now) {
  if (!above_scale) return 0;
  if (!has_base) return kMissing;
  if (base.c <= 0) return 0;
  if (!has_now) return kMissing;
  // now / base ≥ 1 + t  ⇔  now.c · 10^base.scale · 100 ≥ (100 + 100t) · base.c · 10^now.scale
  const i128 lhs = now.c * kPow10[base.scale] * 100;
  const i128 unit = base.c * kPow10[now.scale];
  if (lhs >= 130 * unit) return 20000000;
  if (lhs >= 120 * unit) return 10000000;
  if (lhs >= 110 * unit) return 5000000;
  return kNotApplicable;
}

// cap: min(10% × investment, 5,000,000) in fen.
std::int64_t hand_cap(bool has, Fixed v) {
  if (!has) return kMissing;
  const i128 fen = div_half_up(v.c * 10, kPow10[v.scale]);  // v × 10% × 100 fen
  return static_cast<std::int64_t>(fen < 500000000 ? fen : 500000000);
}

struct Arrays {
  std::vector<unsigned char> above_scale, has_base, has_now, has_investment;
  std::vector<Fixed> base, now, investment;
};

// --- Timing ---------------------------------------------------------------------------

struct Run {
  std::int64_t best_ns = 0;
  std::int64_t checksum = 0;
};

template <class F>
Run timed(int repeat, F&& body) {
  Run r;
  for (int i = 0; i < repeat; ++i) {
    const std::int64_t t0 = now_ns();
    const std::int64_t sum = body();
    const std::int64_t dt = now_ns() - t0;
    if (i == 0 || dt < r.best_ns) r.best_ns = dt;
    r.checksum = sum;
  }
  return r;
}

std::int64_t per_second(std::size_t n, std::int64_t ns) {
  return ns <= 0 ? 0 : static_cast<std::int64_t>(static_cast<i128>(n) * 1000000000 / ns);
}

// "4.37" from a ratio a / b, two decimals, half-up.
std::string ratio(std::int64_t a, std::int64_t b) {
  const std::int64_t hundredths = static_cast<std::int64_t>(div_half_up(static_cast<i128>(a) * 100, b));
  char buf[32];
  std::snprintf(buf, sizeof buf, "%lld.%02lld", static_cast<long long>(hundredths / 100),
                static_cast<long long>(hundredths % 100));
  return buf;
}

std::string grouped(std::int64_t v) {
  std::string s = std::to_string(v);
  for (int i = static_cast<int>(s.size()) - 3; i > 0; i -= 3) s.insert(static_cast<std::size_t>(i), 1, ',');
  return s;
}

}  // namespace

int main(int argc, char** argv) {
  std::size_t n = 1000000;
  int repeat = 5;
  unsigned seed = 20190401;
  for (int i = 1; i + 1 < argc; i += 2) {
    if (std::strcmp(argv[i], "--enterprises") == 0) n = std::strtoull(argv[i + 1], nullptr, 10);
    else if (std::strcmp(argv[i], "--repeat") == 0) repeat = std::atoi(argv[i + 1]);
    else if (std::strcmp(argv[i], "--seed") == 0) seed = static_cast<unsigned>(std::strtoul(argv[i + 1], nullptr, 10));
    else {
      std::fprintf(stderr, "usage: %s [--enterprises N] [--repeat R] [--seed S]\n", argv[0]);
      return 2;
    }
  }
  if (repeat < 1) repeat = 1;

  // Register: 70% above scale; output values with 2 decimals, growth between -20% and +50%;
  // 80% report an equipment investment. Some facts are missing on purpose.
  MetricSchema schema;
  const Ids ids{schema.add({"output_value", MetricType::money, PeriodKind::quarter, {}}),
                schema.add({"equipment_investment", MetricType::money, PeriodKind::year, {}})};
  const Period q2018 = Quarter(2018, 1), q2019 = Quarter(2019, 1), y2018 = Year(2018);
  const std::int64_t build0 = now_ns();
  RegisterBuilder builder(schema);
  std::mt19937_64 rng(seed);
  if (n > 99999999) n = 99999999;  // eight-digit organization-code bodies
  char body[24];
  for (std::size_t e = 0; e < n; ++e) {
    std::snprintf(body, sizeof body, "%08zu", e);
    std::vector<std::string> tags;
    if (rng() % 10 < 7) tags.push_back("above_scale");
    const auto idx = builder.add_enterprise({complete_credit_code("91330302", body), "enterprise", RegionCode::parse("330302"),
                                             IndustryCode::parse("C1952"), std::move(tags), Date::from_ymd(2010, 1, 1), {}});
    const auto base_fen = static_cast<long long>(10000000 + rng() % 1000000000);  // 100,000.00 .. 10,100,000.00
    if (rng() % 50 != 0) builder.add_fact(idx, ids.output, q2018, FactValue::number(Decimal::from_parts(base_fen, 2)));
    const auto growth_permille = static_cast<long long>(rng() % 701) - 200;         // -20.0% .. +50.0%
    if (rng() % 50 != 0) {
      builder.add_fact(idx, ids.output, q2019,
                       FactValue::number(Decimal::from_parts(base_fen * (1000 + growth_permille) / 1000, 2)));
    }
    if (rng() % 5 != 0) {
      builder.add_fact(idx, ids.investment, y2018,
                       FactValue::number(Decimal::from_parts(static_cast<long long>(rng() % 8000000000ULL), 2)));
    }
  }
  const Register reg = std::move(builder).build();
  const std::int64_t build_ns = now_ns() - build0;

  FormulaEnvironment env;
  env.schema = &schema;
  env.book_year = 2019;
  const FormulaOrigin origin{"bench", 1, 1, "amount"};
  const Formula growth = Formula::compile(
      "if has_tag('above_scale') and output_value[2018Q1] > 0 "
      "then tier(output_value[2019Q1] / output_value[2018Q1] - 1, 0.10, 5万, 0.20, 10万, 0.30, 20万) else 0",
      env, origin, FormulaType::money);
  const Formula cap = Formula::compile("min(10% * equipment_investment[prev_year], 500万)", env, origin, FormulaType::money);

  // Plain arrays for the third column.
  Arrays a;
  a.above_scale.resize(n);
  a.has_base.resize(n);
  a.has_now.resize(n);
  a.has_investment.resize(n);
  a.base.resize(n);
  a.now.resize(n);
  a.investment.resize(n);
  for (std::size_t e = 0; e < n; ++e) {
    const auto i = static_cast<EnterpriseIndex>(e);
    a.above_scale[e] = reg[i].has_tag("above_scale") ? 1 : 0;
    if (const auto v = reg.number(i, ids.output, q2018)) a.has_base[e] = 1, a.base[e] = fixed(*v);
    if (const auto v = reg.number(i, ids.output, q2019)) a.has_now[e] = 1, a.now[e] = fixed(*v);
    if (const auto v = reg.number(i, ids.investment, y2018)) a.has_investment[e] = 1, a.investment[e] = fixed(*v);
  }

  // One context per run, as a host settling a quarter would keep it; only the enterprise changes.
  EvaluationContext context{&reg, 0, Quarter(2019, 1), Quarter(2019, 1)};
  const auto formula_of = [&](const Formula& f, EnterpriseIndex e) {
    context.enterprise = e;
    return fen_of(evaluate(f, context));
  };
  const auto hand_growth_reg = [&](EnterpriseIndex e) {
    const auto base = reg.number(e, ids.output, q2018);
    const auto cur = reg.number(e, ids.output, q2019);
    return hand_growth(reg[e].has_tag("above_scale"), base.has_value(), base ? fixed(*base) : Fixed{},
                       cur.has_value(), cur ? fixed(*cur) : Fixed{});
  };
  const auto hand_cap_reg = [&](EnterpriseIndex e) {
    const auto v = reg.number(e, ids.investment, y2018);
    return hand_cap(v.has_value(), v ? fixed(*v) : Fixed{});
  };

  // Agreement first, on every enterprise.
  std::size_t missing = 0, not_applicable = 0;
  for (std::size_t e = 0; e < n; ++e) {
    const auto i = static_cast<EnterpriseIndex>(e);
    const std::int64_t g[3] = {formula_of(growth, i), hand_growth_reg(i),
                               hand_growth(a.above_scale[e] != 0, a.has_base[e] != 0, a.base[e], a.has_now[e] != 0, a.now[e])};
    const std::int64_t c[3] = {formula_of(cap, i), hand_cap_reg(i), hand_cap(a.has_investment[e] != 0, a.investment[e])};
    if (g[0] != g[1] || g[0] != g[2] || c[0] != c[1] || c[0] != c[2]) {
      std::fprintf(stderr, "disagreement at enterprise %zu: growth %lld %lld %lld, cap %lld %lld %lld\n", e,
                   static_cast<long long>(g[0]), static_cast<long long>(g[1]), static_cast<long long>(g[2]),
                   static_cast<long long>(c[0]), static_cast<long long>(c[1]), static_cast<long long>(c[2]));
      return 1;
    }
    missing += (g[0] == kMissing) + (c[0] == kMissing);
    not_applicable += g[0] == kNotApplicable;
  }

  const auto sum_over = [n](auto&& one) {
    return [n, one]() {
      std::int64_t sum = 0;
      for (std::size_t e = 0; e < n; ++e) sum += one(static_cast<EnterpriseIndex>(e));
      return sum;
    };
  };
  struct Row {
    const char* name;
    Run formula, hand, arrays;
  };
  Row rows[2] = {
      {"growth", timed(repeat, sum_over([&](EnterpriseIndex e) { return formula_of(growth, e); })),
       timed(repeat, sum_over(hand_growth_reg)),
       timed(repeat, sum_over([&](EnterpriseIndex e) {
               return hand_growth(a.above_scale[e] != 0, a.has_base[e] != 0, a.base[e], a.has_now[e] != 0, a.now[e]);
             }))},
      {"cap", timed(repeat, sum_over([&](EnterpriseIndex e) { return formula_of(cap, e); })),
       timed(repeat, sum_over(hand_cap_reg)),
       timed(repeat, sum_over([&](EnterpriseIndex e) { return hand_cap(a.has_investment[e] != 0, a.investment[e]); }))},
  };

  std::printf("duixian_bench_formula: %s enterprises, best of %d runs (register built in %lld ms)\n",
              grouped(static_cast<std::int64_t>(n)).c_str(), repeat, static_cast<long long>(build_ns / 1000000));
  std::printf("all three agree on every enterprise (%zu missing-fact and %zu no-tier outcomes included)\n\n", missing,
              not_applicable);
  std::printf("%-8s %16s %16s %16s %10s %10s\n", "formula", "formula eval/s", "hand eval/s", "arrays eval/s",
              "vs hand", "vs arrays");
  bool ok = true;
  for (const Row& r : rows) {
    if (r.formula.checksum != r.hand.checksum || r.formula.checksum != r.arrays.checksum) {
      std::fprintf(stderr, "checksums differ for %s\n", r.name);
      return 1;
    }
    std::printf("%-8s %16s %16s %16s %9sx %9sx\n", r.name, grouped(per_second(n, r.formula.best_ns)).c_str(),
                grouped(per_second(n, r.hand.best_ns)).c_str(), grouped(per_second(n, r.arrays.best_ns)).c_str(),
                ratio(r.formula.best_ns, r.hand.best_ns).c_str(), ratio(r.formula.best_ns, r.arrays.best_ns).c_str());
    ok = ok && r.formula.best_ns <= 5 * r.hand.best_ns;
  }
  std::printf("\ntarget (formula within 5x of the hand-written loop on the same Register): %s\n",
              ok ? "holds" : "MISSED");
  return 0;
}
