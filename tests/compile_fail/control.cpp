// The control of the compile-fail cases: the same headers, the same kind of statements,
// each written the allowed way. It must compile, so a case that fails for any other
// reason (a missing include, a typo) cannot pass as a refused conversion.
#include "duixian/money.hpp"
#include "duixian/rational.hpp"
#include "duixian/settlement.hpp"

int main() {
  duixian::Decimal d(1409);                                 // from an integer: exact
  d = duixian::Decimal::parse("2.5");                       // from text: exact
  const duixian::Money m = duixian::Money::parse("1409.50");
  const duixian::Money explicit_money(duixian::Decimal(3));  // Money from a Decimal, said explicitly
  const duixian::Decimal rate = duixian::Decimal::parse("0.30");
  const duixian::Money sum = m + explicit_money;             // money + money
  const duixian::Money share = m * rate;                     // money × rate
  const bool less = m < duixian::Money(duixian::Decimal(1500));  // money against money
  const duixian::Rational r = duixian::Rational::fraction(1, 2);  // from integers
  duixian::Settlement a;
  const duixian::Settlement b = std::move(a);                // moved, not copied
  return (d.is_zero() || sum.amount().is_zero() || share.amount().is_zero() || !less || r.is_zero() ||
          !b.lines().empty())
             ? 1
             : 0;
}
