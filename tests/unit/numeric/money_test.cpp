// Money: fen rounding, display in 元/万元/亿元, and the capital form of notices.
#include <gtest/gtest.h>

#include <ostream>
#include <sstream>
#include <string>

#include "duixian/money.hpp"

namespace duixian {
namespace {

Money Y(const char* text) { return Money::parse(text); }

struct Capital {
  const char* amount;
  const char* text;
};

void PrintTo(const Capital& c, std::ostream* out) { *out << c.amount; }

class MoneyCapital : public ::testing::TestWithParam<Capital> {};

TEST_P(MoneyCapital, FollowsThePbocRulesAndOurConventions) {
  EXPECT_EQ(to_capital(Y(GetParam().amount)), GetParam().text);
}

INSTANTIATE_TEST_SUITE_P(
    IssueExamples, MoneyCapital,
    ::testing::Values(Capital{"1409.50", "人民币壹仟肆佰零玖元伍角"}, Capital{"6007.14", "人民币陆仟零柒元壹角肆分"},
                      Capital{"107000.53", "人民币壹拾万柒仟元零伍角叁分"},
                      Capital{"16409.02", "人民币壹万陆仟肆佰零玖元零贰分"}, Capital{"325.04", "人民币叁佰贰拾伍元零肆分"},
                      Capital{"10.00", "人民币壹拾元整"}, Capital{"100010000.00", "人民币壹亿零壹万元整"},
                      Capital{"1680.32", "人民币壹仟陆佰捌拾元零叁角贰分"}, Capital{"0.53", "人民币伍角叁分"}));

// Worked by hand from the rules in money.hpp.
INSTANTIATE_TEST_SUITE_P(
    MoreCases, MoneyCapital,
    ::testing::Values(Capital{"0", "人民币零元整"}, Capital{"0.00", "人民币零元整"}, Capital{"0.05", "人民币伍分"},
                      Capital{"0.50", "人民币伍角"}, Capital{"1", "人民币壹元整"}, Capital{"10.20", "人民币壹拾元零贰角"},
                      Capital{"100.05", "人民币壹佰元零伍分"}, Capital{"1000000.00", "人民币壹佰万元整"},
                      Capital{"1010000000", "人民币壹拾亿壹仟万元整"},  // zero 亿 digit before a non-zero 仟
                      Capital{"105000000", "人民币壹亿零伍佰万元整"},
                      Capital{"1460000000.00", "人民币壹拾肆亿陆仟万元整"},
                      Capital{"1000000000000", "人民币壹万亿元整"}, Capital{"1000100000000", "人民币壹万零壹亿元整"},
                      Capital{"9999999999999999.99", "人民币玖仟玖佰玖拾玖万玖仟玖佰玖拾玖亿玖仟玖佰玖拾玖万玖仟玖佰玖拾玖元玖角玖分"},
                      Capital{"20.000", "人民币贰拾元整"},
                      Capital{"30001", "人民币叁万零壹元整"}, Capital{"40010", "人民币肆万零壹拾元整"}));

TEST(MoneyCapitalRefuses, NegativeSubFenAndHugeAmounts) {
  // 10^16 and above, whatever the digits: up to 38 (where giving the amount two decimals
  // would itself overflow) and with trailing zero decimals.
  for (const char* bad : {"-1.00", "1.005", "10000000000000000", "10000000000000000.00",
                          "99999999999999999999999999999999999999", "1000000000000000000000000000000000000",
                          "123456789012345678901234567890.00"}) {
    try {
      (void)to_capital(Y(bad));
      ADD_FAILURE() << bad << " accepted";
    } catch (const Error& e) {
      EXPECT_EQ(e.code(), ErrorCode::not_representable) << bad;
      EXPECT_NE(std::string(e.what()).find(bad), std::string::npos) << e.what();
    }
  }
}

TEST(MoneyRound, ToTheFenWithAMode) {
  EXPECT_EQ(Y("1.005").round_to_fen().to_string(), "1.01");
  EXPECT_EQ(Y("1.005").round_to_fen(RoundingMode::half_even).to_string(), "1.00");
  EXPECT_EQ(Y("-1.005").round_to_fen().to_string(), "-1.01");
  EXPECT_EQ(Y("7").round_to_fen().to_string(), "7.00");
  EXPECT_TRUE(Y("1.50").is_whole_fen());
  EXPECT_TRUE(Y("1.5000").is_whole_fen());
  EXPECT_FALSE(Y("1.501").is_whole_fen());
}

TEST(MoneyArithmetic, IsTyped) {
  EXPECT_EQ((Y("1.10") + Y("2.20")).to_string(), "3.30");
  EXPECT_EQ((Y("1.10") - Y("2.20")).to_string(), "-1.10");
  EXPECT_EQ((Y("4698.33") * Decimal::parse("0.30")).to_string(), "1409.4990");
  EXPECT_EQ((Decimal::parse("0.5") * Y("3")).to_string(), "1.5");
  EXPECT_EQ((-Y("3")).to_string(), "-3");
  EXPECT_EQ(ratio(Y("1.30"), Y("1.00"), 4, RoundingMode::half_up).to_string(), "1.3000");
  EXPECT_THROW(ratio(Y("1"), Y("0"), 2, RoundingMode::half_up), Error);
  EXPECT_EQ(Money::from_fen(140950), Y("1409.50"));
  EXPECT_STREQ(Money::currency(), "CNY");
  Money m;
  m += Y("5");
  m -= Y("0.01");
  EXPECT_EQ(m, Y("4.99"));
  EXPECT_LT(Y("1"), Y("1.01"));
  EXPECT_GT(Y("1.01"), Y("1"));
  EXPECT_LE(Y("1"), Y("1.00"));
  EXPECT_GE(Y("1"), Y("1.00"));
  EXPECT_NE(Y("1"), Y("1.01"));
}

TEST(MoneyFormat, GroupsDigitsInEachUnit) {
  EXPECT_EQ(format_money(Y("1409.5"), MoneyUnit::yuan), "1,409.50元");
  EXPECT_EQ(format_money(Y("-1234567.8"), MoneyUnit::yuan), "-1,234,567.80元");
  EXPECT_EQ(format_money(Y("999"), MoneyUnit::yuan), "999.00元");
  EXPECT_EQ(format_money(Y("0"), MoneyUnit::yuan), "0.00元");
  EXPECT_EQ(format_money(Y("1460000000"), MoneyUnit::yi_yuan), "14.60亿元");
  EXPECT_EQ(format_money(Y("15300000000"), MoneyUnit::yi_yuan), "153.00亿元");
  EXPECT_EQ(format_money(Y("1460000000"), MoneyUnit::wan_yuan), "146,000.00万元");
  EXPECT_EQ(format_money(Y("12345"), MoneyUnit::wan_yuan, 4), "1.2345万元");
  EXPECT_EQ(format_money(Y("12345"), MoneyUnit::wan_yuan, 0), "1万元");
  EXPECT_EQ(format_money(Y("15000"), MoneyUnit::wan_yuan, 0), "2万元");
  EXPECT_EQ(format_money(Y("15000"), MoneyUnit::wan_yuan, 0, RoundingMode::half_even), "2万元");
  EXPECT_EQ(format_money(Y("25000"), MoneyUnit::wan_yuan, 0, RoundingMode::half_even), "2万元");
  EXPECT_EQ(format_money(Y("1234.567"), MoneyUnit::yuan, 2, RoundingMode::down), "1,234.56元");
  EXPECT_THROW(format_money(Y("1"), MoneyUnit::yuan, -1), Error);
}

TEST(MoneyFormat, NaturalUnitIsWhatAPersonReads) {
  EXPECT_EQ(natural_unit(Y("9999.99")), MoneyUnit::yuan);
  EXPECT_EQ(natural_unit(Y("10000")), MoneyUnit::wan_yuan);
  EXPECT_EQ(natural_unit(Y("-250000")), MoneyUnit::wan_yuan);
  EXPECT_EQ(natural_unit(Y("100000000")), MoneyUnit::yi_yuan);
  std::ostringstream out;
  out << Y("1460000000");
  EXPECT_EQ(out.str(), "14.60亿元");
}

}  // namespace
}  // namespace duixian
