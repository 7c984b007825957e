// Must not compile: a double assigned to a Decimal.
#include "duixian/decimal.hpp"

int main() {
  duixian::Decimal d(1409);
  d = 2.5;
  return d.is_zero() ? 0 : 1;
}
