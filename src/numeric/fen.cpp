// Amounts as whole fen: the one conversion between Decimal and int64 fen (fen.hpp).
#include "duixian/fen.hpp"

#include <limits>
#include <string>

#include "duixian/error.hpp"
#include "numeric/fen_text.hpp"

namespace duixian {

Decimal fen_to_decimal(std::int64_t fen) { return Decimal::from_parts(Decimal::Coefficient(fen), 2); }

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
    // 18 integer digits at most, so that the coefficient at scale 2 fits in 38 digits before the range check.
    if (amount.adjusted_exponent() < 18) {
      const Decimal::Coefficient fen = amount.with_scale(2).coefficient();
      if (fen <= limit && fen >= -limit) return fen.convert_to<std::int64_t>();
    }
  }
  throw Error(ErrorCode::overflow,
              "amount " + amount.to_string() + " does not fit in 64-bit fen (at most +-92233720368547758.07)");
}

std::string fen_text(std::int64_t fen) {
  std::string text;
  detail::append_fen_text(text, fen);
  return text;
}

}  // namespace duixian
