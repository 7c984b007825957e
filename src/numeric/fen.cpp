// Amounts as whole fen: the one conversion between Decimal and int64 fen (fen.hpp).
#include "duixian/fen.hpp"

#include <limits>
#include <string>

#include "duixian/error.hpp"

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
  // Work on the magnitude as unsigned so that INT64_MIN has one.
  const bool negative = fen < 0;
  const std::uint64_t magnitude = negative ? 0 - static_cast<std::uint64_t>(fen) : static_cast<std::uint64_t>(fen);
  const std::uint64_t cents = magnitude % 100;
  std::string text = negative ? "-" : "";
  text += std::to_string(magnitude / 100);
  text += '.';
  text += static_cast<char>('0' + cents / 10);
  text += static_cast<char>('0' + cents % 10);
  return text;
}

}  // namespace duixian
