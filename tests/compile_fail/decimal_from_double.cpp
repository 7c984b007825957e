// Must not compile: a Decimal from a double (0.1 is not 0.1 in binary).
#include "duixian/decimal.hpp"

int main() {
  duixian::Decimal bad(0.1);
  return bad.is_zero() ? 0 : 1;
}
