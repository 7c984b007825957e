// Runs every example of the public headers' documentation (docs/snippets/, shown in the
// headers with @snippet), so that none of them can rot: each must compile and give what
// its comment says. The figures are worked by hand from tests/cli/data (see
// tests/cli/cli_test.py): 2019Q3 with nothing paid before is R1 450,000.00 (three of four
// instalments of 150,000.00) + R6 7,733.33 + B3 55,802.43 = 513,535.76.
//
//   duixian_doc_snippets BOOK DATA_DIR WORK_DIR
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

#include "snippets.hpp"

namespace {

int failures = 0;

void expect(bool ok, const std::string& what, const std::string& got) {
  std::cout << (ok ? "ok: " : "FAILED: ") << what << " (" << got << ")\n";
  if (!ok) ++failures;
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace

int main(int argc, char** argv) {
  if (argc != 4) {
    std::cerr << "usage: duixian_doc_snippets BOOK DATA_DIR WORK_DIR\n";
    return 2;
  }
  const std::string book = argv[1];
  const std::string enterprises = std::string(argv[2]) + "/enterprises.csv";
  const std::string facts = std::string(argv[2]) + "/facts.csv";
  const std::filesystem::path work = std::filesystem::absolute(argv[3]);
  std::filesystem::remove_all(work);
  std::filesystem::create_directories(work / "out");
  try {
    const std::string paid = snippets::settle_a_quarter(book, enterprises, facts, (work / "a.db").string());
    expect(paid == "513535.76", "settlement.hpp: settle 2019Q3 and commit", paid);
    expect(snippets::report_progress(book, enterprises, facts), "settlement.hpp: progress cancels", "cancelled");
    const long long sequence = snippets::use_a_sqlite_ledger(book, enterprises, facts, (work / "b.db").string());
    expect(sequence == 1, "sqlite_ledger.hpp: first commit", std::to_string(sequence));
    const std::string table = snippets::write_reports(book, enterprises, facts, (work / "out").string());
    expect(contains(table, "157,733.33"), "report.hpp: totals table with 2019Q1 rewards", table.substr(0, 60));
    for (const char* file : {"lines.csv", "payments.csv", "totals.json"}) {
      expect(std::filesystem::file_size(work / "out" / file) > 0, std::string("report.hpp: wrote ") + file, "");
    }
    expect(snippets::build_a_register() == "1200000", "register.hpp: fact read back", snippets::build_a_register());
    expect(snippets::evaluate_a_formula() == "600000.00", "formula.hpp: min(10% x 6,000,000.00, 500万)",
           snippets::evaluate_a_formula());
    expect(snippets::write_a_policy() == "R7-loan-interest", "policy.hpp: a policy", snippets::write_a_policy());
    {
      std::ifstream in(book, std::ios::binary);
      std::stringstream text;
      text << in.rdbuf();
      std::string bad = text.str();
      const std::string good = "\"amount\": \"10万\"";
      bad.replace(bad.find(good), good.size(), "\"amount\": \"10万 + bogus\"");
      std::ofstream(work / "bad.json", std::ios::binary) << bad;
    }
    const std::string errors = snippets::report_book_errors((work / "bad.json").string());
    expect(contains(errors, "bad.json:") && contains(errors, "unknown name 'bogus'"),
           "policy_book.hpp: every error located", errors.substr(0, errors.find('\n')));
    const std::string fen = snippets::convert_fen();
    expect(fen == "1409.50 140950 invalid_argument -0.05", "fen.hpp: conversions", fen);
  } catch (const std::exception& e) {
    std::cout << "FAILED: an example threw: " << e.what() << '\n';
    ++failures;
  }
  std::cout << failures << " example(s) failed\n";
  return failures == 0 ? 0 : 1;
}
