#pragma once
/// @file
/// @brief `duixian::CreditCode`: the unified social credit code (统一社会信用代码, GB 32100-2015).
///
/// A credit code is 18 characters from the 31-character set
/// `0123456789ABCDEFGHJKLMNPQRTUWXY` (no I, O, S, V, Z):
///
/// | position | meaning                                                        |
/// |----------|----------------------------------------------------------------|
/// | 1        | registration authority (登记管理部门), e.g. `9` market regulation |
/// | 2        | entity type (机构类别), e.g. `1` enterprise                       |
/// | 3-8      | administrative division code (GB/T 2260), 6 digits             |
/// | 9-17     | organization code (GB 11714): 8 body characters + check char   |
/// | 18       | GB 32100 check character                                       |
///
/// Both check characters are verified. GB 32100: with v(c) the index of c in the
/// character set and W_i = 3^(i-1) mod 31, C18 = 31 - (Σ v(c_i) W_i mod 31), where 31
/// is written `0`. Because 31 is prime and every weight is non-zero, any single
/// character substitution in positions 1-17 changes the check character.
/// GB 11714 (positions 9-17): digits are worth 0-9 and letters A=10 ... Z=35; with
/// weights 3, 7, 9, 10, 5, 8, 4, 2, C9 = 11 - (Σ mod 11), where 10 is written `X`
/// and 11 is written `0`.
///
/// Parsing is strict: lower case, surrounding spaces and full-width characters are
/// rejected, not silently repaired, because a repaired code is not the code on the
/// business licence. Positions in messages count from 1, as GB 32100 numbers them.
/// Positions 1 and 2 are not checked against the GB 32100 code lists: the lists
/// grow (e.g. `N` agriculture, `A` the military) and a stale list would reject
/// real codes; the check character already catches typos there.

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <functional>
#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>

#include "duixian/error.hpp"
#include "duixian/region.hpp"

namespace duixian {

/// @brief Whether parsing verifies the GB 11714 check character at position 17.
///
/// Both published codes used as references (Huawei `914403001922038216`, Alibaba
/// `91330100799655058B`) pass it, and GB 32100 requires it, so `strict` is the
/// default. `skip` exists for registers that hold codes issued with a defective
/// embedded organization code; such a code still has to pass the GB 32100 check,
/// and `CreditCode::organization_code_valid()` tells the two apart afterwards.
enum class OrganizationCodeCheck : unsigned char {
  strict,  ///< Reject a code whose position 17 is not the GB 11714 check character of 9-16.
  skip,    ///< Accept it; only the GB 32100 check (position 18) is enforced.
};

/// @brief A valid unified social credit code, stored as its 18 characters.
///
/// There is no default constructor: every CreditCode is a valid code. Ordering is
/// by text, which equals ordering by character values because the character set is
/// in ASCII order.
class CreditCode {
 public:
  /// Number of characters in a credit code.
  static constexpr std::size_t length = 18;

  /// @brief The 31 characters a credit code may use, in value order.
  static constexpr std::string_view alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";

  /// @brief Reads a credit code; the text must be exactly the 18 characters.
  /// @param text the code, e.g. `"91330100799655058B"`.
  /// @param org_check whether position 17 must be the GB 11714 check character.
  /// @throws Error `parse_error` saying why, e.g.
  ///   `"9133..." is not a unified social credit code: check character should be 'B' but is 'C'`.
  static CreditCode parse(std::string_view text, OrganizationCodeCheck org_check = OrganizationCodeCheck::strict);

  /// @brief As `parse`, but reports failure by returning `std::nullopt`.
  /// @param text the code.
  /// @param why if not null, receives the message `parse` would throw (without the
  ///        `parse_error: ` prefix) on failure; left unchanged on success.
  /// @param org_check whether position 17 must be the GB 11714 check character.
  static std::optional<CreditCode> try_parse(std::string_view text, std::string* why = nullptr,
                                             OrganizationCodeCheck org_check = OrganizationCodeCheck::strict) noexcept;

  /// @brief True when `parse(text, org_check)` would succeed.
  /// @param text the code.
  /// @param org_check whether position 17 must be the GB 11714 check character.
  static bool is_valid(std::string_view text,
                       OrganizationCodeCheck org_check = OrganizationCodeCheck::strict) noexcept;

  /// @brief The GB 32100 check character (position 18) for the first 17 characters.
  /// @param first17 17 characters from `alphabet`.
  /// @throws Error `invalid_argument` for another length or a character outside `alphabet`.
  static char check_character(std::string_view first17);

  /// @brief The GB 11714 check character for an 8-character organization-code body.
  /// @param body8 8 characters, digits or upper-case letters A-Z (the GB 11714 set).
  /// @return `0`-`9` or `X`.
  /// @throws Error `invalid_argument` for another length or another character.
  static char organization_check_character(std::string_view body8);

  /// @brief All 18 characters.
  std::string_view text() const noexcept { return std::string_view(chars_.data(), chars_.size()); }
  /// @brief The 18 characters as a string.
  std::string to_string() const { return std::string(text()); }

  /// @brief Position 1, the registration authority (登记管理部门代码), e.g. `9`.
  char registration_authority() const noexcept { return chars_[0]; }
  /// @brief Position 2, the entity type (机构类别代码), e.g. `1` for an enterprise.
  char entity_type() const noexcept { return chars_[1]; }
  /// @brief Positions 3-8, the administrative division digits, e.g. `"330100"`.
  std::string_view region_digits() const noexcept { return text().substr(2, 6); }
  /// @brief The administrative division as a RegionCode, when it is one.
  /// @return `std::nullopt` when the digits are not a GB/T 2260 code Duixian accepts,
  ///         e.g. `100000` used by some central institutions.
  std::optional<RegionCode> region() const noexcept;
  /// @brief Positions 9-17, the 9-character organization code, e.g. `"799655058"`.
  std::string_view organization_code() const noexcept { return text().substr(8, 9); }
  /// @brief Whether position 17 is the GB 11714 check character of positions 9-16.
  ///
  /// Always true for codes read with `OrganizationCodeCheck::strict`.
  bool organization_code_valid() const noexcept;

  /// @brief Equal text.
  friend bool operator==(const CreditCode& a, const CreditCode& b) noexcept { return a.text() == b.text(); }
  /// @brief Different text.
  friend bool operator!=(const CreditCode& a, const CreditCode& b) noexcept { return a.text() != b.text(); }
  /// @brief Ordered by text.
  friend bool operator<(const CreditCode& a, const CreditCode& b) noexcept { return a.text() < b.text(); }
  /// @brief Ordered by text.
  friend bool operator>(const CreditCode& a, const CreditCode& b) noexcept { return a.text() > b.text(); }
  /// @brief Ordered by text.
  friend bool operator<=(const CreditCode& a, const CreditCode& b) noexcept { return a.text() <= b.text(); }
  /// @brief Ordered by text.
  friend bool operator>=(const CreditCode& a, const CreditCode& b) noexcept { return a.text() >= b.text(); }

  /// @brief A hash of the text, consistent with `==`.
  ///
  /// Mixes the 18 bytes as three words: a register of a million enterprises looks a
  /// code up for every fact row, where a general byte-string hash was 2% of a load.
  std::size_t hash() const noexcept { return static_cast<std::size_t>(hash_text(chars_.data())); }

  /// @brief The hash of a code's 18 bytes at `text` (the same as `hash()`), for an index
  /// that looks codes up by their text before parsing them.
  static std::uint64_t hash_text(const char* text) noexcept {
    std::uint64_t a = 0;
    std::uint64_t b = 0;
    std::uint16_t c = 0;
    std::memcpy(&a, text, 8);
    std::memcpy(&b, text + 8, 8);
    std::memcpy(&c, text + 16, 2);
    std::uint64_t h = (a * 0x9E3779B97F4A7C15ULL) ^ (b + 0x632BE59BD9B4E019ULL) ^ (std::uint64_t{c} << 32);
    h = (h ^ (h >> 31)) * 0xBF58476D1CE4E5B9ULL;
    return h ^ (h >> 29);
  }

 private:
  explicit CreditCode(const std::array<char, length>& chars) noexcept : chars_(chars) {}
  std::array<char, length> chars_;
};

/// @brief Appends the GB 32100 check character to 17 characters, giving a valid code.
///
/// Position 17 must already be the GB 11714 check character of positions 9-16 (use
/// `complete_credit_code` to compute both), so the result always passes `parse`.
/// @param first17_without_check positions 1-17.
/// @return the 18-character code.
/// @throws Error `invalid_argument` saying why the 17 characters cannot start a valid code.
std::string make_credit_code(std::string_view first17_without_check);

/// @brief Builds a valid code from its parts, computing both check characters.
///
/// Example: `complete_credit_code("91330100", "79965505")` is `91330100799655058B`.
/// This is how test-data generators make any number of valid codes.
/// @param prefix8 positions 1-8: authority, entity type and 6 division digits.
/// @param org_body8 positions 9-16: the organization-code body, characters from `CreditCode::alphabet`.
/// @throws Error `invalid_argument` for a wrong length or character.
CreditCode complete_credit_code(std::string_view prefix8, std::string_view org_body8);

/// @brief Writes the 18 characters.
std::ostream& operator<<(std::ostream& out, const CreditCode& code);

}  // namespace duixian

namespace std {
/// @brief Hashing for unordered containers; agrees with `==`.
template <>
struct hash<duixian::CreditCode> {
  /// @brief `code.hash()`.
  std::size_t operator()(const duixian::CreditCode& code) const noexcept { return code.hash(); }
};
}  // namespace std
