/* The C ABI from several threads at once (issue 7), as duixian.h's thread-safety notes
 * promise it: books, registers and runs are immutable and may be shared by any number of
 * threads; ledgers, builders and line iterators are used by one thread at a time; each
 * thread has its own last error. Every result is compared byte for byte with the same
 * settlement made by the main thread alone, with one worker.
 *
 * 1. A handle per thread: each thread loads its own book and register from text, settles
 *    its own quarter and a common one, and settles the year against its own ledger (in
 *    memory, or a SQLite file of its own), committing quarter by quarter.
 * 2. Shared read-only handles: the threads settle on one book and one register, and read
 *    one run (lines, figures, totals, explanations) at the same time.
 * 3. The last error is per thread: failures in one thread never show in another.
 *
 * Built as C99 with -pedantic -Werror, with POSIX threads. Paths come from the build:
 * DUIXIAN_TEST_BOOK (the Wenzhou 2019 book), DUIXIAN_TEST_DATA (a small generated dataset)
 * and DUIXIAN_TEST_TMP (a scratch folder). Small enough for ThreadSanitizer. */
#define _POSIX_C_SOURCE 200809L

#include <duixian/duixian.h>

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define THREADS 4

static pthread_mutex_t report_lock = PTHREAD_MUTEX_INITIALIZER;
static int failures = 0;
static int checks = 0;

static void record(int ok, const char *file, int line, const char *what) {
  pthread_mutex_lock(&report_lock);
  ++checks;
  if (!ok) {
    ++failures;
    fprintf(stderr, "%s:%d: CHECK(%s) failed; last error: %s\n", file, line, what, duixian_last_error());
  }
  pthread_mutex_unlock(&report_lock);
}

#define CHECK(cond) record((cond) ? 1 : 0, __FILE__, __LINE__, #cond)
#define CHECK_OK(call) record((call) == DUIXIAN_OK, __FILE__, __LINE__, #call)

/* ---- inputs ---------------------------------------------------------------------- */

static char *book_text, *enterprises_text, *facts_text;
static size_t book_size, enterprises_size, facts_size;

static char *read_all(const char *path, size_t *size) {
  FILE *f = fopen(path, "rb");
  char *buffer;
  long n;
  if (f == NULL) {
    fprintf(stderr, "cannot read %s\n", path);
    exit(2);
  }
  fseek(f, 0, SEEK_END);
  n = ftell(f);
  fseek(f, 0, SEEK_SET);
  buffer = (char *)malloc((size_t)n + 1);
  if (buffer == NULL || fread(buffer, 1, (size_t)n, f) != (size_t)n) {
    fprintf(stderr, "cannot read %s\n", path);
    exit(2);
  }
  fclose(f);
  buffer[n] = '\0';
  *size = (size_t)n;
  return buffer;
}

static duixian_book *load_book(void) {
  duixian_book *book = NULL;
  CHECK_OK(duixian_book_load_text(book_text, book_size, "policies.json", &book));
  return book;
}

static duixian_register *load_register(const duixian_book *book) {
  duixian_register *reg = NULL;
  CHECK_OK(duixian_register_load_text(book, enterprises_text, enterprises_size, facts_text, facts_size, NULL, &reg));
  return reg;
}

/* ---- a run as bytes -------------------------------------------------------------- */

typedef struct {
  char *data;
  size_t size, capacity;
} text_buffer;

static void add(text_buffer *b, const char *text) {
  size_t n = strlen(text);
  if (b->size + n + 1 > b->capacity) {
    size_t capacity = b->capacity == 0 ? 4096 : b->capacity;
    while (capacity < b->size + n + 1) capacity *= 2;
    b->data = (char *)realloc(b->data, capacity);
    if (b->data == NULL) exit(3);
    b->capacity = capacity;
  }
  memcpy(b->data + b->size, text, n + 1);
  b->size += n;
}

static void add_owned(text_buffer *b, char *text) {
  add(b, text != NULL ? text : "(null)");
  add(b, "\n");
  duixian_string_free(text);
}

/* Everything the run says: figures, totals, every field of every line and the
 * explanations (text and JSON) of every fifth line. Caller frees. */
static char *fingerprint(const duixian_settlement *run) {
  text_buffer b = {NULL, 0, 0};
  duixian_lines *lines = NULL;
  const char *quarter = NULL;
  size_t count = 0;
  int figure, status;
  char *text = NULL;
  char number[32];

  CHECK_OK(duixian_settlement_quarter(run, &quarter));
  add(&b, quarter != NULL ? quarter : "(null)");
  CHECK_OK(duixian_settlement_line_count(run, &count));
  sprintf(number, " %lu lines\n", (unsigned long)count);
  add(&b, number);
  for (figure = DUIXIAN_FIGURE_REWARDS_QUARTER; figure <= DUIXIAN_FIGURE_BENEFICIARIES; ++figure) {
    text = NULL;
    CHECK_OK(duixian_settlement_figure(run, figure, &text));
    add_owned(&b, text);
  }
  text = NULL;
  CHECK_OK(duixian_settlement_totals_json(run, &text));
  add_owned(&b, text);
  CHECK_OK(duixian_lines_open(run, &lines));
  while ((status = duixian_lines_next(lines)) == DUIXIAN_ROW) {
    int field;
    size_t index = 0;
    for (field = DUIXIAN_LINE_CREDIT_CODE; field <= DUIXIAN_LINE_REGION; ++field) {
      const char *value = NULL;
      CHECK_OK(duixian_lines_get(lines, field, &value));
      add(&b, value != NULL ? value : "(null)");
      add(&b, ",");
    }
    add(&b, "\n");
    CHECK_OK(duixian_lines_index(lines, &index));
    if (index % 5 == 0) {
      text = NULL;
      CHECK_OK(duixian_settlement_explain(run, index, DUIXIAN_EXPLAIN_TEXT, &text));
      add_owned(&b, text);
      text = NULL;
      CHECK_OK(duixian_settlement_explain(run, index, DUIXIAN_EXPLAIN_JSON, &text));
      add_owned(&b, text);
    }
  }
  CHECK(status == DUIXIAN_DONE);
  duixian_lines_free(lines);
  return b.data;
}

static duixian_settlement *settle(const duixian_book *book, const duixian_register *reg, unsigned quarter,
                           const duixian_ledger *ledger, unsigned threads) {
  duixian_settle_options options;
  duixian_settlement *run = NULL;
  char name[16];
  memset(&options, 0, sizeof options);
  options.version = DUIXIAN_SETTLE_OPTIONS_VERSION;
  options.threads = threads;
  sprintf(name, "2019Q%u", quarter);
  CHECK_OK(duixian_settle(book, reg, name, ledger, &options, &run));
  return run;
}

static char *settle_fingerprint(const duixian_book *book, const duixian_register *reg, unsigned quarter,
                                const duixian_ledger *ledger, unsigned threads) {
  duixian_settlement *run = settle(book, reg, quarter, ledger, threads);
  char *print = run != NULL ? fingerprint(run) : NULL;
  duixian_settlement_free(run);
  return print;
}

static int same(const char *a, const char *b) { return a != NULL && b != NULL && strcmp(a, b) == 0; }

static void commit(const duixian_settlement *run, duixian_ledger *ledger) {
  duixian_commit_options options;
  int committed = 0;
  memset(&options, 0, sizeof options);
  options.version = DUIXIAN_COMMIT_OPTIONS_VERSION;
  options.committed_at = "2019-10-08T09:30:00Z";
  CHECK_OK(duixian_settlement_commit(run, ledger, &options, &committed));
  CHECK(committed == 1);
}

/* ---- references: the main thread alone, one worker ------------------------------ */

static char *plain[4];   /* quarter q + 1 with nothing paid before */
static char *chained[4]; /* quarter q + 1 with quarters 1..q committed before */

static void make_references(const duixian_book *book, const duixian_register *reg) {
  duixian_ledger *ledger = NULL;
  unsigned q;
  CHECK_OK(duixian_ledger_new_memory(&ledger));
  for (q = 1; q <= 4; ++q) {
    duixian_settlement *run;
    plain[q - 1] = settle_fingerprint(book, reg, q, NULL, 1);
    run = settle(book, reg, q, ledger, 1);
    chained[q - 1] = fingerprint(run);
    if (q < 4) commit(run, ledger);
    duixian_settlement_free(run);
  }
  duixian_ledger_free(ledger);
  CHECK(!same(plain[3], chained[3])); /* the ledger changes Q4: the comparison means something */
}

/* ---- 1. a handle per thread ------------------------------------------------------ */

static void *own_handles(void *arg) {
  unsigned i = *(const unsigned *)arg;
  duixian_book *book = load_book();
  duixian_register *reg = book != NULL ? load_register(book) : NULL;
  duixian_ledger *ledger = NULL;
  char *print;
  char path[512];
  unsigned q;
  size_t runs = 0;

  if (reg == NULL) {
    duixian_book_free(book);
    return NULL;
  }
  print = settle_fingerprint(book, reg, i % 4 + 1, NULL, 2); /* its own quarter */
  CHECK(same(print, plain[i % 4]));
  free(print);
  print = settle_fingerprint(book, reg, 3, NULL, 2); /* the quarter every thread settles */
  CHECK(same(print, plain[2]));
  free(print);

  /* The year against a ledger of its own: in memory for even threads, a SQLite file for odd. */
  if (i % 2 == 0) {
    CHECK_OK(duixian_ledger_new_memory(&ledger));
  } else {
    sprintf(path, "%s/threads_%u.db", DUIXIAN_TEST_TMP, i);
    remove(path);
    CHECK_OK(duixian_ledger_open_sqlite(path, DUIXIAN_LEDGER_CREATE, &ledger));
  }
  if (ledger != NULL) {
    for (q = 1; q <= 4; ++q) {
      duixian_settlement *run = settle(book, reg, q, ledger, 2);
      print = run != NULL ? fingerprint(run) : NULL;
      CHECK(same(print, chained[q - 1]));
      free(print);
      if (q < 4 && run != NULL) commit(run, ledger);
      duixian_settlement_free(run);
    }
    CHECK_OK(duixian_ledger_verify(ledger));
    CHECK_OK(duixian_ledger_commit_count(ledger, &runs));
    CHECK(runs == 3);
    duixian_ledger_free(ledger);
    if (i % 2 == 1) {
      char side[560];
      remove(path);
      sprintf(side, "%s-wal", path);
      remove(side);
      sprintf(side, "%s-shm", path);
      remove(side);
    }
  }
  duixian_register_free(reg);
  duixian_book_free(book);
  return NULL;
}

/* ---- 2. shared read-only handles ------------------------------------------------- */

static const duixian_book *shared_book;
static const duixian_register *shared_reg;
static const duixian_settlement *shared_run; /* 2019Q3, nothing paid before */

static void *shared_handles(void *arg) {
  unsigned i = *(const unsigned *)arg;
  char *print = settle_fingerprint(shared_book, shared_reg, i % 4 + 1, NULL, 2);
  size_t line = 0;
  const char *id = NULL;
  CHECK(same(print, plain[i % 4]));
  free(print);
  /* The same run read by every thread at once, each with its own iterator. */
  print = fingerprint(shared_run);
  CHECK(same(print, plain[2]));
  free(print);
  CHECK_OK(duixian_book_id(shared_book, &id));
  CHECK(same(id, "wenzhou-2019"));
  CHECK(duixian_settlement_find_line(shared_run, "913303030HPJWHNH14", "no-such-policy", &line) != DUIXIAN_OK);
  return NULL;
}

/* ---- 3. the last error is per thread --------------------------------------------- */

#define ROUNDS 200
static pthread_barrier_t barrier;

static void *own_errors(void *arg) {
  unsigned i = *(const unsigned *)arg;
  char token[32], *out = NULL;
  int round, cmp = 0;
  sprintf(token, "bad%u", i);
  for (round = 0; round < ROUNDS; ++round) {
    const int fails = (round + (int)i) % 2 == 0; /* half the threads fail in each round */
    if (fails) {
      CHECK(duixian_decimal_compare("1", token, &cmp) == DUIXIAN_E_PARSE);
    } else {
      CHECK_OK(duixian_decimal_add("1", "2", &out));
      duixian_string_free(out);
      out = NULL;
    }
    pthread_barrier_wait(&barrier); /* the other threads have failed or succeeded by now */
    if (fails) {
      CHECK(strstr(duixian_last_error(), token) != NULL); /* its own message, no other's */
    } else {
      CHECK(strcmp(duixian_last_error(), "") == 0);
    }
    pthread_barrier_wait(&barrier);
  }
  return NULL;
}

static void run_threads(void *(*body)(void *)) {
  pthread_t threads[THREADS];
  unsigned ids[THREADS];
  unsigned i;
  for (i = 0; i < THREADS; ++i) {
    ids[i] = i;
    if (pthread_create(&threads[i], NULL, body, &ids[i]) != 0) {
      fprintf(stderr, "cannot start a thread\n");
      exit(2);
    }
  }
  for (i = 0; i < THREADS; ++i) pthread_join(threads[i], NULL);
}

int main(void) {
  duixian_book *book;
  duixian_register *reg;
  duixian_settlement *run;
  unsigned q;
  int cmp = 0;

  book_text = read_all(DUIXIAN_TEST_BOOK, &book_size);
  enterprises_text = read_all(DUIXIAN_TEST_DATA "/enterprises.csv", &enterprises_size);
  facts_text = read_all(DUIXIAN_TEST_DATA "/facts.csv", &facts_size);

  /* The error message names the bad text, which part 3 relies on. */
  CHECK(duixian_decimal_compare("1", "bad7", &cmp) == DUIXIAN_E_PARSE);
  CHECK(strstr(duixian_last_error(), "bad7") != NULL);

  book = load_book();
  reg = book != NULL ? load_register(book) : NULL;
  if (reg == NULL) {
    fprintf(stderr, "cannot load the inputs\n");
    return 1;
  }
  make_references(book, reg);

  run_threads(own_handles);

  run = settle(book, reg, 3, NULL, 1);
  shared_book = book;
  shared_reg = reg;
  shared_run = run;
  run_threads(shared_handles);
  duixian_settlement_free(run);

  pthread_barrier_init(&barrier, NULL, THREADS);
  run_threads(own_errors);
  pthread_barrier_destroy(&barrier);

  duixian_register_free(reg);
  duixian_book_free(book);
  for (q = 0; q < 4; ++q) {
    free(plain[q]);
    free(chained[q]);
  }
  free(book_text);
  free(enterprises_text);
  free(facts_text);
  printf("%d checks, %d failed\n", checks, failures);
  return failures == 0 ? 0 : 1;
}
