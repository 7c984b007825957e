// Decimal::parse and to_string: the strict grammar, every rejected input with its
// reason, and exact round-trips that keep the scale.
#include <gtest/gtest.h>

#include <ostream>
#include <string>

#include "duixian/decimal.hpp"

namespace duixian {
namespace {

std::string parse_error_of(const std::string& text) {
  try {
    Decimal::parse(text);
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::parse_error) << text;
    return e.what();
  }
  return "(accepted)";
}

TEST(DecimalParse, KeepsTheScaleOfTheText) {
  const Decimal d = Decimal::parse("1.50");
  EXPECT_EQ(d.coefficient(), 150);
  EXPECT_EQ(d.scale(), 2);
  EXPECT_EQ(d.to_string(), "1.50");
}

TEST(DecimalParse, AcceptsSignsLeadingZerosAndExponents) {
  EXPECT_EQ(Decimal::parse("+5").to_string(), "5");
  EXPECT_EQ(Decimal::parse("-0.07").to_string(), "-0.07");
  EXPECT_EQ(Decimal::parse("007").to_string(), "7");      // never octal
  EXPECT_EQ(Decimal::parse("010").coefficient(), 10);     // Boost's string constructor would say 8
  EXPECT_EQ(Decimal::parse("1E+3").to_string(), "1000");  // the example
  EXPECT_EQ(Decimal::parse("1e3").to_string(), "1000");
  EXPECT_EQ(Decimal::parse("1.5E-3").to_string(), "0.0015");
  EXPECT_EQ(Decimal::parse("1.5E-3").scale(), 4);
  EXPECT_EQ(Decimal::parse("12.5e1").to_string(), "125");
  EXPECT_EQ(Decimal::parse("-0").to_string(), "0");  // no negative zero
  EXPECT_EQ(Decimal::parse("0.000").scale(), 3);
}

TEST(DecimalParse, AcceptsExactly38DigitsAndScale38) {
  const std::string max38(38, '9');
  EXPECT_EQ(Decimal::parse(max38).to_string(), max38);
  EXPECT_EQ(Decimal::parse("-" + max38).to_string(), "-" + max38);
  const std::string tiny = "0." + std::string(37, '0') + "1";
  EXPECT_EQ(Decimal::parse(tiny).scale(), 38);
  EXPECT_EQ(Decimal::parse(tiny).to_string(), tiny);
  // Leading zeros are not significant digits.
  EXPECT_EQ(Decimal::parse("000" + max38).digits(), 38);
  // A scale above 38 is reduced when only trailing zeros are dropped.
  EXPECT_EQ(Decimal::parse("1.50E-37").to_string(), "0." + std::string(36, '0') + "15");
}

struct Rejected {
  const char* text;
  const char* reason;  // a fragment the message must contain
};

void PrintTo(const Rejected& r, std::ostream* out) { *out << '"' << r.text << '"'; }

class DecimalParseRejects : public ::testing::TestWithParam<Rejected> {};

TEST_P(DecimalParseRejects, WithAMessageThatSaysWhy) {
  const std::string message = parse_error_of(GetParam().text);
  EXPECT_NE(message.find(GetParam().reason), std::string::npos) << message;
  // The message quotes the offending text.
  EXPECT_NE(message.find(std::string("\"") + GetParam().text), std::string::npos) << message;
}

INSTANTIATE_TEST_SUITE_P(
    EveryBadForm, DecimalParseRejects,
    ::testing::Values(Rejected{"", "empty text"}, Rejected{" 1", "whitespace"}, Rejected{"1 ", "whitespace"},
                      Rejected{"1 000", "spaces are not accepted"}, Rejected{"1,000", "grouping separators"},
                      Rejected{"NaN", "NaN"}, Rejected{"nan", "NaN"}, Rejected{"sNaN", "NaN"},
                      Rejected{"inf", "infinity"}, Rejected{"-Infinity", "infinity"},
                      Rejected{"0x10", "hexadecimal"}, Rejected{"1e99999", "exponent out of range"},
                      Rejected{"123456789012345678901234567890123456789", "39 significant digits"},
                      Rejected{"1.", "a digit must follow the decimal point"},
                      Rejected{".5", "a digit must precede the decimal point"}, Rejected{"-", "a sign with no digits"},
                      Rejected{"+-1", "unexpected '-'"}, Rejected{"1e", "an exponent needs digits"},
                      Rejected{"1e+", "an exponent needs digits"}, Rejected{"1.2.3", "unexpected '.'"},
                      Rejected{"12a", "unexpected 'a' at character 3"}, Rejected{"１２", "unexpected '１' at character 1"},
                      Rejected{"12万", "unexpected '万' at character 3"}, Rejected{"万1a", "unexpected '万' at character 1"},
                      Rejected{"1\x01", "unexpected byte 0x01 at character 2"},
                      Rejected{"1\xE4\xB8", "unexpected byte 0xE4 at character 2"},
                      Rejected{"1E+38", "more than 38 digits"},
                      Rejected{"0.000000000000000000000000000000000000001", "more than 38 places"},
                      Rejected{"1E-39", "more than 38 places"}));

TEST(DecimalParse, RejectsEmbeddedNul) {
  const std::string with_nul("1\0" "2", 3);
  EXPECT_THROW(Decimal::parse(with_nul), Error);
}

TEST(DecimalParse, IsLocaleFree) {
  // No locale is consulted: a comma is never a decimal point, a point always is.
  EXPECT_THROW(Decimal::parse("1,5"), Error);
  EXPECT_EQ(Decimal::parse("1.5").to_string(), "1.5");
}

TEST(DecimalToString, RoundTripsCoefficientAndScale) {
  for (const char* text : {"0", "0.00", "1.50", "-1409.50", "0.0452", "99999999999999999999999999999999999999",
                           "-0.00000000000000000000000000000000000001", "1460000000.00", "3"}) {
    const Decimal d = Decimal::parse(text);
    EXPECT_EQ(d.to_string(), text);
    const Decimal back = Decimal::parse(d.to_string());
    EXPECT_EQ(back.coefficient(), d.coefficient());
    EXPECT_EQ(back.scale(), d.scale());
  }
}

TEST(DecimalFromParts, ValidatesDigitsAndScale) {
  EXPECT_EQ(Decimal::from_parts(-150, 2).to_string(), "-1.50");
  EXPECT_EQ(Decimal::from_parts(5, 38).scale(), 38);
  try {
    Decimal::from_parts(1, 39);
    FAIL() << "scale 39 accepted";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::invalid_argument);
  }
  EXPECT_THROW(Decimal::from_parts(1, -1), Error);
  Decimal::Coefficient ten38 = 1;
  for (int i = 0; i < 38; ++i) ten38 *= 10;
  try {
    Decimal::from_parts(ten38, 0);
    FAIL() << "10^38 accepted";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::overflow);
  }
  EXPECT_NO_THROW(Decimal::from_parts(ten38 - 1, 0));
  EXPECT_THROW(Decimal::from_parts(-ten38, 0), Error);
}

TEST(DecimalFromIntegers, IsExactAtScaleZero) {
  EXPECT_EQ(Decimal(0).to_string(), "0");
  EXPECT_EQ(Decimal(-42).to_string(), "-42");
  EXPECT_EQ(Decimal(9223372036854775807LL).to_string(), "9223372036854775807");
  EXPECT_EQ(Decimal(-9223372036854775807LL - 1).to_string(), "-9223372036854775808");
  EXPECT_EQ(Decimal(18446744073709551615ULL).to_string(), "18446744073709551615");
  EXPECT_EQ(Decimal(static_cast<short>(-7)).scale(), 0);
}

}  // namespace
}  // namespace duixian
