#pragma once
/// @file
/// @brief Splitting an amount into parts proportional to weights, exact to the fen.

#include <vector>

#include "duixian/money.hpp"

namespace duixian {

/// @brief Splits `total` into parts proportional to `weights`, each a whole number of
/// fen, summing exactly to `total` (largest-remainder method).
///
/// Each part starts as total × w_i ÷ Σw rounded toward zero to the fen; the fen still
/// missing go one each to the parts with the largest remainders, ties to the lower
/// index. The result is a pure function of the inputs. Example: 100.00 over weights
/// 1, 1, 1 is 33.34, 33.33, 33.33. A negative total is split as its magnitude, negated.
/// A zero weight always gets 0.00.
/// @param total a whole number of fen.
/// @param weights non-negative, not all zero.
/// @throws Error `invalid_argument` for an empty or all-zero list, a negative weight,
///         or a total with a fraction of a fen.
std::vector<Money> allocate(const Money& total, const std::vector<Decimal>& weights);

}  // namespace duixian
