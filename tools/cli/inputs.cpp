// Loading for `duixian`: book, register, quarter and ledger, each problem reported with
// its location on stderr (inputs.hpp).
#include "inputs.hpp"

#include "output_file.hpp"

#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace duixian_cli {

using namespace duixian;

Progress::Progress() : on_(isatty(STDERR_FILENO) != 0) {}

Progress::~Progress() { clear(); }

void Progress::show(const std::string& message) {
  if (!on_) return;
  std::cerr << "\r\033[K" << "duixian: " << message << "..." << std::flush;
  shown_ = true;
}

void Progress::clear() {
  if (!on_ || !shown_) return;
  std::cerr << "\r\033[K" << std::flush;
  shown_ = false;
}

namespace {

void print(const Diagnostics& diagnostics, Progress& progress) {
  progress.clear();
  for (const Diagnostic& d : diagnostics) std::cerr << to_string(d) << '\n';
}

std::size_t error_count(const Diagnostics& diagnostics) {
  std::size_t n = 0;
  for (const Diagnostic& d : diagnostics) n += d.severity == Severity::error ? 1 : 0;
  return n;
}

}  // namespace

PolicyBook load_book(const std::string& path, Progress& progress) {
  progress.show("reading the policy book " + path);
  PolicyBookLoad load = read_policy_book_file(path);
  print(load.diagnostics, progress);
  if (!load.book) {
    throw Failure{exit_problems, "policy book " + path + " has " + std::to_string(error_count(load.diagnostics)) +
                                     " error(s); nothing done"};
  }
  return std::move(*load.book);
}

TextEncoding encoding_option(const std::string& name) {
  const auto encoding = parse_text_encoding(name);
  if (!encoding) throw Failure{exit_usage, "--encoding: unknown encoding \"" + name + "\" (expected utf-8 or gb18030)"};
  return *encoding;
}

CreditCode enterprise_option(const std::string& text) {
  std::string why;
  const auto code = CreditCode::try_parse(text, &why);
  if (!code) throw Failure{exit_problems, "--enterprise: \"" + text + "\" is not a credit code: " + why};
  return *code;
}

CliLoad load_data(const PolicyBook& book, const SettleInputs& in, Progress& progress) {
  LoadOptions options;
  options.encoding = encoding_option(in.encoding);
  options.threads = in.threads;
  options.max_diagnostics_per_code = in.max_diagnostics;
  if (!in.columns.empty()) {
    std::ifstream file(in.columns, std::ios::binary);
    if (!file) throw Failure{exit_failure, "cannot read the column map " + in.columns};
    const std::string text((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
    try {
      options.columns = parse_column_names(text, in.columns);
    } catch (const Error& e) {
      throw Failure{exit_problems, "--columns: " + std::string(e.message())};
    }
  }
  std::optional<OutputFile> csv;
  if (!in.diagnostics_csv.empty()) {
    csv.emplace(in.diagnostics_csv, "the diagnostics");
    csv->stream() << diagnostics_csv_header;
  }
  // The same tally the loader keeps (per file, code and severity), to say how many it left out.
  struct Tally {
    std::string file, code;
    Severity severity;
    std::size_t seen;
  };
  std::vector<Tally> tallies;
  options.on_diagnostic = [&](const Diagnostic& d) {
    if (csv) csv->stream() << to_csv_row(d);
    for (Tally& t : tallies) {
      if (t.code == d.code && t.severity == d.severity && t.file == d.file) {
        ++t.seen;
        return;
      }
    }
    tallies.push_back({d.file, d.code, d.severity, 1});
  };
  // A percentage of each file's bytes; once the last file is read, what comes next (the
  // register's index is built before load_register returns), so no "100%" stays up.
  std::vector<std::string> files{in.enterprises, in.facts};
  if (!in.revision.empty()) files.push_back(in.revision);
  std::uint64_t shown_percent = 101;
  options.progress = [&](const std::string& file, std::uint64_t done, std::uint64_t total) {
    const std::uint64_t percent = total == 0 ? 100 : done * 100 / total;
    if (done == total) {  // this file is read: say what comes next
      const auto at = std::find(files.begin(), files.end(), file);
      const bool last = at == files.end() || at + 1 == files.end();
      progress.show(last ? "indexing the register" : "reading " + *(at + 1) + ": 0%");
      shown_percent = 0;
      return;
    }
    if (percent == shown_percent) return;  // a terminal line per percent, not per part
    shown_percent = percent;
    progress.show("reading " + file + ": " + std::to_string(percent) + "%");
  };
  progress.show("reading " + in.enterprises);
  CliLoad data{load_register(book.schema(), in.enterprises, in.facts, options, in.revision), 0};
  if (csv) csv->commit();
  for (const Tally& t : tallies) {
    if (in.max_diagnostics != 0 && t.seen > in.max_diagnostics) data.unlisted += t.seen - in.max_diagnostics;
  }
  return data;
}

void print_data_diagnostics(const CliLoad& data, const SettleInputs& in, Progress& progress) {
  print(data.diagnostics, progress);
  if (data.unlisted == 0) return;
  std::cerr << "duixian: " << data.unlisted << " more diagnostic(s) not listed (see the summaries above): "
            << "--max-diagnostics N lists N of each kind per file (0: all), "
            << (in.diagnostics_csv.empty() ? "--diagnostics-csv FILE writes every one to a file"
                                           : "every one is in " + in.diagnostics_csv)
            << '\n';
}

std::unique_ptr<Loaded> load_and_settle(const SettleInputs& in, bool writable_ledger, Progress& progress) {
  auto loaded = std::make_unique<Loaded>();
  encoding_option(in.encoding);  // an unknown name is a usage error before anything is read
  Quarter quarter;
  try {
    quarter = Quarter::parse(in.quarter);
  } catch (const Error& e) {
    throw Failure{exit_usage, "--quarter: " + std::string(e.message())};
  }

  loaded->book = load_book(in.book, progress);
  const PolicyBook& book = *loaded->book;
  try {
    book.check_quarter(quarter);
  } catch (const Error& e) {
    throw Failure{exit_problems, "--quarter: " + std::string(e.message()) + " (" + in.book + ")"};
  }

  CliLoad data = load_data(book, in, progress);
  print_data_diagnostics(data, in, progress);
  if (has_errors(data.diagnostics)) {
    throw Failure{exit_problems, std::to_string(data.enterprises.rejected) + " enterprise row(s) and " +
                                     std::to_string(data.facts.rejected) + " fact row(s) rejected; nothing settled"};
  }
  if (in.refuse_empty) {
    for (const Diagnostic& d : data.diagnostics) {
      if (d.code == "no_rows") {
        throw Failure{exit_problems, d.file + " has a header and no rows; nothing settled (--allow-empty settles "
                                              "it as it is)"};
      }
    }
  }
  loaded->reg = std::move(data.reg);

  if (!in.ledger.empty()) {
    progress.show("opening the ledger " + in.ledger);
    if (writable_ledger) {
      loaded->ledger = std::make_unique<SqliteLedger>(SqliteLedger::open(in.ledger, OpenMode::create));
    } else if (std::filesystem::exists(in.ledger)) {
      loaded->ledger = std::make_unique<SqliteLedger>(SqliteLedger::open(in.ledger, OpenMode::read_only));
      if (!loaded->ledger->last_committed()) {
        progress.clear();
        std::cerr << "duixian: ledger " << in.ledger << " has no commit yet: nothing was paid before\n";
      }
    } else {
      progress.clear();
      std::cerr << "duixian: ledger " << in.ledger << " does not exist yet: nothing was paid before\n";
      loaded->ledger = std::make_unique<InMemoryLedger>();
    }
  } else {
    loaded->ledger = std::make_unique<InMemoryLedger>();
  }

  progress.show("settling " + quarter.to_string() + " (" + std::to_string(loaded->reg.size()) + " enterprises)");
  SettleOptions settle_options;
  settle_options.threads = in.threads;
  settle_options.keep_omissions = false;  // nothing here reports them; `explain` recomputes its line's
  const std::string settling = "settling " + quarter.to_string() + ": ";
  std::size_t shown_percent = 101;
  settle_options.progress = [&](std::size_t done, std::size_t total) {
    // Up to 99%: when all are settled the merge still runs, and then the next phase shows.
    const std::size_t percent = std::min<std::size_t>(99, done * 100 / total);
    if (percent == shown_percent) return;  // a terminal line per percent, not per call
    shown_percent = percent;
    progress.show(settling + std::to_string(percent) + "% (" + std::to_string(loaded->reg.size()) + " enterprises)");
  };
  loaded->settlement = settle(book, loaded->reg, quarter, *loaded->ledger, settle_options);
  progress.clear();
  return loaded;
}

}  // namespace duixian_cli
