#pragma once
/// @file
/// @brief `duixian::IndustryCode` and `duixian::IndustryPrefix`: GB/T 4754-2017 industry codes.
///
/// A code is a section letter A-T (门类) followed by nothing, a two-digit division
/// (大类), a three-digit group (中类) or a four-digit class (小类): `C`, `C19`,
/// `C195`, `C1952`. The division must belong to its section (C is divisions 13-43,
/// so `C01` is rejected: division 01 is in section A). Groups and classes are
/// checked for form only, not against the catalogue.
///
/// Prefix queries such as "every code beginning `C1`" use `IndustryPrefix`, which
/// also allows one or any other number of digits up to 4. `C1` is not an
/// `IndustryCode` because no GB/T 4754 level has one digit.

#include <array>
#include <cstddef>
#include <functional>
#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>

#include "duixian/error.hpp"

namespace duixian {

/// @brief A valid GB/T 4754-2017 industry code at any level.
///
/// Ordering is by text (`C` < `C13` < `C131` < `C1311` < `C14`), so a sorted list
/// keeps every code right after its parent. There is no default constructor.
class IndustryCode {
 public:
  /// @brief The level of the classification a code names.
  enum class Level : unsigned char {
    section,   ///< 门类, a letter only: `C`.
    division,  ///< 大类, 2 digits: `C19`.
    group,     ///< 中类, 3 digits: `C195`.
    class_,    ///< 小类, 4 digits: `C1952`.
  };

  /// @brief Reads a code, e.g. `"C1952"`; upper-case letter, no spaces.
  /// @param text the code.
  /// @throws Error `parse_error` saying why, e.g.
  ///   `"C01" is not a GB/T 4754-2017 industry code: division 01 belongs to section A, not C`.
  static IndustryCode parse(std::string_view text);

  /// @brief As `parse`, but reports failure by returning `std::nullopt`.
  /// @param text the code.
  /// @param why if not null, receives the message `parse` would throw (without the
  ///        `parse_error: ` prefix) on failure; left unchanged on success.
  static std::optional<IndustryCode> try_parse(std::string_view text, std::string* why = nullptr) noexcept;

  /// @brief The code as written, e.g. `"C1952"`.
  std::string_view text() const noexcept { return std::string_view(chars_.data(), size_); }
  /// @brief The code as a string.
  std::string to_string() const { return std::string(text()); }

  /// @brief The section letter, `A` to `T`.
  char section() const noexcept { return chars_[0]; }
  /// @brief The section's name, e.g. `制造业` for C (UTF-8).
  std::string_view section_name() const noexcept;
  /// @brief The division number, e.g. 19 for `C1952`; `std::nullopt` for a bare section.
  std::optional<int> division() const noexcept;
  /// @brief The digits after the letter, e.g. `"1952"`; empty for a bare section.
  std::string_view digits() const noexcept { return text().substr(1); }
  /// @brief Which level this code names.
  Level level() const noexcept { return static_cast<Level>(size_ == 1 ? 0 : size_ - 2); }
  /// @brief The code one level up (`C195` for `C1952`, `C` for `C19`); `std::nullopt` for a section.
  std::optional<IndustryCode> parent() const noexcept;

  /// @brief Whether this code lies under `prefix` or is it: `C1952` starts with `C19` and `C`.
  /// @param prefix the broader code.
  bool starts_with(const IndustryCode& prefix) const noexcept { return text().substr(0, prefix.size_) == prefix.text(); }
  /// @brief Whether `other` lies under this code or is it: `C19` contains `C1952`.
  /// @param other the narrower code.
  bool contains(const IndustryCode& other) const noexcept { return other.starts_with(*this); }

  /// @brief Same text.
  friend bool operator==(const IndustryCode& a, const IndustryCode& b) noexcept { return a.text() == b.text(); }
  /// @brief Different text.
  friend bool operator!=(const IndustryCode& a, const IndustryCode& b) noexcept { return a.text() != b.text(); }
  /// @brief Ordered by text.
  friend bool operator<(const IndustryCode& a, const IndustryCode& b) noexcept { return a.text() < b.text(); }
  /// @brief Ordered by text.
  friend bool operator>(const IndustryCode& a, const IndustryCode& b) noexcept { return a.text() > b.text(); }
  /// @brief Ordered by text.
  friend bool operator<=(const IndustryCode& a, const IndustryCode& b) noexcept { return a.text() <= b.text(); }
  /// @brief Ordered by text.
  friend bool operator>=(const IndustryCode& a, const IndustryCode& b) noexcept { return a.text() >= b.text(); }

  /// @brief A hash of the text, consistent with `==`.
  std::size_t hash() const noexcept { return std::hash<std::string_view>{}(text()); }

 private:
  friend class IndustryPrefix;
  explicit IndustryCode(std::string_view valid_text) noexcept;
  std::array<char, 5> chars_{};
  unsigned char size_ = 0;
};

/// @brief A query for "every industry code beginning with these characters".
///
/// A section letter and 0 to 4 digits: `C`, `C1`, `C19`, `C195`, `C1952`. The
/// digits must be able to begin a division of that section: `C1` is accepted (C
/// has divisions 13-19), `C5` and `C01` are rejected. Every IndustryCode converts
/// to the prefix that matches it and the codes under it.
class IndustryPrefix {
 public:
  /// @brief The prefix matching `code` and everything under it (implicit on purpose).
  /// @param code the code.
  IndustryPrefix(const IndustryCode& code) noexcept : chars_(code.chars_), size_(code.size_) {}  // NOLINT

  /// @brief Reads a prefix, e.g. `"C1"`.
  /// @param text the prefix.
  /// @throws Error `parse_error` saying why, e.g.
  ///   `"C5" is not a GB/T 4754-2017 industry prefix: no division of section C begins with 5 ...`.
  static IndustryPrefix parse(std::string_view text);

  /// @brief As `parse`, but reports failure by returning `std::nullopt`.
  /// @param text the prefix.
  /// @param why if not null, receives the message `parse` would throw (without the
  ///        `parse_error: ` prefix) on failure; left unchanged on success.
  static std::optional<IndustryPrefix> try_parse(std::string_view text, std::string* why = nullptr) noexcept;

  /// @brief The prefix as written, e.g. `"C1"`.
  std::string_view text() const noexcept { return std::string_view(chars_.data(), size_); }
  /// @brief The prefix as a string.
  std::string to_string() const { return std::string(text()); }
  /// @brief The section letter.
  char section() const noexcept { return chars_[0]; }

  /// @brief Whether `code` begins with this prefix: `C1` matches `C13` and `C1952`, not `C` or `C20`.
  /// @param code the code to test.
  bool matches(const IndustryCode& code) const noexcept { return code.text().substr(0, size_) == text(); }

  /// @brief Same text.
  friend bool operator==(const IndustryPrefix& a, const IndustryPrefix& b) noexcept { return a.text() == b.text(); }
  /// @brief Different text.
  friend bool operator!=(const IndustryPrefix& a, const IndustryPrefix& b) noexcept { return a.text() != b.text(); }
  /// @brief Ordered by text.
  friend bool operator<(const IndustryPrefix& a, const IndustryPrefix& b) noexcept { return a.text() < b.text(); }

  /// @brief A hash of the text, consistent with `==`.
  std::size_t hash() const noexcept { return std::hash<std::string_view>{}(text()); }

 private:
  explicit IndustryPrefix(std::string_view valid_text) noexcept;
  std::array<char, 5> chars_{};
  unsigned char size_ = 0;
};

/// @brief The GB/T 4754-2017 name of a section, e.g. `制造业` for `C` (UTF-8).
/// @param section a letter; anything but `A`-`T` gives `std::nullopt`.
std::optional<std::string_view> industry_section_name(char section) noexcept;

/// @brief The section a division belongs to, e.g. `C` for 19; `std::nullopt` outside 01-97.
/// @param division a two-digit division number.
std::optional<char> industry_section_of_division(int division) noexcept;

/// @brief Writes the code's text.
std::ostream& operator<<(std::ostream& out, const IndustryCode& code);
/// @brief Writes the prefix's text.
std::ostream& operator<<(std::ostream& out, const IndustryPrefix& prefix);

}  // namespace duixian

namespace std {
/// @brief Hashing for unordered containers; agrees with `==`.
template <>
struct hash<duixian::IndustryCode> {
  /// @brief `code.hash()`.
  std::size_t operator()(const duixian::IndustryCode& code) const noexcept { return code.hash(); }
};
/// @brief Hashing for unordered containers; agrees with `==`.
template <>
struct hash<duixian::IndustryPrefix> {
  /// @brief `prefix.hash()`.
  std::size_t operator()(const duixian::IndustryPrefix& prefix) const noexcept { return prefix.hash(); }
};
}  // namespace std
