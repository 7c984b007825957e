// Amounts of a settlement as 64-bit fen, and the names of omission reasons.
#include <limits>
#include <string>

#include "duixian/error.hpp"
#include "duixian/settlement.hpp"
#include "ledger/checks.hpp"

namespace duixian {

Decimal fen_to_decimal(std::int64_t fen) { return detail::from_fen(fen); }

std::int64_t decimal_to_fen(const Decimal& amount) {
  const Decimal::Coefficient limit = std::numeric_limits<std::int64_t>::max();
  if (amount.scale() == 2) {  // the common case: rounded to the fen already
    const Decimal::Coefficient& fen = amount.coefficient();
    if (fen <= limit && fen >= -limit) return fen.convert_to<std::int64_t>();
  } else {
    if (amount.round(2, RoundingMode::down) != amount) {
      throw Error(ErrorCode::invalid_argument,
                  "amount " + amount.to_string() + " is not a whole number of fen (at most two decimal places)");
    }
    if (amount.adjusted_exponent() < 18) {
      const Decimal::Coefficient fen = amount.with_scale(2).coefficient();
      if (fen <= limit && fen >= -limit) return fen.convert_to<std::int64_t>();
    }
  }
  throw Error(ErrorCode::overflow,
              "amount " + amount.to_string() + " is beyond the range of a settlement, +-92233720368547758.07");
}

const char* to_string(OmissionReason reason) noexcept {
  switch (reason) {
    case OmissionReason::missing_fact: return "missing_fact";
    case OmissionReason::no_tier: return "no_tier";
    case OmissionReason::negative_amount: return "negative_amount";
    case OmissionReason::outside_year: return "outside_year";
    case OmissionReason::not_yet_due: return "not_yet_due";
    case OmissionReason::cap_unknown: return "cap_unknown";
  }
  return "unknown";
}

}  // namespace duixian
