#pragma once
/// @file
/// @brief Writing a settlement for other programs and for people: lines and payments as
/// CSV, totals as JSON, a totals table, and an enterprise's payout notice.
///
/// These are the files the command-line program `duixian settle --out DIR` writes; a
/// host (or the C ABI) may write the same bytes with them. Every amount is exact:
/// fen are printed as decimal text, never through binary floating point.
///
/// @snippet report.cpp write the files
///
/// (docs/snippets/report.cpp: the build compiles it and `doc_snippets.run` runs it.)

#include <cstdint>
#include <iosfwd>
#include <string>
#include <string_view>

#include "duixian/calendar.hpp"
#include "duixian/credit_code.hpp"
#include "duixian/fen.hpp"
#include "duixian/settlement.hpp"

namespace duixian {

/// @brief How the CSV writers write.
struct CsvOptions {
  /// Start the file with a UTF-8 byte-order mark, so that Excel reads Chinese text correctly.
  bool excel_bom = false;
  /// Threads that format rows (0: one per hardware thread). The bytes are the same for every
  /// count: rows are formatted in blocks and written in order. Small files use one.
  unsigned threads = 0;
};

/// @brief Writes the settlement's lines as CSV (RFC 4180, `\n` line ends), in `Settlement::lines()` order
/// (credit code, then book order).
///
/// Columns: `credit_code, policy, quarter, due, cumulative, previously_paid, payout,
/// city_share, county_share, kind, category`. Amounts in yuan with exactly two decimals
/// (`fen_text`); `kind` is `reward` or `burden_reduction`; `category` may be empty.
/// @param out the stream (open it in binary mode).
/// @param settlement the settlement.
/// @param options whether to write a byte-order mark.
void write_lines_csv(std::ostream& out, const Settlement& settlement, const CsvOptions& options = {});

/// @brief Writes the net payment per enterprise as CSV, by credit code (`Settlement::payments()`).
///
/// Columns: `credit_code, region, net, city_share, county_share, receivable`; `receivable`
/// is `yes` when the net is negative (the enterprise owes money back), else `no`; `region`
/// is empty for an enterprise that left the register.
/// @param out the stream (open it in binary mode).
/// @param settlement the settlement.
/// @param options whether to write a byte-order mark.
void write_payments_csv(std::ostream& out, const Settlement& settlement, const CsvOptions& options = {});

/// @brief The totals as a JSON object, every amount a decimal string in yuan: the document of
/// `duixian settle`'s totals.json and of the C ABI's `duixian_settlement_totals_json`.
///
/// Top-level keys: `quarter`, `book`, `rewards_quarter`, `rewards_ytd`, `burden_quarter`,
/// `burden_ytd`, `export_rebate_quarter`, `export_rebate_ytd` (the lines of the book's
/// excluded categories, `Figures::excluded_*`), `beneficiaries` (a number), then the
/// breakdowns `by_region`, `by_policy`, `by_category` (each key maps to the same seven
/// figures) and `by_funding_level` (`city` and `county`, each `{"paid_quarter": ...}`).
/// Two spaces a level, keys in that order, a line feed at the end.
/// @param settlement the settlement.
std::string totals_json(const Settlement& settlement);

/// @brief Writes `totals_json(settlement)`.
/// @param out the stream.
/// @param settlement the settlement.
void write_totals_json(std::ostream& out, const Settlement& settlement);

/// @brief The totals for a person: one figure a line, amounts in 元, 万元 or 亿元 as a reader
/// would say them (`natural_unit`), then the figures by policy and the funding split.
/// @param settlement the settlement.
/// @return UTF-8 text ending in a line feed.
std::string totals_table(const Settlement& settlement);

/// @brief The payout notice (兑现通知) for one enterprise: each reward policy's payout in
/// figures and in capitals (`to_capital`), the net total, and the payment date
/// (`payment_date(quarter, rule, calendar)`).
///
/// A recovery (negative payout) is written as an amount to return (应退回), its capitals
/// those of its absolute value. Burden reductions are not paid and are left out.
/// @param settlement the settlement.
/// @param code the enterprise.
/// @param rule when a quarter is paid.
/// @param calendar the business-day calendar that moves the date to a working day.
/// @return UTF-8 text ending in a line feed.
/// @throws Error `invalid_argument` when the enterprise has no line in the settlement, or
///         when the calendar does not know the payment date.
std::string payout_notice(const Settlement& settlement, const CreditCode& code, const PaymentDateRule& rule,
                          const BusinessCalendar& calendar);

}  // namespace duixian
