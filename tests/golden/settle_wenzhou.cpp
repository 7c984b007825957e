// duixian_golden_settle DATA_DIR BOOK OUT_DIR
//
// The engine's side of the Wenzhou 2019 golden test: settles 2019Q1..Q4 in order with an
// in-memory ledger, committing each quarter, through the public API only. Q1 and Q2 use
// facts.csv; Q3 and Q4 a second register with facts-revision.csv applied on top
// (FactMode::revise). Writes q<N>-lines.csv and q<N>-totals.json per quarter, in the
// format of tests/golden/wenzhou_oracle.py, for tests/golden/compare.py.

#include <cstdint>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "duixian/duixian.hpp"
#include "duixian/settlement.hpp"

namespace {

using namespace duixian;

std::string amount_text(std::int64_t fen) {
  // Exactly two decimals, '-' for negatives, no grouping; careful with INT64_MIN.
  const bool negative = fen < 0;
  const std::uint64_t a = negative ? 0 - static_cast<std::uint64_t>(fen) : static_cast<std::uint64_t>(fen);
  std::string frac = std::to_string(a % 100);
  if (frac.size() < 2) frac.insert(0, 1, '0');
  return (negative ? "-" : "") + std::to_string(a / 100) + "." + frac;
}

void write_figures(std::ostream& out, const Figures& f, const std::string& indent) {
  out << indent << "\"rewards_quarter\": \"" << amount_text(f.rewards_quarter) << "\",\n"
      << indent << "\"rewards_ytd\": \"" << amount_text(f.rewards_ytd) << "\",\n"
      << indent << "\"burden_quarter\": \"" << amount_text(f.burden_quarter) << "\",\n"
      << indent << "\"burden_ytd\": \"" << amount_text(f.burden_ytd) << "\",\n"
      << indent << "\"export_rebate_quarter\": \"" << amount_text(f.excluded_quarter) << "\",\n"
      << indent << "\"export_rebate_ytd\": \"" << amount_text(f.excluded_ytd) << "\",\n"
      << indent << "\"beneficiaries\": " << f.beneficiaries;
}

void write_breakdown(std::ostream& out, const char* name,
                     const std::vector<std::pair<std::string, Figures>>& slices) {
  out << " \"" << name << "\": {";
  bool first = true;
  for (const auto& [key, figures] : slices) {
    out << (first ? "\n" : ",\n") << "  \"" << key << "\": {\n";
    write_figures(out, figures, "   ");
    out << "\n  }";
    first = false;
  }
  out << (first ? "}" : "\n }");
}

void write_outputs(const std::string& out_dir, const PolicyBook& book, const Settlement& s) {
  const unsigned n = s.quarter().number();
  const std::string q = s.quarter().to_string();
  {
    std::ofstream out(out_dir + "/q" + std::to_string(n) + "-lines.csv", std::ios::binary);
    out << "credit_code,policy,quarter,due,cumulative,previously_paid,payout,city_share,county_share\n";
    for (const SettlementLine& l : s.lines()) {
      out << s.enterprises().at(l.enterprise).code.text() << ',' << book.policies().at(l.policy).id << ',' << q
          << ',' << amount_text(l.due_fen) << ',' << amount_text(l.cumulative_fen) << ','
          << amount_text(l.previously_paid_fen) << ',' << amount_text(l.payout_fen) << ',' << amount_text(l.city_fen)
          << ',' << amount_text(l.county_fen) << '\n';
    }
    if (!out) throw std::runtime_error("cannot write the lines of " + q);
  }
  {
    const Totals t = s.totals();
    std::ofstream out(out_dir + "/q" + std::to_string(n) + "-totals.json", std::ios::binary);
    out << "{\n";
    write_figures(out, t.all, " ");
    out << ",\n";
    write_breakdown(out, "by_region", t.by_region);
    out << ",\n";
    write_breakdown(out, "by_policy", t.by_policy);
    out << "\n}\n";
    if (!out) throw std::runtime_error("cannot write the totals of " + q);
  }
}

Register load(const PolicyBook& book, const std::string& data_dir, bool revised) {
  LoadedRegister loaded = load_register(book.schema(), data_dir + "/enterprises.csv", data_dir + "/facts.csv", {},
                                        revised ? data_dir + "/facts-revision.csv" : std::string());
  for (const Diagnostic& d : loaded.diagnostics) std::cerr << to_string(d) << '\n';
  if (has_errors(loaded.diagnostics)) throw std::runtime_error("the input data has errors");
  return std::move(loaded.reg);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 4) {
    std::cerr << "usage: duixian_golden_settle DATA_DIR BOOK OUT_DIR\n";
    return 2;
  }
  try {
    const std::string data_dir = argv[1];
    const std::string book_path = argv[2];
    const std::string out_dir = argv[3];
    std::filesystem::create_directories(out_dir);
    for (unsigned n = 1; n <= 4; ++n) {  // no stale output may survive a failed run
      std::filesystem::remove(out_dir + "/q" + std::to_string(n) + "-lines.csv");
      std::filesystem::remove(out_dir + "/q" + std::to_string(n) + "-totals.json");
    }
    const PolicyBook book = load_policy_book_file(book_path);
    const Register original = load(book, data_dir, false);
    const Register revised = load(book, data_dir, true);

    InMemoryLedger ledger;
    for (unsigned n = 1; n <= 4; ++n) {
      const bool after_revision = n >= 3;
      const Register& reg = after_revision ? revised : original;
      const Settlement s = settle(book, reg, Quarter(book.year(), n), ledger);
      write_outputs(out_dir, book, s);
      const CommitResult c = ledger.commit(s.to_commit());
      std::cout << s.quarter().to_string() << ": " << s.lines().size() << " lines, rewards paid "
                << amount_text(s.totals().all.rewards_quarter) << ", committed: commit " << c.record.sequence << '\n';
    }
    ledger.verify();
    return EXIT_SUCCESS;
  } catch (const std::exception& e) {
    std::cerr << "duixian_golden_settle: " << e.what() << '\n';
    return EXIT_FAILURE;
  }
}
