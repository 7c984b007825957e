/* A C host of Duixian, through the C ABI only (duixian.h, libduixian_c), compiled as C99:
 * loads the Wenzhou 2019 policy book and the generated register, settles a quarter and
 * prints its totals, one `key value` a line, then the explanation of one line.
 *
 *   c_host BOOK.json ENTERPRISES.csv FACTS.csv [QUARTER]      (QUARTER defaults to 2019Q4)
 *
 * Every call's status is checked; a failure prints duixian_last_error() and exits 1. */
#include <duixian/duixian.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void check(int status, const char *what) {
  if (status < 0) {
    fprintf(stderr, "c_host: %s failed: %s (%d): %s\n", what, duixian_status_text(status), status,
            duixian_last_error());
    exit(1);
  }
}

static void print_figure(const duixian_settlement *settlement, int figure, const char *key) {
  char *text = NULL;
  check(duixian_settlement_figure(settlement, figure, &text), key);
  printf("%s %s\n", key, text);
  duixian_string_free(text);
}

int main(int argc, char **argv) {
  const char *quarter = argc > 4 ? argv[4] : "2019Q4";
  duixian_book *book = NULL;
  duixian_register *reg = NULL;
  duixian_settlement *settlement = NULL;
  duixian_lines *lines = NULL;
  duixian_settle_options options;
  size_t enterprises = 0;
  size_t line_count = 0;
  size_t recoveries = 0;
  char *sum = NULL;
  char *capital = NULL;
  int status;

  if (argc < 4) {
    fprintf(stderr, "usage: c_host BOOK.json ENTERPRISES.csv FACTS.csv [QUARTER]\n");
    return 2;
  }
  if (duixian_version_number() < DUIXIAN_VERSION_NUMBER) {
    fprintf(stderr, "c_host: libduixian_c %s is older than its header\n", duixian_version());
    return 1;
  }

  check(duixian_book_load_file(argv[1], &book), "loading the policy book");
  check(duixian_register_load_files(book, argv[2], argv[3], NULL, NULL, &reg), "loading the register");
  check(duixian_register_size(reg, &enterprises), "counting enterprises");

  memset(&options, 0, sizeof options);
  options.version = DUIXIAN_SETTLE_OPTIONS_VERSION;
  options.threads = 0; /* the library chooses */
  check(duixian_settle(book, reg, quarter, NULL, &options, &settlement), "settling");
  /* The settlement shares the book and register: they may go now. */
  duixian_register_free(reg);
  duixian_book_free(book);

  check(duixian_settlement_line_count(settlement, &line_count), "counting lines");
  printf("quarter %s\n", quarter);
  printf("enterprises %lu\n", (unsigned long)enterprises);
  printf("lines %lu\n", (unsigned long)line_count);
  print_figure(settlement, DUIXIAN_FIGURE_REWARDS_QUARTER, "rewards_quarter");
  print_figure(settlement, DUIXIAN_FIGURE_REWARDS_YTD, "rewards_ytd");
  print_figure(settlement, DUIXIAN_FIGURE_BURDEN_QUARTER, "burden_quarter");
  print_figure(settlement, DUIXIAN_FIGURE_BURDEN_YTD, "burden_ytd");
  print_figure(settlement, DUIXIAN_FIGURE_EXPORT_REBATE_QUARTER, "export_rebate_quarter");
  print_figure(settlement, DUIXIAN_FIGURE_EXPORT_REBATE_YTD, "export_rebate_ytd");
  print_figure(settlement, DUIXIAN_FIGURE_BENEFICIARIES, "beneficiaries");

  /* Walk the lines: add up reward payouts exactly (decimal strings, never doubles) and
   * count recoveries. The sum must equal rewards_quarter plus the excluded categories'. */
  check(duixian_decimal_add("0", "0.00", &sum), "starting the sum");
  check(duixian_lines_open(settlement, &lines), "opening the lines");
  while ((status = duixian_lines_next(lines)) == DUIXIAN_ROW) {
    const char *kind = NULL;
    const char *payout = NULL;
    char *next = NULL;
    check(duixian_lines_get(lines, DUIXIAN_LINE_KIND, &kind), "reading a line's kind");
    if (strcmp(kind, "reward") != 0) continue;
    check(duixian_lines_get(lines, DUIXIAN_LINE_PAYOUT, &payout), "reading a payout");
    if (payout[0] == '-') ++recoveries;
    check(duixian_decimal_add(sum, payout, &next), "adding");
    duixian_string_free(sum);
    sum = next;
  }
  check(status, "iterating");
  duixian_lines_free(lines);
  printf("reward_payouts_by_line %s\n", sum);
  printf("recoveries %lu\n", (unsigned long)recoveries);
  if (sum[0] != '-' && duixian_money_capital(sum, &capital) == DUIXIAN_OK) {
    printf("reward_payouts_in_capitals %s\n", capital);
    duixian_string_free(capital);
  }
  duixian_string_free(sum);

  if (line_count > 0) {
    char *text = NULL;
    check(duixian_settlement_explain(settlement, 0, DUIXIAN_EXPLAIN_TEXT, &text), "explaining line 0");
    printf("--- explanation of line 0 ---\n%s\n", text);
    duixian_string_free(text);
  }
  duixian_settlement_free(settlement);
  return 0;
}
