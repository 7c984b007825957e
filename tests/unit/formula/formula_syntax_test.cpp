// The formula language's syntax: literals, precedence, and every syntax error with its location.
#include <gtest/gtest.h>

#include <string>

#include "duixian/formula.hpp"

namespace duixian {
namespace {

struct Failure {
  std::size_t column = 0;
  std::string reason;
  std::string what;
};

class FormulaSyntax : public ::testing::Test {
 protected:
  FormulaSyntax() {
    schema_.add({"output", MetricType::money, PeriodKind::quarter, {}});
    schema_.add({"area", MetricType::quantity, PeriodKind::timeless, {}});
    env_.schema = &schema_;
    env_.book_year = 2019;
  }

  FormulaType type_of(const std::string& text) const { return Formula::compile(text, env_, origin_).type(); }

  Failure failure(const std::string& text) const {
    try {
      (void)Formula::compile(text, env_, origin_);
    } catch (const FormulaError& e) {
      EXPECT_EQ(e.code(), ErrorCode::parse_error);
      EXPECT_EQ(e.file(), "book.json");
      EXPECT_EQ(e.line(), 7u);
      EXPECT_EQ(e.column(), 21u);
      return {e.formula_column(), e.reason(), e.what()};
    }
    ADD_FAILURE() << "compiled: " << text;
    return {};
  }

  // Expects a failure at `column` whose message contains `part`.
  void fails(const std::string& text, std::size_t column, const std::string& part) const {
    const Failure f = failure(text);
    EXPECT_EQ(f.column, column) << text << "\n" << f.what;
    EXPECT_NE(f.reason.find(part), std::string::npos) << text << "\n" << f.what;
  }

  MetricSchema schema_;
  FormulaEnvironment env_;
  FormulaOrigin origin_{"book.json", 7, 21, "policies[2].eligible"};
};

TEST_F(FormulaSyntax, ErrorsAreLocatedInTheBookAndTheFormula) {
  const Failure f = failure("1 + foo");
  EXPECT_EQ(f.what, "book.json:7:21: policies[2].eligible, formula column 5: " + f.reason);
  try {
    (void)Formula::compile("1 +", env_, FormulaOrigin{});
    FAIL();
  } catch (const FormulaError& e) {
    EXPECT_EQ(std::string(e.what()), "formula column 4: " + e.reason());
    const Error& base = e;  // a FormulaError is an Error
    EXPECT_EQ(base.code(), ErrorCode::parse_error);
  }
}

TEST_F(FormulaSyntax, NumbersAreStrict) {
  fails("05", 1, "leading zero");
  fails("000", 1, "leading zero");
  fails("00.5", 1, "leading zero");
  fails("min(5,000,000, 1)", 7, "grouping commas");  // 5,000,000 can never pass as three arguments
  fails("5,000,000", 2, "expected an operator or the end of the formula, found ','");
  fails("5.", 2, "decimal point must be followed by digits");
  fails(".5", 1, "write 0.5");
  fails("1 + .5", 5, "write 0.5");
  fails("2019Q1", 5, "unexpected 'Q' after the number '2019'");
  fails("2019-05-01", 6, "leading zero");  // dates go between bars, as the message says
  fails("10%%", 4, "unexpected '%'");
  fails("10%元", 4, "unexpected '元'");
  fails("10万万", 4, "unexpected '万'");
  fails("10元万", 4, "unexpected '万'");
  fails("1.5.2", 4, "unexpected '.'");
  fails("2x", 2, "a product needs *");
  fails("123456789012345678901234567890123456789", 1, "more than 38 significant digits");
  EXPECT_EQ(type_of("0"), FormulaType::decimal);
  EXPECT_EQ(type_of("0.5"), FormulaType::decimal);
  EXPECT_EQ(type_of("10.25%"), FormulaType::decimal);
  EXPECT_EQ(type_of("1.5亿元"), FormulaType::money);
  EXPECT_EQ(type_of("0.0452元"), FormulaType::money);
}

TEST_F(FormulaSyntax, TextDatesAndPeriods) {
  fails("'abc", 1, "unterminated text");
  fails("1 + 'ab\ncd'", 5, "unterminated text");
  fails("\"A\"", 1, "single quotes");
  fails("|2019-05-01", 1, "unterminated date");
  fails("|2019-13|", 1, "'2019-13' is not a date");
  fails("|2019-02-29|", 1, "'2019-02-29' is not a date");
  fails("|2019Q5|", 1, "is not a date");
  fails("||", 1, "is not a date");
  fails("|19|", 1, "is not a date");
  EXPECT_EQ(type_of("|2019-05-01|"), FormulaType::date);
  EXPECT_EQ(type_of("|2019|"), FormulaType::year);
  EXPECT_EQ(type_of("|2019Q2|"), FormulaType::quarter);
  EXPECT_EQ(type_of("|2019-05|"), FormulaType::month);
  EXPECT_EQ(type_of("'甲'"), FormulaType::text);
  EXPECT_EQ(type_of("true"), FormulaType::boolean);
}

TEST_F(FormulaSyntax, OperatorsAndPunctuation) {
  fails("1 +", 4, "expected a value");
  fails("1 + * 2", 5, "expected a value");
  fails("(1 + 2", 7, "expected ')' to close the '(' at formula column 1");
  fails("1 + 2)", 6, "expected an operator or the end of the formula, found ')'");
  fails("min(1 2)", 7, "expected ',' or ')' after argument 1 of min");
  fails("min(1,)", 7, "expected a value");
  fails("1 < 2 < 3", 7, "comparisons do not chain");
  fails("1 ! 2", 3, "write != for");
  fails("1 @ 2", 3, "unexpected character '@'");
  fails("（1）", 1, "unexpected character '（'");
  fails("+1", 1, "expected a value");
  fails("", 1, "expected a value (a number, a name, a quoted 'text', a |date| or '('), found the end of the formula");
  fails("   ", 4, "found the end of the formula");
  fails("and", 1, "keyword 'and'");
  fails("1 and", 6, "expected a value");
  fails("1 = not true", 5, "put 'not …' in parentheses");
  fails("1 + if true then 1 else 2", 5, "put 'if …' in parentheses");
  fails("if true 1 else 2", 9, "expected 'then'");
  fails("if true then 1", 15, "expected 'else'");
  fails("output[]", 8, "expected a period between the brackets");
  fails("output[2019Q1", 14, "expected ']'");
  fails("output[2019-05-01]", 8, "a date is not a period");
  fails("output[2019Q5]", 8, "quarter");
  fails("output[then]", 8, "expected a period");
}

TEST_F(FormulaSyntax, ColumnsCountCharactersNotBytes) {
  fails("500万元 + 05", 9, "leading zero");
  fails("'甲乙' = 05", 8, "leading zero");
  fails("1 +\n05", 5, "leading zero");
  fails("1 × 2 @", 7, "unexpected character");
  fails("1 ≥ 2 @", 7, "unexpected character");
}

TEST_F(FormulaSyntax, EqualityIsWrittenEitherWay) {
  EXPECT_EQ(type_of("1 = 1"), FormulaType::boolean);
  EXPECT_EQ(type_of("1 == 1"), FormulaType::boolean);
  EXPECT_EQ(type_of("1 != 1"), FormulaType::boolean);
  EXPECT_EQ(type_of("1 ≠ 1"), FormulaType::boolean);
}

TEST_F(FormulaSyntax, PrecedenceShapesTheTypes) {
  // not < comparison: `not 1 < 2` is `not (1 < 2)`.
  EXPECT_EQ(type_of("not 1 < 2"), FormulaType::boolean);
  // comparison < +: `1 + 2 < 4` compares 3 with 4.
  EXPECT_EQ(type_of("1 + 2 < 4"), FormulaType::boolean);
  // and < not, or < and.
  EXPECT_EQ(type_of("not true and false or true"), FormulaType::boolean);
  // unary minus binds tighter than *: -2 * 3.
  EXPECT_EQ(type_of("-2 * 3"), FormulaType::decimal);
  // Postfix: a lookup inside arithmetic.
  EXPECT_EQ(type_of("2 * output[2019Q1] + 1"), FormulaType::money);
  // if is the loosest: the else branch takes the whole sum.
  EXPECT_EQ(type_of("if true then 1 else 2 + 3"), FormulaType::decimal);
}

}  // namespace
}  // namespace duixian
