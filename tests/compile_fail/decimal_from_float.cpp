// Must not compile: a Decimal from a float.
#include "duixian/decimal.hpp"

int main() {
  duixian::Decimal bad(0.1f);
  return bad.is_zero() ? 0 : 1;
}
