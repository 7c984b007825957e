// Compiled by ctest with one CASE_ macro at a time; each case must fail to compile
// (a deleted constructor), and the file without any CASE_ must compile.
#include "duixian/money.hpp"

int main() {
  duixian::Decimal ok(1409);
  duixian::Money fine(ok);
#if defined(CASE_decimal_from_double)
  duixian::Decimal bad(0.1);
#elif defined(CASE_decimal_from_float)
  duixian::Decimal bad(0.1f);
#elif defined(CASE_decimal_from_long_double)
  duixian::Decimal bad(0.1L);
#elif defined(CASE_money_from_double)
  duixian::Money bad(1409.5);
#elif defined(CASE_decimal_assign_double)
  ok = 2.5;
#endif
  return fine.amount().is_zero() ? 1 : 0;
}
