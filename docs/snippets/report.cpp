#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "duixian/duixian.hpp"
#include "snippets.hpp"

namespace snippets {

std::string write_reports(const std::string& book_path, const std::string& enterprises_path,
                          const std::string& facts_path, const std::string& out_dir) {
  const duixian::PolicyBook book = duixian::load_policy_book_file(book_path);
  const duixian::LoadedRegister data = duixian::load_register(book.schema(), enterprises_path, facts_path);
  const duixian::Settlement settlement =
      duixian::settle(book, data.reg, duixian::Quarter(2019, 1), duixian::PaidTotals{});
  std::filesystem::current_path(out_dir);
  std::ostringstream table;
  //! [write the files]
  std::ofstream lines("lines.csv", std::ios::binary);
  duixian::write_lines_csv(lines, settlement);
  std::ofstream payments("payments.csv", std::ios::binary);
  duixian::write_payments_csv(payments, settlement);
  std::ofstream totals("totals.json", std::ios::binary);
  duixian::write_totals_json(totals, settlement);
  table << duixian::totals_table(settlement);  // for people: 元, 万元, 亿元
  //! [write the files]
  return table.str();
}

}  // namespace snippets
