/**
 * @file duixian.h
 * @brief Duixian's C ABI: settle policy subsidies from C, or from any language with a C FFI.
 *
 * One C99 header for `libduixian_c.so` (CMake target `duixian::c`). Conventions, which
 * hold for every function unless its comment says otherwise (see the C API guide,
 * `docs/c-api.md`, and the ABI policy, `docs/abi.md`):
 *
 * - **Status.** Functions return an `int`: #DUIXIAN_OK (0) on success, a negative
 *   ::duixian_status on failure, and for iteration the positive #DUIXIAN_ROW or
 *   #DUIXIAN_DONE. duixian_status_text() names any status.
 * - **Last error.** Every function that returns a status first clears the calling
 *   thread's last-error message, and sets it on failure; duixian_last_error() reads it.
 * - **Out parameters** are written only on success (a handle out parameter is set to
 *   NULL on failure). A NULL where a pointer is required gives #DUIXIAN_E_NULL.
 * - **Strings in** are NUL-terminated UTF-8 unless a size is given.
 * - **Strings out** come in two kinds: `char **` out parameters receive a new string
 *   that the caller owns and frees with duixian_string_free(); `const char **` out
 *   parameters receive a string borrowed from a handle, valid for the lifetime the
 *   function documents. Never free a borrowed string.
 * - **Amounts** cross the boundary as decimal strings (`"1409.50"`, `"-12.30"`): plain
 *   digits, an optional leading `-`, a `.` before the fraction, no grouping, no exponent.
 * - **Handles** are opaque; each has a `_free` function that accepts NULL.
 * - **Threads.** Books, registers and settlements are immutable once made: any number of
 *   threads may use one at the same time. A register builder, a ledger and a line
 *   iterator may be used by one thread at a time. No function blocks on another thread
 *   except through the SQLite file lock of a ledger.
 * - **Exceptions.** No C++ exception leaves the library; each becomes a status.
 */
#ifndef DUIXIAN_DUIXIAN_H
#define DUIXIAN_DUIXIAN_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/** @brief Declares a function exported by `libduixian_c`. */
#if defined(_WIN32)
#define DUIXIAN_API __declspec(dllimport)
#elif defined(__GNUC__)
#define DUIXIAN_API __attribute__((visibility("default")))
#else
#define DUIXIAN_API
#endif

/** @name Version
 * The header's version, for compile-time checks; duixian_version() gives the library's.
 * These three lines are the one place Duixian's version is written: the build reads them
 * (for the C++ header `duixian/version.hpp` and the shared libraries' versions).
 * @{ */
/** @brief Major version: a new major version may change the ABI (and the SONAME). */
#define DUIXIAN_VERSION_MAJOR 0
/** @brief Minor version: adds functions or enum values, never removes or changes one. */
#define DUIXIAN_VERSION_MINOR 2
/** @brief Patch version: fixes only. */
#define DUIXIAN_VERSION_PATCH 0
/** @brief The version as one number, MAJOR × 10000 + MINOR × 100 + PATCH (0.2.0 is 200). */
#define DUIXIAN_VERSION_NUMBER (DUIXIAN_VERSION_MAJOR * 10000 + DUIXIAN_VERSION_MINOR * 100 + DUIXIAN_VERSION_PATCH)
/** @} */

/**
 * @brief The library's version as text, e.g. `"0.2.0"`.
 *
 * Static storage: never free it. Thread-safe. Does not touch the last error.
 */
DUIXIAN_API const char *duixian_version(void);

/**
 * @brief The library's version as #DUIXIAN_VERSION_NUMBER computes it.
 *
 * Compare it with the header's #DUIXIAN_VERSION_NUMBER to detect a library older than the
 * header a program was compiled with. Thread-safe. Does not touch the last error.
 */
DUIXIAN_API int duixian_version_number(void);

/**
 * @brief Status codes. Errors are negative; -1 to -7 mirror the C++ `duixian::ErrorCode`.
 *
 * Existing values never change; new errors may be added in a minor version, so treat any
 * other negative value as a failure.
 */
enum duixian_status {
  DUIXIAN_OK = 0,                    /**< Success. */
  DUIXIAN_ROW = 100,                 /**< An iterator moved to a row: read it. */
  DUIXIAN_DONE = 101,                /**< An iterator has no more rows. */
  DUIXIAN_E_INVALID_ARGUMENT = -1,   /**< An argument outside the function's domain; also an invalid book. */
  DUIXIAN_E_PARSE = -2,              /**< Text that is not a value of the expected form; also rejected input rows. */
  DUIXIAN_E_OVERFLOW = -3,           /**< A result that needs more than 38 digits or a scale above 38. */
  DUIXIAN_E_DIVISION_BY_ZERO = -4,   /**< A divisor that is exactly zero. */
  DUIXIAN_E_NOT_REPRESENTABLE = -5,  /**< A value that cannot be written in the requested form. */
  DUIXIAN_E_IO = -6,                 /**< A file that cannot be opened, read or written. */
  DUIXIAN_E_LEDGER_CONFLICT = -7,    /**< A ledger commit refused (quarter out of order, different amounts). */
  DUIXIAN_E_NULL = -20,              /**< A required pointer argument was NULL. */
  DUIXIAN_E_MISUSE = -21,            /**< A call out of order (a row read before duixian_lines_next, a spent builder). */
  DUIXIAN_E_VERSION = -22,           /**< An options struct whose `version` this library does not know. */
  DUIXIAN_E_NOT_FOUND = -23,         /**< The thing looked up does not exist (a line, a policy). */
  DUIXIAN_E_NO_MEMORY = -24,         /**< Memory ran out. */
  DUIXIAN_E_INTERNAL = -99           /**< A bug in Duixian: please report it with duixian_last_error(). */
};

/**
 * @brief A short English description of a status, e.g. `"parse error"`.
 *
 * Static storage: never free it. Unknown values give `"unknown status"`. Thread-safe.
 * Does not touch the last error.
 */
DUIXIAN_API const char *duixian_status_text(int status);

/**
 * @brief The message of the calling thread's most recent failure, or `""`.
 *
 * Each thread has its own. Every function returning a status clears it on entry and
 * sets it when it fails, with the file, line and column of an input problem where there
 * is one. The string is borrowed: valid until the next call of a Duixian function on
 * this thread. Never NULL.
 */
DUIXIAN_API const char *duixian_last_error(void);

/**
 * @brief Frees a string the library returned through a `char **` out parameter.
 *
 * NULL is a no-op. Thread-safe. Freeing a borrowed (`const char *`) string, or freeing
 * twice, is undefined.
 */
DUIXIAN_API void duixian_string_free(char *text);

/* ------------------------------------------------------------------------------------ */
/** @name Policy book
 * @{ */

/** @brief A loaded, checked policy book. Immutable: thread-safe. Free with duixian_book_free(). */
typedef struct duixian_book duixian_book;

/**
 * @brief Loads a policy book from a JSON file.
 *
 * @param path the file (UTF-8 JSON, format `duixian.policy-book/1`).
 * @param[out] out the new book, owned by the caller; NULL on failure.
 * @return #DUIXIAN_OK; #DUIXIAN_E_NULL; #DUIXIAN_E_IO when the file cannot be read;
 *         #DUIXIAN_E_INVALID_ARGUMENT when the book has errors: JSON syntax, schema or
 *         formulas (duixian_last_error() lists every one with its line and column).
 *
 * The book remembers the SHA-256 of the file's bytes for ledger commits.
 */
DUIXIAN_API int duixian_book_load_file(const char *path, duixian_book **out);

/**
 * @brief Loads a policy book from JSON text in memory.
 *
 * @param text the JSON; need not be NUL-terminated; copied, so it may be freed after the call.
 * @param size its length in bytes.
 * @param name the name used in error messages, e.g. a path; NULL gives `"<text>"`.
 * @param[out] out the new book, owned by the caller; NULL on failure.
 * @return as duixian_book_load_file(), without #DUIXIAN_E_IO.
 */
DUIXIAN_API int duixian_book_load_text(const char *text, size_t size, const char *name, duixian_book **out);

/** @brief Frees a book. NULL is a no-op. Settlements made with it stay valid (they share it). */
DUIXIAN_API void duixian_book_free(duixian_book *book);

/**
 * @brief The book's id, e.g. `"wenzhou-2019"`.
 * @param book the book.
 * @param[out] out borrowed: valid while @p book lives.
 * @return #DUIXIAN_OK or #DUIXIAN_E_NULL.
 */
DUIXIAN_API int duixian_book_id(const duixian_book *book, const char **out);

/**
 * @brief The year the book settles.
 * @param book the book.
 * @param[out] out the year.
 * @return #DUIXIAN_OK or #DUIXIAN_E_NULL.
 */
DUIXIAN_API int duixian_book_year(const duixian_book *book, int *out);

/**
 * @brief The number of policies in the book.
 * @param book the book.
 * @param[out] out the count.
 * @return #DUIXIAN_OK or #DUIXIAN_E_NULL.
 */
DUIXIAN_API int duixian_book_policy_count(const duixian_book *book, size_t *out);

/**
 * @brief The SHA-256 of the bytes the book was loaded from, 64 lowercase hex digits.
 * @param book the book.
 * @param[out] out borrowed: valid while @p book lives.
 * @return #DUIXIAN_OK or #DUIXIAN_E_NULL.
 */
DUIXIAN_API int duixian_book_sha256(const duixian_book *book, const char **out);
/** @} */

/* ------------------------------------------------------------------------------------ */
/** @name Register
 * @{ */

/** @brief Enterprises and their facts. Immutable: thread-safe. Free with duixian_register_free(). */
typedef struct duixian_register duixian_register;

/** @brief Text encodings of CSV input. */
enum duixian_encoding {
  DUIXIAN_ENCODING_UTF8 = 0,    /**< UTF-8, with or without a byte order mark (the default). */
  DUIXIAN_ENCODING_GB18030 = 1  /**< GB 18030 (GBK and GB 2312 files too). */
};

/** @brief The current version of ::duixian_load_options. */
#define DUIXIAN_LOAD_OPTIONS_VERSION 1

/**
 * @brief Options for loading a register. Zero-initialise, then set `version`.
 *
 * A NULL options pointer means the defaults below.
 */
typedef struct duixian_load_options {
  int version;              /**< #DUIXIAN_LOAD_OPTIONS_VERSION. */
  int encoding;             /**< A ::duixian_encoding; default UTF-8. */
  int allow_rejected_rows;  /**< Non-zero: load the good rows even when some are rejected. Default 0: any
                                 rejected row fails the load with #DUIXIAN_E_PARSE. */
} duixian_load_options;

/**
 * @brief Loads a register from CSV files, with the book's metric schema.
 *
 * @param book the book whose metrics the facts use.
 * @param enterprises_path the enterprises file (`credit_code,name,region,industry,tags,registered_on`).
 * @param facts_path the facts file (`credit_code,metric,period,value`).
 * @param revision_path a facts revision file applied after it, or NULL.
 * @param options NULL for the defaults.
 * @param[out] out the new register, owned by the caller; NULL on failure.
 * @return #DUIXIAN_OK; #DUIXIAN_E_NULL; #DUIXIAN_E_VERSION; #DUIXIAN_E_IO;
 *         #DUIXIAN_E_PARSE when a row is rejected (unless allowed; the message lists the
 *         problems with file, line and column).
 */
DUIXIAN_API int duixian_register_load_files(const duixian_book *book, const char *enterprises_path,
                                            const char *facts_path, const char *revision_path,
                                            const duixian_load_options *options, duixian_register **out);

/**
 * @brief Loads a register from CSV text in memory (copied: free the text when you like).
 *
 * @param book the book whose metrics the facts use.
 * @param enterprises_csv the enterprises CSV; @p enterprises_size bytes.
 * @param enterprises_size its length.
 * @param facts_csv the facts CSV; @p facts_size bytes.
 * @param facts_size its length.
 * @param options NULL for the defaults.
 * @param[out] out the new register, owned by the caller; NULL on failure.
 * @return as duixian_register_load_files(), without #DUIXIAN_E_IO.
 */
DUIXIAN_API int duixian_register_load_text(const duixian_book *book, const char *enterprises_csv,
                                           size_t enterprises_size, const char *facts_csv, size_t facts_size,
                                           const duixian_load_options *options, duixian_register **out);

/** @brief Frees a register. NULL is a no-op. Settlements made from it stay valid (they share it). */
DUIXIAN_API void duixian_register_free(duixian_register *reg);

/**
 * @brief The number of enterprises.
 * @param reg the register.
 * @param[out] out the count.
 * @return #DUIXIAN_OK or #DUIXIAN_E_NULL.
 */
DUIXIAN_API int duixian_register_size(const duixian_register *reg, size_t *out);

/**
 * @brief The number of facts.
 * @param reg the register.
 * @param[out] out the count.
 * @return #DUIXIAN_OK or #DUIXIAN_E_NULL.
 */
DUIXIAN_API int duixian_register_fact_count(const duixian_register *reg, size_t *out);

/**
 * @brief The canonical SHA-256 of the register's content (the ledger's `data_sha256`).
 * @param reg the register.
 * @param[out] out a new string (64 lowercase hex digits); free with duixian_string_free().
 * @return #DUIXIAN_OK, #DUIXIAN_E_NULL or #DUIXIAN_E_NO_MEMORY.
 */
DUIXIAN_API int duixian_register_sha256(const duixian_register *reg, char **out);

/**
 * @brief Builds a register row by row. One thread at a time. Free with duixian_register_builder_free().
 *
 * After duixian_register_builder_build() the builder is spent: every call on it but
 * the free gives #DUIXIAN_E_MISUSE.
 */
typedef struct duixian_register_builder duixian_register_builder;

/**
 * @brief Starts an empty register with the book's metric schema.
 * @param book the book (the builder copies its schema; the book may be freed after).
 * @param[out] out the new builder, owned by the caller; NULL on failure.
 * @return #DUIXIAN_OK, #DUIXIAN_E_NULL or #DUIXIAN_E_NO_MEMORY.
 */
DUIXIAN_API int duixian_register_builder_new(const duixian_book *book, duixian_register_builder **out);

/** @brief Frees a builder, spent or not. NULL is a no-op. */
DUIXIAN_API void duixian_register_builder_free(duixian_register_builder *builder);

/**
 * @brief Adds an enterprise, its fields as in the enterprises CSV.
 *
 * @param builder the builder.
 * @param credit_code the 18-character unified social credit code (validated).
 * @param name the registered name.
 * @param region the county-level GB/T 2260 code, e.g. `"330302"`.
 * @param industry the GB/T 4754-2017 code, e.g. `"C1952"`.
 * @param tags flags separated by `;`, e.g. `"above_scale;high_tech"`; NULL or `""` for none.
 * @param registered_on the registration date, `YYYY-MM-DD`.
 * @return #DUIXIAN_OK; #DUIXIAN_E_NULL; #DUIXIAN_E_MISUSE when spent;
 *         #DUIXIAN_E_PARSE or #DUIXIAN_E_INVALID_ARGUMENT for a bad field or a credit code
 *         already added.
 */
DUIXIAN_API int duixian_register_builder_add_enterprise(duixian_register_builder *builder, const char *credit_code,
                                                        const char *name, const char *region, const char *industry,
                                                        const char *tags, const char *registered_on);

/** @brief How duixian_register_builder_add_fact() treats a fact already present. */
enum duixian_fact_mode {
  DUIXIAN_FACT_ADD = 0,    /**< The same value again is a no-op; another value is #DUIXIAN_E_INVALID_ARGUMENT. */
  DUIXIAN_FACT_REVISE = 1  /**< The new value replaces the old (a revision). */
};

/**
 * @brief Adds a fact of an enterprise added before.
 *
 * @param builder the builder.
 * @param credit_code the enterprise.
 * @param metric a metric of the book, e.g. `"main_revenue"`.
 * @param period as the metric's period kind needs: `"2019"`, `"2019Q2"`, `"2019-05"`, or `""` for a timeless metric.
 * @param value the value as text, e.g. `"6000000.00"`, `"2019-03-01"`, `"A"`.
 * @param mode a ::duixian_fact_mode.
 * @return #DUIXIAN_OK; #DUIXIAN_E_NULL; #DUIXIAN_E_MISUSE when spent; #DUIXIAN_E_NOT_FOUND
 *         for an unknown enterprise or metric; #DUIXIAN_E_PARSE or
 *         #DUIXIAN_E_INVALID_ARGUMENT for a bad period, value or mode.
 */
DUIXIAN_API int duixian_register_builder_add_fact(duixian_register_builder *builder, const char *credit_code,
                                                  const char *metric, const char *period, const char *value,
                                                  int mode);

/**
 * @brief Finishes the register; the builder is spent.
 * @param builder the builder.
 * @param[out] out the new register, owned by the caller; NULL on failure.
 * @return #DUIXIAN_OK, #DUIXIAN_E_NULL, #DUIXIAN_E_MISUSE when already spent.
 */
DUIXIAN_API int duixian_register_builder_build(duixian_register_builder *builder, duixian_register **out);
/** @} */

/* ------------------------------------------------------------------------------------ */
/** @name Ledger
 * @{ */

/** @brief What was paid, quarter by quarter. One thread at a time. Free with duixian_ledger_free(). */
typedef struct duixian_ledger duixian_ledger;

/** @brief How duixian_ledger_open_sqlite() opens its file. */
enum duixian_ledger_mode {
  DUIXIAN_LEDGER_READ_ONLY = 0,   /**< An existing ledger; commits are refused. */
  DUIXIAN_LEDGER_READ_WRITE = 1,  /**< An existing ledger, for reading and committing. */
  DUIXIAN_LEDGER_CREATE = 2       /**< As read-write, creating the file when it does not exist. */
};

/**
 * @brief A new, empty ledger in memory (gone when freed).
 * @param[out] out the new ledger, owned by the caller.
 * @return #DUIXIAN_OK, #DUIXIAN_E_NULL or #DUIXIAN_E_NO_MEMORY.
 */
DUIXIAN_API int duixian_ledger_new_memory(duixian_ledger **out);

/**
 * @brief Opens a SQLite ledger file.
 * @param path the file.
 * @param mode a ::duixian_ledger_mode.
 * @param[out] out the new ledger, owned by the caller; NULL on failure.
 * @return #DUIXIAN_OK; #DUIXIAN_E_NULL; #DUIXIAN_E_INVALID_ARGUMENT for a bad mode;
 *         #DUIXIAN_E_IO when the file cannot be opened, is not a Duixian ledger, or fails the
 *         check of its hash chain that opening does.
 */
DUIXIAN_API int duixian_ledger_open_sqlite(const char *path, int mode, duixian_ledger **out);

/** @brief Closes and frees a ledger. NULL is a no-op. Commits are already durable. */
DUIXIAN_API void duixian_ledger_free(duixian_ledger *ledger);

/**
 * @brief The last quarter committed, e.g. `"2019Q3"`.
 * @param ledger the ledger.
 * @param[out] out a new string (free with duixian_string_free()), or NULL when nothing is committed.
 * @return #DUIXIAN_OK, #DUIXIAN_E_NULL or #DUIXIAN_E_IO.
 */
DUIXIAN_API int duixian_ledger_last_committed(const duixian_ledger *ledger, char **out);

/**
 * @brief The number of quarters committed (commits in the chain).
 * @param ledger the ledger.
 * @param[out] out the count.
 * @return #DUIXIAN_OK, #DUIXIAN_E_NULL or #DUIXIAN_E_IO.
 */
DUIXIAN_API int duixian_ledger_commit_count(const duixian_ledger *ledger, size_t *out);

/**
 * @brief Checks the ledger's hash chain and every commit's entries.
 * @param ledger the ledger.
 * @return #DUIXIAN_OK; #DUIXIAN_E_NULL; #DUIXIAN_E_IO when it was tampered with  (a commit's
 *         entries or the chain do not match their digests) or cannot be read.
 */
DUIXIAN_API int duixian_ledger_verify(const duixian_ledger *ledger);
/** @} */

/* ------------------------------------------------------------------------------------ */
/** @name Settlement
 * @{ */

/**
 * @brief A quarter settled. Immutable: thread-safe. Free with duixian_settlement_free().
 *
 * A settlement shares its book and register: they may be freed before it.
 */
typedef struct duixian_settlement duixian_settlement;

/** @brief The current version of ::duixian_settle_options. */
#define DUIXIAN_SETTLE_OPTIONS_VERSION 1

/** @brief Options for duixian_settle(). Zero-initialise, then set `version`. NULL means the defaults. */
typedef struct duixian_settle_options {
  int version;      /**< #DUIXIAN_SETTLE_OPTIONS_VERSION. */
  unsigned threads; /**< Worker threads; 0 (the default) lets the library choose. */
} duixian_settle_options;

/**
 * @brief Settles a quarter: every (enterprise, policy) line due, cumulative, previously paid and payout.
 *
 * @param book the policy book.
 * @param reg the register.
 * @param quarter the quarter, e.g. `"2019Q3"`, in the book's year.
 * @param ledger what was paid before, or NULL for nothing (a first quarter, a preview).
 *        Read during the call only.
 * @param options NULL for the defaults.
 * @param[out] out the new settlement, owned by the caller; NULL on failure.
 * @return #DUIXIAN_OK; #DUIXIAN_E_NULL; #DUIXIAN_E_VERSION; #DUIXIAN_E_PARSE for a bad
 *         quarter; #DUIXIAN_E_INVALID_ARGUMENT for a quarter outside the book's year;
 *         #DUIXIAN_E_IO when the ledger cannot be read.
 *
 * Thread-safe with respect to the book and register; the ledger must not be used by
 * another thread during the call.
 */
DUIXIAN_API int duixian_settle(const duixian_book *book, const duixian_register *reg, const char *quarter,
                               const duixian_ledger *ledger, const duixian_settle_options *options,
                               duixian_settlement **out);

/**
 * @brief Frees a settlement. NULL is a no-op.
 *
 * Its line iterators must be freed first (using them after is undefined).
 */
DUIXIAN_API void duixian_settlement_free(duixian_settlement *settlement);

/**
 * @brief The quarter settled, e.g. `"2019Q3"`.
 * @param settlement the settlement.
 * @param[out] out borrowed: valid while @p settlement lives.
 * @return #DUIXIAN_OK or #DUIXIAN_E_NULL.
 */
DUIXIAN_API int duixian_settlement_quarter(const duixian_settlement *settlement, const char **out);

/**
 * @brief The number of lines.
 * @param settlement the settlement.
 * @param[out] out the count.
 * @return #DUIXIAN_OK or #DUIXIAN_E_NULL.
 */
DUIXIAN_API int duixian_settlement_line_count(const duixian_settlement *settlement, size_t *out);

/** @brief The overall figures of a settlement, for duixian_settlement_figure(). */
enum duixian_figure {
  DUIXIAN_FIGURE_REWARDS_QUARTER = 0,        /**< Reward payouts this quarter (excluded categories left out). */
  DUIXIAN_FIGURE_REWARDS_YTD = 1,            /**< Reward cumulative amounts, year to date. */
  DUIXIAN_FIGURE_BURDEN_QUARTER = 2,         /**< Burden reductions this quarter. */
  DUIXIAN_FIGURE_BURDEN_YTD = 3,             /**< Burden reductions, year to date. */
  DUIXIAN_FIGURE_EXPORT_REBATE_QUARTER = 4,  /**< Lines of categories excluded from totals (export rebates), this quarter. */
  DUIXIAN_FIGURE_EXPORT_REBATE_YTD = 5,      /**< The same, year to date. */
  DUIXIAN_FIGURE_CITY_QUARTER = 6,           /**< The city's part of this quarter's reward payouts. */
  DUIXIAN_FIGURE_COUNTY_QUARTER = 7,         /**< The county's part of them. */
  DUIXIAN_FIGURE_BENEFICIARIES = 8           /**< Enterprises with positive year-to-date rewards (an integer). */
};

/**
 * @brief One overall figure of the settlement.
 * @param settlement the settlement.
 * @param figure a ::duixian_figure.
 * @param[out] out a new string: an amount with two decimals (`"1234.50"`), or for
 *        #DUIXIAN_FIGURE_BENEFICIARIES an integer (`"812"`). Free with duixian_string_free().
 * @return #DUIXIAN_OK, #DUIXIAN_E_NULL, #DUIXIAN_E_INVALID_ARGUMENT for an unknown figure.
 */
DUIXIAN_API int duixian_settlement_figure(const duixian_settlement *settlement, int figure, char **out);

/**
 * @brief Every total as JSON: the same document as `duixian settle`'s totals.json.
 *
 * `{"quarter": "2019Q3", "book": "wenzhou-2019", "rewards_quarter": "…", "rewards_ytd": "…",
 * "burden_quarter": "…", "burden_ytd": "…", "export_rebate_quarter": "…", "export_rebate_ytd": "…",
 * "beneficiaries": 812, "by_region": {"330302": {…the same seven figures…}, …}, "by_policy": {…},
 * "by_category": {…}, "by_funding_level": {"city": {"paid_quarter": "…"}, "county": {…}}}` —
 * amounts as strings, `beneficiaries` a number; two spaces a level, a line feed at the end
 * (docs/cli.md describes the keys).
 *
 * @param settlement the settlement.
 * @param[out] out a new string; free with duixian_string_free().
 * @return #DUIXIAN_OK, #DUIXIAN_E_NULL or #DUIXIAN_E_NO_MEMORY.
 */
DUIXIAN_API int duixian_settlement_totals_json(const duixian_settlement *settlement, char **out);

/**
 * @brief Finds the line of an enterprise and a policy.
 * @param settlement the settlement.
 * @param credit_code the enterprise.
 * @param policy_id the policy.
 * @param[out] out the line's index, for duixian_settlement_explain().
 * @return #DUIXIAN_OK; #DUIXIAN_E_NULL; #DUIXIAN_E_PARSE for a malformed credit code;
 *         #DUIXIAN_E_NOT_FOUND when the settlement has no such line.
 */
DUIXIAN_API int duixian_settlement_find_line(const duixian_settlement *settlement, const char *credit_code,
                                             const char *policy_id, size_t *out);

/** @brief Formats of duixian_settlement_explain(). */
enum duixian_explain_format {
  DUIXIAN_EXPLAIN_TEXT = 0,  /**< Plain text for a person, one step a line. */
  DUIXIAN_EXPLAIN_JSON = 1   /**< A JSON object with every step and amount. */
};

/**
 * @brief How a line's amounts were computed: eligibility, formula, rounding, caps, schedule, payout.
 * @param settlement the settlement.
 * @param line the line's index (0 to count − 1, see duixian_lines_index()).
 * @param format a ::duixian_explain_format.
 * @param[out] out a new string; free with duixian_string_free().
 * @return #DUIXIAN_OK; #DUIXIAN_E_NULL; #DUIXIAN_E_NOT_FOUND for an index out of range;
 *         #DUIXIAN_E_INVALID_ARGUMENT for an unknown format.
 */
DUIXIAN_API int duixian_settlement_explain(const duixian_settlement *settlement, size_t line, int format, char **out);

/** @brief The current version of ::duixian_commit_options (2 since 0.2.0; version 1 is refused). */
#define DUIXIAN_COMMIT_OPTIONS_VERSION 2

/**
 * @brief Options for duixian_settlement_commit(). Zero-initialise, then set `version`. NULL means the defaults.
 *
 * A commit records the book's digest (duixian_book_sha256()) and the register's
 * (duixian_register_sha256()) itself: they cannot be given.
 */
typedef struct duixian_commit_options {
  int version;                /**< #DUIXIAN_COMMIT_OPTIONS_VERSION. */
  const char *committed_at;   /**< NULL: now; else `YYYY-MM-DDTHH:MM:SSZ`. */
} duixian_commit_options;

/**
 * @brief Records the settlement's payouts in a ledger as the quarter's commit, so that later
 *        quarters pay only the difference.
 *
 * Quarters are committed in order; committing the same settlement again is a no-op.
 *
 * @param settlement the settlement.
 * @param ledger the ledger (in memory or SQLite, opened for writing).
 * @param options NULL for the defaults.
 * @param[out] committed optional (may be NULL): 1 when the commit was appended, 0 when an
 *        identical commit of the quarter was there already.
 * @return #DUIXIAN_OK; #DUIXIAN_E_NULL; #DUIXIAN_E_VERSION; #DUIXIAN_E_INVALID_ARGUMENT for a
 *         bad digest or time, or a ledger opened read-only; #DUIXIAN_E_LEDGER_CONFLICT when
 *         the quarter is out of order or was committed with other amounts; #DUIXIAN_E_IO for a
 *         failing file.
 */
DUIXIAN_API int duixian_settlement_commit(const duixian_settlement *settlement, duixian_ledger *ledger,
                                          const duixian_commit_options *options, int *committed);

/** @brief Iterates a settlement's lines, sorted by credit code, then book order. One thread at a time. */
typedef struct duixian_lines duixian_lines;

/**
 * @brief Starts iterating a settlement's lines, before the first: call duixian_lines_next().
 * @param settlement the settlement; it must outlive the iterator.
 * @param[out] out the new iterator, owned by the caller.
 * @return #DUIXIAN_OK, #DUIXIAN_E_NULL or #DUIXIAN_E_NO_MEMORY.
 */
DUIXIAN_API int duixian_lines_open(const duixian_settlement *settlement, duixian_lines **out);

/**
 * @brief Moves to the next line.
 * @param lines the iterator.
 * @return #DUIXIAN_ROW when there is one; #DUIXIAN_DONE after the last (and again on every
 *         later call); #DUIXIAN_E_NULL. Undefined when the settlement was freed.
 */
DUIXIAN_API int duixian_lines_next(duixian_lines *lines);

/** @brief The fields of a line, for duixian_lines_get(). */
enum duixian_line_field {
  DUIXIAN_LINE_CREDIT_CODE = 0,      /**< The enterprise's credit code. */
  DUIXIAN_LINE_POLICY = 1,           /**< The policy's id. */
  DUIXIAN_LINE_QUARTER = 2,          /**< The quarter settled, e.g. `2019Q3`. */
  DUIXIAN_LINE_DUE = 3,              /**< Due in the quarter, after caps (amount). */
  DUIXIAN_LINE_CUMULATIVE = 4,       /**< Due over the year's quarters up to this one (amount). */
  DUIXIAN_LINE_PREVIOUSLY_PAID = 5,  /**< Paid by the commits of earlier quarters (amount). */
  DUIXIAN_LINE_PAYOUT = 6,           /**< cumulative − previously paid; negative: a recovery (amount). */
  DUIXIAN_LINE_CITY = 7,             /**< The city's part of the payout (amount). */
  DUIXIAN_LINE_COUNTY = 8,           /**< The county's part of the payout (amount). */
  DUIXIAN_LINE_KIND = 9,             /**< `reward` or `burden_reduction`. */
  DUIXIAN_LINE_CATEGORY = 10,        /**< The policy's category, `""` for none. */
  DUIXIAN_LINE_REGION = 11           /**< The enterprise's GB/T 2260 code, `""` when it left the register. */
};

/**
 * @brief A field of the current line, as text (amounts with exactly two decimals).
 * @param lines the iterator, on a row.
 * @param field a ::duixian_line_field.
 * @param[out] out borrowed: valid until the next duixian_lines_next() or duixian_lines_free() on @p lines.
 * @return #DUIXIAN_OK; #DUIXIAN_E_NULL; #DUIXIAN_E_MISUSE when not on a row (before the
 *         first next, after #DUIXIAN_DONE); #DUIXIAN_E_INVALID_ARGUMENT for an unknown field.
 */
DUIXIAN_API int duixian_lines_get(duixian_lines *lines, int field, const char **out);

/**
 * @brief The current line's index in the settlement, for duixian_settlement_explain().
 * @param lines the iterator, on a row.
 * @param[out] out the index.
 * @return #DUIXIAN_OK; #DUIXIAN_E_NULL; #DUIXIAN_E_MISUSE when not on a row.
 */
DUIXIAN_API int duixian_lines_index(const duixian_lines *lines, size_t *out);

/** @brief Frees an iterator. NULL is a no-op. */
DUIXIAN_API void duixian_lines_free(duixian_lines *lines);
/** @} */

/* ------------------------------------------------------------------------------------ */
/** @name Decimal utilities
 * Exact decimal arithmetic as the engine does it: up to 38 digits and scale 38, no
 * binary floating point. Results are new strings; free them with duixian_string_free().
 * All are thread-safe.
 * @{ */

/** @brief Rounding modes, named as in policy books (`"half_up"`, …): the numbers of C++ `duixian::RoundingMode`. */
enum duixian_rounding {
  DUIXIAN_ROUND_HALF_UP = 0,    /**< Nearest; ties away from zero (四舍五入): the default for money. */
  DUIXIAN_ROUND_HALF_EVEN = 1,  /**< Nearest; ties to the even neighbour. */
  DUIXIAN_ROUND_HALF_DOWN = 2,  /**< Nearest; ties toward zero. */
  DUIXIAN_ROUND_UP = 3,         /**< Away from zero. */
  DUIXIAN_ROUND_DOWN = 4,       /**< Toward zero (truncation). */
  DUIXIAN_ROUND_CEILING = 5,    /**< Toward positive infinity. */
  DUIXIAN_ROUND_FLOOR = 6       /**< Toward negative infinity. */
};

/**
 * @brief Reads a rounding mode by its name (`"half_up"`, `"half_even"`, `"half_down"`, `"up"`,
 *        `"down"`, `"ceiling"`, `"floor"`).
 * @param name the name.
 * @param[out] out a ::duixian_rounding.
 * @return #DUIXIAN_OK, #DUIXIAN_E_NULL, #DUIXIAN_E_PARSE for any other name.
 */
DUIXIAN_API int duixian_rounding_parse(const char *name, int *out);

/**
 * @brief Rounds a decimal to @p places decimals (0 to 38): `("1409.499", 2, HALF_UP)` gives `"1409.50"`.
 * @param value the decimal.
 * @param places the decimals to keep; the result has exactly that many.
 * @param mode a ::duixian_rounding.
 * @param[out] out a new string.
 * @return #DUIXIAN_OK; #DUIXIAN_E_NULL; #DUIXIAN_E_PARSE; #DUIXIAN_E_INVALID_ARGUMENT for bad
 *         places or mode; #DUIXIAN_E_OVERFLOW.
 */
DUIXIAN_API int duixian_decimal_round(const char *value, int places, int mode, char **out);

/**
 * @brief Exact sum: `("0.1", "0.20")` gives `"0.30"` (the larger scale).
 * @param a a decimal.
 * @param b a decimal.
 * @param[out] out a new string.
 * @return #DUIXIAN_OK, #DUIXIAN_E_NULL, #DUIXIAN_E_PARSE, #DUIXIAN_E_OVERFLOW.
 */
DUIXIAN_API int duixian_decimal_add(const char *a, const char *b, char **out);

/**
 * @brief Exact difference a − b.
 * @param a a decimal.
 * @param b a decimal.
 * @param[out] out a new string.
 * @return #DUIXIAN_OK, #DUIXIAN_E_NULL, #DUIXIAN_E_PARSE, #DUIXIAN_E_OVERFLOW.
 */
DUIXIAN_API int duixian_decimal_sub(const char *a, const char *b, char **out);

/**
 * @brief Exact product (the scales add): `("4698.33", "0.30")` gives `"1409.4990"`.
 * @param a a decimal.
 * @param b a decimal.
 * @param[out] out a new string.
 * @return #DUIXIAN_OK, #DUIXIAN_E_NULL, #DUIXIAN_E_PARSE, #DUIXIAN_E_OVERFLOW.
 */
DUIXIAN_API int duixian_decimal_mul(const char *a, const char *b, char **out);

/**
 * @brief Compares two decimals by value (`"1.0"` equals `"1.00"`).
 * @param a a decimal.
 * @param b a decimal.
 * @param[out] out −1, 0 or 1 as a is less than, equal to or greater than b.
 * @return #DUIXIAN_OK, #DUIXIAN_E_NULL, #DUIXIAN_E_PARSE.
 */
DUIXIAN_API int duixian_decimal_compare(const char *a, const char *b, int *out);

/** @brief Display units of duixian_money_format(). */
enum duixian_money_unit {
  DUIXIAN_UNIT_YUAN = 0,      /**< 元: `1,409.50元`. */
  DUIXIAN_UNIT_WAN_YUAN = 1,  /**< 万元: `14.60万元` for 146,000 yuan. */
  DUIXIAN_UNIT_YI_YUAN = 2,   /**< 亿元: `14.60亿元` for 1.46 billion yuan. */
  DUIXIAN_UNIT_NATURAL = 3    /**< The unit a person would read the amount in. */
};

/**
 * @brief Formats an amount in yuan for people: grouped digits and a unit, e.g. `"1,409.50元"`.
 * @param amount the amount in yuan.
 * @param unit a ::duixian_money_unit.
 * @param places decimals shown (0 to 38; 2 for fen).
 * @param mode a ::duixian_rounding for dropped digits.
 * @param[out] out a new string (UTF-8).
 * @return #DUIXIAN_OK, #DUIXIAN_E_NULL, #DUIXIAN_E_PARSE, #DUIXIAN_E_INVALID_ARGUMENT, #DUIXIAN_E_OVERFLOW.
 */
DUIXIAN_API int duixian_money_format(const char *amount, int unit, int places, int mode, char **out);

/**
 * @brief The capital (大写) form of an amount for payment notices: `"1409.50"` gives `"人民币壹仟肆佰零玖元伍角"`.
 * @param amount a non-negative amount in whole fen.
 * @param[out] out a new string (UTF-8).
 * @return #DUIXIAN_OK; #DUIXIAN_E_NULL; #DUIXIAN_E_PARSE; #DUIXIAN_E_NOT_REPRESENTABLE for a
 *         negative amount or one with fractions of a fen.
 */
DUIXIAN_API int duixian_money_capital(const char *amount, char **out);

/**
 * @brief SHA-256 of bytes, as 64 lowercase hex digits (to check a file against a digest a ledger recorded).
 * @param data the bytes; may be NULL when @p size is 0.
 * @param size their length.
 * @param[out] out a new string.
 * @return #DUIXIAN_OK or #DUIXIAN_E_NULL.
 */
DUIXIAN_API int duixian_sha256_hex(const void *data, size_t size, char **out);
/** @} */

#ifdef __cplusplus
}  /* extern "C" */
#endif

#endif /* DUIXIAN_DUIXIAN_H */
