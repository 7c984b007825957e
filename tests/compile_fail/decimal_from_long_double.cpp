// Must not compile: a Decimal from a long double.
#include "duixian/decimal.hpp"

int main() {
  duixian::Decimal bad(0.1L);
  return bad.is_zero() ? 0 : 1;
}
