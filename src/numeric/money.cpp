#include "duixian/money.hpp"

#include <ostream>

namespace duixian {

namespace {

const char* unit_suffix(MoneyUnit unit) noexcept {
  switch (unit) {
    case MoneyUnit::yuan: return "元";
    case MoneyUnit::wan_yuan: return "万元";
    case MoneyUnit::yi_yuan: return "亿元";
  }
  return "元";
}

int unit_exponent(MoneyUnit unit) noexcept {
  switch (unit) {
    case MoneyUnit::yuan: return 0;
    case MoneyUnit::wan_yuan: return 4;
    case MoneyUnit::yi_yuan: return 8;
  }
  return 0;
}

/// "1234567.80" → "1,234,567.80" (a '-' sign, if any, stays in front).
std::string group_thousands(const std::string& plain) {
  const std::size_t sign = (!plain.empty() && plain[0] == '-') ? 1 : 0;
  std::size_t point = plain.find('.');
  if (point == std::string::npos) point = plain.size();
  std::string out = plain.substr(0, sign);
  const std::size_t int_digits = point - sign;
  for (std::size_t k = 0; k < int_digits; ++k) {
    if (k > 0 && (int_digits - k) % 3 == 0) out += ',';
    out += plain[sign + k];
  }
  out.append(plain, point, std::string::npos);
  return out;
}

}  // namespace

bool Money::is_whole_fen() const { return amount_.round(2, RoundingMode::down) == amount_; }

Decimal ratio(const Money& a, const Money& b, int places, RoundingMode mode) {
  return divide(a.amount(), b.amount(), places, mode);
}

std::string format_money(const Money& amount, MoneyUnit unit, int places, RoundingMode mode) {
  if (places < 0 || places > Decimal::max_scale) {
    throw Error(ErrorCode::invalid_argument, "cannot format money with " + std::to_string(places) + " decimal places: places must be between 0 and 38");
  }
  const int e = unit_exponent(unit);
  // Dividing by 10^e only moves the point, so the one rounding is to `places`.
  Decimal scaled = e == 0 ? amount.amount().round(places, mode)
                          : mul_div(amount.amount(), Decimal(1), Decimal(e == 4 ? 10000 : 100000000), places, mode);
  return group_thousands(scaled.to_string()) + unit_suffix(unit);
}

MoneyUnit natural_unit(const Money& amount) {
  const Decimal magnitude = amount.amount().abs();
  if (magnitude >= Decimal(100000000)) return MoneyUnit::yi_yuan;
  if (magnitude >= Decimal(10000)) return MoneyUnit::wan_yuan;
  return MoneyUnit::yuan;
}

std::ostream& operator<<(std::ostream& out, const Money& m) { return out << format_money(m, natural_unit(m)); }

}  // namespace duixian
