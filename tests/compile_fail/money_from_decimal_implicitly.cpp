// Must not compile: a bare Decimal taken as Money without saying so (Money(d) is explicit).
#include "duixian/money.hpp"

int main() {
  const duixian::Decimal rate(3);
  const duixian::Money m = rate;
  return m.amount().is_zero() ? 0 : 1;
}
