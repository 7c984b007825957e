// Exact + − ×, comparison, hashing, normalization; overflow is an Error, never a wrap.
#include <gtest/gtest.h>

#include <random>
#include <string>
#include <unordered_set>

#include <boost/multiprecision/cpp_int.hpp>

#include "duixian/decimal.hpp"

namespace duixian {
namespace {

Decimal D(const char* text) { return Decimal::parse(text); }

void expect_overflow(const std::function<void()>& f) {
  try {
    f();
    ADD_FAILURE() << "no overflow raised";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::overflow) << e.what();
  }
}

TEST(DecimalArithmetic, AddAndSubtractAreExactAtTheLargerScale) {
  EXPECT_EQ((D("1.5") + D("0.25")).to_string(), "1.75");
  EXPECT_EQ((D("1.50") + D("1")).to_string(), "2.50");
  EXPECT_EQ((D("0.1") + D("0.2")).to_string(), "0.3");  // the float classic
  EXPECT_EQ((D("1") - D("1.00")).to_string(), "0.00");
  EXPECT_EQ((D("-3.5") + D("1.25")).to_string(), "-2.25");
  EXPECT_EQ((D("1.25") - D("3.5")).to_string(), "-2.25");
  EXPECT_EQ((D("-1.25") - D("-3.5")).to_string(), "2.25");
  Decimal acc = D("0");
  acc += D("10.01");
  acc -= D("0.02");
  EXPECT_EQ(acc.to_string(), "9.99");
}

TEST(DecimalArithmetic, MultiplyIsExactAtTheSumOfScales) {
  EXPECT_EQ((D("4698.33") * D("0.30")).to_string(), "1409.4990");
  EXPECT_EQ((D("-2.5") * D("4")).to_string(), "-10.0");
  EXPECT_EQ((D("-2.5") * D("-0.4")).to_string(), "1.00");
  EXPECT_EQ((D("0") * D("-7.5")).to_string(), "0.0");
  EXPECT_EQ((D("0") * D("-7.5")).sign(), 0);
  Decimal x = D("1.1");
  x *= D("1.1");
  EXPECT_EQ(x.to_string(), "1.21");
}

TEST(DecimalArithmetic, DropsTrailingZerosOnlyWhenTheNaturalScaleCannotHoldTheResult) {
  // 10^36 + 0.50 at scale 2 would need 39 digits; the exact value fits at scale 1.
  const Decimal big = Decimal::parse("1" + std::string(36, '0'));
  EXPECT_EQ((big + D("0.50")).to_string(), "1" + std::string(36, '0') + ".5");
  // Scales 20 + 20 = 40 > 38, but the product's trailing zeros make room.
  const Decimal a = D("0.10000000000000000000");
  EXPECT_EQ((a * a).to_string(), "0.01" + std::string(36, '0'));
}

TEST(DecimalArithmetic, OverflowBeyond38DigitsIsAnError) {
  const Decimal max = Decimal::parse(std::string(38, '9'));
  expect_overflow([&] { (void)(max + Decimal(1)); });
  expect_overflow([&] { (void)(-max - Decimal(1)); });
  expect_overflow([&] { (void)(max * Decimal(2)); });
  expect_overflow([&] { (void)(max * max); });  // beyond 2^128: Boost would throw its own error
  expect_overflow([&] { (void)(Decimal::parse("1" + std::string(19, '0')) * Decimal::parse("1" + std::string(19, '0'))); });
  // 1 + 10^-38 needs 39 digits.
  expect_overflow([&] { (void)(Decimal(1) + Decimal::from_parts(1, 38)); });
  // Scale 40 with no trailing zeros to drop.
  expect_overflow([&] { (void)(Decimal::from_parts(3, 20) * Decimal::from_parts(7, 20)); });
  // Just inside the bound is fine.
  EXPECT_EQ((max - Decimal(1) + Decimal(1)).to_string(), std::string(38, '9'));
}

TEST(DecimalArithmetic, AgreesWithArbitraryPrecisionOnRandomOperands) {
  // Property: for random operands, + − × equal cpp_int arithmetic on the scaled
  // coefficients whenever the result fits, and raise overflow exactly when it does not.
  using boost::multiprecision::cpp_int;
  std::mt19937_64 rng(20191231);
  const cpp_int limit = boost::multiprecision::pow(cpp_int(10), 38);
  auto random_decimal = [&] {
    const int digits = 1 + static_cast<int>(rng() % 38);
    std::string text;
    if (rng() % 2) text += '-';
    for (int i = 0; i < digits; ++i) text += static_cast<char>('0' + rng() % 10);
    const int scale = static_cast<int>(rng() % static_cast<unsigned>(digits + 1));
    if (scale > 0) text.insert(text.size() - static_cast<std::size_t>(scale), ".");
    if (text[0] == '.' || (text[0] == '-' && text[1] == '.')) text.insert(text[0] == '-' ? 1 : 0, "0");
    return Decimal::parse(text);
  };
  auto to_cpp = [](const Decimal& d) { return cpp_int(d.coefficient()); };
  auto pow10 = [](int k) -> cpp_int { return boost::multiprecision::pow(cpp_int(10), static_cast<unsigned>(k)); };
  auto fits = [&](cpp_int c, int scale) {
    while (scale > 0 && (scale > 38 || abs(c) >= limit) && c % 10 == 0) {
      c /= 10;
      --scale;
    }
    return scale <= 38 && abs(c) < limit;
  };
  int checked = 0;
  for (int i = 0; i < 3000; ++i) {
    const Decimal a = random_decimal();
    const Decimal b = random_decimal();
    const int s = std::max(a.scale(), b.scale());
    const cpp_int sum = to_cpp(a) * pow10(s - a.scale()) + to_cpp(b) * pow10(s - b.scale());
    const cpp_int product = to_cpp(a) * to_cpp(b);
    const int ps = a.scale() + b.scale();
    if (fits(sum, s)) {
      const Decimal r = a + b;
      EXPECT_EQ(to_cpp(r) * pow10(s - r.scale()), sum) << a << " + " << b;
      ++checked;
    } else {
      expect_overflow([&] { (void)(a + b); });
    }
    const cpp_int diff = to_cpp(a) * pow10(s - a.scale()) - to_cpp(b) * pow10(s - b.scale());
    if (fits(diff, s)) {
      const Decimal r = a - b;
      EXPECT_EQ(to_cpp(r) * pow10(s - r.scale()), diff) << a << " - " << b;
    } else {
      expect_overflow([&] { (void)(a - b); });
    }
    if (fits(product, ps)) {
      const Decimal r = a * b;
      EXPECT_EQ(to_cpp(r) * pow10(ps - r.scale()), product) << a << " * " << b;
      ++checked;
    } else {
      expect_overflow([&] { (void)(a * b); });
    }
  }
  EXPECT_GT(checked, 1000);  // the generator must exercise the exact path, not only overflow
}

TEST(DecimalCompare, IsByValueAcrossScales) {
  EXPECT_EQ(D("1.5"), D("1.50"));
  EXPECT_EQ(D("0"), D("0.000"));
  EXPECT_NE(D("1.5"), D("1.51"));
  EXPECT_LT(D("1.49"), D("1.5"));
  EXPECT_LT(D("-2"), D("-1.99"));
  EXPECT_GT(D("10"), D("9.999999"));
  EXPECT_LE(D("2.0"), D("2"));
  EXPECT_GE(D("2.0"), D("2"));
  EXPECT_LT(D("0.30"), D("0.3000000000000000000000000000000000001"));
  EXPECT_EQ(Decimal::compare(D("99999999999999999999999999999999999999"), D("0.00000000000000000000000000000000000001")), 1);
  EXPECT_EQ(Decimal::compare(D("-5"), D("3")), -1);
  EXPECT_EQ(Decimal::compare(D("0.0"), D("-0")), 0);
  EXPECT_EQ(Decimal::compare(D("123.450"), D("123.45")), 0);
}

TEST(DecimalHash, AgreesWithEquality) {
  EXPECT_EQ(D("1.5").hash(), D("1.50").hash());
  EXPECT_EQ(D("0").hash(), D("0.00").hash());
  EXPECT_EQ(D("-100").hash(), D("-100.000").hash());
  EXPECT_NE(D("1.5").hash(), D("-1.5").hash());
  std::unordered_set<Decimal> set{D("1.5"), D("1.50"), D("1.500"), D("2"), D("2.0")};
  EXPECT_EQ(set.size(), 2u);
  EXPECT_EQ(set.count(D("1.5000")), 1u);
}

TEST(DecimalNormalized, DropsTrailingZerosOnly) {
  EXPECT_EQ(D("1.500").normalized().to_string(), "1.5");
  EXPECT_EQ(D("100").normalized().to_string(), "100");
  EXPECT_EQ(D("-0.0").normalized().to_string(), "0");
  EXPECT_EQ(D("1.23").normalized().to_string(), "1.23");
}

TEST(DecimalWithScale, RaisesOrLowersWithoutRounding) {
  EXPECT_EQ(D("1.5").with_scale(3).to_string(), "1.500");
  EXPECT_EQ(D("1.500").with_scale(1).to_string(), "1.5");
  EXPECT_THROW(D("1.55").with_scale(1), Error);
  EXPECT_THROW(D("1").with_scale(39), Error);
  expect_overflow([] { (void)Decimal::parse(std::string(30, '9')).with_scale(9); });
}

TEST(DecimalUnary, AbsAndNegation) {
  EXPECT_EQ(D("-1.50").abs().to_string(), "1.50");
  EXPECT_EQ(D("1.50").abs().to_string(), "1.50");
  EXPECT_EQ((-D("1.50")).to_string(), "-1.50");
  EXPECT_EQ((-D("0.0")).to_string(), "0.0");
  EXPECT_EQ((+D("-3")).to_string(), "-3");
}

TEST(DecimalInspect, DigitsSignAndAdjustedExponent) {
  EXPECT_EQ(D("120.00").digits(), 5);
  EXPECT_EQ(D("0").digits(), 1);
  EXPECT_EQ(D("123.45").adjusted_exponent(), 2);
  EXPECT_EQ(D("0.012").adjusted_exponent(), -2);
  EXPECT_EQ(D("-3").sign(), -1);
  EXPECT_TRUE(D("0.00").is_zero());
  EXPECT_FALSE(D("0.01").is_zero());
}

}  // namespace
}  // namespace duixian
