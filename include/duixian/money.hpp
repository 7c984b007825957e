#pragma once
/// @file
/// @brief `duixian::Money`: an amount of CNY, with fen rounding, display in 元/万元/亿元
/// and the capital form (大写) written on payment notices.

#include <iosfwd>
#include <string>
#include <string_view>

#include "duixian/decimal.hpp"

namespace duixian {

/// @brief The unit an amount is displayed in.
enum class MoneyUnit : unsigned char {
  yuan,      ///< 元: `1,409.50元`
  wan_yuan,  ///< 万元 (10^4 yuan): `146,000.00万元` for 1.46 billion yuan
  yi_yuan,   ///< 亿元 (10^8 yuan): `14.60亿元` for 1.46 billion yuan
};

/// @brief An exact amount of Chinese yuan (CNY).
///
/// A thin, typed wrapper over Decimal, in the spirit of Catala's money type:
/// money ± money is money, money × decimal is money, money ÷ money is a decimal
/// ratio, and money + decimal does not compile. The amount keeps whatever scale its
/// arithmetic produced; `round_to_fen` is the explicit step that makes it payable.
class Money {
 public:
  /// @brief Zero yuan.
  Money() noexcept = default;
  /// @brief `amount` yuan, exactly.
  explicit Money(const Decimal& amount) : amount_(amount) {}
  /// @brief Parses an amount in yuan, e.g. `"1409.50"` (the Decimal grammar; no `元`, no grouping).
  /// @throws Error `parse_error`.
  static Money parse(std::string_view text) { return Money(Decimal::parse(text)); }
  /// @brief An amount given as a whole number of fen: `from_fen(140950)` is 1409.50 yuan.
  static Money from_fen(long long fen) { return Money(Decimal::from_parts(fen, 2)); }

  /// @brief The amount in yuan.
  const Decimal& amount() const noexcept { return amount_; }
  /// @brief The ISO 4217 code, always `"CNY"`.
  static constexpr const char* currency() noexcept { return "CNY"; }

  /// @brief Rounded to the fen (two places) with the given mode: `1.005` half_up → `1.01`.
  Money round_to_fen(RoundingMode mode = RoundingMode::half_up) const { return Money(amount_.round(2, mode)); }
  /// @brief True when the amount is a whole number of fen (at most two non-zero decimals).
  bool is_whole_fen() const;

  /// @brief The amount as plain decimal text keeping its scale: `1409.50`.
  std::string to_string() const { return amount_.to_string(); }

  /// @brief Money + money.
  friend Money operator+(const Money& a, const Money& b) { return Money(a.amount_ + b.amount_); }
  /// @brief Money - money.
  friend Money operator-(const Money& a, const Money& b) { return Money(a.amount_ - b.amount_); }
  /// @brief -money.
  Money operator-() const { return Money(-amount_); }
  /// @brief Money × a dimensionless factor.
  friend Money operator*(const Money& a, const Decimal& factor) { return Money(a.amount_ * factor); }
  /// @brief A dimensionless factor × money.
  friend Money operator*(const Decimal& factor, const Money& a) { return Money(factor * a.amount_); }
  /// @brief `*this = *this + other`.
  Money& operator+=(const Money& other) { return *this = *this + other; }
  /// @brief `*this = *this - other`.
  Money& operator-=(const Money& other) { return *this = *this - other; }

  /// @brief Equal by value.
  friend bool operator==(const Money& a, const Money& b) noexcept { return a.amount_ == b.amount_; }
  /// @brief Not equal by value.
  friend bool operator!=(const Money& a, const Money& b) noexcept { return a.amount_ != b.amount_; }
  /// @brief Less than by value.
  friend bool operator<(const Money& a, const Money& b) noexcept { return a.amount_ < b.amount_; }
  /// @brief Greater than by value.
  friend bool operator>(const Money& a, const Money& b) noexcept { return a.amount_ > b.amount_; }
  /// @brief Less than or equal by value.
  friend bool operator<=(const Money& a, const Money& b) noexcept { return a.amount_ <= b.amount_; }
  /// @brief Greater than or equal by value.
  friend bool operator>=(const Money& a, const Money& b) noexcept { return a.amount_ >= b.amount_; }

 private:
  Decimal amount_;
};

/// @brief money ÷ money, a dimensionless ratio rounded once to `places`.
/// @throws Error `division_by_zero` when `b` is zero.
Decimal ratio(const Money& a, const Money& b, int places, RoundingMode mode);

/// @brief The amount for a reader: grouped by thousands, in the given unit, with the unit's sign.
///
/// `format_money(Money::parse("1460000000"), MoneyUnit::yi_yuan)` is `14.60亿元`;
/// `format_money(Money::parse("-1234567.8"), MoneyUnit::yuan)` is `-1,234,567.80元`.
/// Converting to 万元 or 亿元 divides exactly, then rounds to `places` with `mode`.
/// @param amount the amount in yuan.
/// @param unit 元, 万元 or 亿元.
/// @param places digits after the point, 0 to 38 (default 2).
/// @param mode how the displayed value rounds (default half_up).
std::string format_money(const Money& amount, MoneyUnit unit, int places = 2,
                         RoundingMode mode = RoundingMode::half_up);

/// @brief The unit a person would read `amount` in: 亿元 from 10^8 yuan, 万元 from 10^4, else 元.
MoneyUnit natural_unit(const Money& amount);

/// @brief The capital form (大写金额) for a payment notice, prefixed `人民币`.
///
/// Follows the PBoC rules for writing amounts (《正确填写票据和结算凭证的基本规定》):
/// digits 零壹贰叁肆伍陆柒捌玖, units 拾佰仟万亿, 元角分; `整` after 元 when there
/// are no 角 or 分; no `整` after 角 or 分. Where the rules allow two forms, Duixian writes:
/// - no 零 for zeros that end at a 万 or 亿 digit when the next digit is a non-zero 仟:
///   107000.53 → 人民币壹拾万柒仟元零伍角叁分;
/// - one 零 when the 元 digit (or a run of zeros ending there) is zero and 角 is not:
///   1680.32 → 人民币壹仟陆佰捌拾元零叁角贰分;
/// - one 零 for each other run of zeros between non-zero digits:
///   6007.14 → 人民币陆仟零柒元壹角肆分; 100010000.00 → 人民币壹亿零壹万元整;
///   16409.02 → 人民币壹万陆仟肆佰零玖元零贰分;
/// - 壹拾 is written in full (10.00 → 人民币壹拾元整); below one yuan no 元 is written
///   (0.53 → 人民币伍角叁分); zero is 人民币零元整.
/// @throws Error `not_representable` for a negative amount, an amount with a non-zero
///         third decimal, or an amount of 10^16 yuan or more (beyond 万亿).
std::string to_capital(const Money& amount);

/// @brief Writes `format_money(m, natural_unit(m))`.
std::ostream& operator<<(std::ostream& out, const Money& m);

}  // namespace duixian
