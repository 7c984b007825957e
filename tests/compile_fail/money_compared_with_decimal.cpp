// Must not compile: money compared with a bare number.
#include "duixian/money.hpp"

int main() {
  const duixian::Money m = duixian::Money::parse("1409.50");
  return m < duixian::Decimal(1500) ? 0 : 1;
}
