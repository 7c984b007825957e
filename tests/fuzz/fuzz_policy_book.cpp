// The JSON policy book. read_policy_book never throws for a problem in the book; a book
// that loads settles one quarter of its year (chosen by the input's size) on a small
// register built in code from three Wenzhou enterprises and their facts (rows its schema
// does not know are rejected). Acceptable outcomes: a settlement whose lines add up, or an
// Error of code overflow, division_by_zero or invalid_argument. Anything else (another
// exception, a crash, a book refused without an error diagnostic) fails.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

#include "duixian/explanation.hpp"
#include "duixian/ledger.hpp"
#include "duixian/loader.hpp"
#include "duixian/policy_book.hpp"
#include "duixian/settlement.hpp"
#include "fuzz_common.hpp"

using namespace duixian;

namespace {

Register small_register(const MetricSchema& schema) {
  RegisterBuilder builder(schema);
  Diagnostics diagnostics;
  load_enterprises_csv(builder, duixian_fuzz::enterprises_csv, "enterprises.csv", {}, diagnostics);
  load_facts_csv(builder, duixian_fuzz::facts_csv, "facts.csv", {}, diagnostics);
  return std::move(builder).build();
}

void settle_and_check(const PolicyBook& book, unsigned quarter_number) {
  const Register reg = small_register(book.schema());
  SettleOptions options;
  options.threads = 1;
  const Settlement s = settle(book, reg, Quarter(book.year(), quarter_number), PaidTotals{}, options);
  FUZZ_CHECK(s.quarter() == Quarter(book.year(), quarter_number));
  for (const SettlementLine& l : s.lines()) {
    FUZZ_CHECK(l.enterprise < s.enterprises().size());
    FUZZ_CHECK(l.policy < book.policies().size());
    FUZZ_CHECK(l.previously_paid_fen == 0);
    FUZZ_CHECK(l.payout_fen == l.cumulative_fen - l.previously_paid_fen);
    FUZZ_CHECK(l.cumulative_fen != 0 || l.payout_fen != 0);
  }
  for (const Omission& o : s.omissions()) {
    FUZZ_CHECK(o.enterprise < s.omitted_enterprises().size());
    FUZZ_CHECK(o.quarter <= 4);
  }
  std::int64_t paid = 0;
  for (const Payment& p : s.payments()) paid += p.net_fen;
  std::int64_t payouts = 0;
  for (const SettlementLine& l : s.lines()) {
    const bool reward = book.policies()[l.policy].kind == PolicyKind::reward;
    if (reward) payouts += l.payout_fen;
    FUZZ_CHECK(reward ? l.city_fen + l.county_fen == l.payout_fen : l.city_fen == 0 && l.county_fen == 0);
  }
  FUZZ_CHECK(paid == payouts);
  (void)s.totals();
  if (!s.lines().empty()) (void)s.explain(0);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const PolicyBookLoad load = read_policy_book(duixian_fuzz::as_text(data, size), "fuzz.json");
  for (const Diagnostic& d : load.diagnostics) {
    FUZZ_CHECK(d.file == "fuzz.json");
    FUZZ_CHECK(!d.message.empty());
  }
  if (!load.book) {
    FUZZ_CHECK(has_errors(load.diagnostics));
    return 0;
  }
  FUZZ_CHECK(!has_errors(load.diagnostics));
  const PolicyBook& book = *load.book;
  FUZZ_CHECK(book.year() >= 1901 && book.year() <= 9999);
  try {
    settle_and_check(book, static_cast<unsigned>(size % 4) + 1);
  } catch (const Error& e) {
    if (!duixian_fuzz::acceptable_evaluation_error(e)) {
      std::fprintf(stderr, "unexpected error: %s\n", e.what());
      FUZZ_CHECK(duixian_fuzz::acceptable_evaluation_error(e));
    }
  }
  return 0;
}
