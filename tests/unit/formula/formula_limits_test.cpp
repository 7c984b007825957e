// FormulaLimits: a formula at each limit compiles, one past it is refused with a
// message naming the limit, and hostile input can neither hang nor crash the parser.
#include <gtest/gtest.h>

#include <string>

#include "duixian/formula.hpp"

namespace duixian {
namespace {

class FormulaLimitsTest : public ::testing::Test {
 protected:
  FormulaLimitsTest() {
    schema_.add({"x", MetricType::decimal, PeriodKind::timeless, {}});
    env_.schema = &schema_;
    env_.book_year = 2019;
  }

  bool compiles(const std::string& text) const {
    try {
      (void)Formula::compile(text, env_, FormulaOrigin{});
      return true;
    } catch (const FormulaError&) {
      return false;
    }
  }

  FormulaError refusal(const std::string& text) const {
    try {
      (void)Formula::compile(text, env_, FormulaOrigin{"b.json", 1, 1, "f"});
    } catch (const FormulaError& e) {
      return e;
    }
    ADD_FAILURE() << "compiled";
    return FormulaError(FormulaOrigin{}, 0, "");
  }

  static std::string repeat(const std::string& s, std::size_t n) {
    std::string out;
    for (std::size_t i = 0; i < n; ++i) out += s;
    return out;
  }
  // Height k: k - 1 parentheses around a literal.
  static std::string parens(std::size_t height) { return repeat("(", height - 1) + "1" + repeat(")", height - 1); }

  MetricSchema schema_;
  FormulaEnvironment env_;
};

TEST_F(FormulaLimitsTest, DefaultsAreDocumented) {
  const FormulaLimits l;
  EXPECT_EQ(l.max_length, 4096u);
  EXPECT_EQ(l.max_depth, 32u);
  EXPECT_EQ(l.max_nodes, 1024u);
  EXPECT_EQ(l.max_literal_length, 64u);
}

TEST_F(FormulaLimitsTest, Length) {
  const std::string at = "1" + std::string(4095, ' ');
  EXPECT_TRUE(compiles(at));
  const FormulaError e = refusal(at + " ");
  EXPECT_EQ(e.formula_column(), 4097u);
  EXPECT_NE(e.reason().find("max_length = 4096"), std::string::npos) << e.what();
}

TEST_F(FormulaLimitsTest, LengthCountsBytes) {
  env_.limits.max_length = 14;
  EXPECT_TRUE(compiles("'万万万万'"));  // 4 × 3 + 2 = 14 bytes
  const FormulaError e = refusal("'万万万万万'");
  EXPECT_NE(e.reason().find("17 bytes long, longer than the limit max_length = 14"), std::string::npos) << e.what();
  EXPECT_EQ(e.formula_column(), 6u);  // the 15th byte belongs to the 6th character
}

TEST_F(FormulaLimitsTest, LiteralLength) {
  const std::string at = "'" + std::string(62, 'a') + "'";  // 64 characters with the quotes
  EXPECT_TRUE(compiles("industry = " + at));
  const FormulaError e = refusal("industry = '" + std::string(63, 'a') + "'");
  EXPECT_EQ(e.formula_column(), 12u);
  EXPECT_NE(e.reason().find("literal of 65 characters is longer than the limit max_literal_length = 64"), std::string::npos)
      << e.what();
  env_.limits.max_literal_length = 6;
  EXPECT_TRUE(compiles("1.5亿元 + 123456"));      // 5 and 6 characters
  EXPECT_FALSE(compiles("1234567"));
  EXPECT_TRUE(compiles("|2019|"));
  EXPECT_FALSE(compiles("|2019Q1|"));
  EXPECT_TRUE(compiles("'万万万万'"));             // characters, not bytes
  EXPECT_FALSE(compiles("'万万万万万'"));
  const FormulaError n = refusal("1 + 10.255%");
  EXPECT_EQ(n.formula_column(), 5u);
  EXPECT_NE(n.reason().find("max_literal_length = 6"), std::string::npos);
}

TEST_F(FormulaLimitsTest, DepthOfParenthesesOperatorsAndCalls) {
  EXPECT_TRUE(compiles(parens(32)));
  const FormulaError e = refusal(parens(33));
  EXPECT_NE(e.reason().find("nests deeper than the limit max_depth = 32"), std::string::npos) << e.what();
  EXPECT_TRUE(compiles(repeat("-", 31) + "1"));
  EXPECT_FALSE(compiles(repeat("-", 32) + "1"));
  EXPECT_TRUE(compiles(repeat("not ", 31) + "true"));
  EXPECT_FALSE(compiles(repeat("not ", 32) + "true"));
  EXPECT_TRUE(compiles(repeat("abs(", 31) + "1" + repeat(")", 31)));
  EXPECT_FALSE(compiles(repeat("abs(", 32) + "1" + repeat(")", 32)));
  // 1 + (1 + (1 + …)): each level is a chain node and a parenthesis.
  EXPECT_TRUE(compiles(repeat("1 + (", 15) + "1 + 1" + repeat(")", 15)));   // height 32
  EXPECT_FALSE(compiles(repeat("1 + (", 16) + "1" + repeat(")", 16)));      // height 33
  // A long chain of one operator is one level, however long.
  EXPECT_TRUE(compiles("x" + repeat(" + x", 500)));
  EXPECT_TRUE(compiles("true" + repeat(" and true", 400)));
  // Depth is the whole tree's height, wherever the deep branch is.
  EXPECT_FALSE(compiles("min(1, " + parens(32) + ")"));
  EXPECT_TRUE(compiles("min(1, " + parens(31) + ")"));
  env_.limits.max_depth = 3;
  EXPECT_TRUE(compiles("-(1)"));
  EXPECT_FALSE(compiles("-(-1)"));
  EXPECT_TRUE(compiles("1 + 2 * 3"));
  EXPECT_FALSE(compiles("1 + 2 * -3"));
}

TEST_F(FormulaLimitsTest, HostileNestingNeverOverflowsTheStack) {
  env_.limits.max_length = 100'000'000;
  env_.limits.max_nodes = 10'000'000;
  env_.limits.max_depth = 10'000'000;  // the parser still stops at its ceiling of 200
  for (const std::string& open : {std::string("("), std::string("-"), std::string("not "), std::string("abs("),
                                  std::string("if true then "), std::string("x[")}) {
    const FormulaError e = refusal(repeat(open, 100'000));
    EXPECT_TRUE(e.reason().find("max_depth = 200") != std::string::npos || e.reason().find("expected") != std::string::npos)
        << open << ": " << e.reason();
  }
  EXPECT_TRUE(compiles(parens(200)));
  EXPECT_FALSE(compiles(parens(201)));
}

TEST_F(FormulaLimitsTest, Nodes) {
  // 1 + 1 + … with 512 literals: 512 literals + 511 operators + 1 parenthesis = 1024 nodes.
  const std::string at = "(1" + repeat(" + 1", 511) + ")";
  EXPECT_TRUE(compiles(at));
  const FormulaError e = refusal("(1" + repeat(" + 1", 512) + ")");
  EXPECT_NE(e.reason().find("more syntax-tree nodes than the limit max_nodes = 1024"), std::string::npos) << e.what();
  env_.limits.max_nodes = 5;
  EXPECT_TRUE(compiles("1 + 2 + 3"));
  EXPECT_FALSE(compiles("1 + 2 + 3 + 4"));
  EXPECT_TRUE(compiles("-(-(1))"));
  EXPECT_TRUE(compiles("min(x, 1, 2, 3)"));
  EXPECT_FALSE(compiles("min(x, 1, 2, 3, 4)"));
}

}  // namespace
}  // namespace duixian
