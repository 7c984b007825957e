// CreditCode: GB 32100-2015 unified social credit codes with the embedded GB 11714
// organization-code check. One validator (`validate`) serves parse, try_parse and
// is_valid, so the three can never disagree.
#include "duixian/credit_code.hpp"
#include "support/quoted.hpp"

#include <ostream>

namespace duixian {

namespace {

constexpr std::string_view kAlphabet = CreditCode::alphabet;

// Index of c in the 31-character set, or -1.
int value_of(char c) noexcept {
  const std::size_t at = kAlphabet.find(c);
  return at == std::string_view::npos ? -1 : static_cast<int>(at);
}

// GB 32100 weights W_i = 3^(i-1) mod 31 for i = 1..17, computed rather than
// copied so a transcription error cannot creep in.
constexpr std::array<int, 17> make_weights() {
  std::array<int, 17> w{};
  int p = 1;
  for (int& x : w) {
    x = p;
    p = p * 3 % 31;
  }
  return w;
}
constexpr std::array<int, 17> kWeights = make_weights();
static_assert(kWeights[0] == 1 && kWeights[1] == 3 && kWeights[3] == 27 && kWeights[16] == 28,
              "GB 32100 weights 1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28");

// Caller guarantees 17 alphabet characters.
char check_of(std::string_view first17) noexcept {
  int sum = 0;
  for (std::size_t i = 0; i < 17; ++i) sum += value_of(first17[i]) * kWeights[i];
  const int c = 31 - sum % 31;
  return kAlphabet[static_cast<std::size_t>(c == 31 ? 0 : c)];
}

// GB 11714 value: digits 0-9, letters A=10 ... Z=35; -1 otherwise.
int org_value(char c) noexcept {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'A' && c <= 'Z') return c - 'A' + 10;
  return -1;
}

// Caller guarantees 8 characters of the GB 11714 set.
char org_check_of(std::string_view body8) noexcept {
  static constexpr int kOrgWeights[8] = {3, 7, 9, 10, 5, 8, 4, 2};
  int sum = 0;
  for (std::size_t i = 0; i < 8; ++i) sum += org_value(body8[i]) * kOrgWeights[i];
  const int c = 11 - sum % 11;
  if (c == 10) return 'X';
  if (c == 11) return '0';
  return static_cast<char>('0' + c);
}

using detail::quoted;

std::string hex_byte(char c) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  const auto b = static_cast<unsigned char>(c);
  return std::string("0x") + kHex[b >> 4] + kHex[b & 0xF];
}

// Why text[at] is not allowed; positions count from 1.
std::string describe_bad_char(std::string_view text, std::size_t at) {
  const char c = text[at];
  const auto b = static_cast<unsigned char>(c);
  const std::string pos = " at position " + std::to_string(at + 1) + " is not allowed";
  if (c == ' ') {
    const bool edge = at == 0 || at + 1 == text.size();
    return "space" + pos + (edge ? " (surrounding spaces are not trimmed)" : "");
  }
  if (c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f') return "whitespace " + hex_byte(c) + pos;
  if (b >= 0x80) return "non-ASCII byte " + hex_byte(c) + pos + " (full-width and other non-ASCII characters are not accepted)";
  if (b < 0x20 || b == 0x7F) return "control byte " + hex_byte(c) + pos;
  if (c >= 'a' && c <= 'z') return std::string("lower-case '") + c + "'" + pos + " (credit codes are upper case)";
  if (c == 'I' || c == 'O' || c == 'S' || c == 'V' || c == 'Z')
    return std::string("character '") + c + "'" + pos + " (GB 32100 does not use I, O, S, V or Z)";
  return std::string("character '") + c + "'" + pos;
}

// The one validator. Returns true, or false with *why set (when why is not null).
bool validate(std::string_view text, OrganizationCodeCheck org_check, std::string* why) {
  auto fail = [&](const std::string& reason) {
    if (why != nullptr) *why = quoted(text) + " is not a unified social credit code: " + reason;
    return false;
  };
  if (text.empty()) return fail("empty text");
  // Characters before length: "a space at position 19" says more than "wrong length 19".
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (value_of(text[i]) < 0) return fail(describe_bad_char(text, i));
  }
  if (text.size() != CreditCode::length)
    return fail("wrong length " + std::to_string(text.size()) + " (a credit code has 18 characters)");
  for (std::size_t i = 2; i < 8; ++i) {
    if (text[i] < '0' || text[i] > '9')
      return fail(std::string("character '") + text[i] + "' at position " + std::to_string(i + 1) +
                  " is not a digit (positions 3-8 are the administrative division code)");
  }
  const char want = check_of(text.substr(0, 17));
  if (text[17] != want)
    return fail(std::string("check character should be '") + want + "' but is '" + text[17] + "'");
  if (org_check == OrganizationCodeCheck::strict) {
    const char org_want = org_check_of(text.substr(8, 8));
    if (text[16] != org_want)
      return fail(std::string("organization-code check character (position 17) should be '") + org_want +
                  "' but is '" + text[16] + "' (GB 11714 check over positions 9-16)");
  }
  return true;
}

std::array<char, CreditCode::length> to_array(std::string_view text) noexcept {
  std::array<char, CreditCode::length> a{};
  for (std::size_t i = 0; i < a.size(); ++i) a[i] = text[i];
  return a;
}

}  // namespace

CreditCode CreditCode::parse(std::string_view text, OrganizationCodeCheck org_check) {
  std::string why;
  if (!validate(text, org_check, &why)) throw Error(ErrorCode::parse_error, why);
  return CreditCode(to_array(text));
}

std::optional<CreditCode> CreditCode::try_parse(std::string_view text, std::string* why,
                                                 OrganizationCodeCheck org_check) noexcept {
  if (!validate(text, org_check, why)) return std::nullopt;
  return CreditCode(to_array(text));
}

bool CreditCode::is_valid(std::string_view text, OrganizationCodeCheck org_check) noexcept {
  return validate(text, org_check, nullptr);
}

char CreditCode::check_character(std::string_view first17) {
  if (first17.size() != 17)
    throw Error(ErrorCode::invalid_argument,
                "check_character needs 17 characters, got " + std::to_string(first17.size()));
  for (std::size_t i = 0; i < first17.size(); ++i) {
    if (value_of(first17[i]) < 0)
      throw Error(ErrorCode::invalid_argument, "check_character: " + describe_bad_char(first17, i));
  }
  return check_of(first17);
}

char CreditCode::organization_check_character(std::string_view body8) {
  if (body8.size() != 8)
    throw Error(ErrorCode::invalid_argument,
                "organization_check_character needs 8 characters, got " + std::to_string(body8.size()));
  for (std::size_t i = 0; i < body8.size(); ++i) {
    if (org_value(body8[i]) < 0)
      throw Error(ErrorCode::invalid_argument,
                  "organization_check_character: " + describe_bad_char(body8, i) + " (GB 11714 uses 0-9 and A-Z)");
  }
  return org_check_of(body8);
}

std::optional<RegionCode> CreditCode::region() const noexcept { return RegionCode::try_parse(region_digits()); }

bool CreditCode::organization_code_valid() const noexcept {
  return org_check_of(text().substr(8, 8)) == chars_[16];
}

std::string make_credit_code(std::string_view first17_without_check) {
  if (first17_without_check.size() != 17)
    throw Error(ErrorCode::invalid_argument,
                "make_credit_code needs 17 characters, got " + std::to_string(first17_without_check.size()));
  std::string code(first17_without_check);
  code += CreditCode::check_character(first17_without_check);
  std::string why;
  if (!validate(code, OrganizationCodeCheck::strict, &why))
    throw Error(ErrorCode::invalid_argument, "make_credit_code: " + why);
  return code;
}

CreditCode complete_credit_code(std::string_view prefix8, std::string_view org_body8) {
  if (prefix8.size() != 8 || org_body8.size() != 8)
    throw Error(ErrorCode::invalid_argument, "complete_credit_code needs 8 + 8 characters, got " +
                                                 std::to_string(prefix8.size()) + " + " +
                                                 std::to_string(org_body8.size()));
  // The body must use the credit-code set, not the wider GB 11714 one (no I, O, S, V, Z).
  for (std::size_t i = 0; i < org_body8.size(); ++i) {
    if (value_of(org_body8[i]) < 0)
      throw Error(ErrorCode::invalid_argument, "complete_credit_code: organization body " +
                                                   describe_bad_char(org_body8, i));
  }
  std::string first17(prefix8);
  first17 += org_body8;
  first17 += org_check_of(org_body8);
  const std::string code = make_credit_code(first17);
  return CreditCode::parse(code);
}

std::ostream& operator<<(std::ostream& out, const CreditCode& code) { return out << code.text(); }

}  // namespace duixian
