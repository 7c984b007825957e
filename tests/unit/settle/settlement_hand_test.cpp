// About ten enterprises, each a named edge case of ../shared/workload/wenzhou-2019.md,
// settled through 2019Q1..Q4 against an in-memory ledger, with every expected amount
// worked out by hand from the workload's rules (§2–§5): the arithmetic is in the
// comments beside each expectation, never copied from the engine's output.
//
// Sequence (SetUpTestSuite): settle Q1, commit; settle Q2, commit; re-settle Q2
// (must be committed_identical, committing again already_committed); rebuild the
// register with a facts revision (equipment_investment[2018] of two enterprises);
// settle Q3, commit; settle Q4.
//
// Rounding is always to the fen, half-up (ties away from zero).
// Funding: regions 330302..330305 city 50 %, every other region city 30 %.
#include <gtest/gtest.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "duixian/credit_code.hpp"
#include "duixian/enterprise.hpp"
#include "duixian/error.hpp"
#include "duixian/explanation.hpp"
#include "duixian/fact.hpp"
#include "duixian/ledger.hpp"
#include "duixian/period.hpp"
#include "duixian/policy_book.hpp"
#include "duixian/register.hpp"
#include "duixian/settlement.hpp"
#include "test_paths.hpp"

namespace duixian {
namespace {

const PolicyBook& wenzhou() {
  static const PolicyBook book = load_policy_book_file(test::wenzhou_book_path());
  return book;
}

// "150,000.03" -> 15000003 fen. Written here (not with the engine's decimal_to_fen) so the
// expectations depend on nothing under test. Grouping commas are for reading only.
std::int64_t F(const std::string& text) {
  std::string digits;
  bool negative = false;
  std::size_t places = 0;
  bool point = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '-' && i == 0) {
      negative = true;
    } else if (c == ',') {
      continue;
    } else if (c == '.') {
      point = true;
    } else {
      digits += c;
      if (point) ++places;
    }
  }
  if (!point || places != 2) throw std::runtime_error("F(\"" + text + "\"): write exactly two places");
  const std::int64_t v = std::stoll(digits);
  return negative ? -v : v;
}

// ---------------------------------------------------------------------------------
// The register: one row per enterprise, then its facts (metric, period, value).

struct Row {
  const char* key;         // short name used by the tests
  const char* body8;       // organization-code body of the credit code
  const char* region;      // GB/T 2260
  const char* tags;        // ';'-separated
  const char* registered;  // 成立日期
  const char* name;
};

struct FactRow {
  const char* key;
  const char* metric;
  const char* period;  // "" = timeless
  const char* value;
};

// clang-format off
const Row rows[] = {
  // key     body8       region    tags                          registered
  {"TIE",   "HAND0001", "330302", "above_scale",                 "2017-01-01", "1 R1/R2 equal rounded E"},
  {"CAP5M", "HAND0002", "330304", "above_scale",                 "2017-01-01", "2 R1 capped at 5,000,000; R2 stacked; R5 g = 0.30"},
  {"G20",   "HAND0003", "330302", "above_scale",                 "2017-01-01", "3 R5 g = 0.20 exactly"},
  {"NEAR",  "HAND0004", "330381", "above_scale",                 "2017-01-01", "3 near misses: R1 base 4,999,999.99, R5 g just below 0.10, grade C"},
  {"LEAP",  "HAND0005", "330381", "in_micro_park",               "2017-01-01", "4 R6 entry 2016-02-29"},
  {"NORENT","HAND0006", "330302", "in_micro_park",               "2017-01-01", "4 R6 no park_rent[2019Q2]"},
  {"LOAN",  "HAND0007", "330381", "",                            "2017-01-01", "5 R7 loan mid-quarter to mid-quarter"},
  {"LOAN1M","HAND0008", "330303", "",                            "2017-01-01", "5 R7 annual cap 1,000,000"},
  {"OLD",   "HAND0009", "330381", "above_scale;in_micro_park",   "2015-06-01", "6 enterprise cap binds"},
  {"Y2016", "HAND0010", "330381", "above_scale",                 "2016-01-01", "2/6 R1 base exactly 5,000,000; registered 2016-01-01 (no cap)"},
  {"BURDEN","HAND0011", "330381", "",                            "2018-03-01", "7 burden reductions B1..B5"},
  {"DOWN",  "HAND0012", "330302", "above_scale",                 "2017-01-01", "8 revised down across the threshold"},
  {"UP",    "HAND0013", "330381", "above_scale",                 "2017-01-01", "8 revised up"},
};

const FactRow facts[] = {
  // 1. R1 E = round(min(10% × 6,000,001.00, 5,000,000)) = 600,000.10
  //    R2 E = round(min(15% × 4,000,000.67, 3,000,000)) = round(600,000.1005) = 600,000.10
  //    Equal E (the exact amounts differ): R1 kept (earlier in book order), R2 stacked.
  {"TIE", "equipment_investment", "2018", "6000001.00"},
  {"TIE", "smart_investment", "2018", "4000000.67"},
  // 2. R1: 10% × 60,000,000 = 6,000,000 > 5,000,000 -> E = 5,000,000.00
  //    R2: 15% × 30,000,000 = 4,500,000 > 3,000,000 -> 3,000,000 < 5,000,000: stacked under R1.
  //    R5: g = 26,000,000 / 20,000,000 − 1 = 0.30 exactly -> 200,000.
  {"CAP5M", "equipment_investment", "2018", "60000000.00"},
  {"CAP5M", "smart_investment", "2018", "30000000.00"},
  {"CAP5M", "output_value", "2018Q1", "20000000.00"},
  {"CAP5M", "output_value", "2019Q1", "26000000.00"},
  // 3. R5: g = 12,000,000 / 10,000,000 − 1 = 0.20 exactly -> 100,000.
  {"G20", "output_value", "2018Q1", "10000000.00"},
  {"G20", "output_value", "2019Q1", "12000000.00"},
  // 3. Near misses, no line at all:
  //    R1: 4,999,999.99 < 5,000,000 -> not eligible.
  //    R5: g = 1,100,000.01 / 1,000,000.01 − 1 = 100,000 / 1,000,000.01 = 0.0999999990... < 0.10
  //        -> no tier (it would be 0.10 and 50,000 if g were rounded to 8 places).
  //    B4: grade C -> not eligible.
  {"NEAR", "equipment_investment", "2018", "4999999.99"},
  {"NEAR", "output_value", "2018Q1", "1000000.01"},
  {"NEAR", "output_value", "2019Q1", "1100000.01"},
  {"NEAR", "per_mu_grade", "2018", "C"},
  {"NEAR", "land_area_sqm", "", "5000"},
  // 4. R6, entry 2016-02-29: window 2016-02-29..2019-02-27 (2019-02-29 -> 02-28, minus a day).
  //    Q1: days = 31 (Jan) + 27 (Feb) = 58: 30% × 90,000.00 × 58 / 90 = 17,400.00
  //    Q2..Q4: no overlap -> 0.
  {"LEAP", "park_entry_date", "", "2016-02-29"},
  {"LEAP", "park_rent", "2019Q1", "90000.00"},
  {"LEAP", "park_rent", "2019Q2", "90000.00"},
  {"LEAP", "park_rent", "2019Q3", "90000.00"},
  {"LEAP", "park_rent", "2019Q4", "90000.00"},
  // 4. R6, entry 2019-02-15 (window to 2022-02-14), no park_rent[2019Q2]:
  //    Q1: days = 14 (Feb 15..28) + 31 (Mar) = 45: 30% × 33,333.37 × 45 / 90 = 5,000.0055 -> 5,000.01
  //    Q2: missing -> no amount, an omission.
  //    Q3: 30% × 61,000.00 × 92 / 92 = 18,300.00;  Q4: the same, 18,300.00.
  {"NORENT", "park_entry_date", "", "2019-02-15"},
  {"NORENT", "park_rent", "2019Q1", "33333.37"},
  {"NORENT", "park_rent", "2019Q3", "61000.00"},
  {"NORENT", "park_rent", "2019Q4", "61000.00"},
  // 5. R7, loan 10,000,000.00 from 2019-02-10 to 2019-11-20 (inclusive); 1.5% × 10,000,000 = 150,000:
  //    Q1: 19 (Feb 10..28) + 31 = 50 days: 150,000 × 50 / 360 = 20,833.333... -> 20,833.33
  //    Q2: 91 days: 150,000 × 91 / 360 = 37,916.666... -> 37,916.67
  //    Q3: 92 days: 150,000 × 92 / 360 = 38,333.333... -> 38,333.33
  //    Q4: 31 (Oct) + 20 (Nov 1..20) = 51 days: 150,000 × 51 / 360 = 21,250.00
  //    total 118,333.33 < 1,000,000: the cap never binds.
  {"LOAN", "tech_loan_amount", "", "10000000.00"},
  {"LOAN", "tech_loan_start", "", "2019-02-10"},
  {"LOAN", "tech_loan_end", "", "2019-11-20"},
  // 5. R7, loan 100,000,000.00 over all of 2019; 1.5% × 100,000,000 = 1,500,000:
  //    Q1: 1,500,000 × 90 / 360 = 375,000.00                  S = 375,000.00
  //    Q2: 1,500,000 × 91 / 360 = 379,166.666... -> 379,166.67 S = 754,166.67
  //    Q3: 1,500,000 × 92 / 360 = 383,333.33, capped to 1,000,000 − 754,166.67 = 245,833.33; S = 1,000,000
  //    Q4: 383,333.33 capped to 0.
  {"LOAN1M", "tech_loan_amount", "", "100000000.00"},
  {"LOAN1M", "tech_loan_start", "", "2018-06-01"},
  {"LOAN1M", "tech_loan_end", "", "2020-05-31"},
  // 6. Registered 2015-06-01 < 2016-01-01: enterprise cap = local_contribution[2018] = 500,000.00.
  //    R1 E = 10% × 8,000,000 = 800,000 -> 200,000.00 a quarter.
  //    R3 above_scale_since 2019-04-15 -> 100,000 due in Q2, exempt from the cap.
  //    R4 inc = 2,000,000 − 1,000,000 = 1,000,000 -> 15% = 150,000 due in Q2.
  //    R6 entry 2017-07-01 (window to 2020-06-30, all of 2019): 30% × 100,000 = 30,000 a quarter.
  //    Walk (quarter, then book order), S = used cap:
  //      Q1 R1 min(200,000, 500,000 − 0)       = 200,000  S = 200,000
  //      Q1 R6 min(30,000, 500,000 − 200,000)  =  30,000  S = 230,000
  //      Q2 R1 min(200,000, 500,000 − 230,000) = 200,000  S = 430,000
  //      Q2 R3 exempt                          = 100,000
  //      Q2 R4 min(150,000, 500,000 − 430,000) =  70,000  S = 500,000
  //      Q2 R6 min(30,000, 0)                  =       0
  //      Q3, Q4: R1 0, R6 0.
  {"OLD", "equipment_investment", "2018", "8000000.00"},
  {"OLD", "above_scale_since", "", "2019-04-15"},
  {"OLD", "rd_expense", "2017", "1000000.00"},
  {"OLD", "rd_expense", "2018", "2000000.00"},
  {"OLD", "park_entry_date", "", "2017-07-01"},
  {"OLD", "park_rent", "2019Q1", "100000.00"},
  {"OLD", "park_rent", "2019Q2", "100000.00"},
  {"OLD", "park_rent", "2019Q3", "100000.00"},
  {"OLD", "park_rent", "2019Q4", "100000.00"},
  {"OLD", "local_contribution", "2018", "500000.00"},
  // 2 and 6. R1 base exactly 5,000,000.00 (threshold inclusive): E = 500,000.00 -> 125,000.00 a quarter.
  //    Registered exactly 2016-01-01: not before 2016-01-01, so no enterprise cap even though
  //    local_contribution[2018] is only 1,000.00.
  {"Y2016", "equipment_investment", "2018", "5000000.00"},
  {"Y2016", "local_contribution", "2018", "1000.00"},
  // 7. Burden reductions (no funding shares):
  //    B1 Q1: not in force (from 2019-05-01).
  //       Q2: 4% × 1,200,000 × 61 / 91 (May 1..Jun 30) = 2,928,000 / 91 = 32,175.824... -> 32,175.82
  //       Q3: 4% × 1,300,000 × 92 / 92 = 52,000.00;  Q4: 52,000.00
  //    B2 Q1: not in force (from 2019-04-01).  Q2: 3% × 6,000,000 = 180,000.00;
  //       Q3: 3% × 6,100,000 = 183,000.00;  Q4: 3% × 6,200,000 = 186,000.00
  //    B3 Q1: 123,457 × 0.0452 = 5,580.2564 -> 5,580.26;  Q2: 100,001 × 0.0452 = 4,520.0452 -> 4,520.05
  //       Q3: 100,000 × 0.0452 = 4,520.00;  Q4: 110,000 × 0.0452 = 4,972.00
  //    B4 grade B (half rate): 1,234.567 × 8 × 50% / 4 = 1,234.567 -> 1,234.57 each quarter
  //    B5 Q1: 13% × 1,000,000.05 = 130,000.0065 -> 130,000.01;  Q2: 13% × 2,000,000 = 260,000.00
  //       Q3: 13% × 1,500,000 = 195,000.00;  Q4: 13% × 1,000,000 = 130,000.00
  {"BURDEN", "pension_wage_base", "2019Q1", "1000000.00"},
  {"BURDEN", "pension_wage_base", "2019Q2", "1200000.00"},
  {"BURDEN", "pension_wage_base", "2019Q3", "1300000.00"},
  {"BURDEN", "pension_wage_base", "2019Q4", "1300000.00"},
  {"BURDEN", "taxable_sales", "2019Q1", "5000000.00"},
  {"BURDEN", "taxable_sales", "2019Q2", "6000000.00"},
  {"BURDEN", "taxable_sales", "2019Q3", "6100000.00"},
  {"BURDEN", "taxable_sales", "2019Q4", "6200000.00"},
  {"BURDEN", "electricity_kwh", "2019Q1", "123457"},
  {"BURDEN", "electricity_kwh", "2019Q2", "100001"},
  {"BURDEN", "electricity_kwh", "2019Q3", "100000"},
  {"BURDEN", "electricity_kwh", "2019Q4", "110000"},
  {"BURDEN", "land_area_sqm", "", "1234.567"},
  {"BURDEN", "per_mu_grade", "2018", "B"},
  {"BURDEN", "export_sales", "2019Q1", "1000000.05"},
  {"BURDEN", "export_sales", "2019Q2", "2000000.00"},
  {"BURDEN", "export_sales", "2019Q3", "1500000.00"},
  {"BURDEN", "export_sales", "2019Q4", "1000000.00"},
  // 8. Before the revision: R1 E = 10% × 5,500,000 = 550,000 -> 137,500.00 a quarter.
  {"DOWN", "equipment_investment", "2018", "5500000.00"},
  // 8. Before the revision: R1 E = 10% × 6,000,000 = 600,000 -> 150,000.00 a quarter.
  {"UP", "equipment_investment", "2018", "6000000.00"},
};

// Applied after Q2 was committed.
const FactRow revision[] = {
  // Down across the threshold: 4,800,000 < 5,000,000 -> no R1 at all; Q3 recovers the 275,000.00 paid.
  {"DOWN", "equipment_investment", "2018", "4800000.00"},
  // Up: E = 10% × 7,000,000 = 700,000 -> 175,000.00 a quarter; Q3 pays 3 × 175,000 − 300,000 = 225,000.00.
  {"UP", "equipment_investment", "2018", "7000000.00"},
};
// clang-format on

CreditCode code_of(const std::string& key) {
  for (const Row& r : rows) {
    if (key == r.key) return complete_credit_code(std::string("91") + r.region, r.body8);
  }
  throw std::runtime_error("no enterprise " + key);
}

Register build_register(bool revised) {
  const MetricSchema& schema = wenzhou().schema();
  RegisterBuilder b(schema);
  for (const Row& r : rows) {
    b.add_enterprise(Enterprise{code_of(r.key), r.name, RegionCode::parse(r.region), IndustryCode::parse("C1952"),
                                parse_tags(r.tags), Date::parse(r.registered), {}});
  }
  const auto put = [&](const FactRow& f, bool revise) {
    const auto e = b.view().find(code_of(f.key));
    const auto m = schema.find(f.metric);
    if (!e || !m) throw std::runtime_error(std::string("bad fact row ") + f.key + " " + f.metric);
    const FactValue v = parse_fact_value(schema[*m], f.value);
    const Period p = Period::parse(f.period);
    if (revise) {
      if (b.revise_fact(*e, *m, p, v) != FactInsert::replaced) throw std::runtime_error("revision replaced nothing");
    } else {
      b.add_fact(*e, *m, p, v);
    }
  };
  for (const FactRow& f : facts) put(f, false);
  if (revised) {
    for (const FactRow& f : revision) put(f, true);
  }
  return std::move(b).build();
}

// ---------------------------------------------------------------------------------
// The four quarters, settled once for every test.

struct Year2019 {
  std::unique_ptr<Register> original;
  std::unique_ptr<Register> revised;
  InMemoryLedger ledger;
  Settlement q[5];  // q[1]..q[4]
  LedgerState q1_state_before_commit = LedgerState::committed_different;
  LedgerState q2_resettled_state = LedgerState::not_committed;
  CommitStatus q2_recommit_status = CommitStatus::committed;
  LedgerState q2_revised_state = LedgerState::not_committed;
  std::string q2_revised_commit_error;
};

class SettlementHand : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    error_ = new std::string;
    try {
      run_ = new Year2019;
      Year2019& r = *run_;
      const PolicyBook& book = wenzhou();
      const auto commit = [&](const Settlement& s) {
        return r.ledger.commit(s.to_commit());
      };
      r.original = std::make_unique<Register>(build_register(false));
      r.revised = std::make_unique<Register>(build_register(true));

      r.q[1] = settle(book, *r.original, Quarter(2019, 1), r.ledger);
      r.q1_state_before_commit = r.q[1].ledger_state();
      commit(r.q[1]);
      r.q[2] = settle(book, *r.original, Quarter(2019, 2), r.ledger);
      commit(r.q[2]);

      // Q2 again, same facts: identical, and committing it again changes nothing.
      const Settlement again = settle(book, *r.original, Quarter(2019, 2), r.ledger);
      r.q2_resettled_state = again.ledger_state();
      r.q2_recommit_status = commit(again).status;
      // Q2 again with the revised facts: different, and refused (the change belongs to Q3).
      const Settlement changed = settle(book, *r.revised, Quarter(2019, 2), r.ledger);
      r.q2_revised_state = changed.ledger_state();
      try {
        commit(changed);
      } catch (const Error& e) {
        r.q2_revised_commit_error = std::string(e.what()) + (e.code() == ErrorCode::ledger_conflict ? "" : " (not ledger_conflict)");
      }

      r.q[3] = settle(book, *r.revised, Quarter(2019, 3), r.ledger);
      commit(r.q[3]);
      r.q[4] = settle(book, *r.revised, Quarter(2019, 4), r.ledger);
    } catch (const std::exception& e) {
      *error_ = std::string("setting up the hand-worked register failed: ") + e.what();
    }
  }
  static void TearDownTestSuite() {
    delete run_;
    run_ = nullptr;
    delete error_;
    error_ = nullptr;
  }
  void SetUp() override {
    if (!error_->empty()) FAIL() << *error_;
  }

  static const Settlement& Q(int quarter) { return run_->q[quarter]; }
  static Year2019& year() { return *run_; }

 private:
  static Year2019* run_;
  static std::string* error_;
};

Year2019* SettlementHand::run_ = nullptr;
std::string* SettlementHand::error_ = nullptr;

struct Want {
  const char* due;
  const char* cumulative;
  const char* previously_paid;
  const char* payout;
  const char* city;
  const char* county;
};

std::string describe(const Settlement& s) {
  std::ostringstream out;
  for (const SettlementLine& l : s.lines()) {
    out << "  " << s.enterprises()[l.enterprise].code << ' ' << s.book().policies()[l.policy].id << " due "
        << l.due_fen << " cum " << l.cumulative_fen << " prev " << l.previously_paid_fen << " pay " << l.payout_fen
        << " city " << l.city_fen << " county " << l.county_fen << '\n';
  }
  return out.str();
}

void expect_line(const Settlement& s, const char* who, const char* policy, const Want& w) {
  SCOPED_TRACE(std::string(who) + " " + policy + " in " + s.quarter().to_string());
  const SettlementLine* l = s.find_line(code_of(who), policy);
  ASSERT_NE(l, nullptr) << "no line; lines are:\n" << describe(s);
  EXPECT_EQ(l->due_fen, F(w.due)) << "due";
  EXPECT_EQ(l->cumulative_fen, F(w.cumulative)) << "cumulative";
  EXPECT_EQ(l->previously_paid_fen, F(w.previously_paid)) << "previously paid";
  EXPECT_EQ(l->payout_fen, F(w.payout)) << "payout";
  EXPECT_EQ(l->city_fen, F(w.city)) << "city";
  EXPECT_EQ(l->county_fen, F(w.county)) << "county";
}

void expect_no_line(const Settlement& s, const char* who, const char* policy) {
  const SettlementLine* l = s.find_line(code_of(who), policy);
  EXPECT_EQ(l, nullptr) << who << ' ' << policy << " in " << s.quarter().to_string()
                        << " must have no line; it has payout " << (l ? l->payout_fen : 0);
}

std::size_t index_of(const Settlement& s, const char* who, const char* policy) {
  const SettlementLine* l = s.find_line(code_of(who), policy);
  if (l == nullptr) throw std::runtime_error(std::string("no line ") + who + " " + policy);
  return static_cast<std::size_t>(l - s.lines().data());
}

const Omission* find_omission(const Settlement& s, const char* who, const char* policy, OmissionReason reason,
                              std::optional<int> quarter = std::nullopt) {
  const CreditCode code = code_of(who);
  for (const Omission& o : s.omissions()) {
    if (s.omitted_enterprises()[o.enterprise].code == code && s.book().policies()[o.policy].id == policy &&
        o.reason == reason && (!quarter || o.quarter == *quarter)) {
      return &o;
    }
  }
  return nullptr;
}

const DueStep* due_step(const LineExplanation& x, int quarter) {
  for (const DueStep& d : x.dues) {
    if (d.quarter == quarter) return &d;
  }
  return nullptr;
}

// ---------------------------------------------------------------------------------

TEST_F(SettlementHand, EveryLineIsConsistent) {
  for (int q = 1; q <= 4; ++q) {
    const Settlement& s = Q(q);
    EXPECT_EQ(s.quarter(), Quarter(2019, static_cast<unsigned>(q)));
    for (const SettlementLine& l : s.lines()) {
      const std::string& id = s.book().policies()[l.policy].id;
      SCOPED_TRACE(s.enterprises()[l.enterprise].code.to_string() + " " + id + " Q" + std::to_string(q));
      EXPECT_EQ(l.cumulative_fen, l.previously_paid_fen + l.payout_fen);
      if (id[0] == 'R') {
        EXPECT_EQ(l.payout_fen, l.city_fen + l.county_fen);
      } else {
        EXPECT_EQ(l.city_fen, 0);
        EXPECT_EQ(l.county_fen, 0);
      }
      EXPECT_TRUE(l.cumulative_fen != 0 || l.payout_fen != 0) << "a line with nothing in it";
    }
  }
}

TEST_F(SettlementHand, ExactlyTheLinesWorkedOut) {
  // Q1 rewards: TIE R1; CAP5M R1, R5; G20 R5; LEAP R6; NORENT R6; LOAN R7; LOAN1M R7; OLD R1, R6;
  //   Y2016 R1; DOWN R1; UP R1 = 13.  Burden: BURDEN B3, B4, B5 = 3 (B1, B2 not in force).  16 lines.
  EXPECT_EQ(Q(1).lines().size(), 16U) << describe(Q(1));
  // Q2: Q1's 13 + OLD R3, R4 = 15 rewards (R5 and R6 lines stay: cumulative non-zero); BURDEN B1..B5 = 5. 20.
  EXPECT_EQ(Q(2).lines().size(), 20U) << describe(Q(2));
  // Q3: the same pairs (DOWN R1 is a recovery line). 20.
  EXPECT_EQ(Q(3).lines().size(), 20U) << describe(Q(3));
  // Q4: DOWN R1 has cumulative 0 and payout 0 now -> no line. 19.
  EXPECT_EQ(Q(4).lines().size(), 19U) << describe(Q(4));
  // Enterprises with lines: all but NEAR in Q1..Q3; Q4 also loses DOWN.
  EXPECT_EQ(Q(1).enterprises().size(), 12U);
  EXPECT_EQ(Q(4).enterprises().size(), 11U);
}

TEST_F(SettlementHand, Case1StackingTieKeepsTheEarlierPolicy) {
  // E = 600,000.10 over 4 instalments: round(600,000.10 / 4) = round(150,000.025) = 150,000.03 (Q1..Q3),
  // last = 600,000.10 − 3 × 150,000.03 = 150,000.01. Region 330302: city 50 %.
  // Q1 city = round(150,000.03 × 50%) = round(75,000.015) = 75,000.02; county 75,000.01.
  expect_line(Q(1), "TIE", "R1-tech-upgrade",
              {"150,000.03", "150,000.03", "0.00", "150,000.03", "75,000.02", "75,000.01"});
  expect_line(Q(2), "TIE", "R1-tech-upgrade",
              {"150,000.03", "300,000.06", "150,000.03", "150,000.03", "75,000.02", "75,000.01"});
  expect_line(Q(3), "TIE", "R1-tech-upgrade",
              {"150,000.03", "450,000.09", "300,000.06", "150,000.03", "75,000.02", "75,000.01"});
  // Q4 city = round(150,000.01 × 50%) = round(75,000.005) = 75,000.01; county 75,000.00.
  expect_line(Q(4), "TIE", "R1-tech-upgrade",
              {"150,000.01", "600,000.10", "450,000.09", "150,000.01", "75,000.01", "75,000.00"});
  for (int q = 1; q <= 4; ++q) expect_no_line(Q(q), "TIE", "R2-smart-manufacturing");

  // The explanation records the stacking decision: R1 kept, winner R1 at 600,000.10.
  const LineExplanation x = Q(1).explain(index_of(Q(1), "TIE", "R1-tech-upgrade"));
  EXPECT_EQ(x.policy_id, "R1-tech-upgrade");
  EXPECT_EQ(x.credit_code, code_of("TIE").to_string());
  ASSERT_EQ(x.computations.size(), 1U);
  const ComputationStep& c = x.computations[0];
  EXPECT_EQ(c.quarter, 0);
  EXPECT_TRUE(c.eligible);
  EXPECT_EQ(c.rounded_fen, F("600,000.10"));
  ASSERT_TRUE(c.stacking.has_value());
  EXPECT_EQ(c.stacking->group, "tech");
  EXPECT_TRUE(c.stacking->kept);
  EXPECT_EQ(c.stacking->winner, "R1-tech-upgrade");
  EXPECT_EQ(c.stacking->winner_fen, F("600,000.10"));
  EXPECT_EQ(c.after_stacking_fen, F("600,000.10"));
  EXPECT_EQ(c.amount_fen, F("600,000.10"));
  ASSERT_EQ(x.dues.size(), 1U);
  EXPECT_EQ(x.dues[0].scheduled_fen, F("150,000.03"));
  EXPECT_EQ(x.payout_fen, F("150,000.03"));
  EXPECT_NE(to_text(x).find("R1-tech-upgrade"), std::string::npos) << to_text(x);
  EXPECT_NE(to_json(x).find("\"R1-tech-upgrade\""), std::string::npos) << to_json(x);
}

TEST_F(SettlementHand, Case2ThresholdInclusiveAndCappedBase) {
  // CAP5M: E = 5,000,000.00 -> 1,250,000.00 a quarter; region 330304: city 625,000.00.
  expect_line(Q(1), "CAP5M", "R1-tech-upgrade",
              {"1,250,000.00", "1,250,000.00", "0.00", "1,250,000.00", "625,000.00", "625,000.00"});
  expect_line(Q(4), "CAP5M", "R1-tech-upgrade",
              {"1,250,000.00", "5,000,000.00", "3,750,000.00", "1,250,000.00", "625,000.00", "625,000.00"});
  // R2 3,000,000 < R1 5,000,000: stacked, no line.
  expect_no_line(Q(1), "CAP5M", "R2-smart-manufacturing");
  // Y2016: base exactly 5,000,000.00 is eligible: E = 500,000.00 -> 125,000.00 a quarter;
  // region 330381: city 30% = 37,500.00, county 87,500.00.
  expect_line(Q(1), "Y2016", "R1-tech-upgrade",
              {"125,000.00", "125,000.00", "0.00", "125,000.00", "37,500.00", "87,500.00"});
  expect_line(Q(4), "Y2016", "R1-tech-upgrade",
              {"125,000.00", "500,000.00", "375,000.00", "125,000.00", "37,500.00", "87,500.00"});
  // NEAR: base 4,999,999.99 is not eligible.
  for (int q = 1; q <= 4; ++q) expect_no_line(Q(q), "NEAR", "R1-tech-upgrade");
}

TEST_F(SettlementHand, Case3GrowthTiersComparedExactly) {
  // R5 sum S = 200,000 + 100,000 = 300,000 <= budget 30,000,000: the budget does not bind.
  // CAP5M g = 0.30 -> 200,000.00 (city 50% = 100,000.00); G20 g = 0.20 -> 100,000.00 (city 50,000.00).
  expect_line(Q(1), "CAP5M", "R5-q1-growth",
              {"200,000.00", "200,000.00", "0.00", "200,000.00", "100,000.00", "100,000.00"});
  expect_line(Q(1), "G20", "R5-q1-growth",
              {"100,000.00", "100,000.00", "0.00", "100,000.00", "50,000.00", "50,000.00"});
  // Q2..Q4: R5 is not in force, but Q1 is recomputed and stays paid: due 0, payout 0.
  expect_line(Q(2), "G20", "R5-q1-growth", {"0.00", "100,000.00", "100,000.00", "0.00", "0.00", "0.00"});
  expect_line(Q(4), "G20", "R5-q1-growth", {"0.00", "100,000.00", "100,000.00", "0.00", "0.00", "0.00"});
  expect_line(Q(4), "CAP5M", "R5-q1-growth", {"0.00", "200,000.00", "200,000.00", "0.00", "0.00", "0.00"});
  // NEAR: g = 0.0999999990... reaches no tier.
  expect_no_line(Q(1), "NEAR", "R5-q1-growth");
  EXPECT_NE(find_omission(Q(1), "NEAR", "R5-q1-growth", OmissionReason::no_tier, 1), nullptr);
  // NEAR grade C: no B4.
  expect_no_line(Q(1), "NEAR", "B4-land-tax");
  // Nobody at all has a line under NEAR's code.
  for (int q = 1; q <= 4; ++q) {
    for (const SettledEnterprise& e : Q(q).enterprises()) EXPECT_NE(e.code, code_of("NEAR"));
  }
}

TEST_F(SettlementHand, Case4ParkRentWindowAndMissingQuarter) {
  // LEAP: Q1 17,400.00; region 330381: city 30% = 5,220.00, county 12,180.00.
  expect_line(Q(1), "LEAP", "R6-micro-park-rent",
              {"17,400.00", "17,400.00", "0.00", "17,400.00", "5,220.00", "12,180.00"});
  // Q2: window ended 2019-02-27: 30% × 90,000 × 0 / 91 = 0.
  expect_line(Q(2), "LEAP", "R6-micro-park-rent", {"0.00", "17,400.00", "17,400.00", "0.00", "0.00", "0.00"});
  expect_line(Q(4), "LEAP", "R6-micro-park-rent", {"0.00", "17,400.00", "17,400.00", "0.00", "0.00", "0.00"});

  // NORENT: Q1 5,000.01; region 330302: city round(2,500.005) = 2,500.01, county 2,500.00.
  expect_line(Q(1), "NORENT", "R6-micro-park-rent",
              {"5,000.01", "5,000.01", "0.00", "5,000.01", "2,500.01", "2,500.00"});
  // Q2: no park_rent[2019Q2] -> nothing due in Q2, Q1 stays.
  expect_line(Q(2), "NORENT", "R6-micro-park-rent", {"0.00", "5,000.01", "5,000.01", "0.00", "0.00", "0.00"});
  const Omission* o = find_omission(Q(2), "NORENT", "R6-micro-park-rent", OmissionReason::missing_fact, 2);
  ASSERT_NE(o, nullptr);
  EXPECT_EQ(o->metric, *wenzhou().schema().find("park_rent"));
  EXPECT_EQ(o->period_key, Period(Quarter(2019, 2)).key());
  // Q1 and Q3 have their rent: no omission for those quarters.
  EXPECT_EQ(find_omission(Q(3), "NORENT", "R6-micro-park-rent", OmissionReason::missing_fact, 1), nullptr);
  EXPECT_EQ(find_omission(Q(3), "NORENT", "R6-micro-park-rent", OmissionReason::missing_fact, 3), nullptr);
  // Q3: 18,300.00; cumulative 5,000.01 + 0 + 18,300.00 = 23,300.01; city 50% = 9,150.00.
  expect_line(Q(3), "NORENT", "R6-micro-park-rent",
              {"18,300.00", "23,300.01", "5,000.01", "18,300.00", "9,150.00", "9,150.00"});
  // Q4: cumulative 41,600.01.
  expect_line(Q(4), "NORENT", "R6-micro-park-rent",
              {"18,300.00", "41,600.01", "23,300.01", "18,300.00", "9,150.00", "9,150.00"});
}

TEST_F(SettlementHand, Case5LoanInterestDaysAndAnnualCap) {
  // LOAN, region 330381 (city 30%):
  //   Q1 20,833.33: city round(6,249.999) = 6,250.00, county 14,583.33
  expect_line(Q(1), "LOAN", "R7-loan-interest",
              {"20,833.33", "20,833.33", "0.00", "20,833.33", "6,250.00", "14,583.33"});
  //   Q2 37,916.67: city round(11,375.001) = 11,375.00, county 26,541.67; cumulative 58,750.00
  expect_line(Q(2), "LOAN", "R7-loan-interest",
              {"37,916.67", "58,750.00", "20,833.33", "37,916.67", "11,375.00", "26,541.67"});
  //   Q3 38,333.33: city round(11,499.999) = 11,500.00, county 26,833.33; cumulative 97,083.33
  expect_line(Q(3), "LOAN", "R7-loan-interest",
              {"38,333.33", "97,083.33", "58,750.00", "38,333.33", "11,500.00", "26,833.33"});
  //   Q4 21,250.00: city 6,375.00, county 14,875.00; cumulative 118,333.33
  expect_line(Q(4), "LOAN", "R7-loan-interest",
              {"21,250.00", "118,333.33", "97,083.33", "21,250.00", "6,375.00", "14,875.00"});

  // LOAN1M, region 330303 (city 50%):
  expect_line(Q(1), "LOAN1M", "R7-loan-interest",
              {"375,000.00", "375,000.00", "0.00", "375,000.00", "187,500.00", "187,500.00"});
  //   Q2 city round(189,583.335) = 189,583.34, county 189,583.33
  expect_line(Q(2), "LOAN1M", "R7-loan-interest",
              {"379,166.67", "754,166.67", "375,000.00", "379,166.67", "189,583.34", "189,583.33"});
  //   Q3 capped 245,833.33: city round(122,916.665) = 122,916.67, county 122,916.66
  expect_line(Q(3), "LOAN1M", "R7-loan-interest",
              {"245,833.33", "1,000,000.00", "754,166.67", "245,833.33", "122,916.67", "122,916.66"});
  //   Q4 capped to 0.
  expect_line(Q(4), "LOAN1M", "R7-loan-interest",
              {"0.00", "1,000,000.00", "1,000,000.00", "0.00", "0.00", "0.00"});

  // The explanation of Q3 records the annual cap: 1,000,000.00 with 754,166.67 used before.
  const LineExplanation x = Q(3).explain(index_of(Q(3), "LOAN1M", "R7-loan-interest"));
  EXPECT_EQ(x.policy_id, "R7-loan-interest");
  const DueStep* d3 = due_step(x, 3);
  ASSERT_NE(d3, nullptr);
  EXPECT_EQ(d3->scheduled_fen, F("383,333.33"));
  ASSERT_TRUE(d3->annual_cap_fen.has_value());
  EXPECT_EQ(*d3->annual_cap_fen, F("1,000,000.00"));
  EXPECT_EQ(d3->annual_cap_used_before_fen, F("754,166.67"));
  EXPECT_EQ(d3->after_annual_cap_fen, F("245,833.33"));
  EXPECT_FALSE(d3->enterprise_cap_fen.has_value());  // registered 2017: no enterprise cap
  EXPECT_EQ(d3->capped_fen, F("245,833.33"));
  EXPECT_EQ(x.cumulative_fen, F("1,000,000.00"));
  EXPECT_NE(to_text(x).find("R7-loan-interest"), std::string::npos) << to_text(x);
  EXPECT_NE(to_json(x).find("\"R7-loan-interest\""), std::string::npos) << to_json(x);
}

TEST_F(SettlementHand, Case6EnterpriseCapAcrossPoliciesAndQuarters) {
  // OLD, region 330381 (city 30%).
  // Q1: R1 200,000.00 (city 60,000.00), R6 30,000.00 (city 9,000.00). R3 falls in Q2: not due yet.
  expect_line(Q(1), "OLD", "R1-tech-upgrade",
              {"200,000.00", "200,000.00", "0.00", "200,000.00", "60,000.00", "140,000.00"});
  expect_line(Q(1), "OLD", "R6-micro-park-rent",
              {"30,000.00", "30,000.00", "0.00", "30,000.00", "9,000.00", "21,000.00"});
  expect_no_line(Q(1), "OLD", "R3-first-above-scale");
  expect_no_line(Q(1), "OLD", "R4-rd-increment");
  EXPECT_NE(find_omission(Q(1), "OLD", "R3-first-above-scale", OmissionReason::not_yet_due), nullptr);
  // Q2: R1 200,000.00; R3 100,000.00 (exempt); R4 capped 70,000.00; R6 capped 0.
  expect_line(Q(2), "OLD", "R1-tech-upgrade",
              {"200,000.00", "400,000.00", "200,000.00", "200,000.00", "60,000.00", "140,000.00"});
  expect_line(Q(2), "OLD", "R3-first-above-scale",
              {"100,000.00", "100,000.00", "0.00", "100,000.00", "30,000.00", "70,000.00"});
  expect_line(Q(2), "OLD", "R4-rd-increment",
              {"70,000.00", "70,000.00", "0.00", "70,000.00", "21,000.00", "49,000.00"});
  expect_line(Q(2), "OLD", "R6-micro-park-rent", {"0.00", "30,000.00", "30,000.00", "0.00", "0.00", "0.00"});
  // Q3, Q4: the cap is used up: nothing more, nothing taken back.
  for (int q = 3; q <= 4; ++q) {
    expect_line(Q(q), "OLD", "R1-tech-upgrade", {"0.00", "400,000.00", "400,000.00", "0.00", "0.00", "0.00"});
    expect_line(Q(q), "OLD", "R3-first-above-scale",
                {"0.00", "100,000.00", "100,000.00", "0.00", "0.00", "0.00"});
    expect_line(Q(q), "OLD", "R4-rd-increment", {"0.00", "70,000.00", "70,000.00", "0.00", "0.00", "0.00"});
    expect_line(Q(q), "OLD", "R6-micro-park-rent", {"0.00", "30,000.00", "30,000.00", "0.00", "0.00", "0.00"});
  }
  // Capped rewards sum to exactly the cap: 400,000 + 70,000 + 30,000 = 500,000.00.

  // The explanation of R4 in Q2 records the cap: 500,000.00, of which 430,000.00 used before it.
  const LineExplanation x = Q(2).explain(index_of(Q(2), "OLD", "R4-rd-increment"));
  EXPECT_EQ(x.policy_id, "R4-rd-increment");
  const DueStep* d2 = due_step(x, 2);
  ASSERT_NE(d2, nullptr);
  EXPECT_EQ(d2->scheduled_fen, F("150,000.00"));
  ASSERT_TRUE(d2->enterprise_cap_fen.has_value());
  EXPECT_EQ(*d2->enterprise_cap_fen, F("500,000.00"));
  EXPECT_EQ(d2->enterprise_cap_used_before_fen, F("430,000.00"));
  EXPECT_EQ(d2->capped_fen, F("70,000.00"));
  EXPECT_NE(to_text(x).find("R4-rd-increment"), std::string::npos) << to_text(x);
  EXPECT_NE(to_json(x).find("\"R4-rd-increment\""), std::string::npos) << to_json(x);

  // R3 is exempt: its due step carries no enterprise cap.
  const LineExplanation r3 = Q(2).explain(index_of(Q(2), "OLD", "R3-first-above-scale"));
  const DueStep* r3d = due_step(r3, 2);
  ASSERT_NE(r3d, nullptr);
  EXPECT_FALSE(r3d->enterprise_cap_fen.has_value());
  EXPECT_EQ(r3d->capped_fen, F("100,000.00"));

  // Y2016 (registered exactly 2016-01-01) has no enterprise cap although local_contribution is 1,000.00.
  const LineExplanation y = Q(4).explain(index_of(Q(4), "Y2016", "R1-tech-upgrade"));
  for (const DueStep& d : y.dues) EXPECT_FALSE(d.enterprise_cap_fen.has_value()) << "quarter " << int{d.quarter};
  EXPECT_EQ(y.cumulative_fen, F("500,000.00"));
}

TEST_F(SettlementHand, Case7BurdenReductions) {
  // Q1: B1 and B2 not yet in force.
  expect_no_line(Q(1), "BURDEN", "B1-pension-rate");
  expect_no_line(Q(1), "BURDEN", "B2-vat-rate");
  expect_line(Q(1), "BURDEN", "B3-power-price", {"5,580.26", "5,580.26", "0.00", "5,580.26", "0.00", "0.00"});
  expect_line(Q(1), "BURDEN", "B4-land-tax", {"1,234.57", "1,234.57", "0.00", "1,234.57", "0.00", "0.00"});
  expect_line(Q(1), "BURDEN", "B5-export-rebate",
              {"130,000.01", "130,000.01", "0.00", "130,000.01", "0.00", "0.00"});
  // Q2: B1 pro-rated 61 / 91.
  expect_line(Q(2), "BURDEN", "B1-pension-rate", {"32,175.82", "32,175.82", "0.00", "32,175.82", "0.00", "0.00"});
  expect_line(Q(2), "BURDEN", "B2-vat-rate", {"180,000.00", "180,000.00", "0.00", "180,000.00", "0.00", "0.00"});
  expect_line(Q(2), "BURDEN", "B3-power-price",
              {"4,520.05", "10,100.31", "5,580.26", "4,520.05", "0.00", "0.00"});
  expect_line(Q(2), "BURDEN", "B4-land-tax", {"1,234.57", "2,469.14", "1,234.57", "1,234.57", "0.00", "0.00"});
  expect_line(Q(2), "BURDEN", "B5-export-rebate",
              {"260,000.00", "390,000.01", "130,000.01", "260,000.00", "0.00", "0.00"});
  // Q4: B1 cumulative 32,175.82 + 52,000 + 52,000 = 136,175.82; B2 180,000 + 183,000 + 186,000 = 549,000.00;
  // B3 5,580.26 + 4,520.05 + 4,520.00 + 4,972.00 = 19,592.31; B4 4 × 1,234.57 = 4,938.28;
  // B5 130,000.01 + 260,000 + 195,000 + 130,000 = 715,000.01.
  expect_line(Q(4), "BURDEN", "B1-pension-rate",
              {"52,000.00", "136,175.82", "84,175.82", "52,000.00", "0.00", "0.00"});
  expect_line(Q(4), "BURDEN", "B2-vat-rate",
              {"186,000.00", "549,000.00", "363,000.00", "186,000.00", "0.00", "0.00"});
  expect_line(Q(4), "BURDEN", "B3-power-price",
              {"4,972.00", "19,592.31", "14,620.31", "4,972.00", "0.00", "0.00"});
  expect_line(Q(4), "BURDEN", "B4-land-tax", {"1,234.57", "4,938.28", "3,703.71", "1,234.57", "0.00", "0.00"});
  expect_line(Q(4), "BURDEN", "B5-export-rebate",
              {"130,000.00", "715,000.01", "585,000.01", "130,000.00", "0.00", "0.00"});
}

TEST_F(SettlementHand, Case8FactsRevisionAdjustsTheNextQuarter) {
  // DOWN, region 330302 (city 50%): 137,500.00 paid in Q1 and Q2.
  expect_line(Q(1), "DOWN", "R1-tech-upgrade",
              {"137,500.00", "137,500.00", "0.00", "137,500.00", "68,750.00", "68,750.00"});
  expect_line(Q(2), "DOWN", "R1-tech-upgrade",
              {"137,500.00", "275,000.00", "137,500.00", "137,500.00", "68,750.00", "68,750.00"});
  // Q3 after the revision (4,800,000 < threshold): no amount, the whole 275,000.00 recovered;
  // city round(−137,500.00) = −137,500.00, county −137,500.00.
  expect_line(Q(3), "DOWN", "R1-tech-upgrade",
              {"0.00", "0.00", "275,000.00", "-275,000.00", "-137,500.00", "-137,500.00"});
  // Q4: paid 275,000 − 275,000 = 0 and nothing due: cumulative 0, payout 0, so no line (§5).
  expect_no_line(Q(4), "DOWN", "R1-tech-upgrade");
  // The enterprise owes the recovery back: its net payment in Q3 is a receivable.
  bool found = false;
  for (const Payment& p : Q(3).payments()) {
    if (Q(3).enterprises()[p.enterprise].code != code_of("DOWN")) continue;
    found = true;
    EXPECT_EQ(p.net_fen, F("-275,000.00"));
    EXPECT_EQ(p.city_fen, F("-137,500.00"));
    EXPECT_EQ(p.county_fen, F("-137,500.00"));
    EXPECT_TRUE(p.receivable());
  }
  EXPECT_TRUE(found);

  // UP, region 330381 (city 30%): 150,000.00 paid in Q1 and Q2, then E = 700,000.00 -> 175,000.00 a quarter.
  expect_line(Q(2), "UP", "R1-tech-upgrade",
              {"150,000.00", "300,000.00", "150,000.00", "150,000.00", "45,000.00", "105,000.00"});
  // Q3: cumulative 3 × 175,000 = 525,000.00; payout 525,000 − 300,000 = 225,000.00; city 67,500.00.
  expect_line(Q(3), "UP", "R1-tech-upgrade",
              {"175,000.00", "525,000.00", "300,000.00", "225,000.00", "67,500.00", "157,500.00"});
  // Q4: cumulative 700,000.00; payout 175,000.00; city 52,500.00.
  expect_line(Q(4), "UP", "R1-tech-upgrade",
              {"175,000.00", "700,000.00", "525,000.00", "175,000.00", "52,500.00", "122,500.00"});
}

TEST_F(SettlementHand, LedgerRecognizesACommittedQuarter) {
  EXPECT_EQ(year().q1_state_before_commit, LedgerState::not_committed);
  EXPECT_EQ(year().q2_resettled_state, LedgerState::committed_identical);
  EXPECT_EQ(year().q2_recommit_status, CommitStatus::already_committed);
  EXPECT_EQ(year().q2_revised_state, LedgerState::committed_different);
  EXPECT_FALSE(year().q2_revised_commit_error.empty()) << "committing a different Q2 must be refused";
  EXPECT_EQ(year().q2_revised_commit_error.find("not ledger_conflict"), std::string::npos)
      << year().q2_revised_commit_error;
  // Q1, Q2 and Q3 committed once each.
  ASSERT_EQ(year().ledger.commits().size(), 3U);
  EXPECT_EQ(year().ledger.last_committed(), Quarter(2019, 3));
  // Q3's committed DOWN entry is the recovery.
  bool recovery = false;
  for (const LedgerEntry& e : year().ledger.entries(Quarter(2019, 3))) {
    if (e.credit_code == code_of("DOWN").to_string() && e.policy_id == "R1-tech-upgrade") {
      recovery = true;
      EXPECT_EQ(e.amount, Decimal::parse("-275000.00"));
    }
  }
  EXPECT_TRUE(recovery);
}

void expect_figures(const Figures& f, const char* rewards_q, const char* rewards_ytd, const char* burden_q,
                    const char* burden_ytd, const char* excluded_q, const char* excluded_ytd, const char* city,
                    const char* county, std::int64_t beneficiaries) {
  EXPECT_EQ(f.rewards_quarter, F(rewards_q)) << "rewards this quarter";
  EXPECT_EQ(f.rewards_ytd, F(rewards_ytd)) << "rewards year to date";
  EXPECT_EQ(f.burden_quarter, F(burden_q)) << "burden this quarter";
  EXPECT_EQ(f.burden_ytd, F(burden_ytd)) << "burden year to date";
  EXPECT_EQ(f.excluded_quarter, F(excluded_q)) << "export rebates this quarter";
  EXPECT_EQ(f.excluded_ytd, F(excluded_ytd)) << "export rebates year to date";
  EXPECT_EQ(f.city_quarter, F(city)) << "city";
  EXPECT_EQ(f.county_quarter, F(county)) << "county";
  EXPECT_EQ(f.beneficiaries, beneficiaries) << "beneficiaries";
}

TEST_F(SettlementHand, Totals) {
  {
    SCOPED_TRACE("2019Q1");
    // Rewards: TIE 150,000.03 + CAP5M 1,250,000 + 200,000 + G20 100,000 + LEAP 17,400 + NORENT 5,000.01
    //   + LOAN 20,833.33 + LOAN1M 375,000 + OLD 200,000 + 30,000 + Y2016 125,000 + DOWN 137,500
    //   + UP 150,000 = 2,760,733.37
    // City: 75,000.02 + 625,000 + 100,000 + 50,000 + 5,220 + 2,500.01 + 6,250 + 187,500 + 60,000
    //   + 9,000 + 37,500 + 68,750 + 45,000 = 1,271,720.03; county 2,760,733.37 − 1,271,720.03 = 1,489,013.34
    // Burden: B3 5,580.26 + B4 1,234.57 = 6,814.83 (B5 130,000.01 on its own).
    // Beneficiaries: everyone with rewards, 11 (not NEAR, not BURDEN).
    expect_figures(Q(1).totals().all, "2,760,733.37", "2,760,733.37", "6,814.83", "6,814.83", "130,000.01",
                   "130,000.01", "1,271,720.03", "1,489,013.34", 11);
  }
  {
    SCOPED_TRACE("2019Q2");
    // Rewards: TIE 150,000.03 + CAP5M 1,250,000 + LOAN 37,916.67 + LOAN1M 379,166.67 + OLD 200,000
    //   + 100,000 + 70,000 + Y2016 125,000 + DOWN 137,500 + UP 150,000 = 2,599,583.37
    // YTD 2,760,733.37 + 2,599,583.37 = 5,360,316.74
    // City: 75,000.02 + 625,000 + 11,375.00 + 189,583.34 + 60,000 + 30,000 + 21,000 + 37,500 + 68,750
    //   + 45,000 = 1,163,208.36; county 1,436,375.01
    // Burden: 32,175.82 + 180,000 + 4,520.05 + 1,234.57 = 217,930.44; YTD 224,745.27
    // Export rebates 260,000.00; YTD 390,000.01
    expect_figures(Q(2).totals().all, "2,599,583.37", "5,360,316.74", "217,930.44", "224,745.27", "260,000.00",
                   "390,000.01", "1,163,208.36", "1,436,375.01", 11);
  }
  {
    SCOPED_TRACE("2019Q3");
    // Rewards: TIE 150,000.03 + CAP5M 1,250,000 + NORENT 18,300 + LOAN 38,333.33 + LOAN1M 245,833.33
    //   + Y2016 125,000 + DOWN −275,000 + UP 225,000 = 1,777,466.69; YTD 7,137,783.43
    // City: 75,000.02 + 625,000 + 9,150 + 11,500 + 122,916.67 + 37,500 − 137,500 + 67,500 = 811,066.69;
    //   county 966,400.00
    // Burden: 52,000 + 183,000 + 4,520.00 + 1,234.57 = 240,754.57; YTD 465,499.84
    // Export rebates 195,000.00; YTD 585,000.01
    // Beneficiaries: DOWN's year to date is 0 now: 10.
    expect_figures(Q(3).totals().all, "1,777,466.69", "7,137,783.43", "240,754.57", "465,499.84", "195,000.00",
                   "585,000.01", "811,066.69", "966,400.00", 10);
  }
  {
    SCOPED_TRACE("2019Q4");
    // Rewards: TIE 150,000.01 + CAP5M 1,250,000 + NORENT 18,300 + LOAN 21,250 + Y2016 125,000
    //   + UP 175,000 = 1,739,550.01; YTD 8,877,333.44
    // City: 75,000.01 + 625,000 + 9,150 + 6,375 + 37,500 + 52,500 = 805,525.01; county 934,025.00
    // Burden: 52,000 + 186,000 + 4,972.00 + 1,234.57 = 244,206.57; YTD 709,706.41
    // Export rebates 130,000.00; YTD 715,000.01
    expect_figures(Q(4).totals().all, "1,739,550.01", "8,877,333.44", "244,206.57", "709,706.41", "130,000.00",
                   "715,000.01", "805,525.01", "934,025.00", 10);
  }
  // Breakdowns of Q4.
  const Totals t = Q(4).totals();
  ASSERT_EQ(t.by_policy.size(), 12U);
  for (const auto& [id, f] : t.by_policy) {
    if (id == "R5-q1-growth") {
      EXPECT_EQ(f.rewards_quarter, 0);
      EXPECT_EQ(f.rewards_ytd, F("300,000.00"));  // 200,000 + 100,000
    } else if (id == "R7-loan-interest") {
      EXPECT_EQ(f.rewards_quarter, F("21,250.00"));     // LOAN1M is capped to 0
      EXPECT_EQ(f.rewards_ytd, F("1,118,333.33"));      // 118,333.33 + 1,000,000
    } else if (id == "B5-export-rebate") {
      EXPECT_EQ(f.excluded_ytd, F("715,000.01"));
      EXPECT_EQ(f.burden_ytd, 0);
    } else if (id == "R2-smart-manufacturing") {
      EXPECT_EQ(f.rewards_ytd, 0);  // always stacked under R1
    }
  }
  bool region_330303 = false;
  for (const auto& [region, f] : Q(3).totals().by_region) {
    if (region != "330303") continue;
    region_330303 = true;  // LOAN1M alone: Q3 245,833.33, city 122,916.67
    EXPECT_EQ(f.rewards_quarter, F("245,833.33"));
    EXPECT_EQ(f.city_quarter, F("122,916.67"));
    EXPECT_EQ(f.beneficiaries, 1);
  }
  EXPECT_TRUE(region_330303);
}

}  // namespace
}  // namespace duixian
