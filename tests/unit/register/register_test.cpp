// Metric schema, fact values, and the register with its column-wise fact store.
#include <gtest/gtest.h>

#include <cstdio>
#include <map>
#include <random>
#include <tuple>
#include <string>

#include "duixian/register.hpp"

namespace duixian {
namespace {

MetricSchema test_schema() {
  MetricSchema s;
  s.add({"output_value", MetricType::money, PeriodKind::quarter, {}});
  s.add({"grade", MetricType::enumeration, PeriodKind::year, {"A", "B"}});
  s.add({"entry_date", MetricType::date, PeriodKind::timeless, {}});
  s.add({"staff", MetricType::integer, PeriodKind::month, {}});
  s.add({"note", MetricType::text, PeriodKind::timeless, {}});
  s.add({"area", MetricType::quantity, PeriodKind::timeless, {}});
  return s;
}

Enterprise enterprise(const std::string& body, std::vector<std::string> tags = {}) {
  return Enterprise{complete_credit_code("91330302", body), "企业 " + body, RegionCode::parse("330302"),
                    IndustryCode::parse("C1952"), std::move(tags), Date::parse("2010-05-04"), {}};
}

TEST(MetricSchema, AddsFindsAndRejects) {
  MetricSchema s = test_schema();
  EXPECT_EQ(s.size(), 6u);
  EXPECT_EQ(s.find("grade"), MetricId{1});
  EXPECT_FALSE(s.find("Grade").has_value());
  EXPECT_EQ(s[2].type, MetricType::date);
  EXPECT_EQ(s.names(), "output_value, grade, entry_date, staff, note, area");
  EXPECT_THROW(s.add({"grade", MetricType::money, PeriodKind::year, {}}), Error);
  EXPECT_THROW(s.add({"Bad", MetricType::money, PeriodKind::year, {}}), Error);
  EXPECT_THROW(s.add({"", MetricType::money, PeriodKind::year, {}}), Error);
  EXPECT_THROW(s.add({"e", MetricType::enumeration, PeriodKind::year, {}}), Error);
  EXPECT_THROW(s.add({"m", MetricType::money, PeriodKind::year, {"A"}}), Error);
}

TEST(MetricType, NamesRoundTrip) {
  for (MetricType t : {MetricType::money, MetricType::decimal, MetricType::quantity, MetricType::integer,
                       MetricType::date, MetricType::enumeration, MetricType::text}) {
    EXPECT_EQ(parse_metric_type(to_string(t)), t);
  }
  EXPECT_STREQ(to_string(MetricType::enumeration), "enum");
  EXPECT_FALSE(parse_metric_type("float").has_value());
  EXPECT_TRUE(is_numeric(MetricType::integer));
  EXPECT_FALSE(is_numeric(MetricType::date));
}

TEST(FactValue, ParsesByMetricTypeWithReasons) {
  const MetricSchema s = test_schema();
  EXPECT_EQ(parse_fact_value(s[0], "1234567.89").as_number().to_string(), "1234567.89");
  EXPECT_EQ(parse_fact_value(s[1], "B").as_text(), "B");
  EXPECT_EQ(parse_fact_value(s[2], "2016-02-29").as_date(), Date::parse("2016-02-29"));
  EXPECT_EQ(parse_fact_value(s[3], "-12").as_number(), Decimal(-12));
  EXPECT_EQ(parse_fact_value(s[4], "any, text \"here\"").as_text(), "any, text \"here\"");
  auto message = [&](MetricId id, const char* text) -> std::string {
    try {
      parse_fact_value(s[id], text);
    } catch (const Error& e) {
      EXPECT_EQ(e.code(), ErrorCode::parse_error);
      return e.what();
    }
    return "(accepted)";
  };
  EXPECT_NE(message(1, "E").find("expected one of A, B"), std::string::npos) << message(1, "E");
  EXPECT_NE(message(1, "a").find("expected one of A, B"), std::string::npos);
  EXPECT_NE(message(0, "1,000").find("grouping"), std::string::npos) << message(0, "1,000");
  EXPECT_NE(message(3, "1.0").find("an integer"), std::string::npos);
  EXPECT_NE(message(3, "").find("an integer"), std::string::npos);
  EXPECT_NE(message(2, "2019-02-29").find("a date YYYY-MM-DD"), std::string::npos);
  EXPECT_NE(message(0, "").find("expected a decimal"), std::string::npos);
}

TEST(FactValue, KindsAndEquality) {
  const FactValue n = FactValue::number(Decimal::parse("1.5"));
  EXPECT_TRUE(n.is_number());
  EXPECT_FALSE(n.is_date());
  EXPECT_THROW(n.as_date(), Error);
  EXPECT_THROW(n.as_text(), Error);
  EXPECT_EQ(n, FactValue::number(Decimal::parse("1.50")));
  EXPECT_NE(n, FactValue::text("1.5"));
  EXPECT_EQ(FactValue::date(Date::parse("2019-05-01")).to_string(), "2019-05-01");
  EXPECT_THROW(FactValue::text("x").as_number(), Error);
}

TEST(Register, StoresAndFindsFactsOfEveryType) {
  RegisterBuilder b(test_schema());
  const EnterpriseIndex e0 = b.add_enterprise(enterprise("00000001", {"in_park", "above_scale", "in_park"}));
  const EnterpriseIndex e1 = b.add_enterprise(enterprise("00000002"));
  const Period q1 = Period::parse("2019Q1");
  const Period none = Period::parse("");
  EXPECT_EQ(b.add_fact(e0, 0, q1, FactValue::number(Decimal::parse("1200000.50"))), FactInsert::added);
  EXPECT_EQ(b.add_fact(e0, 1, Period::parse("2018"), FactValue::text("A")), FactInsert::added);
  EXPECT_EQ(b.add_fact(e0, 2, none, FactValue::date(Date::parse("2016-02-29"))), FactInsert::added);
  EXPECT_EQ(b.add_fact(e1, 3, Period::parse("2019-05"), FactValue::number(Decimal(42))), FactInsert::added);
  EXPECT_EQ(b.add_fact(e1, 4, none, FactValue::text("备注, \"quoted\"")), FactInsert::added);
  // Beyond the compact range: kept exactly in the side table.
  const Decimal huge = Decimal::parse("12345678901234567890123456.789");
  EXPECT_EQ(b.add_fact(e1, 5, none, FactValue::number(huge)), FactInsert::added);
  const Register reg = std::move(b).build();

  EXPECT_EQ(reg.size(), 2u);
  EXPECT_EQ(reg.fact_count(), 6u);
  EXPECT_EQ(reg[e0].tags, (std::vector<std::string>{"above_scale", "in_park"}));  // sorted, unique
  EXPECT_TRUE(reg[e0].has_tag("in_park"));
  EXPECT_FALSE(reg[e1].has_tag("in_park"));
  EXPECT_EQ(reg.find(complete_credit_code("91330302", "00000002")), e1);
  EXPECT_FALSE(reg.find(complete_credit_code("91330302", "00000003")).has_value());

  EXPECT_EQ(reg.number(e0, 0, q1)->to_string(), "1200000.50");  // the scale is kept
  EXPECT_EQ(reg.fact(e0, 1, Period::parse("2018"))->as_text(), "A");
  EXPECT_EQ(*reg.date(e0, 2, none), Date::parse("2016-02-29"));
  EXPECT_EQ(*reg.number(e1, 3, Period::parse("2019-05")), Decimal(42));
  EXPECT_EQ(reg.fact(e1, 4, none)->as_text(), "备注, \"quoted\"");
  EXPECT_EQ(reg.number(e1, 5, none)->to_string(), huge.to_string());
}

TEST(Register, AMissingFactIsNotZero) {
  RegisterBuilder b(test_schema());
  const EnterpriseIndex e0 = b.add_enterprise(enterprise("00000001"));
  b.add_fact(e0, 0, Period::parse("2019Q1"), FactValue::number(Decimal(0)));
  const Register reg = std::move(b).build();
  ASSERT_TRUE(reg.number(e0, 0, Period::parse("2019Q1")).has_value());
  EXPECT_TRUE(reg.number(e0, 0, Period::parse("2019Q1"))->is_zero());
  EXPECT_FALSE(reg.number(e0, 0, Period::parse("2019Q2")).has_value());  // missing, not zero
  EXPECT_FALSE(reg.fact(e0, 2, Period::parse("")).has_value());
  EXPECT_FALSE(reg.number(e0, 2, Period::parse("")).has_value());  // wrong type asks give nothing
  EXPECT_FALSE(reg.date(e0, 0, Period::parse("2019Q1")).has_value());
  EXPECT_FALSE(reg.number(e0, 99, Period::parse("2019Q1")).has_value());
}

TEST(RegisterBuilder, RejectsBadInputAndLeavesTheBuilderAsItWas) {
  RegisterBuilder b(test_schema());
  const EnterpriseIndex e0 = b.add_enterprise(enterprise("00000001"));
  auto expect_invalid = [](auto&& f, const char* fragment) {
    try {
      f();
      ADD_FAILURE() << "accepted; expected " << fragment;
    } catch (const Error& e) {
      EXPECT_EQ(e.code(), ErrorCode::invalid_argument);
      EXPECT_NE(std::string(e.what()).find(fragment), std::string::npos) << e.what();
    }
  };
  expect_invalid([&] { b.add_enterprise(enterprise("00000001")); }, "already registered");
  expect_invalid([&] { b.add_fact(7, 0, Period::parse("2019Q1"), FactValue::number(Decimal(1))); }, "no enterprise");
  expect_invalid([&] { b.add_fact(e0, 42, Period::parse("2019Q1"), FactValue::number(Decimal(1))); }, "no metric");
  expect_invalid([&] { b.add_fact(e0, 0, Period::parse("2019"), FactValue::number(Decimal(1))); },
                 "kept per quarter, not per year");
  expect_invalid([&] { b.add_fact(e0, 0, Period::parse("2019Q1"), FactValue::text("x")); }, "does not fit");
  expect_invalid([&] { b.add_fact(e0, 1, Period::parse("2018"), FactValue::text("C")); }, "does not fit");
  expect_invalid([&] { b.add_fact(e0, 3, Period::parse("2019-01"), FactValue::number(Decimal::parse("1.5"))); },
                 "does not fit");
  EXPECT_EQ(b.add_fact(e0, 0, Period::parse("2019Q1"), FactValue::number(Decimal::parse("5.0"))), FactInsert::added);
  EXPECT_EQ(b.add_fact(e0, 0, Period::parse("2019Q1"), FactValue::number(Decimal::parse("5.00"))),
            FactInsert::duplicate);
  expect_invalid([&] { b.add_fact(e0, 0, Period::parse("2019Q1"), FactValue::number(Decimal(6))); },
                 "is already 5.0, not 6");
  EXPECT_EQ(b.view().number(e0, 0, Period::parse("2019Q1"))->to_string(), "5.0");
  EXPECT_EQ(b.revise_fact(e0, 0, Period::parse("2019Q1"), FactValue::number(Decimal(6))), FactInsert::replaced);
  EXPECT_EQ(b.revise_fact(e0, 0, Period::parse("2019Q2"), FactValue::number(Decimal(7))), FactInsert::added);
  const Register reg = std::move(b).build();
  EXPECT_EQ(reg.number(e0, 0, Period::parse("2019Q1"))->to_string(), "6");
  EXPECT_EQ(reg.fact_count(), 2u);
  EXPECT_EQ(reg.size(), 1u);
}

TEST(Register, AgreesWithAMapOnRandomFactsAndStaysCompact) {
  // Property: after random inserts (with duplicates), every lookup matches a
  // std::map model, including misses; memory stays well under 64 bytes a fact.
  MetricSchema s;
  s.add({"m0", MetricType::money, PeriodKind::quarter, {}});
  s.add({"m1", MetricType::decimal, PeriodKind::year, {}});
  RegisterBuilder b(std::move(s));
  constexpr int kEnterprises = 3000;
  for (int i = 0; i < kEnterprises; ++i) {
    char body[9];
    std::snprintf(body, sizeof body, "%08d", i);
    b.add_enterprise(enterprise(body));
  }
  std::mt19937_64 rng(99);
  std::map<std::tuple<EnterpriseIndex, MetricId, std::int32_t>, Decimal> model;
  for (int i = 0; i < 60000; ++i) {
    const auto e = static_cast<EnterpriseIndex>(rng() % kEnterprises);
    const auto m = static_cast<MetricId>(rng() % 2);
    const Period p = m == 0 ? Period::parse("2019Q" + std::to_string(1 + rng() % 4))
                            : Period::parse(std::to_string(2015 + rng() % 5));
    const Decimal v = Decimal::from_parts(static_cast<long long>(rng() % 100000000000ULL) - 50000000000LL,
                                          static_cast<int>(rng() % 5));
    const auto key = std::make_tuple(e, m, p.key());
    const auto it = model.find(key);
    if (it == model.end()) {
      EXPECT_EQ(b.add_fact(e, m, p, FactValue::number(v)), FactInsert::added);
      model.emplace(key, v);
    } else if (it->second == v) {
      EXPECT_EQ(b.add_fact(e, m, p, FactValue::number(v)), FactInsert::duplicate);
    } else {
      EXPECT_THROW(b.add_fact(e, m, p, FactValue::number(v)), Error);
    }
  }
  const Register reg = std::move(b).build();
  EXPECT_EQ(reg.fact_count(), model.size());
  for (const auto& [key, value] : model) {
    const auto got = reg.number(std::get<0>(key), std::get<1>(key), Period::from_key(std::get<2>(key)));
    ASSERT_TRUE(got.has_value());
    EXPECT_EQ(got->to_string(), value.to_string());
  }
  EXPECT_FALSE(reg.number(0, 0, Period::parse("2020Q1")).has_value());
  EXPECT_LT(reg.fact_memory_bytes() / reg.fact_count(), 64u);
}

TEST(RegisterHandle, CopiesShareTheDataAndABuilderViewIsASnapshot) {
  RegisterBuilder b(test_schema());
  const EnterpriseIndex first = b.add_enterprise(enterprise("00000001"));
  b.add_fact(first, 0, Period::parse("2019Q1"), FactValue::number(Decimal::parse("1.00")));
  const Register early = b.view();  // a copy taken while building
  b.add_enterprise(enterprise("00000002"));
  b.add_fact(first, 0, Period::parse("2019Q2"), FactValue::number(Decimal::parse("2.00")));
  EXPECT_EQ(early.size(), 1U);  // later additions do not reach it
  EXPECT_EQ(early.fact_count(), 1U);
  EXPECT_FALSE(early.number(first, 0, Period::parse("2019Q2")));
  const Register reg = std::move(b).build();
  EXPECT_EQ(reg.size(), 2U);
  EXPECT_EQ(reg.fact_count(), 2U);
  const Register copy = reg;  // NOLINT(performance-unnecessary-copy-initialization)
  EXPECT_EQ(&copy.enterprises(), &reg.enterprises());  // shared, not copied
  EXPECT_EQ(&copy.canonical_sha256(), &reg.canonical_sha256());
  EXPECT_NE(early.canonical_sha256(), reg.canonical_sha256());
  Register second = reg;
  const Register moved = std::move(second);
  EXPECT_EQ(&moved.enterprises(), &reg.enterprises());
}

}  // namespace
}  // namespace duixian
