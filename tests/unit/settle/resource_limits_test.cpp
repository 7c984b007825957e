// Resource limits (issue 7): a register of a million enterprises whose book overflows
// Decimal's 38 digits for one of them reports which enterprise, policy and quarter
// overflowed, and settles nothing rather than a wrong amount; the 64-bit fen of a line,
// of the totals and of a budget's claims overflow the same way, never silently.
//
// The million-enterprise register is as cheap as it can be: one money metric, one fact
// per enterprise in 2019Q1, and two per-quarter policies. Two enterprises far into it
// (the 777,777th and the 900,001st) also have a 37-digit fact in 2019Q2, which policy
// P2 multiplies by 1000: 10^39 needs more than 38 digits (formulas evaluate exactly in
// 128-bit rationals, so it is refused there, before any rounding). Settling 2019Q1
// (which reads no 2019Q2 fact) is the control; settling 2019Q2 must fail, and the
// failure is reported for the first offender in register order (which is also
// credit-code order here) whatever the thread count.
//
// Debug: about 17 s of CPU and 570 MB at most for the million (measured on 2 busy cores).
#include <gtest/gtest.h>

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

#include "duixian/credit_code.hpp"
#include "duixian/enterprise.hpp"
#include "duixian/error.hpp"
#include "duixian/fact.hpp"
#include "duixian/ledger.hpp"
#include "duixian/period.hpp"
#include "duixian/policy_book.hpp"
#include "duixian/register.hpp"
#include "duixian/settlement.hpp"
#include "reliability_record.hpp"

namespace duixian {
namespace {

using test::reliability_record;

constexpr std::size_t kEnterprises = 1'000'000;
// The offenders, as register indexes: the 777,777th and the 900,001st enterprise.
constexpr std::size_t kFirstOffender = 777'776;
constexpr std::size_t kSecondOffender = 900'000;
// 10^36: 37 digits, a valid Decimal and a valid money fact; 1000 times it is not.
const std::string kHuge = "1" + std::string(36, '0');

// P1 is capped, so the huge fact does not overflow it; P2 has no cap and overflows.
// Policies are evaluated in book order, so the error must name P2, not the first policy.
const std::string kBook = R"json({
  "format": "duixian.policy-book/1", "id": "limits", "title": "Limits", "currency": "CNY", "year": 2019,
  "metrics": [{"name": "sales", "type": "money", "period": "quarter"}],
  "funding": {"rules": [], "default_city_share": 0.3},
  "policies": [
    {"id": "P1-share", "title": "P1", "kind": "reward", "basis": "per_quarter",
     "amount": "min(10% * sales[this_quarter], 100万)"},
    {"id": "P2-per-unit", "title": "P2", "kind": "reward", "basis": "per_quarter",
     "amount": "sales[this_quarter] * 1000"}
  ]
})json";

const PolicyBook& book() {
  static const PolicyBook b = load_policy_book(kBook, "limits.json");
  return b;
}

// Enterprise i's code: its organization-code body is i in 8 digits, so register order
// is credit-code order and "first" means the same in both.
CreditCode code_of(std::size_t i) {
  char body[9];
  std::snprintf(body, sizeof body, "%08zu", i);
  return complete_credit_code("91330302", body);
}

// sales[2019Q1] of enterprise i in fen: 1.00 to 1000.99 yuan, spread so rounding varies
// (from 1 yuan, so that P1 is never 0 and every enterprise has both lines).
std::int64_t sales_fen(std::size_t i) { return 100 + static_cast<std::int64_t>((i * 7919) % 100'000); }

Register build_register(std::size_t enterprises, const std::vector<std::size_t>& offenders,
                        const std::string& huge) {
  const MetricSchema& schema = book().schema();
  const MetricId sales = *schema.find("sales");
  const Enterprise proto{code_of(0), "E", RegionCode::parse("330302"), IndustryCode::parse("C1952"), {},
                         Date::parse("2010-01-01"), {}};
  RegisterBuilder b(schema);
  b.reserve(enterprises);
  for (std::size_t i = 0; i < enterprises; ++i) {
    Enterprise e = proto;
    e.code = code_of(i);
    const EnterpriseIndex at = b.add_enterprise(std::move(e));
    b.add_fact(at, sales, Quarter(2019, 1), FactValue::number(Decimal::from_parts(sales_fen(i), 2)));
  }
  for (const std::size_t i : offenders) {
    b.add_fact(static_cast<EnterpriseIndex>(i), sales, Quarter(2019, 2), FactValue::number(Decimal::parse(huge)));
  }
  return std::move(b).build();
}

// Built once for the suite (about 8 s in a Debug build; a third of it making credit codes).
const Register& million() {
  static const Register reg = build_register(kEnterprises, {kFirstOffender, kSecondOffender}, kHuge);
  return reg;
}

// The expected total of 2019Q1, computed without the library: P1 = 10% of sales rounded
// half-up to the fen ((fen + 5) / 10 for a positive amount), P2 = 1000 × sales.
std::int64_t expected_q1_total() {
  std::int64_t sum = 0;
  for (std::size_t i = 0; i < kEnterprises; ++i) sum += (sales_fen(i) + 5) / 10 + sales_fen(i) * 1000;
  return sum;
}

// The Error `f` throws; fails the test when it throws nothing or something else.
template <class F>
Error error_of(F&& f) {
  try {
    f();
  } catch (const Error& e) {
    return e;
  }
  ADD_FAILURE() << "no duixian::Error was thrown";
  return Error(ErrorCode::invalid_argument, "nothing thrown");
}

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

const std::string kBookSha(64, 'a');
const std::string kDataSha(64, 'b');

// The control, then the overflow with 1 and with 4 threads against a ledger with history.
TEST(ResourceLimits, AMillionEnterprisesWithA38DigitOverflowSettleNothing) {
  const auto start = std::chrono::steady_clock::now();
  const Register& reg = million();
  ASSERT_EQ(reg.size(), kEnterprises);
  std::printf("register of %zu enterprises built in %.1f s\n", reg.size(), seconds_since(start));

  // Control: 2019Q1 reads no 2019Q2 fact and settles to the independently computed sum.
  // (In a block: its two million lines are freed before the runs that fail.)
  auto step = std::chrono::steady_clock::now();
  {
    const Settlement q1 = settle(book(), reg, Quarter(2019, 1), InMemoryLedger(), SettleOptions{2, false});
    EXPECT_EQ(q1.lines().size(), 2 * kEnterprises);
    EXPECT_EQ(q1.totals().all.rewards_quarter, expected_q1_total());
  }
  std::printf("control 2019Q1 settled in %.1f s\n", seconds_since(step));

  // A ledger with history: 2019Q1 paid one line (committing all two million would only
  // cost time; one run is enough to see that nothing is added to it).
  InMemoryLedger ledger;
  const std::int64_t paid = (sales_fen(0) + 5) / 10;
  ASSERT_EQ(ledger
                .commit(PendingCommit{Quarter(2019, 1), {{code_of(0).to_string(), "P1-share", fen_to_decimal(paid)}},
                                    "limits", kBookSha, kDataSha, ""})
                .status,
            CommitStatus::committed);
  const CommitRecord committed = ledger.commits().at(0);

  // 2019Q2: the 777,777th enterprise's P2 overflows (and so would the 900,001st's).
  const std::string first = code_of(kFirstOffender).to_string();
  const std::string second = code_of(kSecondOffender).to_string();
  std::string message_one_thread;
  for (const unsigned threads : {1U, 4U}) {
    step = std::chrono::steady_clock::now();
    const Error e = error_of([&] {
      // What a host does: settle and commit in one go. Nothing may reach the ledger.
      ledger.commit(settle(book(), reg, Quarter(2019, 2), ledger, SettleOptions{threads, false})
                        .to_commit());
    });
    std::printf("2019Q2 with %u thread(s) failed in %.1f s\n", threads, seconds_since(step));
    EXPECT_EQ(e.code(), ErrorCode::overflow) << e.what();
    const std::string what = e.what();
    EXPECT_NE(what.find(first), std::string::npos) << what;
    EXPECT_EQ(what.find(second), std::string::npos) << "the first offender, not the second: " << what;
    EXPECT_NE(what.find("\"P2-per-unit\""), std::string::npos) << what;
    EXPECT_EQ(what.find("P1-share"), std::string::npos) << what;
    EXPECT_NE(what.find("2019Q2"), std::string::npos) << what;
    // The reason: the exact product 10^39 does not fit (the formula's 128 bits; Decimal's 38 digits).
    EXPECT_NE(what.find("sales[this_quarter] * 1000"), std::string::npos) << what;
    EXPECT_TRUE(what.find("128 bits") != std::string::npos || what.find("38 digits") != std::string::npos) << what;
    if (threads == 1) {
      message_one_thread = what;
    } else {
      EXPECT_EQ(what, message_one_thread) << "the message depends on the thread count";
    }
  }
  // The ledger holds exactly its one run, unchanged.
  ASSERT_EQ(ledger.commits().size(), 1U);
  EXPECT_EQ(ledger.last_committed(), Quarter(2019, 1));
  EXPECT_EQ(ledger.commits().at(0).commit_sha256, committed.commit_sha256);
  EXPECT_FALSE(ledger.commit_of(Quarter(2019, 2)));
  ledger.verify();
  std::printf("whole test: %.1f s\n", seconds_since(start));

  reliability_record({{"section", "limits"},
                      {"case", "38-digit overflow in a formula, 1,000,000 enterprises, 1 and 4 threads"},
                      {"enterprises", kEnterprises},
                      {"message", message_one_thread}});
}

// A line's amount fits Decimal but not 64-bit fen: named like a formula overflow.
TEST(ResourceLimits, ALineBeyondInt64FenNamesItsEnterprise) {
  // 10^15 yuan × 1000 = 10^18 yuan = 10^20 fen, beyond 2^63 - 1.
  const Register reg = build_register(3, {1}, "1000000000000000");
  const InMemoryLedger ledger;
  const Error e = error_of([&] { (void)settle(book(), reg, Quarter(2019, 2), ledger, SettleOptions{1, true}); });
  const std::string what = e.what();
  EXPECT_EQ(e.code(), ErrorCode::overflow) << what;
  EXPECT_NE(what.find(code_of(1).to_string()), std::string::npos) << what;
  EXPECT_NE(what.find("\"P2-per-unit\""), std::string::npos) << what;
  EXPECT_NE(what.find("2019Q2"), std::string::npos) << what;
  EXPECT_NE(what.find("92233720368547758.07"), std::string::npos) << what;
  reliability_record({{"section", "limits"},
                      {"case", "a line beyond 64-bit fen (10^18 yuan)"},
                      {"enterprises", reg.size()},
                      {"message", what}});
}

// Every line fits, their sum does not: settling succeeds, the totals refuse.
TEST(ResourceLimits, TotalsBeyondInt64FenAreRefused) {
  // Two enterprises with P2 = 5 × 10^16 yuan = 5 × 10^18 fen each: together 10^19 > 2^63 - 1.
  const Register reg = build_register(2, {0, 1}, "50000000000000");
  const InMemoryLedger ledger;
  const Settlement s = settle(book(), reg, Quarter(2019, 2), ledger, SettleOptions{1, true});
  const SettlementLine* line = s.find_line(code_of(0), "P2-per-unit");
  ASSERT_NE(line, nullptr);
  // Q2's 5 × 10^18 fen plus Q1's 1000 × 0.01 yuan (recomputed, never paid).
  EXPECT_EQ(line->payout_fen, 5'000'000'000'000'000'000 + sales_fen(0) * 1000);
  const Error e = error_of([&] { (void)s.totals(); });
  const std::string what = e.what();
  EXPECT_EQ(e.code(), ErrorCode::overflow) << what;
  EXPECT_NE(what.find("settlement total"), std::string::npos) << what;
  EXPECT_NE(what.find("92233720368547758.07"), std::string::npos) << what;
  reliability_record({{"section", "limits"},
                      {"case", "settlement totals beyond 64-bit fen (two lines of 5 x 10^16 yuan)"},
                      {"enterprises", reg.size()},
                      {"message", what}});
}

// A budgeted policy whose claims sum beyond 64-bit fen: the budget split is refused.
TEST(ResourceLimits, BudgetClaimsBeyondInt64FenAreRefused) {
  const PolicyBook budgeted = load_policy_book(R"json({
    "format": "duixian.policy-book/1", "id": "budget", "title": "Budget", "currency": "CNY", "year": 2019,
    "metrics": [{"name": "sales", "type": "money", "period": "quarter"}],
    "funding": {"rules": [], "default_city_share": 0.3},
    "policies": [{"id": "B1-budgeted", "title": "B1", "kind": "reward", "basis": "per_quarter",
                  "amount": "sales[this_quarter]", "budget": 10000000}]
  })json",
                                               "budget.json");
  ASSERT_EQ(budgeted.schema().size(), book().schema().size());
  // Two claims of 6 × 10^16 yuan = 6 × 10^18 fen each: each fits, the sum does not.
  const Register reg = build_register(2, {0, 1}, "60000000000000000");
  const InMemoryLedger ledger;
  const Error e = error_of([&] { (void)settle(budgeted, reg, Quarter(2019, 2), ledger, SettleOptions{1, true}); });
  const std::string what = e.what();
  EXPECT_EQ(e.code(), ErrorCode::overflow) << what;
  EXPECT_NE(what.find("\"B1-budgeted\""), std::string::npos) << what;
  EXPECT_NE(what.find("92233720368547758.07"), std::string::npos) << what;
  reliability_record({{"section", "limits"},
                      {"case", "a budget's claims summing beyond 64-bit fen (two claims of 6 x 10^16 yuan)"},
                      {"enterprises", reg.size()},
                      {"message", what}});
}

}  // namespace
}  // namespace duixian
