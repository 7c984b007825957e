#pragma once
// Field checks and amount conversions shared by the ledger's rules and implementations.
// Amounts live as 64-bit fen inside the ledger: exact, compact, and one spelling each.

#include <cstdint>
#include <string>
#include <string_view>

#include "duixian/decimal.hpp"
#include "duixian/ledger.hpp"

namespace duixian::detail {

/// Lets the implementations feed PaidTotals in fen, without a Decimal per row.
struct PaidTotalsAccess {
  static void add_fen(PaidTotals& totals, std::string_view code, std::string_view policy, std::int64_t fen) {
    totals.add_fen(code, policy, fen);
  }
};

/// Stored amount text as whole fen: the canonical `-?digits.dd` directly, anything
/// else through Decimal::parse and decimal_to_fen. Throws parse_error or invalid_argument.
std::int64_t stored_fen(std::string_view text);

/// Throws invalid_argument unless `text` is non-empty and free of control characters
/// (so that tab and newline can separate fields in the canonical texts).
void check_label(std::string_view what, std::string_view text);

/// Throws invalid_argument unless `text` is 64 lowercase hex digits.
void check_sha256(std::string_view what, std::string_view text);

/// Throws invalid_argument unless `text` is `YYYY-MM-DDTHH:MM:SSZ`, a valid UTC time.
void check_timestamp(std::string_view text);

/// The current UTC time as `YYYY-MM-DDTHH:MM:SSZ`.
std::string now_utc();

/// `commit 3 (2019Q3)`: how messages name a commit.
std::string commit_name(std::int64_t sequence, const std::string& quarter);

}  // namespace duixian::detail
