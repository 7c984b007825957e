// The capital form of an amount (大写金额), per the PBoC rules for writing amounts.
// The conventions where the rules allow two forms are documented in money.hpp.
#include <string>
#include <vector>

#include "duixian/money.hpp"
#include "numeric/u128.hpp"

namespace duixian {

namespace {

constexpr const char* kNumerals[] = {"零", "壹", "贰", "叁", "肆", "伍", "陆", "柒", "捌", "玖"};
constexpr const char* kInGroupUnits[] = {"", "拾", "佰", "仟"};  // by position within a 4-digit group
constexpr int kMaxIntegerDigits = 16;                          // up to 9999万亿

[[noreturn]] void refuse(const Money& amount, const std::string& why) {
  throw Error(ErrorCode::not_representable, "cannot write " + amount.to_string() + " in capitals: " + why);
}

/// The integer yuan digits, most significant first, as capitals with 拾佰仟万亿.
std::string integer_part(const std::vector<int>& digits) {
  const int n = static_cast<int>(digits.size());
  std::string out;
  bool pending_zero = false;  // zeros seen since the last non-zero digit written
  bool group_has_digit = false;
  for (int k = 0; k < n; ++k) {
    const int pos = n - 1 - k;  // 0 = units of yuan
    const int d = digits[static_cast<std::size_t>(k)];
    const int in_group = pos % 4;
    if (d != 0) {
      // A run of zeros is written as one 零, except when it ends at a 万/亿 digit
      // and the next digit written is a 仟 (壹拾万柒仟, not 壹拾万零柒仟).
      if (pending_zero && in_group != 3) out += kNumerals[0];
      out += kNumerals[d];
      out += kInGroupUnits[in_group];
      pending_zero = false;
      group_has_digit = true;
    } else if (!out.empty()) {
      pending_zero = true;
    }
    if (in_group == 0 && pos > 0) {
      const int group = pos / 4;  // 1 = 万, 2 = 亿, 3 = 万 (of 亿)
      // 亿 is written when its group or the 万亿 group above it is non-zero (壹万亿).
      const bool higher_nonzero = group == 2 && !out.empty();
      if (group_has_digit || higher_nonzero) out += (group == 2) ? "亿" : "万";
      group_has_digit = false;
    }
  }
  return out;
}

}  // namespace

std::string to_capital(const Money& amount) {
  const Decimal& value = amount.amount();
  if (value.sign() < 0) refuse(amount, "the amount is negative (state the amount recovered instead)");
  // Before any rescaling (the fen check included), which could itself overflow near 10^38.
  if (value.abs() >= Decimal(std::int64_t{10'000'000'000'000'000})) refuse(amount, "10^16 yuan or more");
  if (!amount.is_whole_fen()) refuse(amount, "the amount has a fraction of a fen");
  const Decimal fen = value.with_scale(value.scale() < 2 ? 2 : value.scale()).round(2, RoundingMode::down);
  std::string text = detail::u128_to_string(detail::magnitude(fen.coefficient()));
  if (text.size() < 3) text.insert(0, 3 - text.size(), '0');
  const std::string yuan_text = text.substr(0, text.size() - 2);
  if (static_cast<int>(yuan_text.size()) > kMaxIntegerDigits) refuse(amount, "10^16 yuan or more");
  const int jiao = text[text.size() - 2] - '0';
  const int fen_digit = text[text.size() - 1] - '0';

  std::vector<int> digits;
  for (char c : yuan_text) digits.push_back(c - '0');
  const bool has_yuan = !(digits.size() == 1 && digits[0] == 0);

  std::string out = "人民币";
  if (has_yuan) out += integer_part(digits) + "元";
  if (jiao == 0 && fen_digit == 0) return out + (has_yuan ? "整" : "零元整");
  if (jiao != 0) {
    if (has_yuan && digits.back() == 0) out += kNumerals[0];  // 壹仟陆佰捌拾元零叁角
    out += std::string(kNumerals[jiao]) + "角";
  } else if (has_yuan) {
    out += kNumerals[0];  // 壹万陆仟肆佰零玖元零贰分
  }
  if (fen_digit != 0) out += std::string(kNumerals[fen_digit]) + "分";
  return out;
}

}  // namespace duixian
