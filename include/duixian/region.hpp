#pragma once
/// @file
/// @brief `duixian::RegionCode`: a GB/T 2260 administrative division code, and region names.
///
/// A code is six digits `PPCCDD`: province `PP`, city (prefecture) `CC`, county `DD`.
/// `330000` is 浙江省, `330300` 温州市, `330302` 鹿城区. Duixian checks the form and
/// the province part; whether a city or county code exists in the current edition
/// of GB/T 2260 is not checked (the catalogue changes every year and old codes stay
/// in historical registers).

#include <cstddef>
#include <cstdint>
#include <functional>
#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>

#include "duixian/error.hpp"

namespace duixian {

/// @brief A six-digit GB/T 2260 code with a real province part.
///
/// Accepted province parts: 11-15, 21-23, 31-37, 41-46, 50-54, 61-65, 71, 81, 82.
/// A code whose city part is `00` must also have county part `00` (a county-level
/// code always names its city, or `90` for counties the province administers
/// directly). There is no default constructor: every RegionCode is valid.
class RegionCode {
 public:
  /// @brief Reads exactly six ASCII digits, e.g. `"330302"`.
  /// @param text the code; spaces, signs and other characters are rejected.
  /// @throws Error `parse_error` saying why, e.g.
  ///   `"100000" is not a GB/T 2260 region code: province part 10 is not a province-level code ...`.
  static RegionCode parse(std::string_view text);

  /// @brief As `parse`, but reports failure by returning `std::nullopt`.
  /// @param text the code.
  /// @param why if not null, receives the message `parse` would throw (without the
  ///        `parse_error: ` prefix) on failure; left unchanged on success.
  static std::optional<RegionCode> try_parse(std::string_view text, std::string* why = nullptr) noexcept;

  /// @brief The code with this integer value, e.g. `from_int(330302)`.
  /// @param code the six-digit value.
  /// @throws Error `invalid_argument` when `parse` would reject its six digits (or it has not six digits).
  static RegionCode from_int(int code);

  /// @brief The code as an integer, e.g. `330302`.
  int code() const noexcept { return code_; }
  /// @brief The six digits, e.g. `"330302"`.
  std::string to_string() const;

  /// @brief The province this code lies in, e.g. `330000` for `330302`.
  RegionCode province() const noexcept { return RegionCode(code_ / 10000 * 10000); }
  /// @brief The city this code lies in, e.g. `330300` for `330302`.
  ///
  /// The code with its county digits zeroed: a city-level code is its own city, and
  /// a province-level code gives itself (it lies in no city).
  RegionCode city() const noexcept { return RegionCode(code_ / 100 * 100); }

  /// @brief `PP0000`, e.g. `330000`.
  bool is_province_level() const noexcept { return code_ % 10000 == 0; }
  /// @brief `PPCC00` with `CC` not `00`, e.g. `330300` (also `110100`, Beijing's 市辖区).
  bool is_city_level() const noexcept { return code_ % 100 == 0 && !is_province_level(); }
  /// @brief `PPCCDD` with `DD` not `00`, e.g. `330302`.
  bool is_county_level() const noexcept { return code_ % 100 != 0; }

  /// @brief Whether the six digits begin with `prefix`: `"3303"` matches `330302`.
  /// @param prefix 0 to 6 ASCII digits; the empty prefix matches every code, and any
  ///        other text (a non-digit, more than 6 characters) matches none.
  bool starts_with(std::string_view prefix) const noexcept;

  /// @brief Whether `other` lies in this region (or is it).
  ///
  /// `330000` contains `330300` and `330302`; `330300` contains `330302`; a
  /// county-level code contains only itself.
  /// @param other the code to test.
  bool contains(RegionCode other) const noexcept;

  /// @brief Same code.
  friend bool operator==(RegionCode a, RegionCode b) noexcept { return a.code_ == b.code_; }
  /// @brief Different code.
  friend bool operator!=(RegionCode a, RegionCode b) noexcept { return a.code_ != b.code_; }
  /// @brief Ordered by number.
  friend bool operator<(RegionCode a, RegionCode b) noexcept { return a.code_ < b.code_; }
  /// @brief Ordered by number.
  friend bool operator>(RegionCode a, RegionCode b) noexcept { return a.code_ > b.code_; }
  /// @brief Ordered by number.
  friend bool operator<=(RegionCode a, RegionCode b) noexcept { return a.code_ <= b.code_; }
  /// @brief Ordered by number.
  friend bool operator>=(RegionCode a, RegionCode b) noexcept { return a.code_ >= b.code_; }

  /// @brief A hash consistent with `==`.
  std::size_t hash() const noexcept { return std::hash<std::int32_t>{}(code_); }

 private:
  explicit RegionCode(int code) noexcept : code_(code) {}
  std::int32_t code_;
};

/// @brief Whether `pp` is the province part of a province-level division (11, 12, ..., 82).
/// @param pp a two-digit number.
bool is_province_part(int pp) noexcept;

/// @brief The name of a code from Duixian's built-in table, e.g. `温州市` for `330300` (UTF-8).
///
/// The table holds all 34 province-level divisions and part of Zhejiang (its 11
/// cities and Wenzhou's districts and counties); other codes give `std::nullopt`.
/// @param code the code.
std::optional<std::string_view> region_name(RegionCode code) noexcept;

/// @brief The full name, province then city then county, e.g. `浙江省温州市鹿城区` (UTF-8).
///
/// Parts missing from the table: a missing city above a county is left out, and a
/// missing name for the code itself is written as its six digits, so the result never
/// silently names a bigger region: `330399` gives `浙江省温州市330399`, `110101`
/// gives `北京市110101`.
/// @param code the code.
std::string full_region_name(RegionCode code);

/// @brief Writes the six digits.
std::ostream& operator<<(std::ostream& out, RegionCode code);

}  // namespace duixian

namespace std {
/// @brief Hashing for unordered containers; agrees with `==`.
template <>
struct hash<duixian::RegionCode> {
  /// @brief `code.hash()`.
  std::size_t operator()(duixian::RegionCode code) const noexcept { return code.hash(); }
};
}  // namespace std
