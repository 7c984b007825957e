// A second, different book (tests/data/policy-book-lakeside-2020.json: other ids,
// metrics, rates, year, regions and rules) loads with every field as written: nothing
// of the Wenzhou workload is built into the library.
#include <gtest/gtest.h>

#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "duixian/policy_book.hpp"
#include "test_paths.hpp"

namespace duixian {
namespace {

const PolicyBook& lakeside() {
  static const PolicyBook book = load_policy_book_file(test::source_path("tests/data/policy-book-lakeside-2020.json"));
  return book;
}

const Policy& policy(const std::string& id) { return lakeside().policies()[lakeside().find_policy(id).value()]; }

TEST(PolicyBookSecondBook, LoadsItsOwnSchemaAndRules) {
  const PolicyBook& b = lakeside();
  EXPECT_EQ(b.id(), "lakeside-2020");
  EXPECT_EQ(b.year(), 2020);
  ASSERT_EQ(b.schema().size(), 8U);
  EXPECT_EQ(b.schema()[*b.schema().find("headcount")].type, MetricType::integer);
  EXPECT_EQ(b.schema()[*b.schema().find("green_grade")].enum_values,
            (std::vector<std::string>{"green", "amber", "red"}));
  EXPECT_EQ(b.schema()[*b.schema().find("energy_saved_tce")].period_kind, PeriodKind::year);
  ASSERT_EQ(b.policies().size(), 7U);

  EXPECT_EQ(b.spec().stacking_groups,
            (std::vector<StackingGroup>{{"people", StackingRule::sum}, {"green.first", StackingRule::first}}));
  EXPECT_EQ(b.spec().excluded_categories, (std::vector<std::string>{"admin_fee", "social_security"}));
  for (std::size_t i = 0; i < 7; ++i) EXPECT_EQ(b.excluded_from_totals(i), i >= 5) << i;
}

TEST(PolicyBookSecondBook, SplitsFundingByTheFirstMatchingRule) {
  const Funding& f = lakeside().spec().funding;
  EXPECT_EQ(f.city_share(RegionCode::parse("440304")), Decimal(1));
  EXPECT_EQ(f.city_share(RegionCode::parse("440305")), Decimal::parse("0.6"));
  EXPECT_EQ(f.city_share(RegionCode::parse("441900")), Decimal::parse("0.6"));
  EXPECT_EQ(f.city_share(RegionCode::parse("440106")), Decimal(0));
  EXPECT_EQ(f.city_share(RegionCode::parse("330302")), Decimal(0));
}

TEST(PolicyBookSecondBook, CapsEveryRewardWhenNoneIsExempt) {
  const PolicyBook& b = lakeside();
  ASSERT_TRUE(b.spec().enterprise_cap);
  EXPECT_TRUE(b.spec().enterprise_cap->exempt.empty());
  EXPECT_EQ(b.spec().enterprise_cap->cap, "max(50% * paid_taxes[prev_year], 20万)");
  for (std::size_t i = 0; i < 7; ++i) {
    EXPECT_EQ(b.counts_toward_enterprise_cap(i), b.policies()[i].kind == PolicyKind::reward) << i;
  }
}

TEST(PolicyBookSecondBook, ReadsEveryKindOfPolicyField) {
  const Policy& listing = policy("listing_bonus");
  EXPECT_EQ(listing.document_number, "LS-2020-001");
  EXPECT_EQ(listing.category, "capital_markets");
  EXPECT_EQ(listing.basis, PolicyBasis::event);
  EXPECT_EQ(listing.event_date, "listed_on");
  EXPECT_EQ(listing.schedule, Schedule::lump_on_date("add_months(listed_on, 3)"));
  const std::size_t li = *lakeside().find_policy("listing_bonus");
  EXPECT_EQ(lakeside().formulas(li).event_date.type(), FormulaType::date);
  EXPECT_EQ(lakeside().formulas(li).schedule_date.text(), "add_months(listed_on, 3)");

  const Policy& hiring = policy("hiring.subsidy");
  EXPECT_EQ(hiring.line_cap, LineCap::fixed(Decimal(30000)));
  EXPECT_EQ(hiring.rounding, (PolicyRounding{0, RoundingMode::down}));
  EXPECT_EQ(hiring.stacking_group, "people");
  EXPECT_EQ(hiring.amount, "new_hires[this_quarter] * 1500元");
  EXPECT_EQ(*hiring.budget, Decimal(50000));  // per quarter: the basis is per_quarter

  const Policy& training = policy("training.subsidy");
  EXPECT_EQ(training.valid_until, Date::from_ymd(2020, 9, 30));
  EXPECT_EQ(training.line_cap, LineCap::of_formula("5% * sales_revenue[this_quarter]"));
  EXPECT_EQ(lakeside().formulas(*lakeside().find_policy("training.subsidy")).line_cap.type(), FormulaType::money);

  const Policy& energy = policy("energy-saving");
  EXPECT_EQ(energy.basis, PolicyBasis::annual);
  EXPECT_EQ(energy.rounding, (PolicyRounding{-2, RoundingMode::half_even}));
  EXPECT_EQ(energy.budget->to_string(), "5000000.00");  // the scale as written
  EXPECT_EQ(*energy.annual_cap, Decimal(800000));
  EXPECT_EQ(energy.schedule, Schedule::instalments({Quarter(2020, 3), Quarter(2020, 4)}));

  EXPECT_EQ(policy("green-grade-award").schedule, Schedule::lump_in_quarter(Quarter(2020, 4)));

  const Policy& fee = policy("fee-waiver");
  EXPECT_EQ(fee.kind, PolicyKind::burden_reduction);
  EXPECT_EQ(fee.valid_from, Date::from_ymd(2020, 2, 1));
  EXPECT_EQ(fee.valid_until, Date::from_ymd(2020, 6, 30));
  EXPECT_FALSE(fee.in_force_during(Quarter(2020, 3).range()));
}

// The rule of the formula language: the library knows no policy of any book.
TEST(PolicyBookSecondBook, NoWenzhouPolicyIdOrMetricNameIsInTheLibrarySources) {
  const char* forbidden[] = {
      "R1-tech-upgrade", "R2-smart-manufacturing", "R3-first-above-scale", "R4-rd-increment", "R5-q1-growth",
      "R6-micro-park-rent", "R7-loan-interest", "B1-pension-rate", "B2-vat-rate", "B3-power-price", "B4-land-tax",
      "B5-export-rebate", "equipment_investment", "smart_investment", "rd_expense", "output_value",
      "pension_wage_base", "taxable_sales", "export_sales", "park_rent", "electricity_kwh", "land_area_sqm",
      "per_mu_grade", "local_contribution", "above_scale_since", "park_entry_date", "tech_loan_amount",
      "tech_loan_start", "tech_loan_end", "export_rebate"};
  const std::string dir = test::source_path("src");
  std::size_t files = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(dir)) {
    const std::string name = entry.path().string().substr(dir.size() + 1);
    if (name.size() < 5 || (name.substr(name.size() - 4) != ".cpp" && name.substr(name.size() - 4) != ".hpp")) continue;
    std::ifstream in(entry.path());
    std::stringstream text;
    text << in.rdbuf();
    ++files;
    // Allowed: the totals.json keys that issue 6 fixes for every book, holding the
    // figures of whatever categories a book excludes (Wenzhou's export rebates).
    std::string source = text.str();
    for (const char* key : {"\"export_rebate_quarter\"", "\"export_rebate_ytd\""}) {
      for (std::size_t at = source.find(key); at != std::string::npos; at = source.find(key)) source.erase(at, std::strlen(key));
    }
    for (const char* word : forbidden) EXPECT_EQ(source.find(word), std::string::npos) << word << " in src/" << name;
  }
  EXPECT_GE(files, 20U);
}

}  // namespace
}  // namespace duixian
