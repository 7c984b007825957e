// duixian: the command-line program over Duixian (docs/cli.md).
//
//   duixian validate --book B [--enterprises E --facts F [--revision R]]
//   duixian settle   --book B --enterprises E --facts F --quarter 2019Q3 [--ledger L.db] [--commit]
//                    [--out DIR] [--threads N] [--encoding gb18030] [--excel]
//   duixian explain  ... --enterprise CODE --policy ID [--json]
//   duixian notice   ... --enterprise CODE
//
// Exit status: 0 done, 1 problems in the input, 2 usage, 3 ledger refused, 4 I/O or other error.
#include <algorithm>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <iostream>
#include <memory>
#include <string>

#include <CLI/CLI.hpp>

#include "duixian/duixian.hpp"
#include "duixian/report.hpp"
#include "inputs.hpp"
#include "output_file.hpp"

namespace {

using namespace duixian;
using namespace duixian_cli;

// --book, --enterprises, --facts, --revision, --encoding (every subcommand).
void add_data_options(CLI::App& cmd, SettleInputs& in, bool data_required) {
  cmd.add_option("--book,-b", in.book, "Policy book (JSON), e.g. examples/wenzhou-2019/policies.json")
      ->required()
      ->check(CLI::ExistingFile);
  auto* enterprises =
      cmd.add_option("--enterprises,-e", in.enterprises, "Enterprises CSV (credit_code,name,region,...)")
          ->check(CLI::ExistingFile);
  auto* facts = cmd.add_option("--facts,-f", in.facts, "Facts CSV (credit_code,metric,period,value)")
                    ->check(CLI::ExistingFile);
  auto* revision = cmd.add_option("--revision,-r", in.revision, "Facts revision CSV, applied after --facts")
                       ->check(CLI::ExistingFile);
  cmd.add_option("--encoding", in.encoding, "Encoding of the CSV files: utf-8 (default) or gb18030 (also gbk)")
      ->capture_default_str();
  cmd.add_option("--threads,-j", in.threads,
                 "Worker threads for loading and settling (0 = one per hardware thread; same result)")
      ->capture_default_str();
  cmd.add_option("--max-diagnostics", in.max_diagnostics,
                 "Diagnostics listed per file and kind before the rest are counted in one line (0 = all)")
      ->capture_default_str();
  cmd.add_option("--diagnostics-csv", in.diagnostics_csv,
                 "Write every diagnostic of the data files to this CSV file (file,line,column,severity,code,message)");
  cmd.add_option("--columns", in.columns,
                 "JSON map of other column titles, e.g. {\"facts\": {\"金额\": \"value\"}} (Chinese titles are built in)")
      ->check(CLI::ExistingFile);
  if (data_required) {
    enterprises->required();
    facts->required();
  } else {
    enterprises->needs(facts);
    facts->needs(enterprises);
  }
  revision->needs(facts);
}

// --quarter, --ledger (settle, explain, notice).
void add_settle_options(CLI::App& cmd, SettleInputs& in) {
  add_data_options(cmd, in, true);
  cmd.add_option("--quarter,-q", in.quarter, "Quarter to settle, e.g. 2019Q3 (in the book's year)")->required();
  cmd.add_option("--ledger,-l", in.ledger,
                 "SQLite ledger: previously paid amounts come from its commits of the year");
}


// ---- validate -------------------------------------------------------------

int run_validate(const SettleInputs& in) {
  Progress progress;
  encoding_option(in.encoding);  // an unknown name is a usage error before anything is read
  progress.show("reading the policy book " + in.book);
  const PolicyBookLoad load = read_policy_book_file(in.book);
  progress.clear();
  std::size_t errors = 0;
  std::size_t warnings = 0;
  for (const Diagnostic& d : load.diagnostics) {
    std::cerr << to_string(d) << '\n';
    (d.severity == Severity::error ? errors : warnings) += 1;
  }
  if (!load.book) {
    std::cout << in.book << ": " << errors << " error(s)";
    if (!in.enterprises.empty()) std::cout << "; the data files were not checked (they need the book's metrics)";
    std::cout << '\n';
    return exit_problems;
  }
  std::cout << in.book << ": book " << load.book->id() << ", year " << load.book->year() << ", "
            << load.book->policies().size() << " policies, " << errors << " error(s)\n";
  if (!in.enterprises.empty()) {
    const CliLoad data = load_data(*load.book, in, progress);
    progress.clear();
    print_data_diagnostics(data, in, progress);
    const std::size_t data_errors = problem_count(data.diagnostics, Severity::error);
    warnings += problem_count(data.diagnostics, Severity::warning);
    errors += data_errors;
    std::cout << in.enterprises << ": " << data.enterprises.read << " rows read, " << data.enterprises.accepted
              << " accepted, " << data.enterprises.rejected << " rejected\n";
    std::cout << in.facts << (in.revision.empty() ? "" : " + " + in.revision) << ": " << data.facts.read
              << " rows read, " << data.facts.accepted << " accepted, " << data.facts.rejected << " rejected\n";
  }
  std::cout << (errors == 0 ? "ok" : "invalid") << ": " << errors << " error(s), " << warnings << " warning(s)\n";
  return errors == 0 ? exit_ok : exit_problems;
}

// ---- settle ---------------------------------------------------------------

struct SettleFlags {
  std::string out;
  bool commit = false;
  bool excel = false;
};

int run_settle(const SettleInputs& in, const SettleFlags& flags) {
  Progress progress;
  const std::unique_ptr<Loaded> loaded = load_and_settle(in, flags.commit, progress);
  const Settlement& s = loaded->settlement;
  std::cout << totals_table(s);

  if (!flags.out.empty()) {
    progress.show("writing " + flags.out);
    std::error_code ec;
    std::filesystem::create_directories(flags.out, ec);
    if (ec) throw Failure{exit_failure, "cannot create " + flags.out + ": " + ec.message()};
    const std::filesystem::path dir(flags.out);
    CsvOptions csv;
    csv.excel_bom = flags.excel;
    csv.threads = in.threads;
    // All three written under temporary names first, renamed only when all are complete.
    OutputFile lines(dir / "lines.csv", "the lines");
    OutputFile payments(dir / "payments.csv", "the payments");
    OutputFile totals(dir / "totals.json", "the totals");
    progress.show("writing " + lines.target().string() + " (1 of 3: " + std::to_string(s.lines().size()) + " lines)");
    write_lines_csv(lines.stream(), s, csv);
    lines.check();
    progress.show("writing " + payments.target().string() + " (2 of 3: " + std::to_string(s.payments().size()) +
                  " enterprises)");
    write_payments_csv(payments.stream(), s, csv);
    payments.check();
    progress.show("writing " + totals.target().string() + " (3 of 3)");
    write_totals_json(totals.stream(), s);
    try {
      for (OutputFile* f : {&lines, &payments, &totals}) f->finish();
    } catch (Failure& f) {
      f.message += "; nothing in " + flags.out + " was changed";
      throw;
    }
    for (OutputFile* f : {&lines, &payments, &totals}) f->publish();
    progress.clear();
    std::cout << "\nwrote " << (dir / "lines.csv").string() << " (" << s.lines().size() << " lines), "
              << (dir / "payments.csv").string() << " (" << s.payments().size() << " enterprises), "
              << (dir / "totals.json").string() << '\n';
  }

  if (flags.commit) {
    progress.show("committing " + s.quarter().to_string());
    const PendingCommit pending = s.to_commit();
    try {
      const CommitResult result = loaded->ledger->commit(pending);
      progress.clear();
      if (result.status == CommitStatus::already_committed) {
        std::cout << "\n" << s.quarter().to_string() << " already committed: commit " << result.record.sequence
                  << " of " << in.ledger << " has identical payouts; nothing changed\n";
      } else {
        std::cout << "\ncommitted " << s.quarter().to_string() << ": commit " << result.record.sequence << " of "
                  << in.ledger << " (" << result.record.entry_count << " entries, digest " << result.record.commit_sha256
                  << ")\n";
      }
    } catch (const Error& e) {
      if (e.code() == ErrorCode::ledger_conflict) throw Failure{exit_refused, "the ledger refuses the commit: " + std::string(e.message())};
      throw;
    }
  }
  return exit_ok;
}

// ---- explain and notice ---------------------------------------------------

int run_explain(const SettleInputs& in, const std::string& enterprise, const std::string& policy, bool json) {
  Progress progress;
  const CreditCode code = enterprise_option(enterprise);
  const std::unique_ptr<Loaded> loaded = load_and_settle(in, false, progress);
  const Settlement& s = loaded->settlement;
  if (!loaded->book->find_policy(policy))
    throw Failure{exit_problems, "--policy: unknown policy \"" + policy + "\" (not in " + in.book + ")"};
  const SettlementLine* line = s.find_line(code, policy);
  if (!line) {
    if (!loaded->reg.find(code))
      throw Failure{exit_problems, "--enterprise: unknown enterprise " + code.to_string() + " (not in " +
                                       in.enterprises + " nor paid before)"};
    throw Failure{exit_problems, "enterprise " + code.to_string() + " has no line under " + policy + " in " +
                                     s.quarter().to_string() + ": nothing due, nothing paid before"};
  }
  const LineExplanation e = s.explain(static_cast<std::size_t>(line - s.lines().data()));
  if (json) {
    std::cout << to_json(e) << '\n';
  } else {
    std::cout << to_text(e);
  }
  return exit_ok;
}

int run_notice(const SettleInputs& in, const std::string& enterprise) {
  Progress progress;
  const CreditCode code = enterprise_option(enterprise);
  const std::unique_ptr<Loaded> loaded = load_and_settle(in, false, progress);
  const Settlement& s = loaded->settlement;
  const bool has_line = std::any_of(s.enterprises().begin(), s.enterprises().end(),
                                    [&code](const SettledEnterprise& e) { return e.code == code; });
  if (!has_line) {
    if (!loaded->reg.find(code))
      throw Failure{exit_problems, "--enterprise: unknown enterprise " + code.to_string() + " (not in " +
                                       in.enterprises + " nor paid before)"};
    std::cout << "兑现通知 payout notice · " << s.quarter().to_string() << '\n'
              << code.text() << ": 本季无兑现 nothing due in " << s.quarter().to_string() << '\n';
    return exit_ok;
  }
  // The payment date: the 15th of the month after the quarter, moved forward to a
  // business day by the China calendar (docs/cli.md).
  std::cout << payout_notice(s, code, PaymentDateRule{}, BusinessCalendar::china());
  return exit_ok;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"duixian " + std::string(duixian::version()) +
               ": settles government policy subsidies exactly (docs/cli.md).\n"
               "Exit status: 0 done, 1 problems in the input, 2 usage, 3 ledger refused, 4 I/O or other error.",
               "duixian"};
  app.require_subcommand(1);
  app.set_version_flag("--version", std::string(duixian::version()));

  SettleInputs in;

  CLI::App* validate = app.add_subcommand("validate", "Check a policy book (and data files): every problem, located");
  add_data_options(*validate, in, false);

  SettleFlags settle_flags;
  CLI::App* settle_cmd = app.add_subcommand("settle", "Settle a quarter: totals table, optional files and commit");
  add_settle_options(*settle_cmd, in);
  auto* commit = settle_cmd->add_flag("--commit", settle_flags.commit, "Record the settled quarter in --ledger (once)");
  commit->needs(settle_cmd->get_option("--ledger"));
  settle_cmd->add_option("--out,-o", settle_flags.out, "Write lines.csv, payments.csv and totals.json here");
  settle_cmd->add_flag("--excel", settle_flags.excel, "Start the CSV files with a UTF-8 BOM (for Excel)");
  bool allow_empty = false;
  settle_cmd->add_flag("--allow-empty", allow_empty,
                       "Settle even when the enterprises or facts file has a header and no rows");

  std::string enterprise;
  std::string policy;
  bool json = false;
  CLI::App* explain = app.add_subcommand("explain", "Explain one line: every step behind its amounts");
  add_settle_options(*explain, in);
  explain->add_option("--enterprise", enterprise, "Credit code of the enterprise")->required();
  explain->add_option("--policy", policy, "Policy id, e.g. R1-tech-upgrade")->required();
  explain->add_flag("--json", json, "JSON for an auditor instead of text");

  CLI::App* notice = app.add_subcommand("notice", "Payout notice for one enterprise (figures, capitals, date)");
  add_settle_options(*notice, in);
  notice->add_option("--enterprise", enterprise, "Credit code of the enterprise")->required();

  // CLI11 would say only "A subcommand is required" for a misspelt one.
  const auto is_subcommand = [&app](const std::string& name) {
    const auto subcommands = app.get_subcommands([&name](CLI::App* c) { return c->check_name(name); });
    return !subcommands.empty();
  };
  if (argc > 1 && argv[1][0] != '-' && !is_subcommand(argv[1])) {
    std::cerr << "duixian: unknown subcommand \"" << argv[1]
              << "\" (expected validate, settle, explain or notice; duixian --help lists them)\n";
    return exit_usage;
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int status = app.exit(e);
    return status == 0 ? exit_ok : exit_usage;
  }

  try {
    int status = exit_usage;
    if (*validate) {
      status = run_validate(in);
    } else if (*settle_cmd) {
      in.refuse_empty = !allow_empty;
      status = run_settle(in, settle_flags);
    } else if (*explain) {
      status = run_explain(in, enterprise, policy, json);
    } else if (*notice) {
      status = run_notice(in, enterprise);
    }
    flush_standard_output();  // a full disk or a closed stdout is a failure, not a success
    return status;
  } catch (const Failure& f) {
    std::cerr << "duixian: " << f.message << '\n';
    return f.status;
  } catch (const duixian::Error& e) {
    std::cerr << "duixian: " << e.message() << '\n';  // the code's name is for programs, not for clerks
    return e.code() == duixian::ErrorCode::ledger_conflict ? exit_refused : exit_failure;
  } catch (const std::exception& e) {
    std::cerr << "duixian: " << e.what() << '\n';
    return exit_failure;
  }
}
