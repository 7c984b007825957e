// Must not compile: money + a rate (a type error, as in a policy formula).
#include "duixian/money.hpp"

int main() {
  const duixian::Money m = duixian::Money::parse("1409.50");
  const duixian::Decimal rate = duixian::Decimal::parse("0.30");
  const duixian::Money bad = m + rate;
  return bad.amount().is_zero() ? 0 : 1;
}
