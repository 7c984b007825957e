// Enterprise: tags and dated attributes.
#include <gtest/gtest.h>

#include "duixian/enterprise.hpp"

namespace duixian {
namespace {

TEST(ParseTags, SplitsSortsAndDeduplicates) {
  EXPECT_TRUE(parse_tags("").empty());
  EXPECT_EQ(parse_tags("in_micro_park;above_scale;in_micro_park"),
            (std::vector<std::string>{"above_scale", "in_micro_park"}));
  EXPECT_EQ(parse_tags("a1_b"), (std::vector<std::string>{"a1_b"}));
  for (const char* bad : {"above_scale;", ";x", "a;;b", "Above", "a b", "1abc", "标签", " a"}) {
    try {
      parse_tags(bad);
      ADD_FAILURE() << bad << " accepted";
    } catch (const Error& e) {
      EXPECT_EQ(e.code(), ErrorCode::parse_error) << bad;
      EXPECT_NE(std::string(e.what()).find("must match"), std::string::npos) << e.what();
    }
  }
}

TEST(Enterprise, DatedAttributesAnswerForADay) {
  Enterprise e{complete_credit_code("91330302", "00000001"), "甲", RegionCode::parse("330302"),
               IndustryCode::parse("C1952"), {"above_scale"}, Date::parse("2010-01-01"), {}};
  e.attributes.push_back({"park", Date::parse("2016-02-29"), Date::parse("2019-02-27"), "瓯海小微园"});
  e.attributes.push_back({"park", Date::parse("2019-03-01"), std::nullopt, "龙湾小微园"});
  e.attributes.push_back({"scale", Date::parse("2019-01-01"), std::nullopt, "规上"});
  EXPECT_EQ(e.attribute("park", Date::parse("2016-02-29")), "瓯海小微园");
  EXPECT_EQ(e.attribute("park", Date::parse("2019-02-27")), "瓯海小微园");  // inclusive end
  EXPECT_FALSE(e.attribute("park", Date::parse("2019-02-28")).has_value());  // the gap
  EXPECT_EQ(e.attribute("park", Date::parse("2025-01-01")), "龙湾小微园");  // open-ended
  EXPECT_FALSE(e.attribute("park", Date::parse("2016-02-28")).has_value());
  EXPECT_FALSE(e.attribute("missing", Date::parse("2019-06-01")).has_value());
  // Overlapping spans: the one that started last wins.
  e.attributes.push_back({"scale", Date::parse("2019-06-01"), Date::parse("2019-06-30"), "规下"});
  EXPECT_EQ(e.attribute("scale", Date::parse("2019-06-15")), "规下");
  EXPECT_EQ(e.attribute("scale", Date::parse("2019-07-01")), "规上");
  EXPECT_TRUE(e.has_tag("above_scale"));
  EXPECT_FALSE(e.has_tag("above"));
}

}  // namespace
}  // namespace duixian
