// round, round_significant, divide and mul_div: one rounding, a named mode.
#include <gtest/gtest.h>

#include <array>
#include <random>
#include <string>

#include "duixian/decimal.hpp"

namespace duixian {
namespace {

Decimal D(const char* text) { return Decimal::parse(text); }
using M = RoundingMode;

constexpr std::array<M, 7> kModes{M::half_up, M::half_even, M::half_down, M::up, M::down, M::ceiling, M::floor};

TEST(DecimalRound, TheTableInRoundingHpp) {
  // Rows: mode; columns: 2.5 3.5 -2.5 2.4 2.6 -2.6 (the header's table).
  const char* inputs[] = {"2.5", "3.5", "-2.5", "2.4", "2.6", "-2.6"};
  const std::array<std::array<int, 6>, 7> expected{{
      {3, 4, -3, 2, 3, -3},   // half_up
      {2, 4, -2, 2, 3, -3},   // half_even
      {2, 3, -2, 2, 3, -3},   // half_down
      {3, 4, -3, 3, 3, -3},   // up
      {2, 3, -2, 2, 2, -2},   // down
      {3, 4, -2, 3, 3, -2},   // ceiling
      {2, 3, -3, 2, 2, -3},   // floor
  }};
  for (std::size_t m = 0; m < kModes.size(); ++m) {
    for (std::size_t i = 0; i < 6; ++i) {
      EXPECT_EQ(D(inputs[i]).round(0, kModes[m]), Decimal(expected[m][i]))
          << inputs[i] << " " << to_string(kModes[m]);
    }
  }
}

TEST(DecimalRound, ToTheFenHalfUpIsSiWuWuRu) {
  EXPECT_EQ(D("1409.4990").round(2, M::half_up).to_string(), "1409.50");
  EXPECT_EQ(D("2.345").round(2, M::half_up).to_string(), "2.35");
  EXPECT_EQ(D("-2.345").round(2, M::half_up).to_string(), "-2.35");
  EXPECT_EQ(D("2.345").round(2, M::half_even).to_string(), "2.34");
  EXPECT_EQ(D("2.355").round(2, M::half_even).to_string(), "2.36");
  EXPECT_EQ(D("2.3450001").round(2, M::half_down).to_string(), "2.35");
  EXPECT_EQ(D("0.004").round(2, M::half_up).to_string(), "0.00");
  EXPECT_EQ(D("-0.004").round(2, M::half_up).to_string(), "0.00");
  EXPECT_EQ(D("-0.001").round(2, M::floor).to_string(), "-0.01");
  EXPECT_EQ(D("0.001").round(2, M::ceiling).to_string(), "0.01");
  EXPECT_EQ(D("9.999").round(2, M::half_up).to_string(), "10.00");
}

TEST(DecimalRound, RaisesTheScaleWhenThereAreFewerPlaces) {
  EXPECT_EQ(D("2.5").round(2, M::half_up).to_string(), "2.50");
  EXPECT_EQ(D("7").round(2, M::down).to_string(), "7.00");
}

TEST(DecimalRound, NegativePlacesRoundToTensAndBeyond) {
  EXPECT_EQ(D("1234").round(-2, M::half_up).to_string(), "1200");
  EXPECT_EQ(D("1250").round(-2, M::half_even).to_string(), "1200");
  EXPECT_EQ(D("1250").round(-2, M::half_up).to_string(), "1300");
  EXPECT_EQ(D("-15000.01").round(-4, M::half_up).to_string(), "-20000");
  EXPECT_THROW(D("0.5").round(-38, M::up), Error);  // one unit of 10^38 needs 39 digits
  EXPECT_EQ(D("123").round(-38, M::down).to_string(), "0");
  EXPECT_EQ(D("123").round(-38, M::half_up).to_string(), "0");
}

TEST(DecimalRound, RejectsPlacesOutOfRangeAndOverflow) {
  EXPECT_THROW(D("1").round(39, M::half_up), Error);
  EXPECT_THROW(D("1").round(-39, M::half_up), Error);
  try {
    (void)Decimal::parse(std::string(38, '9')).round(-1, M::up);  // 10^38
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::overflow);
  }
  EXPECT_THROW(Decimal::parse(std::string(37, '9')).round(2, M::down), Error);  // needs 39 digits
}

TEST(DecimalRound, MatchesAReferenceOnRandomValues) {
  // Property: round(places) lies within one unit of the value, on the side and
  // distance each mode demands, checked against integer arithmetic on the fen.
  std::mt19937_64 rng(4501);
  for (int i = 0; i < 4000; ++i) {
    const long long raw = static_cast<long long>(rng() % 2000001) - 1000000;  // thousandths
    const Decimal x = Decimal::from_parts(raw, 3);
    const M mode = kModes[rng() % kModes.size()];
    const long long q = raw / 10;   // toward zero, in hundredths
    const long long r = raw % 10;   // same sign as raw
    const long long ar = r < 0 ? -r : r;
    const bool neg = raw < 0;
    long long expect = q;
    bool away = false;
    switch (mode) {
      case M::down: away = false; break;
      case M::up: away = r != 0; break;
      case M::ceiling: away = r != 0 && !neg; break;
      case M::floor: away = r != 0 && neg; break;
      case M::half_up: away = ar >= 5; break;
      case M::half_down: away = ar > 5; break;
      case M::half_even: away = ar > 5 || (ar == 5 && (q % 2 != 0)); break;
    }
    if (away) expect += neg ? -1 : 1;
    EXPECT_EQ(x.round(2, mode), Decimal::from_parts(expect, 2)) << x << " " << to_string(mode);
  }
}

TEST(DecimalRoundSignificant, DropsOnlySurplusDigits) {
  EXPECT_EQ(D("123.456").round_significant(4, M::half_up).to_string(), "123.5");
  EXPECT_EQ(D("123456").round_significant(2, M::half_up).to_string(), "120000");
  EXPECT_EQ(D("1.50").round_significant(5, M::half_up).to_string(), "1.50");
  EXPECT_EQ(D("9.99").round_significant(2, M::half_up).to_string(), "10");  // carry, scale falls
  EXPECT_EQ(D("0.012345").round_significant(3, M::down).to_string(), "0.0123");
  EXPECT_EQ(D("-0.012345").round_significant(3, M::floor).to_string(), "-0.0124");
  EXPECT_EQ(D("999").round_significant(1, M::half_up).to_string(), "1000");
  EXPECT_THROW(D("1").round_significant(0, M::half_up), Error);
  EXPECT_THROW(D("1").round_significant(39, M::half_up), Error);
}

TEST(DecimalDivide, RoundsTheExactQuotientOnce) {
  EXPECT_EQ(divide(D("2"), D("3"), 2, M::half_up).to_string(), "0.67");
  EXPECT_EQ(divide(D("1"), D("8"), 2, M::half_even).to_string(), "0.12");
  EXPECT_EQ(divide(D("1"), D("8"), 2, M::half_up).to_string(), "0.13");
  EXPECT_EQ(divide(D("-1"), D("8"), 2, M::half_up).to_string(), "-0.13");
  EXPECT_EQ(divide(D("-1"), D("-8"), 2, M::floor).to_string(), "0.12");
  EXPECT_EQ(divide(D("1"), D("-3"), 4, M::floor).to_string(), "-0.3334");
  EXPECT_EQ(divide(D("10"), D("4"), 0, M::half_even).to_string(), "2");
  EXPECT_EQ(divide(D("1.000"), D("0.001"), 0, M::down).to_string(), "1000");
  EXPECT_EQ(divide(D("12345"), D("1"), -2, M::half_up).to_string(), "12300");
  // A double-rounding trap: 0.0449999... must not become 0.05 via 0.045.
  EXPECT_EQ(divide(D("449999"), D("10000000"), 2, M::half_up).to_string(), "0.04");
  // Operands at the limits: exact quotient of 38-digit numbers.
  const Decimal max = Decimal::parse(std::string(38, '9'));
  EXPECT_EQ(divide(max, max, 37, M::half_up).to_string(), "1." + std::string(37, '0'));
  // 1 at 38 places needs 39 digits; as with + − ×, trailing zeros make room.
  EXPECT_EQ(divide(max, max, 38, M::half_up).to_string(), "1." + std::string(37, '0'));
  EXPECT_EQ(divide(max, max, 2, M::half_up).to_string(), "1.00");
}

TEST(DecimalDivide, ErrorsByCode) {
  try {
    (void)divide(D("1"), D("0.00"), 2, M::half_up);
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::division_by_zero);
  }
  try {
    (void)divide(Decimal::parse(std::string(38, '9')), D("0.1"), 0, M::half_up);
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::overflow);
  }
  EXPECT_THROW(divide(D("1"), D("3"), 39, M::half_up), Error);
}

TEST(DecimalMulDiv, ProRataRoundsOnceEvenWhenTheProductExceeds38Digits) {
  // R6: 30% × park rent × days inside / days in the quarter, one rounding.
  EXPECT_EQ(mul_div(D("100000.00") * D("0.30"), D("58"), D("90"), 2, M::half_up).to_string(), "19333.33");
  EXPECT_EQ(mul_div(D("1"), D("2"), D("3"), 2, M::half_up).to_string(), "0.67");
  EXPECT_EQ(mul_div(D("-10"), D("1"), D("4"), 0, M::half_even).to_string(), "-2");
  const Decimal big = Decimal::parse(std::string(38, '9'));
  EXPECT_EQ(mul_div(big, big, big, 0, M::half_up), big);  // x·n ≈ 10^76 never rounded early
  try {
    (void)mul_div(D("1"), D("1"), D("0"), 2, M::half_up);
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::division_by_zero);
  }
}

TEST(DecimalDivide, AgreesWithMulDivAndRoundingOnRandomValues) {
  // Property: divide(a, b) == mul_div(a, 1, b), and divide at more places then
  // rounded down agrees with divide rounded down directly (truncation composes).
  std::mt19937_64 rng(77);
  for (int i = 0; i < 2000; ++i) {
    const Decimal a = Decimal::from_parts(static_cast<long long>(rng() % 100000000) - 50000000, static_cast<int>(rng() % 5));
    Decimal b = Decimal::from_parts(static_cast<long long>(rng() % 20000) - 10000, static_cast<int>(rng() % 4));
    if (b.is_zero()) b = Decimal(7);
    const M mode = kModes[rng() % kModes.size()];
    EXPECT_EQ(divide(a, b, 2, mode), mul_div(a, Decimal(1), b, 2, mode));
    EXPECT_EQ(divide(a, b, 6, M::down).round(2, M::down), divide(a, b, 2, M::down));
    // |a/b − q| < 1 fen: b·q is within |b| fen of a.
    const Decimal q = divide(a, b, 2, mode);
    EXPECT_LT((a - q * b).abs(), b.abs() * D("0.01") + D("0.0000001")) << a << " / " << b;
  }
}

}  // namespace
}  // namespace duixian
