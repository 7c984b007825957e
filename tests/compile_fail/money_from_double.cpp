// Must not compile: Money from a double.
#include "duixian/money.hpp"

int main() {
  duixian::Money bad(1409.5);
  return bad.amount().is_zero() ? 0 : 1;
}
