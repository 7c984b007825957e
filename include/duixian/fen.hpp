#pragma once
/// @file
/// @brief Amounts as whole fen (分, 0.01 yuan) in 64 bits: how settlements, ledgers and
/// reports keep money, and the one conversion to and from `Decimal`.
///
/// A settled amount is always a whole number of fen, so the engine keeps it as an
/// `std::int64_t`: exact, compact (8 bytes a figure) and fast. The range is
/// ±92,233,720,368,547,758.07 yuan, about 10^7 times a province's yearly subsidies.
///
/// @snippet fen.cpp fen
///
/// (docs/snippets/fen.cpp: the build compiles it and `doc_snippets.run` runs it.)

#include <cstdint>
#include <string>

#include "duixian/decimal.hpp"

namespace duixian {

/// @brief A whole number of fen as a Decimal with two places: 140950 → `1409.50`.
/// @param fen an amount in fen (any int64).
Decimal fen_to_decimal(std::int64_t fen);

/// @brief An amount that is a whole number of fen, in fen: `1409.5` → 140950.
/// @param amount at most two non-zero decimal places.
/// @throws Error `invalid_argument` for a fraction of a fen (`amount 1.005 is not a whole number
///         of fen (at most two decimal places)`); `overflow` outside the int64 range (`amount ...
///         does not fit in 64-bit fen (at most +-92233720368547758.07)`).
std::int64_t decimal_to_fen(const Decimal& amount);

/// @brief An amount in fen as plain text with exactly two decimals, no grouping: 140950 → `1409.50`,
/// -5 → `-0.05`. The same text as `fen_to_decimal(fen).to_string()`, without a Decimal.
/// @param fen an amount in fen (any int64, including the smallest).
std::string fen_text(std::int64_t fen);

}  // namespace duixian
