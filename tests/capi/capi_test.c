/* The C ABI's tests, compiled as C99 with -pedantic -Werror: every function's success and
 * error paths, NULL arguments and misuse. Paths come from the build:
 * DUIXIAN_TEST_BOOK (the Wenzhou 2019 policy book) and DUIXIAN_TEST_TMP (a scratch folder). */
#include <duixian/duixian.h>

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int failures = 0;
static int checks = 0;

#define CHECK(cond)                                                                   \
  do {                                                                                \
    ++checks;                                                                         \
    if (!(cond)) {                                                                    \
      ++failures;                                                                     \
      fprintf(stderr, "%s:%d: CHECK(%s) failed; last error: %s\n", __FILE__, __LINE__, \
              #cond, duixian_last_error());                                           \
    }                                                                                 \
  } while (0)

#define CHECK_STATUS(call, expected)                                                           \
  do {                                                                                         \
    int status_ = (call);                                                                      \
    ++checks;                                                                                  \
    if (status_ != (expected)) {                                                               \
      ++failures;                                                                              \
      fprintf(stderr, "%s:%d: %s gave %d (%s), expected %d; last error: %s\n", __FILE__,       \
              __LINE__, #call, status_, duixian_status_text(status_), (int)(expected),          \
              duixian_last_error());                                                           \
    }                                                                                          \
  } while (0)

#define CHECK_STR(actual, expected) CHECK((actual) != NULL && strcmp((actual), (expected)) == 0)

/* A valid credit code of Wenzhou's Lucheng district, and a second one. */
#define CODE_A "913303030HPJWHNH14"
#define CODE_B "91330324WU3A8FXE6E"

static const char enterprises_csv[] =
    "credit_code,name,region,industry,tags,registered_on\n"
    CODE_A ",温州鑫东阀门有限公司,330303,C3443,in_micro_park,2017-03-01\n"
    CODE_B ",永嘉洋源文具有限公司,330324,C2411,above_scale,2000-03-26\n";

static const char facts_csv[] =
    "credit_code,metric,period,value\n"
    CODE_A ",park_entry_date,,2018-01-01\n"
    CODE_A ",park_rent,2019Q1,10000.00\n"
    CODE_A ",park_rent,2019Q2,10000.00\n";

static char *read_all(const char *path, size_t *size) {
  FILE *f = fopen(path, "rb");
  char *buffer;
  long n;
  if (f == NULL) return NULL;
  fseek(f, 0, SEEK_END);
  n = ftell(f);
  fseek(f, 0, SEEK_SET);
  buffer = (char *)malloc((size_t)n + 1);
  if (buffer != NULL && fread(buffer, 1, (size_t)n, f) != (size_t)n) {
    free(buffer);
    buffer = NULL;
  }
  fclose(f);
  if (buffer != NULL) {
    buffer[n] = '\0';
    *size = (size_t)n;
  }
  return buffer;
}

static void write_file(const char *path, const char *text) {
  FILE *f = fopen(path, "wb");
  if (f == NULL) {
    fprintf(stderr, "cannot write %s\n", path);
    exit(2);
  }
  fputs(text, f);
  fclose(f);
}

static void test_version_and_status(void) {
  char expected[32];
  sprintf(expected, "%d.%d.%d", DUIXIAN_VERSION_MAJOR, DUIXIAN_VERSION_MINOR, DUIXIAN_VERSION_PATCH);
  CHECK_STR(duixian_version(), expected);
  CHECK(duixian_version_number() == DUIXIAN_VERSION_NUMBER);
  CHECK_STR(duixian_status_text(DUIXIAN_OK), "ok");
  CHECK_STR(duixian_status_text(DUIXIAN_ROW), "row");
  CHECK_STR(duixian_status_text(DUIXIAN_DONE), "done");
  CHECK_STR(duixian_status_text(DUIXIAN_E_PARSE), "parse error");
  CHECK_STR(duixian_status_text(DUIXIAN_E_NULL), "NULL argument");
  CHECK_STR(duixian_status_text(12345), "unknown status");
  {
    int s;
    for (s = -100; s <= 102; ++s) CHECK(duixian_status_text(s) != NULL);
  }
  /* The last error: set by a failure, cleared by the next call. */
  {
    char *out = NULL;
    CHECK_STATUS(duixian_decimal_add("1", "x", &out), DUIXIAN_E_PARSE);
    CHECK(out == NULL);
    CHECK(strlen(duixian_last_error()) > 0);
    CHECK_STATUS(duixian_decimal_add("1", "2", &out), DUIXIAN_OK);
    CHECK_STR(duixian_last_error(), "");
    duixian_string_free(out);
  }
  duixian_string_free(NULL);
}

static void test_decimal(void) {
  char *out = NULL;
  int mode = -1;
  int cmp = 9;

  CHECK_STATUS(duixian_rounding_parse("half_even", &mode), DUIXIAN_OK);
  CHECK(mode == DUIXIAN_ROUND_HALF_EVEN);
  CHECK_STATUS(duixian_rounding_parse("floor", &mode), DUIXIAN_OK);
  CHECK(mode == DUIXIAN_ROUND_FLOOR);
  CHECK_STATUS(duixian_rounding_parse("nearest", &mode), DUIXIAN_E_PARSE);
  CHECK_STATUS(duixian_rounding_parse(NULL, &mode), DUIXIAN_E_NULL);
  CHECK_STATUS(duixian_rounding_parse("up", NULL), DUIXIAN_E_NULL);

  CHECK_STATUS(duixian_decimal_round("1409.499", 2, DUIXIAN_ROUND_HALF_UP, &out), DUIXIAN_OK);
  CHECK_STR(out, "1409.50");
  duixian_string_free(out);
  CHECK_STATUS(duixian_decimal_round("2.345", 2, DUIXIAN_ROUND_HALF_EVEN, &out), DUIXIAN_OK);
  CHECK_STR(out, "2.34");
  duixian_string_free(out);
  CHECK_STATUS(duixian_decimal_round("-2.341", 2, DUIXIAN_ROUND_FLOOR, &out), DUIXIAN_OK);
  CHECK_STR(out, "-2.35");
  duixian_string_free(out);
  out = NULL;
  CHECK_STATUS(duixian_decimal_round("1.5", 39, DUIXIAN_ROUND_HALF_UP, &out), DUIXIAN_E_INVALID_ARGUMENT);
  CHECK_STATUS(duixian_decimal_round("1.5", -1, DUIXIAN_ROUND_HALF_UP, &out), DUIXIAN_E_INVALID_ARGUMENT);
  CHECK_STATUS(duixian_decimal_round("1.5", 0, 99, &out), DUIXIAN_E_INVALID_ARGUMENT);
  CHECK_STATUS(duixian_decimal_round("1,5", 0, DUIXIAN_ROUND_UP, &out), DUIXIAN_E_PARSE);
  CHECK_STATUS(duixian_decimal_round(NULL, 0, DUIXIAN_ROUND_UP, &out), DUIXIAN_E_NULL);
  CHECK_STATUS(duixian_decimal_round("1", 0, DUIXIAN_ROUND_UP, NULL), DUIXIAN_E_NULL);
  CHECK(out == NULL);

  CHECK_STATUS(duixian_decimal_add("0.1", "0.20", &out), DUIXIAN_OK);
  CHECK_STR(out, "0.30");
  duixian_string_free(out);
  CHECK_STATUS(duixian_decimal_add("99999999999999999999999999999999999999", "1", &out), DUIXIAN_E_OVERFLOW);
  CHECK_STATUS(duixian_decimal_add(NULL, "1", &out), DUIXIAN_E_NULL);
  CHECK_STATUS(duixian_decimal_add("1", NULL, &out), DUIXIAN_E_NULL);
  CHECK_STATUS(duixian_decimal_add("1", "1", NULL), DUIXIAN_E_NULL);

  CHECK_STATUS(duixian_decimal_sub("1.00", "2.5", &out), DUIXIAN_OK);
  CHECK_STR(out, "-1.50");
  duixian_string_free(out);
  CHECK_STATUS(duixian_decimal_sub("a", "1", &out), DUIXIAN_E_PARSE);
  CHECK_STATUS(duixian_decimal_sub("1", "1", NULL), DUIXIAN_E_NULL);

  CHECK_STATUS(duixian_decimal_mul("4698.33", "0.30", &out), DUIXIAN_OK);
  CHECK_STR(out, "1409.4990");
  duixian_string_free(out);
  CHECK_STATUS(duixian_decimal_mul("1.2.3", "1", &out), DUIXIAN_E_PARSE);
  CHECK_STATUS(duixian_decimal_mul("99999999999999999999", "99999999999999999999", &out), DUIXIAN_E_OVERFLOW);
  CHECK_STATUS(duixian_decimal_mul(NULL, NULL, &out), DUIXIAN_E_NULL);

  CHECK_STATUS(duixian_decimal_compare("1.0", "1.00", &cmp), DUIXIAN_OK);
  CHECK(cmp == 0);
  CHECK_STATUS(duixian_decimal_compare("-1", "0.01", &cmp), DUIXIAN_OK);
  CHECK(cmp == -1);
  CHECK_STATUS(duixian_decimal_compare("2", "1.99", &cmp), DUIXIAN_OK);
  CHECK(cmp == 1);
  CHECK_STATUS(duixian_decimal_compare("2", "", &cmp), DUIXIAN_E_PARSE);
  CHECK_STATUS(duixian_decimal_compare("2", "1", NULL), DUIXIAN_E_NULL);

  CHECK_STATUS(duixian_money_format("1409.5", DUIXIAN_UNIT_YUAN, 2, DUIXIAN_ROUND_HALF_UP, &out), DUIXIAN_OK);
  CHECK_STR(out, "1,409.50元");
  duixian_string_free(out);
  CHECK_STATUS(duixian_money_format("1460000000", DUIXIAN_UNIT_YI_YUAN, 2, DUIXIAN_ROUND_HALF_UP, &out), DUIXIAN_OK);
  CHECK_STR(out, "14.60亿元");
  duixian_string_free(out);
  CHECK_STATUS(duixian_money_format("146000", DUIXIAN_UNIT_WAN_YUAN, 2, DUIXIAN_ROUND_HALF_UP, &out), DUIXIAN_OK);
  CHECK_STR(out, "14.60万元");
  duixian_string_free(out);
  CHECK_STATUS(duixian_money_format("1460000000", DUIXIAN_UNIT_NATURAL, 2, DUIXIAN_ROUND_HALF_UP, &out), DUIXIAN_OK);
  CHECK_STR(out, "14.60亿元");
  duixian_string_free(out);
  CHECK_STATUS(duixian_money_format("1", 7, 2, DUIXIAN_ROUND_HALF_UP, &out), DUIXIAN_E_INVALID_ARGUMENT);
  CHECK_STATUS(duixian_money_format("1", DUIXIAN_UNIT_YUAN, 40, DUIXIAN_ROUND_HALF_UP, &out), DUIXIAN_E_INVALID_ARGUMENT);
  CHECK_STATUS(duixian_money_format("1", DUIXIAN_UNIT_YUAN, 2, -1, &out), DUIXIAN_E_INVALID_ARGUMENT);
  CHECK_STATUS(duixian_money_format("x", DUIXIAN_UNIT_YUAN, 2, DUIXIAN_ROUND_HALF_UP, &out), DUIXIAN_E_PARSE);
  CHECK_STATUS(duixian_money_format(NULL, DUIXIAN_UNIT_YUAN, 2, DUIXIAN_ROUND_HALF_UP, &out), DUIXIAN_E_NULL);
  CHECK_STATUS(duixian_money_format("1", DUIXIAN_UNIT_YUAN, 2, DUIXIAN_ROUND_HALF_UP, NULL), DUIXIAN_E_NULL);

  CHECK_STATUS(duixian_money_capital("1409.50", &out), DUIXIAN_OK);
  CHECK_STR(out, "人民币壹仟肆佰零玖元伍角");
  duixian_string_free(out);
  CHECK_STATUS(duixian_money_capital("-1", &out), DUIXIAN_E_NOT_REPRESENTABLE);
  CHECK_STATUS(duixian_money_capital("0.001", &out), DUIXIAN_E_NOT_REPRESENTABLE);
  CHECK_STATUS(duixian_money_capital("abc", &out), DUIXIAN_E_PARSE);
  CHECK_STATUS(duixian_money_capital(NULL, &out), DUIXIAN_E_NULL);
  CHECK_STATUS(duixian_money_capital("1", NULL), DUIXIAN_E_NULL);

  CHECK_STATUS(duixian_sha256_hex("abc", 3, &out), DUIXIAN_OK);
  CHECK_STR(out, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  duixian_string_free(out);
  CHECK_STATUS(duixian_sha256_hex(NULL, 0, &out), DUIXIAN_OK);
  CHECK_STR(out, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  duixian_string_free(out);
  CHECK_STATUS(duixian_sha256_hex(NULL, 1, &out), DUIXIAN_E_NULL);
  CHECK_STATUS(duixian_sha256_hex("a", 1, NULL), DUIXIAN_E_NULL);
}

static duixian_book *test_book(void) {
  duixian_book *book = NULL;
  duixian_book *other = NULL;
  const char *id = NULL;
  const char *sha = NULL;
  int year = 0;
  size_t count = 0;
  size_t size = 0;
  char *text = read_all(DUIXIAN_TEST_BOOK, &size);
  char *sha_of_text = NULL;

  CHECK(text != NULL);
  CHECK_STATUS(duixian_book_load_file(DUIXIAN_TEST_BOOK, &book), DUIXIAN_OK);
  CHECK(book != NULL);
  CHECK_STATUS(duixian_book_id(book, &id), DUIXIAN_OK);
  CHECK_STR(id, "wenzhou-2019");
  CHECK_STATUS(duixian_book_year(book, &year), DUIXIAN_OK);
  CHECK(year == 2019);
  CHECK_STATUS(duixian_book_policy_count(book, &count), DUIXIAN_OK);
  CHECK(count == 12);
  CHECK_STATUS(duixian_book_sha256(book, &sha), DUIXIAN_OK);
  CHECK_STATUS(duixian_sha256_hex(text, size, &sha_of_text), DUIXIAN_OK);
  CHECK_STR(sha, sha_of_text);
  duixian_string_free(sha_of_text);

  /* From text: the same book. */
  CHECK_STATUS(duixian_book_load_text(text, size, "policies.json", &other), DUIXIAN_OK);
  CHECK_STATUS(duixian_book_id(other, &id), DUIXIAN_OK);
  CHECK_STR(id, "wenzhou-2019");
  duixian_book_free(other);
  CHECK_STATUS(duixian_book_load_text(text, size, NULL, &other), DUIXIAN_OK);
  duixian_book_free(other);
  free(text);

  /* Errors: missing file, bad JSON, an invalid book, NULLs. */
  other = book; /* must be reset to NULL on failure */
  CHECK_STATUS(duixian_book_load_file(DUIXIAN_TEST_TMP "/no-such-book.json", &other), DUIXIAN_E_IO);
  CHECK(other == NULL);
  CHECK_STATUS(duixian_book_load_text("{", 1, "broken.json", &other), DUIXIAN_E_INVALID_ARGUMENT);
  CHECK(strstr(duixian_last_error(), "broken.json") != NULL);
  CHECK_STATUS(duixian_book_load_text("{\"format\": \"duixian.policy-book/1\"}", 35, "empty.json", &other),
               DUIXIAN_E_INVALID_ARGUMENT);
  CHECK(other == NULL);
  CHECK_STATUS(duixian_book_load_file(NULL, &other), DUIXIAN_E_NULL);
  CHECK_STATUS(duixian_book_load_file(DUIXIAN_TEST_BOOK, NULL), DUIXIAN_E_NULL);
  CHECK_STATUS(duixian_book_load_text(NULL, 0, "x", &other), DUIXIAN_E_NULL);
  CHECK_STATUS(duixian_book_load_text("{}", 2, "x", NULL), DUIXIAN_E_NULL);
  CHECK_STATUS(duixian_book_id(NULL, &id), DUIXIAN_E_NULL);
  CHECK_STATUS(duixian_book_id(book, NULL), DUIXIAN_E_NULL);
  CHECK_STATUS(duixian_book_year(NULL, &year), DUIXIAN_E_NULL);
  CHECK_STATUS(duixian_book_year(book, NULL), DUIXIAN_E_NULL);
  CHECK_STATUS(duixian_book_policy_count(NULL, &count), DUIXIAN_E_NULL);
  CHECK_STATUS(duixian_book_policy_count(book, NULL), DUIXIAN_E_NULL);
  CHECK_STATUS(duixian_book_sha256(NULL, &sha), DUIXIAN_E_NULL);
  CHECK_STATUS(duixian_book_sha256(book, NULL), DUIXIAN_E_NULL);
  duixian_book_free(NULL);
  return book;
}

static duixian_register *test_register(const duixian_book *book) {
  duixian_register *reg = NULL;
  duixian_register *other = NULL;
  duixian_register_builder *builder = NULL;
  duixian_load_options options;
  size_t n = 0;
  char *sha_text = NULL;
  char *sha_files = NULL;
  char *sha_built = NULL;
  static const char bad_facts[] =
      "credit_code,metric,period,value\n" CODE_A ",park_rent,2019Q1,lots\n" CODE_A ",park_rent,2019Q2,1.00\n";

  /* From text. */
  CHECK_STATUS(duixian_register_load_text(book, enterprises_csv, strlen(enterprises_csv), facts_csv,
                                          strlen(facts_csv), NULL, &reg),
               DUIXIAN_OK);
  CHECK_STATUS(duixian_register_size(reg, &n), DUIXIAN_OK);
  CHECK(n == 2);
  CHECK_STATUS(duixian_register_fact_count(reg, &n), DUIXIAN_OK);
  CHECK(n == 3);
  CHECK_STATUS(duixian_register_sha256(reg, &sha_text), DUIXIAN_OK);
  CHECK(sha_text != NULL && strlen(sha_text) == 64);

  /* Rejected rows fail the load unless allowed. */
  memset(&options, 0, sizeof options);
  options.version = DUIXIAN_LOAD_OPTIONS_VERSION;
  other = reg;
  CHECK_STATUS(duixian_register_load_text(book, enterprises_csv, strlen(enterprises_csv), bad_facts,
                                          strlen(bad_facts), &options, &other),
               DUIXIAN_E_PARSE);
  CHECK(other == NULL);
  CHECK(strstr(duixian_last_error(), "<facts>:2") != NULL);
  options.allow_rejected_rows = 1;
  CHECK_STATUS(duixian_register_load_text(book, enterprises_csv, strlen(enterprises_csv), bad_facts,
                                          strlen(bad_facts), &options, &other),
               DUIXIAN_OK);
  CHECK_STATUS(duixian_register_fact_count(other, &n), DUIXIAN_OK);
  CHECK(n == 1);
  duixian_register_free(other);
  options.encoding = 7;
  CHECK_STATUS(duixian_register_load_text(book, enterprises_csv, strlen(enterprises_csv), facts_csv,
                                          strlen(facts_csv), &options, &other),
               DUIXIAN_E_INVALID_ARGUMENT);
  options.encoding = DUIXIAN_ENCODING_GB18030; /* ASCII-only text reads the same */
  CHECK_STATUS(duixian_register_load_text(book, "credit_code,name,region,industry,tags,registered_on\n", 52,
                                          "credit_code,metric,period,value\n", 32, &options, &other),
               DUIXIAN_OK);
  duixian_register_free(other);
  options.version = 99;
  CHECK_STATUS(duixian_register_load_text(book, enterprises_csv, strlen(enterprises_csv), facts_csv,
                                          strlen(facts_csv), &options, &other),
               DUIXIAN_E_VERSION);
  CHECK_STATUS(duixian_register_load_text(NULL, "", 0, "", 0, NULL, &other), DUIXIAN_E_NULL);
  CHECK_STATUS(duixian_register_load_text(book, NULL, 0, "", 0, NULL, &other), DUIXIAN_E_NULL);
  CHECK_STATUS(duixian_register_load_text(book, "", 0, NULL, 0, NULL, &other), DUIXIAN_E_NULL);
  CHECK_STATUS(duixian_register_load_text(book, "", 0, "", 0, NULL, NULL), DUIXIAN_E_NULL);
  CHECK_STATUS(duixian_register_load_text(book, "", 0, "", 0, NULL, &other), DUIXIAN_E_PARSE); /* no header */

  /* From files, with a revision file. */
  write_file(DUIXIAN_TEST_TMP "/enterprises.csv", enterprises_csv);
  write_file(DUIXIAN_TEST_TMP "/facts.csv", facts_csv);
  write_file(DUIXIAN_TEST_TMP "/revision.csv",
             "credit_code,metric,period,value\n" CODE_A ",park_rent,2019Q2,12000.00\n");
  CHECK_STATUS(duixian_register_load_files(book, DUIXIAN_TEST_TMP "/enterprises.csv", DUIXIAN_TEST_TMP "/facts.csv",
                                           NULL, NULL, &other),
               DUIXIAN_OK);
  CHECK_STATUS(duixian_register_sha256(other, &sha_files), DUIXIAN_OK);
  CHECK_STR(sha_files, sha_text);
  duixian_string_free(sha_files);
  duixian_register_free(other);
  CHECK_STATUS(duixian_register_load_files(book, DUIXIAN_TEST_TMP "/enterprises.csv", DUIXIAN_TEST_TMP "/facts.csv",
                                           DUIXIAN_TEST_TMP "/revision.csv", NULL, &other),
               DUIXIAN_OK);
  CHECK_STATUS(duixian_register_sha256(other, &sha_files), DUIXIAN_OK);
  CHECK(strcmp(sha_files, sha_text) != 0); /* the revision changed a fact */
  duixian_string_free(sha_files);
  duixian_register_free(other);
  other = NULL;
  CHECK_STATUS(duixian_register_load_files(book, DUIXIAN_TEST_TMP "/none.csv", DUIXIAN_TEST_TMP "/facts.csv", NULL,
                                           NULL, &other),
               DUIXIAN_E_IO);
  CHECK_STATUS(duixian_register_load_files(book, DUIXIAN_TEST_TMP "/enterprises.csv", DUIXIAN_TEST_TMP "/facts.csv",
                                           DUIXIAN_TEST_TMP "/none.csv", NULL, &other),
               DUIXIAN_E_IO);
  options.version = 0;
  CHECK_STATUS(duixian_register_load_files(book, DUIXIAN_TEST_TMP "/enterprises.csv", DUIXIAN_TEST_TMP "/facts.csv",
                                           NULL, &options, &other),
               DUIXIAN_E_VERSION);
  CHECK_STATUS(duixian_register_load_files(NULL, "a", "b", NULL, NULL, &other), DUIXIAN_E_NULL);
  CHECK_STATUS(duixian_register_load_files(book, NULL, "b", NULL, NULL, &other), DUIXIAN_E_NULL);
  CHECK_STATUS(duixian_register_load_files(book, "a", NULL, NULL, NULL, &other), DUIXIAN_E_NULL);
  CHECK_STATUS(duixian_register_load_files(book, "a", "b", NULL, NULL, NULL), DUIXIAN_E_NULL);
  CHECK(other == NULL);
  CHECK_STATUS(duixian_register_size(NULL, &n), DUIXIAN_E_NULL);
  CHECK_STATUS(duixian_register_size(reg, NULL), DUIXIAN_E_NULL);
  CHECK_STATUS(duixian_register_fact_count(NULL, &n), DUIXIAN_E_NULL);
  CHECK_STATUS(duixian_register_fact_count(reg, NULL), DUIXIAN_E_NULL);
  CHECK_STATUS(duixian_register_sha256(NULL, &sha_files), DUIXIAN_E_NULL);
  CHECK_STATUS(duixian_register_sha256(reg, NULL), DUIXIAN_E_NULL);

  /* Row by row: the same register, the same digest. */
  CHECK_STATUS(duixian_register_builder_new(book, &builder), DUIXIAN_OK);
  CHECK_STATUS(duixian_register_builder_add_enterprise(builder, CODE_A, "温州鑫东阀门有限公司", "330303", "C3443",
                                                       "in_micro_park", "2017-03-01"),
               DUIXIAN_OK);
  CHECK_STATUS(duixian_register_builder_add_enterprise(builder, CODE_B, "永嘉洋源文具有限公司", "330324", "C2411",
                                                       "above_scale", "2000-03-26"),
               DUIXIAN_OK);
  CHECK_STATUS(duixian_register_builder_add_enterprise(builder, CODE_B, "again", "330324", "C2411", NULL,
                                                       "2000-03-26"),
               DUIXIAN_E_INVALID_ARGUMENT);
  CHECK_STATUS(duixian_register_builder_add_enterprise(builder, "91330303XXXXXXXXXX", "x", "330303", "C3443", "",
                                                       "2002-02-10"),
               DUIXIAN_E_PARSE);
  CHECK_STATUS(duixian_register_builder_add_enterprise(builder, "91330303MA2L0000X1", "", "330303", "C3443", "",
                                                       "2002-02-10"),
               DUIXIAN_E_PARSE);
  CHECK_STATUS(duixian_register_builder_add_enterprise(builder, CODE_A, "x", "330303", "C3443", "Bad Tag",
                                                       "2002-02-10"),
               DUIXIAN_E_PARSE);
  CHECK_STATUS(duixian_register_builder_add_enterprise(builder, CODE_A, "x", "330303", "C3443", "", "2002-02-30"),
               DUIXIAN_E_PARSE);
  CHECK_STATUS(duixian_register_builder_add_enterprise(NULL, CODE_A, "x", "330303", "C3443", "", "2002-02-10"),
               DUIXIAN_E_NULL);
  CHECK_STATUS(duixian_register_builder_add_enterprise(builder, NULL, "x", "330303", "C3443", "", "2002-02-10"),
               DUIXIAN_E_NULL);
  CHECK_STATUS(duixian_register_builder_add_enterprise(builder, CODE_A, NULL, "330303", "C3443", "", "2002-02-10"),
               DUIXIAN_E_NULL);
  CHECK_STATUS(duixian_register_builder_add_enterprise(builder, CODE_A, "x", NULL, "C3443", "", "2002-02-10"),
               DUIXIAN_E_NULL);
  CHECK_STATUS(duixian_register_builder_add_enterprise(builder, CODE_A, "x", "330303", NULL, "", "2002-02-10"),
               DUIXIAN_E_NULL);
  CHECK_STATUS(duixian_register_builder_add_enterprise(builder, CODE_A, "x", "330303", "C3443", "", NULL),
               DUIXIAN_E_NULL);

  CHECK_STATUS(duixian_register_builder_add_fact(builder, CODE_A, "park_entry_date", "", "2018-01-01",
                                                 DUIXIAN_FACT_ADD),
               DUIXIAN_OK);
  CHECK_STATUS(duixian_register_builder_add_fact(builder, CODE_A, "park_rent", "2019Q1", "10000.00", DUIXIAN_FACT_ADD),
               DUIXIAN_OK);
  CHECK_STATUS(duixian_register_builder_add_fact(builder, CODE_A, "park_rent", "2019Q2", "9000.00", DUIXIAN_FACT_ADD),
               DUIXIAN_OK);
  /* The same value again is a no-op; another value is refused unless revising. */
  CHECK_STATUS(duixian_register_builder_add_fact(builder, CODE_A, "park_rent", "2019Q1", "10000.00", DUIXIAN_FACT_ADD),
               DUIXIAN_OK);
  CHECK_STATUS(duixian_register_builder_add_fact(builder, CODE_A, "park_rent", "2019Q2", "10000.00", DUIXIAN_FACT_ADD),
               DUIXIAN_E_INVALID_ARGUMENT);
  CHECK_STATUS(duixian_register_builder_add_fact(builder, CODE_A, "park_rent", "2019Q2", "10000.00",
                                                 DUIXIAN_FACT_REVISE),
               DUIXIAN_OK);
  CHECK_STATUS(duixian_register_builder_add_fact(builder, CODE_A, "park_rent", "2019Q3", "1", 5),
               DUIXIAN_E_INVALID_ARGUMENT);
  CHECK_STATUS(duixian_register_builder_add_fact(builder, "91330303MA2L0000X1", "park_rent", "2019Q3", "1",
                                                 DUIXIAN_FACT_ADD),
               DUIXIAN_E_PARSE);
  CHECK_STATUS(duixian_register_builder_add_fact(builder, "91330305TG1Y0PLF7L", "park_rent", "2019Q3", "1",
                                                 DUIXIAN_FACT_ADD),
               DUIXIAN_E_NOT_FOUND);
  CHECK_STATUS(duixian_register_builder_add_fact(builder, CODE_A, "no_such_metric", "2019Q3", "1", DUIXIAN_FACT_ADD),
               DUIXIAN_E_NOT_FOUND);
  CHECK_STATUS(duixian_register_builder_add_fact(builder, CODE_A, "park_rent", "2019", "1", DUIXIAN_FACT_ADD),
               DUIXIAN_E_INVALID_ARGUMENT);
  CHECK_STATUS(duixian_register_builder_add_fact(builder, CODE_A, "park_rent", "2019Q5", "1", DUIXIAN_FACT_ADD),
               DUIXIAN_E_PARSE);
  CHECK_STATUS(duixian_register_builder_add_fact(builder, CODE_A, "park_rent", "2019Q3", "1.2.3", DUIXIAN_FACT_ADD),
               DUIXIAN_E_PARSE);
  CHECK_STATUS(duixian_register_builder_add_fact(NULL, CODE_A, "park_rent", "2019Q3", "1", DUIXIAN_FACT_ADD),
               DUIXIAN_E_NULL);
  CHECK_STATUS(duixian_register_builder_add_fact(builder, NULL, "park_rent", "2019Q3", "1", DUIXIAN_FACT_ADD),
               DUIXIAN_E_NULL);
  CHECK_STATUS(duixian_register_builder_add_fact(builder, CODE_A, NULL, "2019Q3", "1", DUIXIAN_FACT_ADD),
               DUIXIAN_E_NULL);
  CHECK_STATUS(duixian_register_builder_add_fact(builder, CODE_A, "park_rent", NULL, "1", DUIXIAN_FACT_ADD),
               DUIXIAN_E_NULL);
  CHECK_STATUS(duixian_register_builder_add_fact(builder, CODE_A, "park_rent", "2019Q3", NULL, DUIXIAN_FACT_ADD),
               DUIXIAN_E_NULL);

  other = NULL;
  CHECK_STATUS(duixian_register_builder_build(builder, NULL), DUIXIAN_E_NULL);
  CHECK_STATUS(duixian_register_builder_build(NULL, &other), DUIXIAN_E_NULL);
  CHECK_STATUS(duixian_register_builder_build(builder, &other), DUIXIAN_OK);
  CHECK_STATUS(duixian_register_sha256(other, &sha_built), DUIXIAN_OK);
  CHECK_STR(sha_built, sha_text);
  duixian_string_free(sha_built);
  duixian_register_free(other);
  /* A spent builder refuses everything but the free. */
  CHECK_STATUS(duixian_register_builder_build(builder, &other), DUIXIAN_E_MISUSE);
  CHECK(other == NULL);
  CHECK_STATUS(duixian_register_builder_add_enterprise(builder, CODE_A, "x", "330303", "C3443", "", "2002-02-10"),
               DUIXIAN_E_MISUSE);
  CHECK_STATUS(duixian_register_builder_add_fact(builder, CODE_A, "park_rent", "2019Q3", "1", DUIXIAN_FACT_ADD),
               DUIXIAN_E_MISUSE);
  duixian_register_builder_free(builder);
  CHECK_STATUS(duixian_register_builder_new(NULL, &builder), DUIXIAN_E_NULL);
  CHECK_STATUS(duixian_register_builder_new(book, NULL), DUIXIAN_E_NULL);
  /* An unspent builder frees too. */
  CHECK_STATUS(duixian_register_builder_new(book, &builder), DUIXIAN_OK);
  duixian_register_builder_free(builder);
  duixian_register_builder_free(NULL);
  duixian_register_free(NULL);
  duixian_string_free(sha_text);
  return reg;
}

static void test_lines(const duixian_settlement *run) {
  duixian_lines *lines = NULL;
  const char *text = NULL;
  size_t index = 99;
  size_t rows = 0;
  size_t count = 0;
  int status;
  int found_r6 = 0;

  CHECK_STATUS(duixian_lines_open(run, &lines), DUIXIAN_OK);
  /* Misuse: reading before the first next. */
  CHECK_STATUS(duixian_lines_get(lines, DUIXIAN_LINE_PAYOUT, &text), DUIXIAN_E_MISUSE);
  CHECK_STATUS(duixian_lines_index(lines, &index), DUIXIAN_E_MISUSE);
  while ((status = duixian_lines_next(lines)) == DUIXIAN_ROW) {
    const char *code = NULL;
    const char *policy = NULL;
    CHECK_STATUS(duixian_lines_index(lines, &index), DUIXIAN_OK);
    CHECK(index == rows);
    ++rows;
    CHECK_STATUS(duixian_lines_get(lines, DUIXIAN_LINE_CREDIT_CODE, &code), DUIXIAN_OK);
    CHECK_STATUS(duixian_lines_get(lines, DUIXIAN_LINE_POLICY, &policy), DUIXIAN_OK);
    if (strcmp(code, CODE_A) == 0 && strcmp(policy, "R6-micro-park-rent") == 0) {
      found_r6 = 1;
      CHECK_STATUS(duixian_lines_get(lines, DUIXIAN_LINE_QUARTER, &text), DUIXIAN_OK);
      CHECK_STR(text, "2019Q2");
      CHECK_STATUS(duixian_lines_get(lines, DUIXIAN_LINE_DUE, &text), DUIXIAN_OK);
      CHECK_STR(text, "3000.00");
      CHECK_STATUS(duixian_lines_get(lines, DUIXIAN_LINE_CUMULATIVE, &text), DUIXIAN_OK);
      CHECK_STR(text, "6000.00");
      CHECK_STATUS(duixian_lines_get(lines, DUIXIAN_LINE_PREVIOUSLY_PAID, &text), DUIXIAN_OK);
      CHECK_STR(text, "3000.00");
      CHECK_STATUS(duixian_lines_get(lines, DUIXIAN_LINE_PAYOUT, &text), DUIXIAN_OK);
      CHECK_STR(text, "3000.00");
      {
        const char *city = NULL;
        const char *county = NULL;
        char *sum = NULL;
        CHECK_STATUS(duixian_lines_get(lines, DUIXIAN_LINE_CITY, &city), DUIXIAN_OK);
        CHECK_STATUS(duixian_lines_get(lines, DUIXIAN_LINE_COUNTY, &county), DUIXIAN_OK);
        CHECK_STATUS(duixian_decimal_add(city, county, &sum), DUIXIAN_OK);
        CHECK_STR(sum, "3000.00");
        duixian_string_free(sum);
      }
      CHECK_STATUS(duixian_lines_get(lines, DUIXIAN_LINE_KIND, &text), DUIXIAN_OK);
      CHECK_STR(text, "reward");
      CHECK_STATUS(duixian_lines_get(lines, DUIXIAN_LINE_CATEGORY, &text), DUIXIAN_OK);
      CHECK(text != NULL);
      CHECK_STATUS(duixian_lines_get(lines, DUIXIAN_LINE_REGION, &text), DUIXIAN_OK);
      CHECK_STR(text, "330303");
      CHECK_STATUS(duixian_lines_get(lines, 12, &text), DUIXIAN_E_INVALID_ARGUMENT);
      CHECK_STATUS(duixian_lines_get(lines, -1, &text), DUIXIAN_E_INVALID_ARGUMENT);
      CHECK_STATUS(duixian_lines_get(lines, DUIXIAN_LINE_DUE, NULL), DUIXIAN_E_NULL);
      CHECK_STATUS(duixian_lines_get(NULL, DUIXIAN_LINE_DUE, &text), DUIXIAN_E_NULL);
      CHECK_STATUS(duixian_lines_index(lines, NULL), DUIXIAN_E_NULL);
      CHECK_STATUS(duixian_lines_index(NULL, &index), DUIXIAN_E_NULL);
    }
  }
  CHECK(status == DUIXIAN_DONE);
  CHECK(found_r6);
  CHECK_STATUS(duixian_settlement_line_count(run, &count), DUIXIAN_OK);
  CHECK(rows == count);
  /* After DONE: DONE again, and no row to read. */
  CHECK_STATUS(duixian_lines_next(lines), DUIXIAN_DONE);
  CHECK_STATUS(duixian_lines_get(lines, DUIXIAN_LINE_PAYOUT, &text), DUIXIAN_E_MISUSE);
  CHECK_STATUS(duixian_lines_index(lines, &index), DUIXIAN_E_MISUSE);
  CHECK_STATUS(duixian_lines_next(NULL), DUIXIAN_E_NULL);
  duixian_lines_free(lines);
  duixian_lines_free(NULL);
  CHECK_STATUS(duixian_lines_open(NULL, &lines), DUIXIAN_E_NULL);
  CHECK_STATUS(duixian_lines_open(run, NULL), DUIXIAN_E_NULL);
}

static void test_settle(const duixian_book *book, duixian_register *reg) {
  duixian_ledger *ledger = NULL;
  duixian_ledger *file_ledger = NULL;
  duixian_settlement *q1 = NULL;
  duixian_settlement *q2 = NULL;
  duixian_settlement *other = NULL;
  duixian_settle_options settle_options;
  duixian_commit_options commit_options;
  const char *quarter = NULL;
  char *text = NULL;
  size_t n = 0;
  size_t line = 0;
  int committed = -1;
  int figure;

  memset(&settle_options, 0, sizeof settle_options);
  settle_options.version = DUIXIAN_SETTLE_OPTIONS_VERSION;
  settle_options.threads = 2;

  CHECK_STATUS(duixian_ledger_new_memory(&ledger), DUIXIAN_OK);
  CHECK_STATUS(duixian_ledger_last_committed(ledger, &text), DUIXIAN_OK);
  CHECK(text == NULL);
  CHECK_STATUS(duixian_ledger_commit_count(ledger, &n), DUIXIAN_OK);
  CHECK(n == 0);

  /* 2019Q1 with an empty ledger, committed. The register may be freed: the run shares it. */
  CHECK_STATUS(duixian_settle(book, reg, "2019Q1", ledger, &settle_options, &q1), DUIXIAN_OK);
  CHECK_STATUS(duixian_settlement_quarter(q1, &quarter), DUIXIAN_OK);
  CHECK_STR(quarter, "2019Q1");
  CHECK_STATUS(duixian_settlement_figure(q1, DUIXIAN_FIGURE_REWARDS_QUARTER, &text), DUIXIAN_OK);
  CHECK_STR(text, "3000.00");
  duixian_string_free(text);
  CHECK_STATUS(duixian_settlement_commit(q1, ledger, NULL, &committed), DUIXIAN_OK);
  CHECK(committed == 1);
  CHECK_STATUS(duixian_settlement_commit(q1, ledger, NULL, NULL), DUIXIAN_OK); /* again: a no-op */
  CHECK_STATUS(duixian_settlement_commit(q1, ledger, NULL, &committed), DUIXIAN_OK);
  CHECK(committed == 0);
  CHECK_STATUS(duixian_ledger_last_committed(ledger, &text), DUIXIAN_OK);
  CHECK_STR(text, "2019Q1");
  duixian_string_free(text);
  CHECK_STATUS(duixian_ledger_verify(ledger), DUIXIAN_OK);

  /* 2019Q2: pays the difference. */
  CHECK_STATUS(duixian_settle(book, reg, "2019Q2", ledger, NULL, &q2), DUIXIAN_OK);
  test_lines(q2);
  CHECK_STATUS(duixian_settlement_line_count(q2, &n), DUIXIAN_OK);
  CHECK(n >= 1);
  CHECK_STATUS(duixian_settlement_figure(q2, DUIXIAN_FIGURE_REWARDS_QUARTER, &text), DUIXIAN_OK);
  CHECK_STR(text, "3000.00");
  duixian_string_free(text);
  CHECK_STATUS(duixian_settlement_figure(q2, DUIXIAN_FIGURE_REWARDS_YTD, &text), DUIXIAN_OK);
  CHECK_STR(text, "6000.00");
  duixian_string_free(text);
  CHECK_STATUS(duixian_settlement_figure(q2, DUIXIAN_FIGURE_BENEFICIARIES, &text), DUIXIAN_OK);
  CHECK_STR(text, "1");
  duixian_string_free(text);
  for (figure = DUIXIAN_FIGURE_REWARDS_QUARTER; figure <= DUIXIAN_FIGURE_BENEFICIARIES; ++figure) {
    CHECK_STATUS(duixian_settlement_figure(q2, figure, &text), DUIXIAN_OK);
    duixian_string_free(text);
  }
  text = NULL;
  CHECK_STATUS(duixian_settlement_figure(q2, 9, &text), DUIXIAN_E_INVALID_ARGUMENT);
  CHECK_STATUS(duixian_settlement_figure(q2, -1, &text), DUIXIAN_E_INVALID_ARGUMENT);
  CHECK(text == NULL);
  CHECK_STATUS(duixian_settlement_figure(NULL, 0, &text), DUIXIAN_E_NULL);
  CHECK_STATUS(duixian_settlement_figure(q2, 0, NULL), DUIXIAN_E_NULL);

  CHECK_STATUS(duixian_settlement_totals_json(q2, &text), DUIXIAN_OK);
  CHECK(strstr(text, "\"rewards_quarter\": \"3000.00\"") != NULL);
  CHECK(strstr(text, "\"beneficiaries\": 1") != NULL);
  CHECK(strstr(text, "\"by_region\": {") != NULL);
  CHECK(strstr(text, "\"R6-micro-park-rent\": {\n      \"rewards_quarter\": \"3000.00\"") != NULL);
  CHECK(strstr(text, "\"by_category\": {") != NULL);
  /* The CLI's totals.json document: the book, the funding levels, a line feed at the end. */
  CHECK(strstr(text, "\"book\": \"wenzhou-2019\"") != NULL);
  CHECK(strstr(text, "\"by_funding_level\": {\n    \"city\": {\n      \"paid_quarter\": ") != NULL);
  CHECK(text[strlen(text) - 1] == '\n');
  duixian_string_free(text);
  CHECK_STATUS(duixian_settlement_totals_json(NULL, &text), DUIXIAN_E_NULL);
  CHECK_STATUS(duixian_settlement_totals_json(q2, NULL), DUIXIAN_E_NULL);

  /* Explanations. */
  CHECK_STATUS(duixian_settlement_find_line(q2, CODE_A, "R6-micro-park-rent", &line), DUIXIAN_OK);
  CHECK_STATUS(duixian_settlement_explain(q2, line, DUIXIAN_EXPLAIN_TEXT, &text), DUIXIAN_OK);
  CHECK(strstr(text, "R6-micro-park-rent") != NULL);
  duixian_string_free(text);
  CHECK_STATUS(duixian_settlement_explain(q2, line, DUIXIAN_EXPLAIN_JSON, &text), DUIXIAN_OK);
  CHECK(text[0] == '{' && strstr(text, "payout") != NULL);
  duixian_string_free(text);
  text = NULL;
  CHECK_STATUS(duixian_settlement_explain(q2, line, 2, &text), DUIXIAN_E_INVALID_ARGUMENT);
  CHECK_STATUS(duixian_settlement_explain(q2, n, DUIXIAN_EXPLAIN_TEXT, &text), DUIXIAN_E_NOT_FOUND);
  CHECK_STATUS(duixian_settlement_explain(NULL, 0, DUIXIAN_EXPLAIN_TEXT, &text), DUIXIAN_E_NULL);
  CHECK_STATUS(duixian_settlement_explain(q2, 0, DUIXIAN_EXPLAIN_TEXT, NULL), DUIXIAN_E_NULL);
  CHECK(text == NULL);
  CHECK_STATUS(duixian_settlement_find_line(q2, CODE_B, "R6-micro-park-rent", &line), DUIXIAN_E_NOT_FOUND);
  CHECK_STATUS(duixian_settlement_find_line(q2, CODE_A, "no-such-policy", &line), DUIXIAN_E_NOT_FOUND);
  CHECK_STATUS(duixian_settlement_find_line(q2, "not a code", "R6-micro-park-rent", &line), DUIXIAN_E_PARSE);
  CHECK_STATUS(duixian_settlement_find_line(NULL, CODE_A, "R6-micro-park-rent", &line), DUIXIAN_E_NULL);
  CHECK_STATUS(duixian_settlement_find_line(q2, NULL, "R6-micro-park-rent", &line), DUIXIAN_E_NULL);
  CHECK_STATUS(duixian_settlement_find_line(q2, CODE_A, NULL, &line), DUIXIAN_E_NULL);
  CHECK_STATUS(duixian_settlement_find_line(q2, CODE_A, "R6-micro-park-rent", NULL), DUIXIAN_E_NULL);

  /* Settle errors. */
  other = q1; /* reset to NULL on failure */
  CHECK_STATUS(duixian_settle(book, reg, "2019Q5", NULL, NULL, &other), DUIXIAN_E_PARSE);
  CHECK(other == NULL);
  CHECK_STATUS(duixian_settle(book, reg, "2020Q1", NULL, NULL, &other), DUIXIAN_E_INVALID_ARGUMENT);
  settle_options.version = 2;
  CHECK_STATUS(duixian_settle(book, reg, "2019Q1", NULL, &settle_options, &other), DUIXIAN_E_VERSION);
  CHECK_STATUS(duixian_settle(NULL, reg, "2019Q1", NULL, NULL, &other), DUIXIAN_E_NULL);
  CHECK_STATUS(duixian_settle(book, NULL, "2019Q1", NULL, NULL, &other), DUIXIAN_E_NULL);
  CHECK_STATUS(duixian_settle(book, reg, NULL, NULL, NULL, &other), DUIXIAN_E_NULL);
  CHECK_STATUS(duixian_settle(book, reg, "2019Q1", NULL, NULL, NULL), DUIXIAN_E_NULL);
  CHECK_STATUS(duixian_settlement_quarter(NULL, &quarter), DUIXIAN_E_NULL);
  CHECK_STATUS(duixian_settlement_quarter(q2, NULL), DUIXIAN_E_NULL);
  CHECK_STATUS(duixian_settlement_line_count(NULL, &n), DUIXIAN_E_NULL);
  CHECK_STATUS(duixian_settlement_line_count(q2, NULL), DUIXIAN_E_NULL);

  /* Commit errors: out of order, options, NULLs. A preview without a ledger differs from Q2 committed. */
  CHECK_STATUS(duixian_settle(book, reg, "2019Q3", NULL, NULL, &other), DUIXIAN_OK);
  CHECK_STATUS(duixian_settlement_commit(other, ledger, NULL, &committed), DUIXIAN_E_LEDGER_CONFLICT);
  duixian_settlement_free(other);
  memset(&commit_options, 0, sizeof commit_options);
  commit_options.version = 5;
  CHECK_STATUS(duixian_settlement_commit(q2, ledger, &commit_options, &committed), DUIXIAN_E_VERSION);
  commit_options.version = 1; /* the layout with digest fields, removed in 0.2.0: refused, not misread */
  CHECK_STATUS(duixian_settlement_commit(q2, ledger, &commit_options, &committed), DUIXIAN_E_VERSION);
  CHECK(strstr(duixian_last_error(), "knows 2 to 2") != NULL);
  commit_options.version = DUIXIAN_COMMIT_OPTIONS_VERSION;
  CHECK_STATUS(duixian_settlement_commit(NULL, ledger, NULL, &committed), DUIXIAN_E_NULL);
  CHECK_STATUS(duixian_settlement_commit(q2, NULL, NULL, &committed), DUIXIAN_E_NULL);
  commit_options.committed_at = "yesterday";
  CHECK_STATUS(duixian_settlement_commit(q2, ledger, &commit_options, &committed), DUIXIAN_E_INVALID_ARGUMENT);
  commit_options.committed_at = "2019-07-05T08:00:00Z";
  CHECK_STATUS(duixian_settlement_commit(q2, ledger, &commit_options, &committed), DUIXIAN_OK);
  CHECK(committed == 1);
  CHECK_STATUS(duixian_ledger_commit_count(ledger, &n), DUIXIAN_OK);
  CHECK(n == 2);

  /* A SQLite ledger: create, commit, reopen read-only, refuse commits. */
  remove(DUIXIAN_TEST_TMP "/ledger.db");
  CHECK_STATUS(duixian_ledger_open_sqlite(DUIXIAN_TEST_TMP "/ledger.db", DUIXIAN_LEDGER_READ_WRITE, &file_ledger),
               DUIXIAN_E_IO); /* does not exist yet */
  CHECK(file_ledger == NULL);
  CHECK_STATUS(duixian_ledger_open_sqlite(DUIXIAN_TEST_TMP "/ledger.db", DUIXIAN_LEDGER_CREATE, &file_ledger),
               DUIXIAN_OK);
  CHECK_STATUS(duixian_settlement_commit(q1, file_ledger, NULL, &committed), DUIXIAN_OK);
  CHECK(committed == 1);
  CHECK_STATUS(duixian_ledger_verify(file_ledger), DUIXIAN_OK);
  duixian_ledger_free(file_ledger);
  CHECK_STATUS(duixian_ledger_open_sqlite(DUIXIAN_TEST_TMP "/ledger.db", DUIXIAN_LEDGER_READ_ONLY, &file_ledger),
               DUIXIAN_OK);
  CHECK_STATUS(duixian_ledger_last_committed(file_ledger, &text), DUIXIAN_OK);
  CHECK_STR(text, "2019Q1");
  duixian_string_free(text);
  CHECK_STATUS(duixian_settle(book, reg, "2019Q2", file_ledger, NULL, &other), DUIXIAN_OK);
  CHECK_STATUS(duixian_settlement_figure(other, DUIXIAN_FIGURE_REWARDS_QUARTER, &text), DUIXIAN_OK);
  CHECK_STR(text, "3000.00");
  duixian_string_free(text);
  CHECK_STATUS(duixian_settlement_commit(other, file_ledger, NULL, &committed), DUIXIAN_E_INVALID_ARGUMENT); /* read-only */
  duixian_settlement_free(other);
  duixian_ledger_free(file_ledger);
  file_ledger = NULL;
  /* Tampered with behind the ledger's back while open: verify refuses it (and opening it again too). */
  CHECK_STATUS(duixian_ledger_open_sqlite(DUIXIAN_TEST_TMP "/ledger.db", DUIXIAN_LEDGER_READ_ONLY, &file_ledger),
               DUIXIAN_OK);
  {
    sqlite3 *db = NULL;
    CHECK(sqlite3_open(DUIXIAN_TEST_TMP "/ledger.db", &db) == SQLITE_OK);
    CHECK(sqlite3_exec(db, "UPDATE entries SET amount = '9999.00'", NULL, NULL, NULL) == SQLITE_OK);
    sqlite3_close(db);
  }
  CHECK_STATUS(duixian_ledger_verify(file_ledger), DUIXIAN_E_IO);
  CHECK(strstr(duixian_last_error(), "corrupt") != NULL);
  duixian_ledger_free(file_ledger);
  file_ledger = NULL;
  CHECK_STATUS(duixian_ledger_open_sqlite(DUIXIAN_TEST_TMP "/ledger.db", DUIXIAN_LEDGER_READ_ONLY, &file_ledger),
               DUIXIAN_E_IO);
  CHECK(file_ledger == NULL);
  CHECK_STATUS(duixian_ledger_open_sqlite(DUIXIAN_TEST_TMP "/ledger.db", 3, &file_ledger), DUIXIAN_E_INVALID_ARGUMENT);
  CHECK_STATUS(duixian_ledger_open_sqlite(NULL, DUIXIAN_LEDGER_CREATE, &file_ledger), DUIXIAN_E_NULL);
  CHECK_STATUS(duixian_ledger_open_sqlite(DUIXIAN_TEST_TMP "/ledger.db", DUIXIAN_LEDGER_CREATE, NULL), DUIXIAN_E_NULL);
  write_file(DUIXIAN_TEST_TMP "/not-a-ledger.db", "this is not SQLite");
  CHECK_STATUS(duixian_ledger_open_sqlite(DUIXIAN_TEST_TMP "/not-a-ledger.db", DUIXIAN_LEDGER_READ_ONLY, &file_ledger),
               DUIXIAN_E_IO);
  CHECK(file_ledger == NULL);
  CHECK_STATUS(duixian_ledger_new_memory(NULL), DUIXIAN_E_NULL);
  CHECK_STATUS(duixian_ledger_last_committed(NULL, &text), DUIXIAN_E_NULL);
  CHECK_STATUS(duixian_ledger_last_committed(ledger, NULL), DUIXIAN_E_NULL);
  CHECK_STATUS(duixian_ledger_commit_count(NULL, &n), DUIXIAN_E_NULL);
  CHECK_STATUS(duixian_ledger_commit_count(ledger, NULL), DUIXIAN_E_NULL);
  CHECK_STATUS(duixian_ledger_verify(NULL), DUIXIAN_E_NULL);
  duixian_ledger_free(NULL);

  duixian_settlement_free(q1);
  duixian_settlement_free(q2);
  duixian_settlement_free(NULL);
  duixian_ledger_free(ledger);
}

/* A run shares its book and register: both may be freed before it. */
static void test_run_outlives_inputs(void) {
  duixian_book *book = NULL;
  duixian_register *reg = NULL;
  duixian_settlement *run = NULL;
  char *text = NULL;
  size_t line = 0;
  CHECK_STATUS(duixian_book_load_file(DUIXIAN_TEST_BOOK, &book), DUIXIAN_OK);
  CHECK_STATUS(duixian_register_load_text(book, enterprises_csv, strlen(enterprises_csv), facts_csv,
                                          strlen(facts_csv), NULL, &reg),
               DUIXIAN_OK);
  CHECK_STATUS(duixian_settle(book, reg, "2019Q1", NULL, NULL, &run), DUIXIAN_OK);
  duixian_register_free(reg);
  duixian_book_free(book);
  CHECK_STATUS(duixian_settlement_find_line(run, CODE_A, "R6-micro-park-rent", &line), DUIXIAN_OK);
  CHECK_STATUS(duixian_settlement_explain(run, line, DUIXIAN_EXPLAIN_TEXT, &text), DUIXIAN_OK);
  duixian_string_free(text);
  CHECK_STATUS(duixian_settlement_figure(run, DUIXIAN_FIGURE_REWARDS_QUARTER, &text), DUIXIAN_OK);
  CHECK_STR(text, "3000.00");
  duixian_string_free(text);
  duixian_settlement_free(run);
}

int main(void) {
  duixian_book *book;
  duixian_register *reg;
  test_version_and_status();
  test_decimal();
  book = test_book();
  reg = test_register(book);
  test_settle(book, reg);
  test_run_outlives_inputs();
  duixian_register_free(reg);
  duixian_book_free(book);
  printf("%d checks, %d failed\n", checks, failures);
  return failures == 0 ? 0 : 1;
}
