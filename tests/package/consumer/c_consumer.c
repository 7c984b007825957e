/* A downstream C program built only against the installed package's duixian::c. */
#include <duixian/duixian.h>

#include <stdio.h>
#include <string.h>

int main(void) {
  char *paid = NULL;
  char *capital = NULL;
  char *product = NULL;
  int ok;
  if (duixian_version_number() != DUIXIAN_VERSION_NUMBER) {
    fprintf(stderr, "header %d, library %s\n", DUIXIAN_VERSION_NUMBER, duixian_version());
    return 1;
  }
  ok = duixian_decimal_mul("4698.33", "0.30", &product) == DUIXIAN_OK &&
       duixian_decimal_round(product, 2, DUIXIAN_ROUND_HALF_UP, &paid) == DUIXIAN_OK &&
       duixian_money_capital(paid, &capital) == DUIXIAN_OK;
  if (ok) printf("%s %s\n", paid, capital);
  else fprintf(stderr, "%s\n", duixian_last_error());
  ok = ok && strcmp(paid, "1409.50") == 0;
  duixian_string_free(product);
  duixian_string_free(paid);
  duixian_string_free(capital);
  return ok ? 0 : 1;
}
