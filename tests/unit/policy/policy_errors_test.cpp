// Every kind of mistake in a JSON policy book is refused when it loads, at its exact
// line and column, with what was expected; all of them are reported, not just the first.
#include <gtest/gtest.h>

#include <string>

#include "duixian/policy_book.hpp"

namespace duixian {
namespace {

// A small valid book; each test changes one thing in it.
const std::string kBase = R"({
  "format": "duixian.policy-book/1",
  "id": "mini",
  "title": "Mini",
  "currency": "CNY",
  "year": 2019,
  "metrics": [
    {"name": "sales", "type": "money", "period": "quarter"},
    {"name": "grade", "type": "enum", "period": "year", "values": ["A", "B"]},
    {"name": "since", "type": "date", "period": "timeless"}
  ],
  "stacking_groups": [{"id": "g", "rule": "max"}],
  "excluded_from_totals": ["rebate"],
  "funding": {"rules": [{"regions": ["3303"], "city_share": 0.5}], "default_city_share": 0.3},
  "enterprise_cap": {"applies_if": "registered_on < |2016-01-01|", "cap": "100万", "exempt": ["a"]},
  "policies": [
    {"id": "a", "title": "A", "kind": "reward", "basis": "annual", "amount": "10% * sales[2018Q4]",
     "stacking_group": "g", "schedule": {"kind": "lump_in_quarter", "quarter": "2019Q2"}},
    {"id": "b", "title": "B", "kind": "reward", "basis": "annual", "amount": "1万", "stacking_group": "g",
     "schedule": {"kind": "instalments", "quarters": ["2019Q1", "2019Q2"]}},
    {"id": "c", "title": "C", "kind": "burden_reduction", "category": "rebate", "basis": "per_quarter",
     "amount": "1% * sales[this_quarter]"}
  ]
})";

std::string replaced(std::string text, const std::string& from, const std::string& to) {
  const auto at = text.find(from);
  if (at == std::string::npos) throw std::runtime_error("test bug: no \"" + from + "\" in the book");
  return text.replace(at, from.size(), to);
}

// Line and column (code points) of the `occurrence`-th `anchor` in `text`, plus `shift` columns.
std::pair<std::size_t, std::size_t> where(const std::string& text, const std::string& anchor, int occurrence = 1,
                                          std::size_t shift = 0) {
  std::size_t at = std::string::npos;
  for (int i = 0; i < occurrence; ++i) at = text.find(anchor, at == std::string::npos ? 0 : at + 1);
  if (at == std::string::npos) throw std::runtime_error("test bug: no \"" + anchor + "\" in the book");
  std::size_t line = 1;
  std::size_t column = 1;
  for (std::size_t i = 0; i < at; ++i) {
    if (text[i] == '\n') {
      ++line;
      column = 1;
    } else if ((static_cast<unsigned char>(text[i]) & 0xC0U) != 0x80U) {
      ++column;
    }
  }
  return {line, column + shift};
}

std::string all(const Diagnostics& ds) {
  std::string out;
  for (const Diagnostic& d : ds) out += to_string(d) + "\n";
  return out;
}

// The book must fail with exactly one error, at `anchor`, whose message contains `fragment`.
void expect_error(const std::string& json, const std::string& anchor, const std::string& fragment, int occurrence = 1,
                  std::size_t shift = 0) {
  const PolicyBookLoad r = read_policy_book(json, "book.json");
  EXPECT_FALSE(r.book);
  ASSERT_EQ(r.diagnostics.size(), 1U) << all(r.diagnostics);
  const Diagnostic& d = r.diagnostics[0];
  const auto [line, column] = where(json, anchor, occurrence, shift);
  EXPECT_EQ(d.file, "book.json");
  EXPECT_EQ(d.line, line) << to_string(d);
  EXPECT_EQ(d.column, column) << to_string(d);
  EXPECT_NE(d.message.find(fragment), std::string::npos) << to_string(d) << "\n  expected to contain: " << fragment;
}

TEST(PolicyBookErrors, TheBaseBookLoads) {
  const PolicyBookLoad r = read_policy_book(kBase, "book.json");
  EXPECT_TRUE(r.book) << all(r.diagnostics);
  EXPECT_TRUE(r.diagnostics.empty());
}

TEST(PolicyBookErrors, ReportsTheExactSpotWithFileLineAndColumn) {
  const std::string json = replaced(kBase, R"("basis": "annual", "amount": "1万")", R"("basis": "anual", "amount": "1万")");
  const PolicyBookLoad r = read_policy_book(json, "book.json");
  ASSERT_EQ(r.diagnostics.size(), 1U) << all(r.diagnostics);
  EXPECT_EQ(to_string(r.diagnostics[0]),
            "book.json:19:58: error: policies[1].basis: expected one of \"annual\", \"per_quarter\", \"event\", "
            "found \"anual\" (did you mean \"annual\"?)");
}

TEST(PolicyBookErrors, UnknownFieldsAreTyposWithASuggestion) {
  expect_error(replaced(kBase, R"("stacking_group": "g", "schedule")", R"("stacking_grup": "g", "schedule")"),
               R"("stacking_grup")", R"(policies[0].stacking_grup: unknown field "stacking_grup" (did you mean "stacking_group"?))");
  expect_error(replaced(kBase, R"("year": 2019)", R"("year": 2019, "yeer": 2019)"), R"("yeer")",
               R"(yeer: unknown field "yeer" (did you mean "year"?))");
  expect_error(replaced(kBase, R"("city_share": 0.5})", R"("city_share": 0.5, "county_share": 0.5})"),
               R"("county_share")", R"(funding.rules[0].county_share: unknown field "county_share" (did you mean "city_share"?))");
  // Far from every known name: the names are listed instead.
  expect_error(replaced(kBase, R"({"id": "g", "rule": "max"})", R"({"id": "g", "rule": "max", "zzz": 1})"),
               R"("zzz")", R"(unknown field "zzz" (expected one of: id, rule))");
  // A field of another schedule kind is unknown for this one.
  expect_error(replaced(kBase, R"("quarter": "2019Q2"})", R"("quarter": "2019Q2", "quarters": ["2019Q3"]})"),
               R"("quarters": ["2019Q3"])", R"(policies[0].schedule.quarters: unknown field "quarters")");
}

TEST(PolicyBookErrors, MissingRequiredFieldsPointAtTheirObject) {
  expect_error(replaced(kBase, R"("amount": "1万", )", ""), R"({"id": "b")", "policies[1].amount: missing required field");
  expect_error(replaced(kBase, "  \"currency\": \"CNY\",\n", ""), "{", "currency: missing required field");
  expect_error(replaced(kBase, R"("kind": "lump_in_quarter", "quarter": "2019Q2")", R"("kind": "lump_in_quarter")"),
               R"({"kind": "lump_in_quarter")", "policies[0].schedule.quarter: missing required field");
  expect_error(replaced(kBase, R"({"regions": ["3303"], "city_share": 0.5})", R"({"regions": ["3303"]})"),
               R"({"regions")", "funding.rules[0].city_share: missing required field");
}

TEST(PolicyBookErrors, WrongJsonTypesSayWhatWasExpected) {
  expect_error(replaced(kBase, R"("year": 2019)", R"("year": "2019")"), R"("2019")",
               R"(year: expected a number, found string "2019")");
  expect_error(replaced(kBase, R"("year": 2019)", R"("year": 2019.5)"), "2019.5",
               "year: expected an integer, found number 2019.5");
  expect_error(replaced(kBase, R"("title": "A")", R"("title": ["A"])"), R"(["A"])",
               "policies[0].title: expected a string, found an array");
  expect_error(replaced(kBase, R"("stacking_groups": [{"id": "g", "rule": "max"}])", R"("stacking_groups": {"id": "g"})"),
               R"({"id": "g"})", "stacking_groups: expected an array, found an object");
  expect_error(replaced(kBase, R"("amount": "1万")", R"("amount": "1万", "line_cap": true)"), "true",
               "policies[1].line_cap: expected a number (yuan) or a formula string, found true");
  expect_error(replaced(kBase, R"("amount": "1万")", R"("amount": "1万", "budget": "100")"), R"("100")",
               R"(policies[1].budget: expected a number, found string "100")");
  expect_error(replaced(kBase, R"(["A", "B"])", R"(["A", null])"), "null",
               "metrics[1].values[1]: expected a string, found null");
  expect_error(replaced(kBase, R"("excluded_from_totals": ["rebate"])", R"("excluded_from_totals": "rebate")"),
               R"("rebate")", R"(excluded_from_totals: expected an array, found string "rebate")");
}

TEST(PolicyBookErrors, BadEnumerationValuesListTheChoices) {
  expect_error(replaced(kBase, R"("kind": "reward", "basis": "annual", "amount": "10%)",
                        R"("kind": "rewards", "basis": "annual", "amount": "10%)"),
               R"("rewards")",
               R"(policies[0].kind: expected one of "reward", "burden_reduction", found "rewards" (did you mean "reward"?))");
  expect_error(replaced(kBase, R"("type": "money")", R"("type": "currency")"), R"("currency")",
               R"(metrics[0].type: expected one of "money", "decimal", "quantity", "integer", "date", "enum", "text", found "currency")",
               2);
  expect_error(replaced(kBase, R"("period": "quarter")", R"("period": "quarterly")"), R"("quarterly")",
               "metrics[0].period: expected one of \"year\", \"quarter\", \"month\", \"timeless\"");
  expect_error(replaced(kBase, R"("rule": "max")", R"("rule": "highest")"), R"("highest")",
               "stacking_groups[0].rule: expected one of \"max\", \"first\", \"sum\", found \"highest\"");
  expect_error(replaced(kBase, R"("kind": "instalments")", R"("kind": "installments")"), R"("installments")",
               R"(policies[1].schedule.kind: expected one of "every_quarter", "lump_in_quarter", "lump_on_date", "instalments", found "installments" (did you mean "instalments"?))");
  expect_error(replaced(kBase, R"("amount": "1万")", R"("amount": "1万", "rounding": {"places": 2, "mode": "half-up"})"),
               R"("half-up")", R"(policies[1].rounding.mode: expected one of "half_up", )");
}

TEST(PolicyBookErrors, FormulaErrorsGiveTheJsonSpotAndTheFormulaColumn) {
  const std::string json = replaced(kBase, R"("10% * sales[2018Q4]")", R"("10% * salse[2018Q4]")");
  const PolicyBookLoad r = read_policy_book(json, "book.json");
  ASSERT_EQ(r.diagnostics.size(), 1U) << all(r.diagnostics);
  const Diagnostic& d = r.diagnostics[0];
  // Line 17, column 79 is the formula's first character (after the quote); `salse` is its column 7.
  EXPECT_EQ(d.line, 17U);
  EXPECT_EQ(d.column, 79U);
  EXPECT_EQ(where(json, "10% * salse", 1), std::make_pair(std::size_t{17}, std::size_t{79}));
  EXPECT_EQ(d.message.rfind("policies[0].amount, formula column 7: ", 0), 0U) << to_string(d);
  EXPECT_NE(d.message.find("salse"), std::string::npos);
}

TEST(PolicyBookErrors, FormulaColumnsSurviveJsonEscapes) {
  // `\u4e07` is 万 (one formula column, six JSON columns); the error is after it.
  const std::string json = replaced(kBase, R"("amount": "1万")", R"("amount": "1\u4e07 + salse[2019Q1]")");
  const PolicyBookLoad r = read_policy_book(json, "book.json");
  ASSERT_EQ(r.diagnostics.size(), 1U) << all(r.diagnostics);
  const Diagnostic& d = r.diagnostics[0];
  const auto start = where(json, R"(1\u4e07 + salse)");
  EXPECT_EQ(d.line, start.first);
  EXPECT_EQ(d.column, start.second);
  // Formula column 6 is `salse`; in the JSON it is 5 columns further right.
  EXPECT_EQ(d.message.rfind("policies[1].amount, formula column 6 (JSON column " +
                                std::to_string(start.second + 10) + "): ",
                            0),
            0U)
      << to_string(d);
  // Without escapes no JSON column is added: it is start + formula column - 1.
  const PolicyBookLoad plain = read_policy_book(replaced(kBase, R"("amount": "1万")", R"("amount": "1万 + salse[2019Q1]")"),
                                                "book.json");
  ASSERT_EQ(plain.diagnostics.size(), 1U);
  EXPECT_EQ(plain.diagnostics[0].message.rfind("policies[1].amount, formula column 6: ", 0), 0U)
      << to_string(plain.diagnostics[0]);
}

TEST(PolicyBookErrors, FormulasMustHaveTheTypeOfTheirField) {
  expect_error(replaced(kBase, R"("amount": "1万")", R"("amount": "1万", "eligible": "sales[2019Q1]")"),
               "sales[2019Q1]\"", "policies[1].eligible, formula column 1: expected a boolean formula, found a money");
  expect_error(replaced(kBase, R"("amount": "1万")", R"("amount": "sales[2019Q1] > 0")"), "sales[2019Q1] > 0",
               "policies[1].amount, formula column 1: expected a money formula, found a boolean");
  expect_error(replaced(kBase, R"("cap": "100万")", R"("cap": "registered_on")"), "registered_on\"",
               "enterprise_cap.cap, formula column 1: expected a money formula, found a date");
  expect_error(replaced(kBase, R"("kind": "lump_in_quarter", "quarter": "2019Q2")",
                        R"("kind": "lump_on_date", "date": "sales[2019Q1]")"),
               "sales[2019Q1]\"}}", "policies[0].schedule.date, formula column 1: expected a date formula, found a money");
  expect_error(replaced(kBase, R"("amount": "1万")", R"("amount": "1万", "line_cap": "sales[2019Q1] / sales[2018Q1]")"), "sales[2019Q1] /",
               "policies[1].line_cap, formula column 1: expected a money formula, found a decimal");
  expect_error(replaced(kBase, R"("amount": "1万")", R"("amount": "")"), R"("")",
               "policies[1].amount: must be a formula");
}

TEST(PolicyBookErrors, DuplicatePolicyIdsAndKeys) {
  expect_error(replaced(kBase, R"({"id": "b")", R"({"id": "a")"), R"("a")", R"(policies[1].id: policy id "a" is already used by policies[0])", 3);
  // A key twice in one object is refused by the reader (the JSON is still read on).
  expect_error(replaced(kBase, R"("title": "B",)", R"("title": "B", "title": "B2",)"), R"("title": "B2")",
               R"(duplicate key "title" (first at line 19, column 17))");
  expect_error(replaced(kBase, R"({"name": "since")", R"({"name": "sales")"), R"("sales")",
               R"(metrics[2].name: metric "sales" is declared twice)", 2);
}

TEST(PolicyBookErrors, StackingGroupsCompareLikeWithLike) {
  expect_error(replaced(kBase, R"("category": "rebate", "basis": "per_quarter",)",
                        R"("category": "rebate", "basis": "per_quarter", "stacking_group": "g",)"),
               R"("g",)", "policies[2].stacking_group: group \"g\" would mix per_quarter and annual policies (policies[0])", 4);
  expect_error(replaced(kBase, R"("stacking_group": "g", "schedule": {"kind": "lump)",
                        R"("stacking_group": "h", "schedule": {"kind": "lump)"),
               R"("h")", R"(policies[0].stacking_group: unknown stacking group "h" (did you mean "g"?))");
  expect_error(replaced(kBase, R"([{"id": "g", "rule": "max"}])", R"([{"id": "g", "rule": "max"}, {"id": "unused", "rule": "sum"}])"),
               R"("unused")", R"(stacking_groups[1].id: no policy is in stacking group "unused")");
}

TEST(PolicyBookErrors, TheEnterpriseCapNamesExistingRewards) {
  expect_error(replaced(kBase, R"("exempt": ["a"])", R"("exempt": ["a", "z"])"), R"("z")",
               R"(enterprise_cap.exempt[1]: no policy has id "z")");
  expect_error(replaced(kBase, R"("exempt": ["a"])", R"("exempt": ["c"])"), R"("c"])",
               R"(enterprise_cap.exempt[0]: policy "c" is a burden reduction; the enterprise cap only covers rewards)");
  expect_error(replaced(kBase, R"("exempt": ["a"])", R"("exempt": ["a", "a"])"), R"("a"])",
               R"(enterprise_cap.exempt[1]: policy "a" is listed twice)");
}

TEST(PolicyBookErrors, BudgetsAreForRewardsOnly) {
  expect_error(replaced(kBase, R"("amount": "1% * sales[this_quarter]")", R"("amount": "1% * sales[this_quarter]", "budget": 1000)"),
               "1000}", "policies[2].budget: only rewards have a budget: a burden reduction is counted, not paid");
  expect_error(replaced(kBase, R"("amount": "1万")", R"("amount": "1万", "budget": 0)"), "0, \"stacking", "policies[1].budget: must be positive, found 0");
  expect_error(replaced(kBase, R"("amount": "1万")", R"("amount": "1万", "annual_cap": -5)"), "-5",
               "policies[1].annual_cap: must be positive, found -5");
  expect_error(replaced(kBase, R"("amount": "1万")", R"("amount": "1万", "line_cap": -5)"), "-5",
               "policies[1].line_cap: must not be negative, found -5");
}

TEST(PolicyBookErrors, ValidityDatesAreChecked) {
  expect_error(replaced(kBase, R"("title": "B",)", R"("title": "B", "valid_from": "2019-05-01", "valid_until": "2019-04-30",)"),
               R"("2019-04-30")", "policies[1].valid_until: 2019-04-30 is before valid_from 2019-05-01");
  expect_error(replaced(kBase, R"("title": "B",)", R"("title": "B", "valid_from": "2019-02-29",)"), R"("2019-02-29")",
               "policies[1].valid_from: \"2019-02-29\" is not a date");
  expect_error(replaced(kBase, R"("title": "B",)", R"("title": "B", "valid_until": "2018-12-31",)"), R"("2018-12-31")",
               "policies[1].valid_until: the policy is in force ..2018-12-31, never in the book's year 2019");
}

TEST(PolicyBookErrors, SchedulesFitTheBasisAndTheYear) {
  expect_error(replaced(kBase, R"("quarter": "2019Q2")", R"("quarter": "2020Q2")"), R"("2020Q2")",
               "policies[0].schedule.quarter: 2020Q2 is not in the book's year 2019");
  expect_error(replaced(kBase, R"("quarter": "2019Q2")", R"("quarter": "2019Q5")"), R"("2019Q5")",
               "policies[0].schedule.quarter: \"2019Q5\" is not a quarter");
  expect_error(replaced(kBase, R"(["2019Q1", "2019Q2"])", R"(["2019Q2", "2019Q2"])"), R"("2019Q2"])",
               "policies[1].schedule.quarters[1]: 2019Q2 must come after 2019Q2 (instalment quarters are strictly increasing)");
  expect_error(replaced(kBase, R"(["2019Q1", "2019Q2"])", R"(["2019Q1"])"), R"(["2019Q1"])",
               "policies[1].schedule.quarters: instalments need two or more quarters");
  expect_error(replaced(kBase, R"("amount": "1% * sales[this_quarter]")",
                        R"("amount": "1% * sales[this_quarter]", "schedule": {"kind": "lump_in_quarter", "quarter": "2019Q4"})"),
               R"("lump_in_quarter", "quarter": "2019Q4")",
               "policies[2].schedule.kind: a per_quarter policy is due every quarter: expected \"every_quarter\"");
  expect_error(replaced(kBase, R"(, "stacking_group": "g",
     "schedule": {"kind": "instalments", "quarters": ["2019Q1", "2019Q2"]})", ", \"stacking_group\": \"g\""),
               R"({"id": "b")", "policies[1].schedule: a policy with basis \"annual\" needs a schedule");
}

TEST(PolicyBookErrors, EventPoliciesNeedTheirDate) {
  expect_error(replaced(kBase, R"("kind": "reward", "basis": "annual", "amount": "1万", "stacking_group": "g")",
                        R"("kind": "reward", "basis": "event", "amount": "1万")"),
               R"({"id": "b")", "policies[1].event_date: a policy with basis \"event\" needs an event_date formula");
  expect_error(replaced(kBase, R"("amount": "1万")", R"("amount": "1万", "event_date": "since")"), R"("since")",
               "policies[1].event_date: only a policy with basis \"event\" has an event_date", 2);
}

TEST(PolicyBookErrors, BookFieldsAreChecked) {
  expect_error(replaced(kBase, R"("currency": "CNY")", R"("currency": "USD")"), R"("USD")",
               R"(currency: expected "CNY", found "USD")");
  expect_error(replaced(kBase, R"("year": 2019)", R"("year": 1900)"), "1900", "year: must be between 1901 and 9999");
  expect_error(replaced(kBase, R"("id": "mini")", R"("id": "mini book")"), R"("mini book")",
               "id: book id \"mini book\" must be 1 to 64 letters");
  expect_error(replaced(kBase, R"("excluded_from_totals": ["rebate"])", R"("excluded_from_totals": ["rebates"])"),
               R"("rebates")", R"(excluded_from_totals[0]: no policy has category "rebates" (did you mean "rebate"?))");
  expect_error(replaced(kBase, R"({"name": "since", "type": "date", "period": "timeless"})",
                        R"({"name": "since", "type": "enum", "period": "timeless"})"),
               R"({"name": "since")", "metrics[2].values: an enum metric needs its values");
  expect_error(replaced(kBase, R"("values": ["A", "B"])", R"("values": ["A", "A"])"), R"("A"])",
               R"(metrics[1].values[1]: value "A" is listed twice)");
  expect_error(replaced(kBase, R"({"name": "since")", R"({"name": "Since")"), R"("Since")",
               R"(metrics[2].name: metric name "Since" must match [a-z][a-z0-9_]*)");
}

TEST(PolicyBookErrors, FundingPrefixesAndShares) {
  expect_error(replaced(kBase, R"(["3303"])", R"(["33030"])"), R"("33030")",
               R"(funding.rules[0].regions[0]: "33030" is not a GB/T 2260 region prefix: it must have 2, 4 or 6 digits)");
  expect_error(replaced(kBase, R"(["3303"])", R"(["1003"])"), R"("1003")", "province part 10 is not a province-level code");
  expect_error(replaced(kBase, R"(["3303"])", R"(["3303", "330302"])"), R"("330302")",
               R"(funding.rules[0].regions[1]: prefix "330302" can never apply: "3303" (funding.rules[0].regions[0]) comes first and covers it)");
  expect_error(replaced(kBase, R"("city_share": 0.5)", R"("city_share": 1.01)"), "1.01",
               "funding.rules[0].city_share: a share must be between 0 and 1, found 1.01");
  expect_error(replaced(kBase, R"("default_city_share": 0.3)", R"("default_city_share": -0.3)"), "-0.3",
               "funding.default_city_share: a share must be between 0 and 1, found -0.3");
}

TEST(PolicyBookErrors, RoundingPlacesAreBounded) {
  expect_error(replaced(kBase, R"("amount": "1万")", R"("amount": "1万", "rounding": {"places": 3, "mode": "half_up"})"),
               "3, \"mode\"", "policies[1].rounding.places: must be between -4 (万) and 2 (fen), found 3");
}

TEST(PolicyBookErrors, SyntaxErrorsAreLocated) {
  expect_error(replaced(kBase, R"("title": "Mini",)", R"("title": "Mini")"), R"("currency")",
               "invalid JSON: syntax error while parsing object - unexpected string literal; expected '}'");
  expect_error(replaced(kBase, R"("year": 2019)", R"("year": 02019)"), "2019,", "invalid JSON");
}

TEST(PolicyBookErrors, AnotherFormatIsNotCheckedFurther) {
  expect_error(replaced(kBase, "duixian.policy-book/1", "duixian.policy-book/2"), R"("duixian.policy-book/2")",
               R"(format: expected "duixian.policy-book/1", found "duixian.policy-book/2" (this library reads version 1))");
  expect_error(R"({"format": "geojson", "type": "FeatureCollection"})", R"("geojson")",
               R"(format: expected "duixian.policy-book/1", found "geojson")");
  expect_error("[1, 2]", "[", "expected an object, found an array");
}

TEST(PolicyBookErrors, NumbersThatAreNotExactDecimalsAreRefused) {
  expect_error(replaced(kBase, R"("amount": "1万")", R"("amount": "1万", "budget": 1234567890123456789012345678901234567890)"),
               "1234567890", "policies[1].budget: \"1234567890123456789012345678901234567890\" is not a decimal");
}

TEST(PolicyBookErrors, CollectsEveryProblemInFileOrder) {
  std::string json = replaced(kBase, R"("currency": "CNY")", R"("currency": "EUR")");
  json = replaced(json, R"("rule": "max")", R"("rule": "maxi")");
  json = replaced(json, R"("10% * sales[2018Q4]")", R"("10% * sales[2018]")");
  json = replaced(json, R"("title": "C",)", R"("title": "C", "colour": "red",)");
  const PolicyBookLoad r = read_policy_book(json, "book.json");
  EXPECT_FALSE(r.book);
  ASSERT_EQ(r.diagnostics.size(), 4U) << all(r.diagnostics);
  EXPECT_EQ(r.diagnostics[0].line, 5U);
  EXPECT_NE(r.diagnostics[0].message.find("currency"), std::string::npos);
  EXPECT_EQ(r.diagnostics[1].line, 12U);
  EXPECT_NE(r.diagnostics[1].message.find("maxi"), std::string::npos);
  EXPECT_EQ(r.diagnostics[2].line, 17U);
  EXPECT_NE(r.diagnostics[2].message.find("policies[0].amount, formula column 13"), std::string::npos)
      << to_string(r.diagnostics[2]);
  EXPECT_EQ(r.diagnostics[3].line, 21U);
  EXPECT_NE(r.diagnostics[3].message.find("colour"), std::string::npos);

  // The throwing form carries them all, and says how many.
  try {
    load_policy_book(json, "book.json");
    FAIL() << "no error";
  } catch (const PolicyBookError& e) {
    EXPECT_EQ(e.code(), ErrorCode::parse_error);
    EXPECT_EQ(e.diagnostics().size(), 4U);
    const std::string what = e.what();
    EXPECT_EQ(what.rfind("parse_error: policy book \"book.json\" has 4 errors:\nbook.json:5:15: error: currency: ", 0), 0U)
        << what;
  }
}

TEST(PolicyBookErrors, AFileThatCannotBeReadIsAnIoError) {
  try {
    load_policy_book_file("/nonexistent/policies.json");
    FAIL() << "no error";
  } catch (const PolicyBookError&) {
    FAIL() << "not a book error";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::io_error);
  }
}

}  // namespace
}  // namespace duixian
