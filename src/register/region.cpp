// RegionCode: GB/T 2260 six-digit division codes. Names live in region_names.cpp.
#include "duixian/region.hpp"
#include "support/quoted.hpp"

#include <ostream>

namespace duixian {

namespace {

using detail::quoted;

std::string describe_non_digit(std::string_view text, std::size_t at) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  const char c = text[at];
  const auto b = static_cast<unsigned char>(c);
  const std::string pos = " at position " + std::to_string(at + 1) + " is not a digit";
  if (c == ' ') return "space" + pos + " (spaces are not trimmed)";
  if (b < 0x20 || b >= 0x7F) return std::string("byte 0x") + kHex[b >> 4] + kHex[b & 0xF] + pos;
  return std::string("character '") + c + "'" + pos;
}

constexpr const char* kProvinceList = "11-15, 21-23, 31-37, 41-46, 50-54, 61-65, 71, 81, 82";

bool validate(std::string_view text, std::string* why, int* out) {
  auto fail = [&](const std::string& reason) {
    if (why != nullptr) *why = quoted(text) + " is not a GB/T 2260 region code: " + reason;
    return false;
  };
  if (text.empty()) return fail("empty text");
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] < '0' || text[i] > '9') return fail(describe_non_digit(text, i));
  }
  if (text.size() != 6) return fail("wrong length " + std::to_string(text.size()) + " (a region code has 6 digits)");
  int code = 0;
  for (char c : text) code = code * 10 + (c - '0');
  const int pp = code / 10000;
  if (!is_province_part(pp))
    return fail("province part " + std::string(text.substr(0, 2)) + " is not a province-level code (GB/T 2260 provinces: " +
                kProvinceList + ")");
  if (code / 100 % 100 == 0 && code % 100 != 0)
    return fail("county part " + std::string(text.substr(4, 2)) + " under city part 00 (a county-level code names its city)");
  *out = code;
  return true;
}

}  // namespace

bool is_province_part(int pp) noexcept {
  return (pp >= 11 && pp <= 15) || (pp >= 21 && pp <= 23) || (pp >= 31 && pp <= 37) || (pp >= 41 && pp <= 46) ||
         (pp >= 50 && pp <= 54) || (pp >= 61 && pp <= 65) || pp == 71 || pp == 81 || pp == 82;
}

RegionCode RegionCode::parse(std::string_view text) {
  std::string why;
  int code = 0;
  if (!validate(text, &why, &code)) throw Error(ErrorCode::parse_error, why);
  return RegionCode(code);
}

std::optional<RegionCode> RegionCode::try_parse(std::string_view text, std::string* why) noexcept {
  int code = 0;
  if (!validate(text, why, &code)) return std::nullopt;
  return RegionCode(code);
}

RegionCode RegionCode::from_int(int code) {
  if (code < 100000 || code > 999999)
    throw Error(ErrorCode::invalid_argument, std::to_string(code) + " is not a GB/T 2260 region code: not six digits");
  std::string why;
  int checked = 0;
  if (!validate(std::to_string(code), &why, &checked)) throw Error(ErrorCode::invalid_argument, why);
  return RegionCode(checked);
}

std::string RegionCode::to_string() const { return std::to_string(code_); }  // always six digits: 110000..829999

bool RegionCode::starts_with(std::string_view prefix) const noexcept {
  if (prefix.size() > 6) return false;
  char digits[6];
  int v = code_;
  for (int i = 5; i >= 0; --i) {
    digits[i] = static_cast<char>('0' + v % 10);
    v /= 10;
  }
  return std::string_view(digits, 6).substr(0, prefix.size()) == prefix;
}

bool RegionCode::contains(RegionCode other) const noexcept {
  if (is_province_level()) return other.code_ / 10000 == code_ / 10000;
  if (is_city_level()) return other.code_ / 100 == code_ / 100;
  return other.code_ == code_;
}

std::string full_region_name(RegionCode code) {
  std::string out;
  const RegionCode province = code.province();
  // Every accepted province part has a name; the fallback keeps the rule "never drop a level".
  const auto pname = region_name(province);
  out += pname ? std::string(*pname) : province.to_string();
  if (code.is_province_level()) return out;
  const auto cname = region_name(code.city());
  if (code.is_city_level()) return out + (cname ? std::string(*cname) : code.to_string());
  if (cname) out += *cname;  // a missing city above a known or unknown county is left out
  const auto name = region_name(code);
  return out + (name ? std::string(*name) : code.to_string());
}

std::ostream& operator<<(std::ostream& out, RegionCode code) { return out << code.code(); }

}  // namespace duixian
