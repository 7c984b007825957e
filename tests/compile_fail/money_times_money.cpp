// Must not compile: money × money (yuan² is not an amount).
#include "duixian/money.hpp"

int main() {
  const duixian::Money m = duixian::Money::parse("1409.50");
  const auto bad = m * m;
  return bad.amount().is_zero() ? 0 : 1;
}
