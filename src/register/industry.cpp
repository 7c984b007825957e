// IndustryCode and IndustryPrefix: GB/T 4754-2017 sections and the division ranges
// that belong to each. One validator serves both types; they differ only in which
// digit counts they allow.
#include "duixian/industry.hpp"
#include "support/quoted.hpp"

#include <ostream>

namespace duixian {

namespace {

struct Section {
  char letter;
  int first_division;
  int last_division;
  std::string_view name;  // UTF-8, as in GB/T 4754-2017
};

constexpr std::array<Section, 20> kSections{{
    {'A', 1, 5, "农、林、牧、渔业"},
    {'B', 6, 12, "采矿业"},
    {'C', 13, 43, "制造业"},
    {'D', 44, 46, "电力、热力、燃气及水生产和供应业"},
    {'E', 47, 50, "建筑业"},
    {'F', 51, 52, "批发和零售业"},
    {'G', 53, 60, "交通运输、仓储和邮政业"},
    {'H', 61, 62, "住宿和餐饮业"},
    {'I', 63, 65, "信息传输、软件和信息技术服务业"},
    {'J', 66, 69, "金融业"},
    {'K', 70, 70, "房地产业"},
    {'L', 71, 72, "租赁和商务服务业"},
    {'M', 73, 75, "科学研究和技术服务业"},
    {'N', 76, 79, "水利、环境和公共设施管理业"},
    {'O', 80, 82, "居民服务、修理和其他服务业"},
    {'P', 83, 83, "教育"},
    {'Q', 84, 85, "卫生和社会工作"},
    {'R', 86, 90, "文化、体育和娱乐业"},
    {'S', 91, 96, "公共管理、社会保障和社会组织"},
    {'T', 97, 97, "国际组织"},
}};

// The table is contiguous: section k is letter 'A'+k and divisions follow on.
constexpr bool contiguous() {
  for (std::size_t i = 0; i < kSections.size(); ++i) {
    if (kSections[i].letter != static_cast<char>('A' + i)) return false;
    if (i > 0 && kSections[i].first_division != kSections[i - 1].last_division + 1) return false;
  }
  return kSections.front().first_division == 1 && kSections.back().last_division == 97;
}
static_assert(contiguous(), "GB/T 4754-2017 sections A-T cover divisions 01-97 in order");

const Section* find_section(char letter) noexcept {
  if (letter < 'A' || letter > 'T') return nullptr;
  return &kSections[static_cast<std::size_t>(letter - 'A')];
}

std::string two_digits(int n) { return std::string(1, static_cast<char>('0' + n / 10)) + static_cast<char>('0' + n % 10); }

std::string range_of(const Section& s) {
  std::string r = "section " + std::string(1, s.letter) + " is division" + (s.first_division == s.last_division ? " " : "s ");
  r += two_digits(s.first_division);
  if (s.last_division != s.first_division) r += "-" + two_digits(s.last_division);
  return r;
}

using detail::quoted;

// "<what> at position N <verdict> (<hint>)"; positions count from 1.
std::string describe_char(char c, std::size_t at, const char* verdict) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  const auto b = static_cast<unsigned char>(c);
  const std::string tail = " at position " + std::to_string(at + 1) + " " + verdict;
  if (c == ' ') return "space" + tail + " (spaces are not trimmed)";
  if (b < 0x20 || b >= 0x7F) return std::string("byte 0x") + kHex[b >> 4] + kHex[b & 0xF] + tail;
  return std::string("character '") + c + "'" + tail;
}

enum class Kind { code, prefix };

bool validate(std::string_view text, Kind kind, std::string* why) {
  const char* what = kind == Kind::code ? " is not a GB/T 4754-2017 industry code: " : " is not a GB/T 4754-2017 industry prefix: ";
  auto fail = [&](const std::string& reason) {
    if (why != nullptr) *why = quoted(text) + what + reason;
    return false;
  };
  if (text.empty()) return fail("empty text");
  const char letter = text[0];
  if (letter >= 'a' && letter <= 't')
    return fail(std::string("lower-case '") + letter + "' at position 1 (section letters are upper case)");
  const Section* section = find_section(letter);
  if (section == nullptr) return fail(describe_char(letter, 0, "is not a section letter A-T"));
  for (std::size_t i = 1; i < text.size(); ++i) {
    if (text[i] < '0' || text[i] > '9') return fail(describe_char(text[i], i, "is not a digit"));
  }
  const std::size_t n = text.size() - 1;
  if (n > 4) return fail(std::to_string(n) + " digits after the section letter (at most 4)");
  if (kind == Kind::code && n == 1)
    return fail(std::string("1 digit after the section letter; a code has 0, 2, 3 or 4 digits (use IndustryPrefix for a "
                            "prefix query such as \"") + std::string(text) + "\")");
  if (n == 1) {
    const int d = text[1] - '0';
    if (d * 10 + 9 < section->first_division || d * 10 > section->last_division)
      return fail("no division of section " + std::string(1, letter) + " begins with " + std::string(1, text[1]) + " (" +
                  range_of(*section) + ")");
  } else if (n >= 2) {
    const int division = (text[1] - '0') * 10 + (text[2] - '0');
    const auto owner = industry_section_of_division(division);
    if (!owner) return fail("division " + two_digits(division) + " does not exist (GB/T 4754-2017 divisions run 01-97)");
    if (*owner != letter)
      return fail("division " + two_digits(division) + " belongs to section " + std::string(1, *owner) + ", not " +
                  std::string(1, letter) + " (" + range_of(*section) + ")");
  }
  return true;
}

}  // namespace

std::optional<char> industry_section_of_division(int division) noexcept {
  for (const Section& s : kSections) {
    if (division >= s.first_division && division <= s.last_division) return s.letter;
  }
  return std::nullopt;
}

std::optional<std::string_view> industry_section_name(char section) noexcept {
  const Section* s = find_section(section);
  if (s == nullptr) return std::nullopt;
  return s->name;
}

IndustryCode::IndustryCode(std::string_view valid_text) noexcept : size_(static_cast<unsigned char>(valid_text.size())) {
  for (std::size_t i = 0; i < valid_text.size(); ++i) chars_[i] = valid_text[i];
}

IndustryCode IndustryCode::parse(std::string_view text) {
  std::string why;
  if (!validate(text, Kind::code, &why)) throw Error(ErrorCode::parse_error, why);
  return IndustryCode(text);
}

std::optional<IndustryCode> IndustryCode::try_parse(std::string_view text, std::string* why) noexcept {
  if (!validate(text, Kind::code, why)) return std::nullopt;
  return IndustryCode(text);
}

std::string_view IndustryCode::section_name() const noexcept { return find_section(section())->name; }

std::optional<int> IndustryCode::division() const noexcept {
  if (size_ < 3) return std::nullopt;
  return (chars_[1] - '0') * 10 + (chars_[2] - '0');
}

std::optional<IndustryCode> IndustryCode::parent() const noexcept {
  if (size_ == 1) return std::nullopt;
  // Division -> section drops two characters; group and class drop one.
  return IndustryCode(text().substr(0, size_ == 3 ? 1 : size_ - 1u));
}

IndustryPrefix::IndustryPrefix(std::string_view valid_text) noexcept
    : size_(static_cast<unsigned char>(valid_text.size())) {
  for (std::size_t i = 0; i < valid_text.size(); ++i) chars_[i] = valid_text[i];
}

IndustryPrefix IndustryPrefix::parse(std::string_view text) {
  std::string why;
  if (!validate(text, Kind::prefix, &why)) throw Error(ErrorCode::parse_error, why);
  return IndustryPrefix(text);
}

std::optional<IndustryPrefix> IndustryPrefix::try_parse(std::string_view text, std::string* why) noexcept {
  if (!validate(text, Kind::prefix, why)) return std::nullopt;
  return IndustryPrefix(text);
}

std::ostream& operator<<(std::ostream& out, const IndustryCode& code) { return out << code.text(); }
std::ostream& operator<<(std::ostream& out, const IndustryPrefix& prefix) { return out << prefix.text(); }

}  // namespace duixian
