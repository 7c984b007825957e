// Books built in code: the same checks as JSON books (messages name the field path),
// value semantics, names of the enumerations, exact numbers, and the limits that keep
// a hostile book from hurting the host.
#include <gtest/gtest.h>

#include <functional>
#include <string>

#include "duixian/policy_book.hpp"

namespace duixian {
namespace {

PolicyBookSpec small() {
  PolicyBookSpec s;
  s.id = "small";
  s.title = "Small";
  s.year = 2019;
  s.metrics = {{"sales", MetricType::money, PeriodKind::quarter, {}},
               {"opened", MetricType::date, PeriodKind::timeless, {}}};
  s.funding.default_city_share = Decimal::parse("0.4");
  Policy a;
  a.id = "a";
  a.title = "A";
  a.basis = PolicyBasis::per_quarter;
  a.amount = "5% * sales[this_quarter]";
  s.policies.push_back(a);
  Policy b;
  b.id = "b";
  b.title = "B";
  b.kind = PolicyKind::burden_reduction;
  b.basis = PolicyBasis::event;
  b.event_date = "opened";
  b.amount = "1000";
  b.schedule = Schedule::lump_on_date("opened");
  s.policies.push_back(b);
  return s;
}

std::string all(const Diagnostics& ds) {
  std::string out;
  for (const Diagnostic& d : ds) out += to_string(d) + "\n";
  return out;
}

// Building must fail with exactly these messages (in order), each without a line.
void expect_problems(const PolicyBookSpec& spec, const std::vector<std::string>& messages) {
  const Diagnostics ds = PolicyBook::validate(spec, "host rules");
  ASSERT_EQ(ds.size(), messages.size()) << all(ds);
  for (std::size_t i = 0; i < ds.size(); ++i) {
    EXPECT_EQ(ds[i].file, "host rules");
    EXPECT_EQ(ds[i].line, 0U);
    EXPECT_EQ(ds[i].column, 0U);
    EXPECT_EQ(ds[i].message.rfind(messages[i], 0), 0U) << to_string(ds[i]) << "\n  expected to start with: " << messages[i];
  }
  EXPECT_THROW(PolicyBook::build(spec, "host rules"), PolicyBookError);
}

TEST(PolicyBookBuild, BuildsAndCompilesABookFromPlainValues) {
  const PolicyBook book = PolicyBook::build(small());
  EXPECT_TRUE(PolicyBook::validate(small()).empty());
  EXPECT_EQ(book.id(), "small");
  EXPECT_EQ(book.year(), 2019);
  EXPECT_EQ(book.schema().size(), 2U);
  EXPECT_EQ(book.find_policy("b"), std::optional<std::size_t>(1));
  EXPECT_FALSE(book.find_policy("c"));
  EXPECT_EQ(book.formulas(0).amount.type(), FormulaType::money);
  EXPECT_EQ(book.formulas(0).eligible.text(), "true");
  EXPECT_EQ(book.formulas(1).event_date.type(), FormulaType::date);
  EXPECT_EQ(book.formulas(1).schedule_date.text(), "opened");
  EXPECT_EQ(book.enterprise_cap_formulas(), nullptr);
  EXPECT_FALSE(book.counts_toward_enterprise_cap(0));  // no cap in this book
  EXPECT_FALSE(book.excluded_from_totals(1));
  EXPECT_EQ(book.spec().funding.city_share(RegionCode::parse("110101")), Decimal::parse("0.4"));
}

TEST(PolicyBookBuild, IsAnImmutableValue) {
  const PolicyBook a = PolicyBook::build(small());
  const PolicyBook copy = a;  // shares the compiled book
  EXPECT_EQ(copy, a);
  EXPECT_EQ(&copy.spec(), &a.spec());
  PolicyBookSpec other = small();
  other.policies[0].title = "A2";
  EXPECT_NE(PolicyBook::build(other), a);
  other = small();
  other.policies[0].line_cap = LineCap::fixed(Decimal(10));
  EXPECT_NE(other, a.spec());
  other.policies[0].line_cap = LineCap::fixed(Decimal::parse("10.00"));
  EXPECT_EQ(other.policies[0].line_cap, LineCap::fixed(Decimal(10)));  // decimals compare by value
}

TEST(PolicyBookBuild, ReportsEveryProblemWithItsFieldPath) {
  PolicyBookSpec s = small();
  s.currency = "EUR";
  s.policies[0].schedule = Schedule::instalments({Quarter(2019, 1), Quarter(2019, 2)});
  s.policies[1].budget = Decimal(5);
  s.policies.push_back(s.policies[0]);
  s.policies[2].schedule = Schedule::every_quarter();
  expect_problems(s, {"currency: expected \"CNY\", found \"EUR\"",
                      "policies[0].schedule.kind: a per_quarter policy is due every quarter",
                      "policies[1].budget: only rewards have a budget",
                      "policies[2].id: policy id \"a\" is already used by policies[0]"});
  try {
    PolicyBook::build(s, "host rules");
  } catch (const PolicyBookError& e) {
    EXPECT_EQ(e.code(), ErrorCode::invalid_argument);
    EXPECT_EQ(e.diagnostics().size(), 4U);
    EXPECT_EQ(std::string(e.what()).rfind("invalid_argument: policy book \"host rules\" has 4 errors:\n"
                                          "host rules: error: currency: expected \"CNY\"",
                                          0),
              0U)
        << e.what();
  }
}

TEST(PolicyBookBuild, FormulaProblemsNameTheFieldAndTheFormulaColumn) {
  PolicyBookSpec s = small();
  s.policies[0].amount = "5% * sales[2019]";
  const Diagnostics ds = PolicyBook::validate(s);
  ASSERT_EQ(ds.size(), 1U) << all(ds);
  EXPECT_EQ(ds[0].file, "<code>");
  EXPECT_EQ(ds[0].line, 0U);
  EXPECT_EQ(ds[0].message.rfind("policies[0].amount, formula column 12: ", 0), 0U) << to_string(ds[0]);
}

TEST(PolicyBookBuild, SchedulesHoldOnlyTheirOwnFields) {
  PolicyBookSpec s = small();
  s.policies[0].schedule.quarters = {Quarter(2019, 1)};
  s.policies[1].schedule.quarters = {Quarter(2019, 3)};
  expect_problems(s, {"policies[0].schedule.quarters: only lump_in_quarter and instalments list quarters",
                      "policies[1].schedule.quarters: only lump_in_quarter and instalments list quarters"});
  s = small();
  s.policies[1].schedule = Schedule::lump_in_quarter(Quarter(2019, 3));
  s.policies[1].schedule.date = "opened";
  s.policies[1].schedule.quarters.push_back(Quarter(2019, 4));
  expect_problems(s, {"policies[1].schedule.date: only lump_on_date has a date",
                      "policies[1].schedule.quarter: lump_in_quarter needs exactly one quarter"});
  s = small();
  s.policies[1].schedule = Schedule::lump_on_date("");
  expect_problems(s, {"policies[1].schedule.date: lump_on_date needs a date formula"});
}

TEST(PolicyBookBuild, CapsAreANumberOrAFormula) {
  PolicyBookSpec s = small();
  s.policies[0].line_cap = LineCap::of_formula("10% * sales[this_quarter]");
  EXPECT_EQ(PolicyBook::build(s).formulas(0).line_cap.type(), FormulaType::money);
  s.policies[0].line_cap.amount = Decimal(100);
  expect_problems(s, {"policies[0].line_cap: a cap is a number or a formula, not both"});
  EXPECT_TRUE(LineCap{}.empty());
  EXPECT_FALSE(LineCap::fixed(Decimal(0)).empty());
}

TEST(PolicyBookBuild, EnumerationsHaveTheirBookNames) {
  EXPECT_STREQ(to_string(PolicyKind::reward), "reward");
  EXPECT_STREQ(to_string(PolicyKind::burden_reduction), "burden_reduction");
  EXPECT_STREQ(to_string(PolicyBasis::annual), "annual");
  EXPECT_STREQ(to_string(PolicyBasis::per_quarter), "per_quarter");
  EXPECT_STREQ(to_string(PolicyBasis::event), "event");
  EXPECT_STREQ(to_string(ScheduleKind::every_quarter), "every_quarter");
  EXPECT_STREQ(to_string(ScheduleKind::lump_in_quarter), "lump_in_quarter");
  EXPECT_STREQ(to_string(ScheduleKind::lump_on_date), "lump_on_date");
  EXPECT_STREQ(to_string(ScheduleKind::instalments), "instalments");
  EXPECT_STREQ(to_string(StackingRule::max), "max");
  EXPECT_STREQ(to_string(StackingRule::first), "first");
  EXPECT_STREQ(to_string(StackingRule::sum), "sum");
  EXPECT_STREQ(to_string(static_cast<StackingRule>(9)), "unknown");
  EXPECT_EQ(parse_policy_kind("burden_reduction"), PolicyKind::burden_reduction);
  EXPECT_EQ(parse_policy_basis("event"), PolicyBasis::event);
  EXPECT_EQ(parse_schedule_kind("instalments"), ScheduleKind::instalments);
  EXPECT_EQ(parse_stacking_rule("first"), StackingRule::first);
  EXPECT_FALSE(parse_policy_kind("Reward"));
  EXPECT_FALSE(parse_policy_basis(""));
  EXPECT_FALSE(parse_schedule_kind("installments"));
  EXPECT_FALSE(parse_stacking_rule("maximum"));
}

TEST(PolicyBookBuild, ValidityIsInclusiveAtBothEnds) {
  Policy p;
  p.valid_from = Date::from_ymd(2019, 5, 1);
  p.valid_until = Date::from_ymd(2019, 6, 30);
  EXPECT_FALSE(p.in_force_during(DateRange(Date::from_ymd(2019, 1, 1), Date::from_ymd(2019, 4, 30))));
  EXPECT_TRUE(p.in_force_during(DateRange(Date::from_ymd(2019, 4, 30), Date::from_ymd(2019, 5, 1))));
  EXPECT_TRUE(p.in_force_during(Quarter(2019, 2).range()));
  EXPECT_FALSE(p.in_force_during(Quarter(2019, 3).range()));
  EXPECT_TRUE(Policy{}.in_force_during(Year(2019).range()));  // no dates: always
}

// ---- exact numbers ----------------------------------------------------------------

std::string with_caps(const std::string& cap_a, const std::string& cap_b) {
  return R"({"format": "duixian.policy-book/1", "id": "n", "title": "N", "currency": "CNY", "year": 2019,
  "metrics": [{"name": "sales", "type": "money", "period": "quarter"}],
  "funding": {"default_city_share": 0.123456789012345678901234567890},
  "policies": [
    {"id": "a", "title": "A", "kind": "reward", "basis": "per_quarter", "amount": "sales[this_quarter]", "line_cap": )" +
         cap_a + R"(},
    {"id": "b", "title": "B", "kind": "reward", "basis": "per_quarter", "amount": "sales[this_quarter]", "line_cap": )" +
         cap_b + R"(}]})";
}

TEST(PolicyBookBuild, NumbersAreReadExactlyFromTheirText) {
  const PolicyBook book = load_policy_book(with_caps("0.1", "0.2"), "n.json");
  const Decimal a = *book.policies()[0].line_cap.amount;
  const Decimal b = *book.policies()[1].line_cap.amount;
  EXPECT_EQ(a + b, Decimal::parse("0.3"));  // no binary floating point on the way
  EXPECT_EQ((a + b).to_string(), "0.3");
  EXPECT_EQ(book.spec().funding.default_city_share.to_string(), "0.123456789012345678901234567890");

  const PolicyBook big = load_policy_book(with_caps("123456789012345678901234567890", "1.50E+3"), "n.json");
  EXPECT_EQ(big.policies()[0].line_cap.amount->to_string(), "123456789012345678901234567890");
  EXPECT_EQ(*big.policies()[1].line_cap.amount, Decimal(1500));
}

// ---- limits -------------------------------------------------------------------------

// A per-quarter policy whose amount is `amount` (and eligibility `eligible`).
std::string book_with(const std::string& amount, const std::string& eligible = "true") {
  return R"({"format": "duixian.policy-book/1", "id": "l", "title": "L", "currency": "CNY", "year": 2019,
  "metrics": [{"name": "sales", "type": "money", "period": "quarter"}],
  "funding": {"default_city_share": 0},
  "policies": [{"id": "a", "title": "A", "kind": "reward", "basis": "per_quarter",
    "eligible": ")" + eligible + R"(", "amount": ")" + amount + R"("}]})";
}

void expect_refused(const PolicyBookLoad& r, const std::string& fragment) {
  EXPECT_FALSE(r.book);
  ASSERT_EQ(r.diagnostics.size(), 1U) << all(r.diagnostics);
  EXPECT_EQ(r.diagnostics[0].line, 5U) << to_string(r.diagnostics[0]);
  EXPECT_NE(r.diagnostics[0].message.find(fragment), std::string::npos) << to_string(r.diagnostics[0]);
}

TEST(PolicyBookBuild, AFormulaAtEachDefaultLimitLoadsAndOnePastIsRefused) {
  const FormulaLimits limits;  // the defaults a book is loaded with
  // Length: bytes of formula text ("1万" is four bytes).
  const std::string longest = "1万" + std::string(limits.max_length - 4, ' ');
  EXPECT_TRUE(read_policy_book(book_with(longest), "l.json").book);
  expect_refused(read_policy_book(book_with(longest + " "), "l.json"), "longer than the limit max_length = 4096");
  // Depth and node count are the formula language's to define (formula.hpp): find the
  // largest formula of each shape that compiles, and check that the book agrees.
  MetricSchema schema;
  schema.add({"sales", MetricType::money, PeriodKind::quarter, {}});
  const FormulaEnvironment env{&schema, 2019, limits};
  const auto largest = [&](const std::function<std::string(std::size_t)>& shape) {
    std::size_t n = 1;
    while (n < 5000) {
      try {
        Formula::compile(shape(n + 1), env, FormulaOrigin{}, FormulaType::money);
        ++n;
      } catch (const FormulaError&) {
        break;
      }
    }
    return n;
  };
  const auto nested = [](std::size_t n) { return std::string(n, '(') + "1万" + std::string(n, ')'); };
  const std::size_t deepest = largest(nested);
  EXPECT_GE(deepest, limits.max_depth - 2);
  EXPECT_TRUE(read_policy_book(book_with(nested(deepest)), "l.json").book);
  expect_refused(read_policy_book(book_with(nested(deepest + 1)), "l.json"), "max_depth = 32");
  const auto sum = [](std::size_t n) {
    std::string f = "1万";
    for (std::size_t i = 1; i < n; ++i) f += "+1";
    return f;
  };
  const std::size_t most = largest(sum);
  EXPECT_GE(2 * most + 2, limits.max_nodes);  // about two nodes a term
  EXPECT_TRUE(read_policy_book(book_with(sum(most)), "l.json").book);
  expect_refused(read_policy_book(book_with(sum(most + 1)), "l.json"), "max_nodes = 1024");
  // Literal length: a quoted tag of 64 characters, quotes included.
  const auto tag = [](std::size_t n) { return "has_tag('" + std::string(n - 2, 'a') + "')"; };
  EXPECT_TRUE(read_policy_book(book_with("1万", tag(limits.max_literal_length)), "l.json").book);
  expect_refused(read_policy_book(book_with("1万", tag(limits.max_literal_length + 1)), "l.json"),
                 "longer than the limit max_literal_length = 64");
}

TEST(PolicyBookBuild, TheLimitsGivenAreTheLimitsApplied) {
  PolicyBookLimits limits;
  limits.formula.max_length = 10;
  EXPECT_TRUE(read_policy_book(book_with("1万 +1万"), "l.json", limits).book);  // 10 bytes
  expect_refused(read_policy_book(book_with("1万 + 1万"), "l.json", limits), "max_length = 10");
  PolicyBookSpec s = small();
  s.policies[0].amount = "5% * sales[this_quarter]";
  limits.formula.max_length = 20;
  const Diagnostics ds = PolicyBook::validate(s, "<code>", limits);
  ASSERT_EQ(ds.size(), 1U) << all(ds);
  EXPECT_NE(ds[0].message.find("max_length = 20"), std::string::npos);
}

TEST(PolicyBookBuild, TheJsonIsBoundedToo) {
  PolicyBookLimits limits;
  limits.json.max_bytes = 100;
  const PolicyBookLoad big = read_policy_book(book_with("1万"), "l.json", limits);
  EXPECT_FALSE(big.book);
  ASSERT_EQ(big.diagnostics.size(), 1U);
  EXPECT_NE(big.diagnostics[0].message.find("the limit is 100"), std::string::npos);

  limits = {};
  limits.json.max_depth = 3;  // a book needs 4 levels (book, policies, policy, schedule)
  const std::string deep = R"({"format": "duixian.policy-book/1", "metrics": [{"values": [[]]}]})";
  const PolicyBookLoad r = read_policy_book(deep, "l.json", limits);
  EXPECT_FALSE(r.book);
  ASSERT_EQ(r.diagnostics.size(), 1U) << all(r.diagnostics);
  EXPECT_EQ(to_string(r.diagnostics[0]), "l.json:1:60: error: JSON nesting deeper than 3 levels");

  // The default depth (64) stops a hostile document long before the stack is at risk.
  const std::string hostile = std::string(1000000, '[');
  const PolicyBookLoad h = read_policy_book(hostile, "l.json");
  ASSERT_EQ(h.diagnostics.size(), 1U);
  EXPECT_NE(h.diagnostics[0].message.find("nesting deeper than 64 levels"), std::string::npos);
}

}  // namespace
}  // namespace duixian
