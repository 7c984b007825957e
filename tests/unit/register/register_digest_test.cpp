// Register::canonical_sha256: the canonical register text of docs/settlement.md, recomputed by hand.
#include <gtest/gtest.h>

#include <string>

#include "duixian/register.hpp"
#include "support/sha256.hpp"

namespace duixian {
namespace {

MetricSchema two_metrics() {
  MetricSchema schema;
  schema.add(Metric{"output_value", MetricType::money, PeriodKind::quarter, {}});
  schema.add(Metric{"rd_expense", MetricType::money, PeriodKind::year, {}});
  return schema;
}

Enterprise firm(const char* code, const char* name) {
  Enterprise e{CreditCode::parse(code), name, RegionCode::parse("330302"), IndustryCode::parse("C1952"),
               {"above_scale", "in_micro_park"}, Date::parse("2012-03-01"), {}};
  return e;
}

TEST(RegisterDigest, IsTheSha256OfTheDocumentedText) {
  RegisterBuilder b(two_metrics());
  const auto e = b.add_enterprise(firm("91330100799655058B", "某某鞋业\t有限公司"));
  b.add_fact(e, 1, Period::parse("2018"), FactValue::number(Decimal::parse("250000.5")));
  b.add_fact(e, 0, Period::parse("2019Q2"), FactValue::number(Decimal::parse("1200000.00")));
  b.add_fact(e, 0, Period::parse("2019Q1"), FactValue::number(Decimal::parse("1100000.00")));
  const Register reg = std::move(b).build();
  // Facts by metric in schema order, then period; the tab in the name is escaped.
  const std::string text =
      "duixian.register/1\n"
      "E\t91330100799655058B\t330302\tC1952\t2012-03-01\tabove_scale;in_micro_park\t某某鞋业\\t有限公司\n"
      "F\toutput_value\t2019Q1\t1100000.00\n"
      "F\toutput_value\t2019Q2\t1200000.00\n"
      "F\trd_expense\t2018\t250000.5\n";
  EXPECT_EQ(reg.canonical_sha256(), sha256_hex(text));
}

TEST(RegisterDigest, DoesNotDependOnInsertionOrderButOnEveryValue) {
  const auto build = [](bool reversed, const char* value) {
    RegisterBuilder b(two_metrics());
    const char* codes[] = {"91330100799655058B", "914403001922038216"};
    for (int i = 0; i < 2; ++i) {
      const auto e = b.add_enterprise(firm(codes[reversed ? 1 - i : i], "甲"));
      b.add_fact(e, 0, Period::parse("2019Q1"), FactValue::number(Decimal::parse(i == 0 ? value : "7.00")));
    }
    return std::move(b).build().canonical_sha256();
  };
  EXPECT_EQ(build(false, "7.00"), build(true, "7.00"));   // same content, other order
  EXPECT_NE(build(false, "7.00"), build(false, "7.01"));  // one fen differs
}

}  // namespace
}  // namespace duixian
