// Must not compile: a Rational from a double.
#include "duixian/rational.hpp"

int main() {
  duixian::Rational bad(0.5);
  return bad.is_zero() ? 0 : 1;
}
