#pragma once
// What every subcommand of `duixian` reads: the book, the register, the quarter and the
// ledger, with the exit statuses of docs/cli.md.

#include <cstddef>
#include <memory>
#include <optional>
#include <string>

#include "duixian/duixian.hpp"
#include "duixian/settlement.hpp"

namespace duixian_cli {

/// Exit statuses (docs/cli.md).
enum Exit : int {
  exit_ok = 0,        ///< Done.
  exit_problems = 1,  ///< The input has problems (or names something that is not there); nothing done.
  exit_usage = 2,     ///< The command line is wrong.
  exit_refused = 3,   ///< The ledger refused the commit (ledger_conflict).
  exit_failure = 4,   ///< A file could not be read or written, or another error.
};

/// A failure with the exit status it gives; its message is printed as `duixian: message`.
struct Failure {
  int status;
  std::string message;
};

/// Stage messages on stderr, only when stderr is a terminal.
class Progress {
 public:
  Progress();
  ~Progress();
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;
  /// Shows `message` in place of the previous one.
  void show(const std::string& message);
  /// Clears the line.
  void clear();

 private:
  bool on_;
  bool shown_ = false;
};

/// The options shared by settle, explain and notice.
struct SettleInputs {
  std::string book;
  std::string enterprises;
  std::string facts;
  std::string revision;
  std::string quarter;
  std::string ledger;
  std::string encoding = "utf-8";
  unsigned threads = 0;
  std::size_t max_diagnostics = 10;  ///< --max-diagnostics: listed per file and code (0: all)
  std::string diagnostics_csv;       ///< --diagnostics-csv: every diagnostic of the data files
  std::string columns;               ///< --columns: a JSON column map
  bool refuse_empty = false;         ///< settle without --allow-empty: a header-only file is an error
};

/// Everything loaded and settled.
struct Loaded {
  std::optional<duixian::PolicyBook> book;
  duixian::Register reg;
  std::unique_ptr<duixian::Ledger> ledger;
  duixian::Settlement settlement;
};

/// Reads the book, printing every diagnostic to stderr; throws Failure when it has errors.
duixian::PolicyBook load_book(const std::string& path, Progress& progress);

/// The encoding named by `--encoding`; throws Failure (usage) for an unknown name.
duixian::TextEncoding encoding_option(const std::string& name);

/// A load as the CLI reads it: the register and diagnostics, and how many were not listed.
struct CliLoad : duixian::LoadedRegister {
  std::size_t unlisted = 0;  ///< diagnostics counted in the summaries, not listed
};

/// Reads the data files as the options say: diagnostics limited per code, streamed to
/// --diagnostics-csv, titles mapped by --columns. Prints nothing; throws Failure when a file
/// cannot be read or written.
CliLoad load_data(const duixian::PolicyBook& book, const SettleInputs& in, Progress& progress);

/// Prints a load's diagnostics to stderr, then, when some were not listed, how to see them all.
void print_data_diagnostics(const CliLoad& data, const SettleInputs& in, Progress& progress);

/// Loads everything and settles the quarter; `writable_ledger` opens (or creates) the
/// ledger for a commit. Throws Failure on any problem.
std::unique_ptr<Loaded> load_and_settle(const SettleInputs& in, bool writable_ledger, Progress& progress);

/// The enterprise named by `--enterprise`; throws Failure for a malformed code.
duixian::CreditCode enterprise_option(const std::string& text);

}  // namespace duixian_cli
