// IndustryCode and IndustryPrefix: GB/T 4754-2017 sections, division ranges, prefix queries.
#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <unordered_set>

#include "duixian/industry.hpp"

namespace duixian {
namespace {

template <class T>
void expect_rejected(std::string_view text, const std::string& part) {
  SCOPED_TRACE(std::string(text));
  try {
    (void)T::parse(text);
    ADD_FAILURE() << "accepted";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::parse_error);
    EXPECT_NE(std::string(e.what()).find(part), std::string::npos) << e.what();
  }
  std::string why;
  EXPECT_FALSE(T::try_parse(text, &why).has_value());
  EXPECT_NE(why.find(part), std::string::npos) << why;
}

IndustryCode code(std::string_view text) { return IndustryCode::parse(text); }
IndustryPrefix prefix(std::string_view text) { return IndustryPrefix::parse(text); }

TEST(IndustryCode, ParsesEveryLevel) {
  const IndustryCode c = code("C");
  EXPECT_EQ(c.to_string(), "C");
  EXPECT_EQ(c.section(), 'C');
  EXPECT_FALSE(c.division().has_value());
  EXPECT_EQ(c.digits(), "");
  EXPECT_EQ(c.level(), IndustryCode::Level::section);

  EXPECT_EQ(code("C19").division(), 19);
  EXPECT_EQ(code("C19").level(), IndustryCode::Level::division);
  EXPECT_EQ(code("C195").level(), IndustryCode::Level::group);
  const IndustryCode shoes = code("C1952");
  EXPECT_EQ(shoes.level(), IndustryCode::Level::class_);
  EXPECT_EQ(shoes.division(), 19);
  EXPECT_EQ(shoes.digits(), "1952");
  EXPECT_EQ(shoes.text(), "C1952");
  EXPECT_EQ(shoes.section_name(), "制造业");
  std::string why = "untouched";
  EXPECT_TRUE(IndustryCode::try_parse("I6513", &why).has_value());
  EXPECT_EQ(why, "untouched");
}

TEST(IndustryCode, AcceptsBothEndsOfEverySectionsDivisions) {
  const std::pair<const char*, const char*> ends[] = {
      {"A01", "A05"}, {"B06", "B12"}, {"C13", "C43"}, {"D44", "D46"}, {"E47", "E50"}, {"F51", "F52"}, {"G53", "G60"},
      {"H61", "H62"}, {"I63", "I65"}, {"J66", "J69"}, {"K70", "K70"}, {"L71", "L72"}, {"M73", "M75"}, {"N76", "N79"},
      {"O80", "O82"}, {"P83", "P83"}, {"Q84", "Q85"}, {"R86", "R90"}, {"S91", "S96"}, {"T97", "T97"}};
  for (const auto& [first, last] : ends) {
    EXPECT_TRUE(IndustryCode::try_parse(first).has_value()) << first;
    EXPECT_TRUE(IndustryCode::try_parse(last).has_value()) << last;
    EXPECT_TRUE(IndustryCode::try_parse(std::string_view(first, 1)).has_value()) << first;
  }
  // Every division 01-97 belongs to exactly one section, and only that section accepts it.
  for (int d = 0; d <= 99; ++d) {
    const std::string dd = std::to_string(100 + d).substr(1);
    int accepted = 0;
    for (char s = 'A'; s <= 'T'; ++s) {
      if (IndustryCode::try_parse(std::string(1, s) + dd).has_value()) {
        ++accepted;
        EXPECT_EQ(industry_section_of_division(d), s) << dd;
      }
    }
    EXPECT_EQ(accepted, (d >= 1 && d <= 97) ? 1 : 0) << dd;
  }
}

TEST(IndustryCode, RejectsDivisionOfAnotherSection) {
  expect_rejected<IndustryCode>("C01", "\"C01\" is not a GB/T 4754-2017 industry code: division 01 belongs to section A, "
                                       "not C (section C is divisions 13-43)");
  expect_rejected<IndustryCode>("A1952", "division 19 belongs to section C, not A (section A is divisions 01-05)");
  expect_rejected<IndustryCode>("P84", "division 84 belongs to section Q, not P (section P is division 83)");
  expect_rejected<IndustryCode>("C00", "division 00 does not exist (GB/T 4754-2017 divisions run 01-97)");
  expect_rejected<IndustryCode>("T98", "division 98 does not exist");
}

TEST(IndustryCode, RejectsBadText) {
  expect_rejected<IndustryCode>("", "empty text");
  expect_rejected<IndustryCode>("C1", "1 digit after the section letter; a code has 0, 2, 3 or 4 digits "
                                      "(use IndustryPrefix for a prefix query such as \"C1\")");
  expect_rejected<IndustryCode>("C19521", "5 digits after the section letter (at most 4)");
  expect_rejected<IndustryCode>("c1952", "lower-case 'c' at position 1 (section letters are upper case)");
  expect_rejected<IndustryCode>("U01", "character 'U' at position 1 is not a section letter A-T");
  expect_rejected<IndustryCode>("1952", "character '1' at position 1 is not a section letter A-T");
  expect_rejected<IndustryCode>(" C19", "space at position 1 is not a section letter A-T (spaces are not trimmed)");
  expect_rejected<IndustryCode>("C19 ", "space at position 4 is not a digit (spaces are not trimmed)");
  expect_rejected<IndustryCode>("C1a", "character 'a' at position 3 is not a digit");
  expect_rejected<IndustryCode>("C-19", "character '-' at position 2 is not a digit");
  expect_rejected<IndustryCode>("\xEF\xBC\xA3" "19", "byte 0xEF at position 1 is not a section letter");  // full-width Ｃ
}

TEST(IndustryCode, StartsWithAndContains) {
  EXPECT_TRUE(code("C1952").starts_with(code("C19")));
  EXPECT_TRUE(code("C1952").starts_with(code("C")));
  EXPECT_TRUE(code("C1952").starts_with(code("C195")));
  EXPECT_TRUE(code("C1952").starts_with(code("C1952")));
  EXPECT_FALSE(code("C1952").starts_with(code("C18")));
  EXPECT_FALSE(code("C19").starts_with(code("C1952")));
  EXPECT_FALSE(code("C19").starts_with(code("A")));
  EXPECT_TRUE(code("C19").contains(code("C1952")));
  EXPECT_TRUE(code("C").contains(code("C43")));
  EXPECT_FALSE(code("C").contains(code("D44")));
  EXPECT_FALSE(code("C1952").contains(code("C19")));
}

TEST(IndustryCode, ParentWalksUpOneLevel) {
  EXPECT_EQ(code("C1952").parent(), code("C195"));
  EXPECT_EQ(code("C195").parent(), code("C19"));
  EXPECT_EQ(code("C19").parent(), code("C"));
  EXPECT_FALSE(code("C").parent().has_value());
}

TEST(IndustryPrefix, AllowsAnyDigitCountThatCanBeginADivision) {
  for (const char* ok : {"C", "C1", "C13", "C195", "C1952", "A0", "C4", "T9", "K7", "S9"}) {
    EXPECT_TRUE(IndustryPrefix::try_parse(ok).has_value()) << ok;
  }
  expect_rejected<IndustryPrefix>("C5", "\"C5\" is not a GB/T 4754-2017 industry prefix: no division of section C "
                                        "begins with 5 (section C is divisions 13-43)");
  expect_rejected<IndustryPrefix>("C0", "no division of section C begins with 0");
  expect_rejected<IndustryPrefix>("A1", "no division of section A begins with 1 (section A is divisions 01-05)");
  expect_rejected<IndustryPrefix>("C01", "division 01 belongs to section A, not C");
  expect_rejected<IndustryPrefix>("C19521", "5 digits after the section letter (at most 4)");
  expect_rejected<IndustryPrefix>("c1", "lower-case 'c'");
  expect_rejected<IndustryPrefix>("", "empty text");
}

TEST(IndustryPrefix, MatchesCodesBeginningWithIt) {
  const IndustryPrefix c1 = prefix("C1");
  EXPECT_EQ(c1.text(), "C1");
  EXPECT_EQ(c1.to_string(), "C1");
  EXPECT_EQ(c1.section(), 'C');
  EXPECT_TRUE(c1.matches(code("C13")));
  EXPECT_TRUE(c1.matches(code("C1952")));
  EXPECT_FALSE(c1.matches(code("C")));
  EXPECT_FALSE(c1.matches(code("C20")));
  EXPECT_FALSE(c1.matches(code("D44")));
  EXPECT_TRUE(prefix("C").matches(code("C43")));
  EXPECT_TRUE(prefix("C195").matches(code("C1952")));
  // A code converts to the prefix of itself and its descendants.
  const IndustryPrefix from_code = code("C19");
  EXPECT_EQ(from_code, prefix("C19"));
  EXPECT_TRUE(from_code.matches(code("C1952")));
  EXPECT_FALSE(from_code.matches(code("C18")));
}

TEST(IndustrySectionNames, CoverAToT) {
  EXPECT_EQ(industry_section_name('A'), "农、林、牧、渔业");
  EXPECT_EQ(industry_section_name('C'), "制造业");
  EXPECT_EQ(industry_section_name('I'), "信息传输、软件和信息技术服务业");
  EXPECT_EQ(industry_section_name('T'), "国际组织");
  for (char s = 'A'; s <= 'T'; ++s) EXPECT_TRUE(industry_section_name(s).has_value()) << s;
  EXPECT_FALSE(industry_section_name('U').has_value());
  EXPECT_FALSE(industry_section_name('c').has_value());
  EXPECT_FALSE(industry_section_of_division(0).has_value());
  EXPECT_FALSE(industry_section_of_division(98).has_value());
  EXPECT_EQ(industry_section_of_division(70), 'K');
}

TEST(IndustryCode, ComparesHashesAndPrints) {
  EXPECT_LT(code("C"), code("C13"));
  EXPECT_LT(code("C13"), code("C131"));
  EXPECT_LT(code("C1311"), code("C14"));
  EXPECT_GT(code("D44"), code("C43"));
  EXPECT_LE(code("C13"), code("C13"));
  EXPECT_GE(code("C13"), code("C13"));
  EXPECT_NE(code("C19"), code("C195"));
  std::unordered_set<IndustryCode> codes{code("C19"), code("C195"), code("C19")};
  EXPECT_EQ(codes.size(), 2u);
  std::unordered_set<IndustryPrefix> prefixes{prefix("C19"), prefix("C19"), code("C19")};
  EXPECT_EQ(prefixes.size(), 1u);
  EXPECT_NE(prefix("C1"), prefix("C13"));
  EXPECT_LT(prefix("C1"), prefix("C13"));
  std::ostringstream out;
  out << code("C1952") << ' ' << prefix("C1");
  EXPECT_EQ(out.str(), "C1952 C1");
}

}  // namespace
}  // namespace duixian
