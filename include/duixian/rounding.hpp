#pragma once
/// @file
/// @brief Rounding modes, as in the General Decimal Arithmetic specification.

#include <optional>
#include <string_view>

namespace duixian {

/// @brief How a value is rounded when digits are dropped.
///
/// The seven modes of the General Decimal Arithmetic specification (mpdecimal's
/// `MPD_ROUND_*` without `05up`). Examples at 0 places:
///
/// | mode      |  2.5 |  3.5 | -2.5 |  2.4 |  2.6 | -2.6 |
/// |-----------|------|------|------|------|------|------|
/// | half_up   |    3 |    4 |   -3 |    2 |    3 |   -3 |
/// | half_even |    2 |    4 |   -2 |    2 |    3 |   -3 |
/// | half_down |    2 |    3 |   -2 |    2 |    3 |   -3 |
/// | up        |    3 |    4 |   -3 |    3 |    3 |   -3 |
/// | down      |    2 |    3 |   -2 |    2 |    2 |   -2 |
/// | ceiling   |    3 |    4 |   -2 |    3 |    3 |   -2 |
/// | floor     |    2 |    3 |   -3 |    2 |    2 |   -3 |
enum class RoundingMode : unsigned char {
  // The values are pinned: the C ABI's DUIXIAN_ROUND_* are the same numbers (checked when it is compiled).
  half_up = 0,    ///< Nearest; ties away from zero (四舍五入, Java `HALF_UP`). Duixian's default for money.
  half_even = 1,  ///< Nearest; ties to the even neighbour (banker's rounding).
  half_down = 2,  ///< Nearest; ties toward zero.
  up = 3,         ///< Away from zero.
  down = 4,       ///< Toward zero (truncation).
  ceiling = 5,    ///< Toward positive infinity.
  floor = 6,      ///< Toward negative infinity.
};

/// @brief The mode's name as spelled in policy books and decTest files, e.g. `"half_up"`.
const char* to_string(RoundingMode mode) noexcept;

/// @brief Reads a mode from its name (`"half_up"`, `"half_even"`, ...); exact spelling only.
/// @return the mode, or `std::nullopt` for any other text.
std::optional<RoundingMode> parse_rounding_mode(std::string_view name) noexcept;

}  // namespace duixian
