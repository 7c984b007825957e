// Must not compile: a Settlement copied (it is moved; its lines are one province's worth).
#include "duixian/settlement.hpp"

int main() {
  duixian::Settlement a;
  duixian::Settlement b = a;
  return b.lines().empty() ? 0 : 1;
}
