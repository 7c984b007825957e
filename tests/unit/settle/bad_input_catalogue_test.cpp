// The catalogue of bad input (issue 7): one example of each kind of mistake a user can
// make, fed to the library the way a host would, with the pieces its message must have
// to be clear: where (file, line and column, or the row) and what was expected. The
// detailed behaviour of each reader is tested beside it (decimal_parse_test, csv_test,
// loader_test, policy_errors_test, ...); this file is the one list, and each case prints
// a RELIABILITY record for docs/reliability.md with the library's real message.
//
// The C ABI's errors (a NULL handle gives a status and a last-error text) are not here:
// the unit tests do not link libduixian_c; tests/capi/ covers them.
#include <gtest/gtest.h>

#include <functional>
#include <stdexcept>
#include <string>
#include <vector>

#include "duixian/credit_code.hpp"
#include "duixian/decimal.hpp"
#include "duixian/error.hpp"
#include "duixian/ledger.hpp"
#include "duixian/loader.hpp"
#include "duixian/period.hpp"
#include "duixian/policy_book.hpp"
#include "duixian/register.hpp"
#include "duixian/settlement.hpp"
#include "reliability_record.hpp"

namespace duixian {
namespace {

using test::reliability_record;

// One bad input: what kind, the input (short, one line), how it reaches the library
// (returning the message it got), and the fragments that message must contain.
struct Case {
  std::string kind;
  std::string input;
  std::function<std::string()> message;
  std::vector<std::string> expected;
};

// Asserts each case's message, then records it.
void check(const std::vector<Case>& cases) {
  for (const Case& c : cases) {
    SCOPED_TRACE(c.kind);
    const std::string message = c.message();
    bool clear = !message.empty();
    for (const std::string& fragment : c.expected) {
      const bool found = message.find(fragment) != std::string::npos;
      EXPECT_TRUE(found) << c.kind << ": message\n  " << message << "\nlacks\n  " << fragment;
      clear = clear && found;
    }
    if (clear) reliability_record({{"section", "bad_input"}, {"kind", c.kind}, {"input", c.input}, {"message", message}});
  }
}

// The message of the duixian::Error that `f` throws (what a program shows a clerk: without
// the code's name, which the test checks separately), or "" (and a failure) when none is.
std::string error_of(const std::function<void()>& f, ErrorCode code) {
  try {
    f();
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), code) << e.what();
    const std::string message(e.message());
    EXPECT_EQ(message.find(to_string(code)), std::string::npos) << "the code's name in the message: " << message;
    return message;
  }
  ADD_FAILURE() << "no duixian::Error was thrown";
  return "";
}

// ---------------------------------------------------------------------------------
// Values typed by hand: decimals, periods, credit codes.

TEST(BadInputCatalogue, ValueText) {
  const auto decimal = [](const std::string& text) {
    return [text] { return error_of([&] { (void)Decimal::parse(text); }, ErrorCode::parse_error); };
  };
  const auto period = [](const std::string& text) {
    return [text] { return error_of([&] { (void)Period::parse(text); }, ErrorCode::parse_error); };
  };
  const auto code = [](const std::string& text) {
    return [text] { return error_of([&] { (void)CreditCode::parse(text); }, ErrorCode::parse_error); };
  };
  const std::string good_code = complete_credit_code("91330302", "00000001").to_string();
  std::string bad_check = good_code;
  bad_check.back() = bad_check.back() == '0' ? '1' : '0';
  const std::string digits39(39, '9');
  check({
      {"decimal: letters", "12a.5", decimal("12a.5"), {"\"12a.5\"", "'a'"}},
      {"decimal: more than 38 digits", digits39, decimal(digits39), {digits39, "38"}},
      {"decimal: empty", "", decimal(""), {"empty"}},
      {"decimal: grouping", "1,000", decimal("1,000"), {"\"1,000\"", "grouping"}},
      {"period: quarter 5", "2019Q5", period("2019Q5"), {"2019Q5", "1..4"}},
      {"period: a date", "2019-05-01", period("2019-05-01"), {"2019-05-01", "not a period"}},
      {"credit code: bad check character", bad_check, code(bad_check), {bad_check, "check character should be"}},
      {"credit code: wrong length", good_code.substr(0, 17), code(good_code.substr(0, 17)),
       {good_code.substr(0, 17), "18"}},
  });
}

// ---------------------------------------------------------------------------------
// The CSV files of the register.

MetricSchema schema() {
  MetricSchema s;
  s.add({"sales", MetricType::money, PeriodKind::quarter, {}});
  return s;
}

const std::string kCode = complete_credit_code("91330302", "00000001").to_string();
const std::string kOther = complete_credit_code("91330302", "00000002").to_string();
const std::string kHeader = "credit_code,name,region,industry,tags,registered_on\n";
const std::string kRow = kCode + ",温州宏达,330302,C3411,,2010-05-04\n";

// The first error a loader reports for `csv`, as "file:line:column: error: message".
std::string first_error(const Diagnostics& diagnostics) {
  for (const Diagnostic& d : diagnostics) {
    if (d.severity == Severity::error) return to_string(d);
  }
  ADD_FAILURE() << "no error reported";
  return "";
}

std::function<std::string()> enterprises(const std::string& csv) {
  return [csv] {
    RegisterBuilder builder(schema());
    Diagnostics diagnostics;
    const RowCounts counts = load_enterprises_csv(builder, csv, "enterprises.csv", {}, diagnostics);
    EXPECT_EQ(counts.read, counts.accepted + counts.rejected);
    return first_error(diagnostics);
  };
}

std::function<std::string()> facts(const std::string& rows) {
  return [rows] {
    RegisterBuilder builder(schema());
    Diagnostics diagnostics;
    load_enterprises_csv(builder, kHeader + kRow, "enterprises.csv", {}, diagnostics);
    EXPECT_TRUE(diagnostics.empty()) << first_error(diagnostics);
    const RowCounts counts = load_facts_csv(builder, "credit_code,metric,period,value\n" + rows, "facts.csv", {},
                                            diagnostics);
    EXPECT_GE(counts.rejected, 1U);
    return first_error(diagnostics);
  };
}

std::string first_line(const std::string& text) { return text.substr(0, text.find('\n')); }

TEST(BadInputCatalogue, RegisterFiles) {
  std::string bad_check = kCode;
  bad_check.back() = bad_check.back() == '0' ? '1' : '0';
  const std::string bad_code_row = bad_check + ",坏校验,330302,C3411,,2010-01-01\n";
  const std::string duplicate_row = kCode + ",重复,330302,C3411,,2010-01-01\n";
  const std::string latin1_row = kOther + ",Caf\xE9,330302,C3411,,2010-01-01\n";  // é in Latin-1: not UTF-8
  const std::string gbk_row = kOther + ",\xCE\xC2\xD6\xDD,330302,C3411,,2010-01-01\n";  // 温州 in GBK
  const std::string wide_row = kOther + ",多列,330302,C3411,,2010-01-01,extra\n";
  const std::string fact = kCode + ",sales,2019Q1,100.00\n";
  const std::string unknown = kOther + ",sales,2019Q1,100.00\n";
  const std::string letters = kCode + ",sales,2019Q1,12万\n";
  const std::string bad_period = kCode + ",sales,2019Q5,100.00\n";
  const std::string again = kCode + ",sales,2019Q1,200.00\n";
  check({
      {"enterprises.csv: missing column", "credit_code,name,region,industry,tags",
       enterprises("credit_code,name,region,industry,tags\n"), {"enterprises.csv:1:", "registered_on"}},
      {"enterprises.csv: bad credit code", first_line(bad_code_row), enterprises(kHeader + bad_code_row),
       {"enterprises.csv:2:1:", bad_check, "check character should be"}},
      {"enterprises.csv: duplicate enterprise", first_line(duplicate_row), enterprises(kHeader + kRow + duplicate_row),
       {"enterprises.csv:3:1:", "duplicate enterprise " + kCode, "line 2"}},
      {"enterprises.csv: not UTF-8", kOther + ",Caf\\xE9,...", enterprises(kHeader + latin1_row),
       {"enterprises.csv:2:23:", "invalid UTF-8", "E9"}},
      // A GBK file read as UTF-8: the message names the encoding to ask for.
      {"enterprises.csv: GBK read as UTF-8", kOther + ",\\xCE\\xC2\\xD6\\xDD,...", enterprises(kHeader + gbk_row),
       {"enterprises.csv:2:", "UTF-8", "GB18030"}},
      {"enterprises.csv: too many fields", first_line(wide_row), enterprises(kHeader + wide_row),
       {"enterprises.csv:2:", "7", "6"}},
      {"facts.csv: unknown enterprise", first_line(unknown), facts(unknown), {"facts.csv:2:1:", kOther}},
      {"facts.csv: value not a number", first_line(letters), facts(letters), {"facts.csv:2:", "12万"}},
      {"facts.csv: bad period", first_line(bad_period), facts(bad_period), {"facts.csv:2:", "2019Q5", "1..4"}},
      {"facts.csv: the same fact twice", first_line(again), facts(fact + again),
       {"facts.csv:3:", kCode, "sales[2019Q1]", "already 100.00, not 200.00"}},
  });
}

// ---------------------------------------------------------------------------------
// The policy book.

const std::string kBook = R"({
  "format": "duixian.policy-book/1", "id": "cat", "title": "Catalogue", "currency": "CNY", "year": 2019,
  "metrics": [{"name": "sales", "type": "money", "period": "quarter"}],
  "funding": {"rules": [], "default_city_share": 0.3},
  "policies": [
    {"id": "a", "title": "A", "kind": "reward", "basis": "annual", "amount": "10% * sales[2018Q4]",
     "schedule": {"kind": "lump_in_quarter", "quarter": "2019Q2"}},
    {"id": "b", "title": "B", "kind": "reward", "basis": "per_quarter", "amount": "1% * sales[this_quarter]"}
  ]
})";

// Every diagnostic of the book with `from` replaced by `to`, one per line.
std::function<std::string()> book_with(const std::string& from, const std::string& to) {
  return [from, to] {
    std::string json = kBook;
    const auto at = json.find(from);
    if (at == std::string::npos) throw std::logic_error("test bug: no " + from + " in the book");
    json.replace(at, from.size(), to);
    const PolicyBookLoad r = read_policy_book(json, "book.json");
    EXPECT_FALSE(r.book);
    std::string all;
    for (const Diagnostic& d : r.diagnostics) all += (all.empty() ? "" : "\n") + to_string(d);
    return all;
  };
}

TEST(BadInputCatalogue, PolicyBook) {
  ASSERT_TRUE(read_policy_book(kBook, "book.json").book) << "the base book must load";
  const std::string digits40 = "0.1" + std::string(38, '0') + "1";
  check({
      {"book: JSON syntax", R"("title": "Catalogue" "currency")", book_with(R"("title": "Catalogue",)", R"("title": "Catalogue")"),
       {"book.json:2:", "invalid JSON", "expected '}'"}},
      {"book: number beyond 38 digits", R"("default_city_share": )" + digits40,
       book_with(R"("default_city_share": 0.3)", R"("default_city_share": )" + digits40),
       {"book.json:4:", "\"" + digits40 + "\"", "not a decimal"}},
      {"book: unknown metric in a formula", R"("amount": "10% * salse[2018Q4]")",
       book_with("10% * sales[2018Q4]", "10% * salse[2018Q4]"),
       {"book.json:6:", "policies[0].amount, formula column 7", "salse"}},
      {"book: formula syntax", R"("amount": "1% * (sales[this_quarter]")",
       book_with("1% * sales[this_quarter]", "1% * (sales[this_quarter]"),
       {"book.json:8:", "policies[1].amount, formula column"}},
      {"book: unknown rounding mode", R"("rounding": {"places": 2, "mode": "bankers"})",
       book_with(R"("amount": "1% * sales[this_quarter]")",
                 R"("amount": "1% * sales[this_quarter]", "rounding": {"places": 2, "mode": "bankers"})"),
       {"book.json:8:", "policies[1].rounding.mode", "\"bankers\"", "half_even"}},
      {"book: missing required field", R"({"id": "b", "title": "B", "kind": "reward", "basis": "per_quarter"})",
       book_with(R"(, "amount": "1% * sales[this_quarter]")", ""),
       {"book.json:8:", "policies[1].amount: missing required field"}},
      {"book: duplicate policy id", R"({"id": "a", "title": "B", ...})", book_with(R"({"id": "b")", R"({"id": "a")"),
       {"book.json:8:", R"(policy id "a" is already used by policies[0])"}},
      {"book: schedule outside the year", R"("schedule": {"kind": "lump_in_quarter", "quarter": "2020Q2"})",
       book_with(R"("quarter": "2019Q2")", R"("quarter": "2020Q2")"),
       {"book.json:7:", "policies[0].schedule.quarter", "2020Q2 is not in the book's year 2019"}},
      {"book: budget on a burden reduction", R"("kind": "burden_reduction", ..., "budget": 1000)",
       book_with(R"("kind": "reward", "basis": "per_quarter", "amount": "1% * sales[this_quarter]")",
                 R"("kind": "burden_reduction", "basis": "per_quarter", "amount": "1% * sales[this_quarter]", "budget": 1000)"),
       {"book.json:8:", "policies[1].budget", "only rewards have a budget"}},
  });
}

// ---------------------------------------------------------------------------------
// Settling and committing: mistakes in how the pieces are put together.

TEST(BadInputCatalogue, SettlingAndCommitting) {
  const PolicyBook book = load_policy_book(kBook, "book.json");
  const Register reg = RegisterBuilder(book.schema()).build();
  const InMemoryLedger empty;
  MetricSchema other;
  other.add({"revenue", MetricType::money, PeriodKind::quarter, {}});
  const Register wrong_schema = RegisterBuilder(other).build();

  PendingCommit q1{Quarter(2019, 1), {{kCode, "b", Decimal::parse("1.00")}}, "cat", std::string(64, 'a'),
                 std::string(64, 'b'), ""};
  PendingCommit q3 = q1;
  q3.quarter = Quarter(2019, 3);
  check({
      {"settle: quarter outside the book's year", "2020Q1",
       [&] { return error_of([&] { (void)settle(book, reg, Quarter(2020, 1), empty); }, ErrorCode::invalid_argument); },
       {"2020Q1", "\"cat\"", "2019"}},
      {"settle: register of another schema", "metrics [revenue] for a book of [sales]",
       [&] {
         return error_of([&] { (void)settle(book, wrong_schema, Quarter(2019, 1), empty); }, ErrorCode::invalid_argument);
       },
       {"revenue", "sales", "book.schema()"}},
      {"amount: a fraction of a fen", "1.005",
       [] { return error_of([] { (void)decimal_to_fen(Decimal::parse("1.005")); }, ErrorCode::invalid_argument); },
       {"1.005", "whole number of fen"}},
      {"ledger: a quarter out of order", "commit 2019Q3 after 2019Q1",
       [&] {
         InMemoryLedger ledger;
         ledger.commit(q1);
         return error_of([&] { ledger.commit(q3); }, ErrorCode::ledger_conflict);
       },
       {"2019Q3", "2019Q2"}},
  });
}

}  // namespace
}  // namespace duixian
