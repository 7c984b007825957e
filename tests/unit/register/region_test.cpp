// RegionCode: GB/T 2260 form and province checks, derivations, prefix matching, names.
#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <unordered_set>

#include "duixian/region.hpp"

namespace duixian {
namespace {

void expect_rejected(std::string_view text, const std::string& part) {
  SCOPED_TRACE(std::string(text));
  try {
    (void)RegionCode::parse(text);
    ADD_FAILURE() << "accepted";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::parse_error);
    EXPECT_NE(std::string(e.what()).find(part), std::string::npos) << e.what();
  }
  std::string why;
  EXPECT_FALSE(RegionCode::try_parse(text, &why).has_value());
  EXPECT_NE(why.find(part), std::string::npos) << why;
}

TEST(RegionCode, ParsesSixDigits) {
  const RegionCode r = RegionCode::parse("330302");
  EXPECT_EQ(r.code(), 330302);
  EXPECT_EQ(r.to_string(), "330302");
  EXPECT_EQ(RegionCode::parse("820000").code(), 820000);
  EXPECT_EQ(RegionCode::parse("110101").code(), 110101);
  EXPECT_EQ(RegionCode::from_int(330383), RegionCode::parse("330383"));
  std::string why = "untouched";
  EXPECT_TRUE(RegionCode::try_parse("330000", &why).has_value());
  EXPECT_EQ(why, "untouched");
}

TEST(RegionCode, RejectsBadText) {
  expect_rejected("", "\"\" is not a GB/T 2260 region code: empty text");
  expect_rejected("33030", "wrong length 5 (a region code has 6 digits)");
  expect_rejected("3303020", "wrong length 7");
  expect_rejected("33a302", "character 'a' at position 3 is not a digit");
  expect_rejected(" 330302", "space at position 1 is not a digit (spaces are not trimmed)");
  expect_rejected("330302 ", "space at position 7 is not a digit");
  expect_rejected("+33030", "character '+' at position 1 is not a digit");
  expect_rejected("33030\xEF\xBC\x92", "byte 0xEF at position 6 is not a digit");  // full-width ２
}

TEST(RegionCode, RejectsUnknownProvinces) {
  for (const char* text : {"000000", "100000", "160000", "240000", "380000", "470000", "550000", "660000", "700000",
                           "720000", "800000", "830000", "990000"}) {
    expect_rejected(text, "province part " + std::string(text, 2) +
                              " is not a province-level code (GB/T 2260 provinces: 11-15, 21-23, 31-37, 41-46, "
                              "50-54, 61-65, 71, 81, 82)");
  }
  expect_rejected("330001", "county part 01 under city part 00");
}

TEST(RegionCode, AcceptsEveryProvinceAndNamesIt) {
  int count = 0;
  for (int pp = 0; pp < 100; ++pp) {
    const std::string text = std::to_string(pp * 10000 + 1000000).substr(1);  // zero-padded PP0000
    const bool ok = RegionCode::try_parse(text).has_value();
    EXPECT_EQ(ok, is_province_part(pp)) << text;
    if (!ok) continue;
    ++count;
    const RegionCode r = RegionCode::parse(text);
    EXPECT_TRUE(region_name(r).has_value()) << text;
    EXPECT_EQ(full_region_name(r), std::string(*region_name(r)));
  }
  EXPECT_EQ(count, 34);
  EXPECT_EQ(region_name(RegionCode::parse("110000")), "北京市");
  EXPECT_EQ(region_name(RegionCode::parse("450000")), "广西壮族自治区");
  EXPECT_EQ(region_name(RegionCode::parse("650000")), "新疆维吾尔自治区");
  EXPECT_EQ(region_name(RegionCode::parse("710000")), "台湾省");
  EXPECT_EQ(region_name(RegionCode::parse("810000")), "香港特别行政区");
  EXPECT_EQ(region_name(RegionCode::parse("820000")), "澳门特别行政区");
}

TEST(RegionCode, FromIntChecksLikeParse) {
  for (int bad : {0, 99999, 1000000, -330302, 100000, 330001}) {
    EXPECT_THROW((void)RegionCode::from_int(bad), Error) << bad;
    try {
      (void)RegionCode::from_int(bad);
    } catch (const Error& e) {
      EXPECT_EQ(e.code(), ErrorCode::invalid_argument);
    }
  }
}

TEST(RegionCode, DerivesProvinceAndCity) {
  const RegionCode lucheng = RegionCode::parse("330302");
  EXPECT_EQ(lucheng.province().code(), 330000);
  EXPECT_EQ(lucheng.city().code(), 330300);
  EXPECT_TRUE(lucheng.is_county_level());
  EXPECT_FALSE(lucheng.is_city_level());
  EXPECT_FALSE(lucheng.is_province_level());

  const RegionCode wenzhou = RegionCode::parse("330300");
  EXPECT_TRUE(wenzhou.is_city_level());
  EXPECT_FALSE(wenzhou.is_province_level());
  EXPECT_FALSE(wenzhou.is_county_level());
  EXPECT_EQ(wenzhou.city(), wenzhou);
  EXPECT_EQ(wenzhou.province().code(), 330000);

  const RegionCode zhejiang = RegionCode::parse("330000");
  EXPECT_TRUE(zhejiang.is_province_level());
  EXPECT_FALSE(zhejiang.is_city_level());
  EXPECT_EQ(zhejiang.city(), zhejiang);  // documented: a province lies in no city
  EXPECT_EQ(zhejiang.province(), zhejiang);
}

TEST(RegionCode, MatchesByDigitPrefix) {
  const RegionCode lucheng = RegionCode::parse("330302");
  EXPECT_TRUE(lucheng.starts_with("3303"));
  EXPECT_TRUE(lucheng.starts_with("33"));
  EXPECT_TRUE(lucheng.starts_with("330302"));
  EXPECT_TRUE(lucheng.starts_with(""));
  EXPECT_FALSE(lucheng.starts_with("3304"));
  EXPECT_FALSE(lucheng.starts_with("330300"));
  EXPECT_FALSE(lucheng.starts_with("3303021"));
  EXPECT_FALSE(lucheng.starts_with("33 3"));
  EXPECT_FALSE(lucheng.starts_with("ab"));
}

TEST(RegionCode, ContainsByLevel) {
  const RegionCode zhejiang = RegionCode::parse("330000");
  const RegionCode wenzhou = RegionCode::parse("330300");
  const RegionCode lucheng = RegionCode::parse("330302");
  const RegionCode hangzhou = RegionCode::parse("330100");
  EXPECT_TRUE(zhejiang.contains(wenzhou));
  EXPECT_TRUE(zhejiang.contains(lucheng));
  EXPECT_TRUE(zhejiang.contains(zhejiang));
  EXPECT_TRUE(wenzhou.contains(lucheng));
  EXPECT_FALSE(hangzhou.contains(lucheng));
  EXPECT_FALSE(lucheng.contains(wenzhou));
  EXPECT_TRUE(lucheng.contains(lucheng));
  EXPECT_FALSE(zhejiang.contains(RegionCode::parse("320000")));
}

TEST(RegionCode, NamesWenzhou) {
  const std::pair<int, const char*> wenzhou[] = {
      {330000, "浙江省"}, {330300, "温州市"}, {330302, "鹿城区"}, {330303, "龙湾区"}, {330304, "瓯海区"},
      {330305, "洞头区"}, {330324, "永嘉县"}, {330326, "平阳县"}, {330327, "苍南县"}, {330328, "文成县"},
      {330329, "泰顺县"}, {330381, "瑞安市"}, {330382, "乐清市"}, {330383, "龙港市"}};
  for (const auto& [code, name] : wenzhou) {
    EXPECT_EQ(region_name(RegionCode::from_int(code)), name) << code;
  }
  EXPECT_EQ(full_region_name(RegionCode::parse("330302")), "浙江省温州市鹿城区");
  EXPECT_EQ(full_region_name(RegionCode::parse("330383")), "浙江省温州市龙港市");
  EXPECT_EQ(full_region_name(RegionCode::parse("330300")), "浙江省温州市");
  EXPECT_EQ(full_region_name(RegionCode::parse("330100")), "浙江省杭州市");
  EXPECT_EQ(full_region_name(RegionCode::parse("330000")), "浙江省");
}

TEST(RegionCode, FullNameNeverDropsTheCodeItself) {
  EXPECT_FALSE(region_name(RegionCode::parse("330399")).has_value());
  EXPECT_EQ(full_region_name(RegionCode::parse("330399")), "浙江省温州市330399");
  EXPECT_EQ(full_region_name(RegionCode::parse("110101")), "北京市110101");  // 110100 not in the table
  EXPECT_EQ(full_region_name(RegionCode::parse("339900")), "浙江省339900");
  EXPECT_EQ(full_region_name(RegionCode::parse("330102")), "浙江省杭州市330102");
}

TEST(RegionCode, ComparesHashesAndPrints) {
  const RegionCode a = RegionCode::parse("330302");
  const RegionCode b = RegionCode::parse("330303");
  EXPECT_EQ(a, RegionCode::from_int(330302));
  EXPECT_NE(a, b);
  EXPECT_LT(a, b);
  EXPECT_LE(a, a);
  EXPECT_GT(b, a);
  EXPECT_GE(b, a);
  std::unordered_set<RegionCode> set{a, b, RegionCode::parse("330302")};
  EXPECT_EQ(set.size(), 2u);
  std::ostringstream out;
  out << a;
  EXPECT_EQ(out.str(), "330302");
}

}  // namespace
}  // namespace duixian
