// Rational: exact fractions with lazy reduction, exact comparisons, one rounding.
#include <gtest/gtest.h>

#include <array>
#include <random>
#include <sstream>
#include <string>

#include <boost/multiprecision/cpp_int.hpp>

#include "duixian/rational.hpp"

namespace duixian {
namespace {

using M = RoundingMode;
using Int = Rational::Int;
using boost::multiprecision::cpp_int;
using boost::multiprecision::cpp_rational;

Rational R(const char* decimal) { return Rational(Decimal::parse(decimal)); }
Rational F(long long n, long long d) { return Rational::fraction(n, d); }

constexpr Int kMax = detail::kRationalMax;

TEST(Rational, ConstructsExactlyFromIntegersAndDecimals) {
  EXPECT_EQ(Rational().to_string(), "0");
  EXPECT_EQ(Rational(90).to_string(), "90");
  EXPECT_EQ(Rational(-7).to_string(), "-7");
  const Rational r = R("0.0452");
  EXPECT_EQ(r.numerator(), 452);
  EXPECT_EQ(r.denominator(), 10000);  // not reduced on construction
  EXPECT_EQ(r.to_string(), "113/2500");
  EXPECT_EQ(R("1.50"), R("1.5"));
  EXPECT_EQ(R("-0.07").to_string(), "-7/100");
  EXPECT_EQ(R("99999999999999999999999999999999999999").to_string(), "99999999999999999999999999999999999999");
  EXPECT_EQ(R("0.00000000000000000000000000000000000001").to_string(),
            "1/100000000000000000000000000000000000000");
  static_assert(!std::is_constructible_v<Rational, double>, "no conversion from double");
  static_assert(!std::is_constructible_v<Rational, float>, "no conversion from float");
  static_assert(std::is_trivially_copyable_v<Rational>);
}

TEST(Rational, FractionNormalisesTheSignAndRefusesZeroDenominators) {
  EXPECT_EQ(F(1, -3).to_string(), "-1/3");
  EXPECT_EQ(F(-2, -4).to_string(), "1/2");
  EXPECT_EQ(F(-2, -4).denominator(), 4);
  try {
    (void)F(1, 0);
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::division_by_zero);
  }
  EXPECT_THROW((void)Rational::fraction(-kMax - 1, 1), Error);
}

TEST(Rational, ArithmeticIsExact) {
  EXPECT_EQ((F(1, 3) + F(1, 6)).to_string(), "1/2");
  EXPECT_EQ((F(1, 3) - F(1, 2)).to_string(), "-1/6");
  EXPECT_EQ((R("0.1") + R("0.2")), R("0.3"));
  EXPECT_EQ((R("0.30") * R("1234567.89")).to_string(), "370370367/1000");
  EXPECT_EQ((Rational(2) / Rational(3)).to_string(), "2/3");
  EXPECT_EQ((Rational(-2) / Rational(-4)).to_string(), "1/2");
  EXPECT_EQ((Rational(2) / Rational(-4)).to_string(), "-1/2");
  EXPECT_EQ((-F(2, 3)).to_string(), "-2/3");
  EXPECT_EQ(F(-2, 3).abs().to_string(), "2/3");
  EXPECT_EQ(Rational(5).abs(), Rational(5));
  Rational x = 1;
  x += F(1, 2);
  x -= F(1, 4);
  x *= 4;
  x /= 5;
  EXPECT_EQ(x, Rational(1));
  // Same denominators add without multiplying them (no growth).
  const Rational s = R("1.25") + R("2.50");
  EXPECT_EQ(s.denominator(), 100);
}

TEST(Rational, DivisionByZeroIsAnError) {
  try {
    (void)(Rational(1) / Rational(0));
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::division_by_zero);
    EXPECT_NE(std::string(e.what()).find("division of 1 by zero"), std::string::npos);
  }
}

TEST(Rational, ReducesLazilyOnlyWhenItWouldOverflow) {
  // 10^30/10^30 × 10^30/10^30: the plain product overflows; reduced it is 1.
  const Int big = static_cast<Int>(1000000000000000ULL) * 1000000000000000ULL;
  const Rational a = Rational::fraction(big, big);
  EXPECT_EQ(a.denominator(), big);  // stored as given
  const Rational p = a * a;
  EXPECT_EQ(p, Rational(1));
  EXPECT_EQ(p.denominator(), 1);
  const Rational s = Rational::fraction(big, 3) + Rational::fraction(big, 7);  // 10^30·10/21 fits
  EXPECT_EQ(s, Rational::fraction(big * 10, 21));
  // Sum of many two-place amounts over growing scales stays exact.
  Rational sum;
  for (int i = 1; i <= 200; ++i) sum += Rational::fraction(i, 100) + Rational::fraction(1, 1000 * (i % 7 + 1));
  // i % 7 = 0, 5, 6 occur 28 times; 1..4 occur 29 times.
  const Rational expected = Rational::fraction(20100, 100) + Rational::fraction(28, 1000) +
                            Rational::fraction(29, 2000) + Rational::fraction(29, 3000) +
                            Rational::fraction(29, 4000) + Rational::fraction(29, 5000) +
                            Rational::fraction(28, 6000) + Rational::fraction(28, 7000);
  EXPECT_EQ(sum, expected);
}

TEST(Rational, OverflowIsAnErrorNeverAWrap) {
  const Rational huge = Rational::fraction(kMax, 1);
  try {
    (void)(huge + Rational(1));
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::overflow);
  }
  EXPECT_THROW((void)(huge * Rational(2)), Error);
  EXPECT_THROW((void)(Rational::fraction(1, kMax) * Rational::fraction(1, 3)), Error);
  EXPECT_THROW((void)(Rational::fraction(1, kMax) + Rational::fraction(1, 3)), Error);
  EXPECT_EQ(huge - huge, Rational(0));
  EXPECT_EQ(-huge + huge, Rational(0));
  EXPECT_EQ((huge * Rational::fraction(1, 2)) * Rational(2), huge);  // reduction rescues it
}

TEST(Rational, ComparesExactlyEvenWhenCrossProductsOverflow) {
  EXPECT_LT(F(1, 3), F(1, 2));
  EXPECT_GT(F(-1, 3), F(-1, 2));
  EXPECT_EQ(F(2, 4), F(1, 2));
  EXPECT_NE(F(1, 3), R("0.3333333333333333333333333333333333333"));
  EXPECT_GT(F(1, 3), R("0.3333333333333333333333333333333333333"));
  const Rational a = Rational::fraction(kMax, kMax - 1);
  const Rational b = Rational::fraction(kMax - 1, kMax - 2);
  EXPECT_LT(a, b);  // (2^127-1)^2 vs (2^127-2)(2^127-2)+... needs 256 bits
  EXPECT_GT(-a, -b);
  EXPECT_EQ(Rational::compare(a, a), 0);
  EXPECT_EQ(Rational::compare(Rational::fraction(kMax - 1, kMax - 2), Rational::fraction(2 * ((kMax - 1) / 2), kMax - 2)), 0);
  EXPECT_LE(F(1, 2), F(1, 2));
  EXPECT_GE(F(1, 2), F(1, 2));
  EXPECT_EQ(min(F(1, 2), F(1, 3)), F(1, 3));
  EXPECT_EQ(max(F(1, 2), F(1, 3)), F(1, 2));
  EXPECT_EQ(max(F(1, 2), F(2, 4)).denominator(), 2);  // the first on a tie
}

TEST(Rational, TheGrowthThresholdIsExact) {
  // 1,300,000 / 1,000,000 - 1 >= 0.30 exactly; 1,299,999.99 falls short.
  EXPECT_GE(R("1300000") / R("1000000") - 1, R("0.30"));
  EXPECT_LT(R("1299999.99") / R("1000000.00") - 1, R("0.30"));
}

TEST(Rational, RoundsOnceWithEveryMode) {
  const std::array<M, 7> modes{M::half_up, M::half_even, M::half_down, M::up, M::down, M::ceiling, M::floor};
  const char* inputs[] = {"2.5", "3.5", "-2.5", "2.4", "2.6", "-2.6"};
  const std::array<std::array<int, 6>, 7> expected{{
      {3, 4, -3, 2, 3, -3},
      {2, 4, -2, 2, 3, -3},
      {2, 3, -2, 2, 3, -3},
      {3, 4, -3, 3, 3, -3},
      {2, 3, -2, 2, 2, -2},
      {3, 4, -2, 3, 3, -2},
      {2, 3, -3, 2, 2, -3},
  }};
  for (std::size_t m = 0; m < modes.size(); ++m) {
    for (std::size_t i = 0; i < 6; ++i) {
      EXPECT_EQ(R(inputs[i]).round(0, modes[m]), Decimal(expected[m][i])) << inputs[i] << " " << to_string(modes[m]);
    }
  }
  EXPECT_EQ(F(2, 3).round(2, M::half_up).to_string(), "0.67");
  EXPECT_EQ(F(1, 8).round(2, M::half_even).to_string(), "0.12");
  EXPECT_EQ(F(-1, 8).round(2, M::half_up).to_string(), "-0.13");
  EXPECT_EQ(Rational(1234).round(-2, M::half_up).to_string(), "1200");
  EXPECT_EQ(Rational(1250).round(-2, M::half_even).to_string(), "1200");
  EXPECT_EQ(Rational(5).round(2, M::half_up).to_string(), "5.00");
  EXPECT_EQ(F(1, 3).floor(3).to_string(), "0.333");
  EXPECT_EQ(F(1, 3).ceil(3).to_string(), "0.334");
  EXPECT_EQ(F(-1, 3).floor(3).to_string(), "-0.334");
  EXPECT_EQ(F(-1, 3).ceil(3).to_string(), "-0.333");
  EXPECT_THROW((void)Rational(7).round(-38, M::up), Error);  // 10^38 needs 39 digits
  EXPECT_EQ(Rational(7).round(-37, M::up).to_string(), "10000000000000000000000000000000000000");
  EXPECT_THROW((void)Rational(7).round(39, M::up), Error);
  EXPECT_THROW((void)Rational(1).round(38, M::up), Error);  // 1.000...0 needs 39 digits
  EXPECT_EQ(Rational(1).round(-38, M::down).to_string(), "0");
  // The scaled numerator exceeds 128 bits: the slow path.
  EXPECT_EQ(Rational::fraction(kMax, 3).round(0, M::half_up), Decimal::parse("56713727820156410577229101238628035242"));
}

TEST(Rational, AgreesWithDecimalDivide) {
  std::mt19937_64 rng(4);
  const std::array<M, 7> modes{M::half_up, M::half_even, M::half_down, M::up, M::down, M::ceiling, M::floor};
  for (int i = 0; i < 2000; ++i) {
    const auto a = static_cast<long long>(rng() % 2000001) - 1000000;
    const auto b = static_cast<long long>(rng() % 20000) + 1;
    const int places = static_cast<int>(rng() % 7) - 2;
    const M mode = modes[rng() % 7];
    const Decimal da = Decimal::from_parts(a, 2);
    const Decimal db = Decimal::from_parts(b, 3);
    EXPECT_EQ((Rational(da) / Rational(db)).round(places, mode), divide(da, db, places, mode));
  }
}

TEST(Rational, ToDecimalOnlyWhenExact) {
  EXPECT_EQ(F(5, 2).to_decimal()->to_string(), "2.5");
  EXPECT_EQ(F(6, 3).to_decimal()->to_string(), "2");
  EXPECT_EQ(R("1.50").to_decimal()->to_string(), "1.5");
  EXPECT_EQ(F(-1, 8).to_decimal()->to_string(), "-0.125");
  EXPECT_EQ(F(1, 3).to_decimal(), std::nullopt);
  EXPECT_EQ(F(1, 6).to_decimal(), std::nullopt);
  EXPECT_EQ(Rational::fraction(1, static_cast<Int>(1) << 100).to_decimal(), std::nullopt);  // scale 100
  EXPECT_EQ(Rational().to_decimal()->to_string(), "0");
}

TEST(Rational, PrintsLowestTerms) {
  std::ostringstream out;
  out << F(10, 4) << " " << F(-21, 3) << " " << F(0, 5);
  EXPECT_EQ(out.str(), "5/2 -7 0");
  EXPECT_TRUE(F(6, 3).is_integer());
  EXPECT_FALSE(F(7, 3).is_integer());
  EXPECT_EQ(F(6, -3).sign(), -1);
  EXPECT_TRUE(F(0, -3).is_zero());
  EXPECT_EQ(F(6, 4).reduced().denominator(), 2);
}

// --- Property test against an independent model: Boost's cpp_rational. ---

cpp_rational model(const Rational& r) {
  auto to_big = [](Int v) {
    const bool neg = v < 0;
    auto m = static_cast<detail::u128r>(neg ? -v : v);
    cpp_int b = static_cast<std::uint64_t>(m >> 64);
    b <<= 64;
    b += static_cast<std::uint64_t>(m);
    return neg ? cpp_int(-b) : b;
  };
  return cpp_rational(to_big(r.numerator()), to_big(r.denominator()));
}

bool fits(const cpp_rational& q) {
  const cpp_int limit = (cpp_int(1) << 127) - 1;
  return abs(numerator(q)) <= limit && denominator(q) <= limit;
}

Int random_int(std::mt19937_64& rng, Int bound) {
  const auto wide = (static_cast<detail::u128r>(rng()) << 64) | rng();
  const auto m = static_cast<Int>(wide % static_cast<detail::u128r>(bound));
  return (rng() & 1) != 0 ? -m : m;
}

Rational random_rational(std::mt19937_64& rng) {
  // Mostly small decimals (the common case), some wide values that force the slow paths.
  switch (rng() % 5) {
    case 0: return Rational::fraction(random_int(rng, 1000000000), static_cast<Int>(1 + rng() % 1000));
    case 1:
      return Rational(Decimal::from_parts(static_cast<long long>(rng() % 100000000000ULL) - 50000000000LL,
                                          static_cast<int>(rng() % 7)));
    case 2: return Rational::fraction(random_int(rng, static_cast<Int>(1) << 100), 1 + rng() % 1000000007);
    case 3: return Rational::fraction(random_int(rng, kMax), 1 + static_cast<Int>(rng() % 97));
    default: {
      const Int d = random_int(rng, static_cast<Int>(1) << 64);
      return Rational::fraction(random_int(rng, static_cast<Int>(1) << 64), d == 0 ? 1 : d);
    }
  }
}

TEST(RationalProperty, MatchesCppRationalOrReportsOverflow) {
  std::mt19937_64 rng(20190401);
  int checked = 0;
  int overflows = 0;
  for (int i = 0; i < 10000; ++i) {
    const Rational a = random_rational(rng);
    const Rational b = random_rational(rng);
    const cpp_rational ma = model(a);
    const cpp_rational mb = model(b);
    // Comparison never fails and is always exact.
    const int expected_cmp = ma < mb ? -1 : (ma == mb ? 0 : 1);
    ASSERT_EQ(Rational::compare(a, b), expected_cmp) << a << " vs " << b;
    const auto check = [&](const char* op, auto compute, const cpp_rational& exact) {
      if (fits(exact)) {
        const Rational got = compute();
        ASSERT_EQ(model(got), exact) << a << " " << op << " " << b;
        ASSERT_GT(got.denominator(), 0);
        ++checked;
      } else {
        try {
          (void)compute();
          FAIL() << a << " " << op << " " << b << " should overflow";
        } catch (const Error& e) {
          ASSERT_EQ(e.code(), ErrorCode::overflow);
          ++overflows;
        }
      }
    };
    check("+", [&] { return a + b; }, ma + mb);
    check("-", [&] { return a - b; }, ma - mb);
    check("*", [&] { return a * b; }, ma * mb);
    if (!b.is_zero()) check("/", [&] { return a / b; }, ma / mb);
  }
  EXPECT_GT(checked, 20000);
  EXPECT_GT(overflows, 50);  // the wide cases really do reach the limit
}

TEST(RationalProperty, RoundingMatchesTheModel) {
  std::mt19937_64 rng(7);
  const std::array<M, 7> modes{M::half_up, M::half_even, M::half_down, M::up, M::down, M::ceiling, M::floor};
  for (int i = 0; i < 5000; ++i) {
    const Rational a = random_rational(rng);
    const int places = static_cast<int>(rng() % 9) - 2;
    const M mode = modes[rng() % 7];
    // Model: exact quotient of the scaled value, then the rounding rule by hand.
    cpp_rational scaled = model(a);
    if (places >= 0) scaled *= cpp_rational(pow(cpp_int(10), static_cast<unsigned>(places)));
    else scaled /= cpp_rational(pow(cpp_int(10), static_cast<unsigned>(-places)));
    const cpp_int n = numerator(scaled);
    const cpp_int d = denominator(scaled);
    cpp_int q = abs(n) / d;
    const cpp_int r = abs(n) % d;
    const bool neg = n < 0;
    const int half = 2 * r < d ? -1 : (2 * r == d ? 0 : 1);
    bool away = false;
    if (r != 0) {
      switch (mode) {
        case M::half_up: away = half >= 0; break;
        case M::half_even: away = half > 0 || (half == 0 && (q & 1) != 0); break;
        case M::half_down: away = half > 0; break;
        case M::up: away = true; break;
        case M::down: away = false; break;
        case M::ceiling: away = !neg; break;
        case M::floor: away = neg; break;
      }
    }
    if (away) ++q;
    if (places < 0) q *= pow(cpp_int(10), static_cast<unsigned>(-places));
    if (q >= pow(cpp_int(10), 38)) {
      EXPECT_THROW((void)a.round(places, mode), Error);
      continue;
    }
    std::string text = q.str();
    if (places > 0) {
      if (text.size() <= static_cast<std::size_t>(places)) text.insert(0, static_cast<std::size_t>(places) + 1 - text.size(), '0');
      text.insert(text.size() - static_cast<std::size_t>(places), 1, '.');
    }
    if (neg && q != 0) text.insert(0, 1, '-');
    ASSERT_EQ(a.round(places, mode).to_string(), text) << a << " " << places << " " << to_string(mode);
  }
}

}  // namespace
}  // namespace duixian
