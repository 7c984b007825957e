// CreditCode: GB 32100 / GB 11714 checks against published codes, every rejection
// message, and the single-substitution property of the mod-31 check.
#include <gtest/gtest.h>

#include <random>
#include <sstream>
#include <string>
#include <unordered_set>

#include "duixian/credit_code.hpp"

namespace duixian {
namespace {

constexpr const char* kHuawei = "914403001922038216";   // 华为技术有限公司, Shenzhen
constexpr const char* kAlibaba = "91330100799655058B";  // 阿里巴巴(中国)有限公司, Hangzhou

// Asserts parse throws parse_error whose message contains `part`, and that try_parse agrees.
void expect_rejected(std::string_view text, const std::string& part,
                     OrganizationCodeCheck check = OrganizationCodeCheck::strict) {
  SCOPED_TRACE(std::string(text));
  try {
    (void)CreditCode::parse(text, check);
    ADD_FAILURE() << "accepted";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::parse_error);
    EXPECT_NE(std::string(e.what()).find(part), std::string::npos) << e.what();
    EXPECT_EQ(std::string(e.what()).rfind("parse_error: ", 0), 0u) << e.what();
  }
  std::string why;
  EXPECT_FALSE(CreditCode::try_parse(text, &why, check).has_value());
  EXPECT_NE(why.find(part), std::string::npos) << why;
  EXPECT_FALSE(CreditCode::is_valid(text, check));
}

TEST(CreditCode, AcceptsPublishedCodes) {
  const CreditCode huawei = CreditCode::parse(kHuawei);
  EXPECT_EQ(huawei.text(), kHuawei);
  EXPECT_EQ(huawei.registration_authority(), '9');
  EXPECT_EQ(huawei.entity_type(), '1');
  EXPECT_EQ(huawei.region_digits(), "440300");
  EXPECT_EQ(huawei.organization_code(), "192203821");
  EXPECT_TRUE(huawei.organization_code_valid());

  const CreditCode alibaba = CreditCode::parse(kAlibaba);
  EXPECT_EQ(alibaba.to_string(), kAlibaba);
  EXPECT_EQ(alibaba.region_digits(), "330100");
  EXPECT_EQ(alibaba.organization_code(), "799655058");
  EXPECT_TRUE(alibaba.organization_code_valid());
  ASSERT_TRUE(alibaba.region().has_value());
  EXPECT_EQ(alibaba.region()->code(), 330100);
  EXPECT_TRUE(CreditCode::is_valid(kHuawei));
  EXPECT_TRUE(CreditCode::is_valid(kAlibaba));
}

TEST(CreditCode, CheckCharactersOfPublishedCodes) {
  EXPECT_EQ(CreditCode::check_character("91440300192203821"), '6');
  EXPECT_EQ(CreditCode::check_character("91330100799655058"), 'B');
  EXPECT_EQ(CreditCode::organization_check_character("19220382"), '1');
  EXPECT_EQ(CreditCode::organization_check_character("79965505"), '8');
  // GB 11714's two special results: 10 is written X, 11 is written 0.
  EXPECT_EQ(CreditCode::organization_check_character("12345001"), 'X');
  EXPECT_EQ(CreditCode::organization_check_character("12345006"), '0');
  // GB 11714 itself allows all letters, even those credit codes do not use.
  EXPECT_NO_THROW((void)CreditCode::organization_check_character("ABCDEFGZ"));
}

TEST(CreditCode, CompletionRebuildsPublishedCodes) {
  EXPECT_EQ(complete_credit_code("91330100", "79965505").text(), kAlibaba);
  EXPECT_EQ(complete_credit_code("91440300", "19220382").text(), kHuawei);
  EXPECT_EQ(make_credit_code("91330100799655058"), kAlibaba);
  EXPECT_EQ(make_credit_code("91440300192203821"), kHuawei);
}

TEST(CreditCode, RejectsEveryWrongCheckCharacter) {
  for (const std::string& good : {std::string(kHuawei), std::string(kAlibaba)}) {
    for (char c : CreditCode::alphabet) {
      if (c == good[17]) continue;
      std::string bad = good;
      bad[17] = c;
      expect_rejected(bad, std::string("check character should be '") + good[17] + "' but is '" + c + "'");
    }
  }
  expect_rejected("91330100799655058C", "\"91330100799655058C\" is not a unified social credit code: "
                                        "check character should be 'B' but is 'C'");
}

TEST(CreditCode, RejectsWrongLength) {
  expect_rejected("", "empty text");
  expect_rejected("91330100799655058", "wrong length 17 (a credit code has 18 characters)");
  expect_rejected("91330100799655058BB", "wrong length 19");
  expect_rejected("9", "wrong length 1");
}

TEST(CreditCode, RejectsCharactersOutsideTheSet) {
  expect_rejected("9133I100799655058B", "character 'I' at position 5 is not allowed (GB 32100 does not use I, O, S, V or Z)");
  for (char c : {'I', 'O', 'S', 'V', 'Z'}) {
    std::string bad = kAlibaba;
    bad[10] = c;
    expect_rejected(bad, std::string("character '") + c + "' at position 11 is not allowed");
  }
  expect_rejected("91330100-799655058", "character '-' at position 9 is not allowed");
  expect_rejected("91330100799655058\x01", "control byte 0x01 at position 18 is not allowed");
  expect_rejected("9133010079965505\t8B", "whitespace 0x09 at position 17 is not allowed");
  // Full-width Ｂ (U+FF22, EF BC A2): its first byte is reported; nothing is normalised.
  expect_rejected("91330100799655058\xEF\xBC\xA2", "non-ASCII byte 0xEF at position 18 is not allowed");
}

TEST(CreditCode, RejectsLowerCaseAndSpaces) {
  expect_rejected("91330100799655058b", "lower-case 'b' at position 18 is not allowed (credit codes are upper case)");
  expect_rejected(" 91330100799655058B", "space at position 1 is not allowed (surrounding spaces are not trimmed)");
  expect_rejected("91330100799655058B ", "space at position 19 is not allowed (surrounding spaces are not trimmed)");
  expect_rejected("913301007996 55058B", "space at position 13 is not allowed");
  std::string why;
  (void)CreditCode::try_parse("9133010079 9655058B", &why);
  EXPECT_EQ(why.find("surrounding"), std::string::npos) << why;
}

TEST(CreditCode, RegionPartMustBeDigits) {
  // "91A30100799655058A" has a correct GB 32100 check character; only the division is wrong.
  ASSERT_EQ(CreditCode::check_character("91A30100799655058"), 'A');
  expect_rejected("91A30100799655058A",
                  "character 'A' at position 3 is not a digit (positions 3-8 are the administrative division code)");
}

TEST(CreditCode, OrganizationCodeCheckIsStrictByDefault) {
  // Position 17 changed from 8 to 9 and position 18 recomputed: only GB 11714 fails.
  const std::string code = make_credit_code("91330100799655058").substr(0, 16) + "9" +
                           CreditCode::check_character("91330100799655059");
  ASSERT_EQ(code, "91330100799655059E");
  expect_rejected(code, "organization-code check character (position 17) should be '8' but is '9' "
                        "(GB 11714 check over positions 9-16)");
  const auto lenient = CreditCode::try_parse(code, nullptr, OrganizationCodeCheck::skip);
  ASSERT_TRUE(lenient.has_value());
  EXPECT_FALSE(lenient->organization_code_valid());
  EXPECT_EQ(CreditCode::parse(code, OrganizationCodeCheck::skip).text(), code);
  // skip relaxes GB 11714 only, never GB 32100.
  expect_rejected("91330100799655059F", "check character should be 'E' but is 'F'", OrganizationCodeCheck::skip);
}

TEST(CreditCode, RegionIsEmptyForNonProvinceDivision) {
  // Central institutions use division 100000, which is not a province-level code.
  const CreditCode central = CreditCode::parse("11100000000013127D");
  EXPECT_EQ(central.region_digits(), "100000");
  EXPECT_FALSE(central.region().has_value());
}

TEST(CreditCode, HelpersRejectBadArguments) {
  auto expect_invalid = [](auto f, const std::string& part) {
    try {
      f();
      ADD_FAILURE() << "no throw";
    } catch (const Error& e) {
      EXPECT_EQ(e.code(), ErrorCode::invalid_argument);
      EXPECT_NE(std::string(e.what()).find(part), std::string::npos) << e.what();
    }
  };
  expect_invalid([] { (void)CreditCode::check_character("9133010079965505"); }, "needs 17 characters, got 16");
  expect_invalid([] { (void)CreditCode::check_character("9133010079965505I"); }, "character 'I' at position 17");
  expect_invalid([] { (void)CreditCode::organization_check_character("7996550"); }, "needs 8 characters, got 7");
  expect_invalid([] { (void)CreditCode::organization_check_character("7996550a"); }, "lower-case 'a' at position 8");
  expect_invalid([] { (void)make_credit_code("913301007996550589"); }, "needs 17 characters, got 18");
  expect_invalid([] { (void)make_credit_code("91330100799655059"); },
                 "organization-code check character (position 17) should be '8' but is '9'");
  expect_invalid([] { (void)make_credit_code("91A30100799655058"); }, "position 3 is not a digit");
  expect_invalid([] { (void)complete_credit_code("9133010", "79965505"); }, "needs 8 + 8 characters, got 7 + 8");
  expect_invalid([] { (void)complete_credit_code("91330100", "7996550O"); }, "character 'O' at position 8");
}

TEST(CreditCode, TryParseLeavesWhyAloneOnSuccess) {
  std::string why = "untouched";
  EXPECT_TRUE(CreditCode::try_parse(kAlibaba, &why).has_value());
  EXPECT_EQ(why, "untouched");
  EXPECT_FALSE(CreditCode::try_parse("x").has_value());  // null why is fine
}

TEST(CreditCode, LongInputIsShortenedInTheMessage) {
  const std::string junk(200, '1');
  std::string why;
  (void)CreditCode::try_parse(junk, &why);
  EXPECT_NE(why.find("...\" is not a unified social credit code: wrong length 200"), std::string::npos) << why;
  EXPECT_LT(why.size(), 150u);
}

TEST(CreditCode, ComparesHashesAndPrints) {
  const CreditCode a = CreditCode::parse(kAlibaba);
  const CreditCode h = CreditCode::parse(kHuawei);
  EXPECT_EQ(a, CreditCode::parse(kAlibaba));
  EXPECT_NE(a, h);
  EXPECT_LT(a, h);  // "9133..." < "9144..."
  EXPECT_LE(a, a);
  EXPECT_GT(h, a);
  EXPECT_GE(h, a);
  EXPECT_EQ(std::hash<CreditCode>{}(a), std::hash<CreditCode>{}(CreditCode::parse(kAlibaba)));
  std::unordered_set<CreditCode> set{a, h, CreditCode::parse(kAlibaba)};
  EXPECT_EQ(set.size(), 2u);
  std::ostringstream out;
  out << a;
  EXPECT_EQ(out.str(), kAlibaba);
  static_assert(sizeof(CreditCode) == 18, "stored as its 18 characters");
}

TEST(CreditCode, EveryGeneratedCodeValidatesAndEverySubstitutionIsDetected) {
  std::mt19937 rng(20240501);  // fixed seed: reproducible
  auto pick = [&](std::string_view from) {
    return from[std::uniform_int_distribution<std::size_t>(0, from.size() - 1)(rng)];
  };
  const std::string_view digits = "0123456789";
  for (int n = 0; n < 120; ++n) {
    std::string prefix, body;
    prefix += pick(CreditCode::alphabet);
    prefix += pick(CreditCode::alphabet);
    for (int i = 0; i < 6; ++i) prefix += pick(digits);
    for (int i = 0; i < 8; ++i) body += pick(CreditCode::alphabet);
    const CreditCode code = complete_credit_code(prefix, body);
    const std::string text = code.to_string();
    SCOPED_TRACE(text);
    ASSERT_TRUE(CreditCode::is_valid(text));
    ASSERT_TRUE(code.organization_code_valid());
    ASSERT_EQ(text.substr(0, 16), prefix + body);
    ASSERT_EQ(make_credit_code(text.substr(0, 17)), text);
    // Every one of the 17 × 30 single substitutions changes the GB 32100 check
    // character (31 is prime and no weight is 0 mod 31), so none is accepted.
    for (std::size_t pos = 0; pos < 17; ++pos) {
      for (char c : CreditCode::alphabet) {
        if (c == text[pos]) continue;
        std::string bad = text;
        bad[pos] = c;
        ASSERT_NE(CreditCode::check_character(bad.substr(0, 17)), text[17]) << "position " << pos + 1 << " -> " << c;
        ASSERT_FALSE(CreditCode::is_valid(bad, OrganizationCodeCheck::skip));
      }
    }
  }
}

}  // namespace
}  // namespace duixian
