#pragma once
// The examples of the public headers' documentation, as functions the build compiles and
// tests/snippets runs (each header shows its example with Doxygen's @snippet). Paths are
// parameters so that the runner can point them at real files.
#include <string>

namespace snippets {

/// settlement.hpp: settle a quarter against a SQLite ledger and commit it; the total paid.
std::string settle_a_quarter(const std::string& book_path, const std::string& enterprises_path,
                             const std::string& facts_path, const std::string& ledger_path);
/// settlement.hpp: a progress callback that can cancel; true when it cancelled.
bool report_progress(const std::string& book_path, const std::string& enterprises_path, const std::string& facts_path);
/// sqlite_ledger.hpp: open a ledger, read what was paid, commit; the commit's sequence.
long long use_a_sqlite_ledger(const std::string& book_path, const std::string& enterprises_path,
                              const std::string& facts_path, const std::string& ledger_path);
/// report.hpp: write the three files of `duixian settle --out`; the totals table.
std::string write_reports(const std::string& book_path, const std::string& enterprises_path,
                          const std::string& facts_path, const std::string& out_dir);
/// register.hpp: build a register in code; the fact read back.
std::string build_a_register();
/// formula.hpp: compile and evaluate a formula; the amount.
std::string evaluate_a_formula();
/// policy.hpp: a policy as a plain value; its id.
std::string write_a_policy();
/// policy_book.hpp: the diagnostics of a book with errors, one a line.
std::string report_book_errors(const std::string& bad_book_path);
/// fen.hpp: the conversions; the texts they give, separated by spaces.
std::string convert_fen();

}  // namespace snippets
