#include <fstream>
#include <stdexcept>
#include <string>

#include "duixian/duixian.hpp"
#include "snippets.hpp"

namespace snippets {

using namespace duixian;

std::string settle_a_quarter(const std::string& book_path, const std::string& enterprises_path,
                             const std::string& facts_path, const std::string& ledger_path) {
  //! [settle a quarter]
  PolicyBook book = load_policy_book_file(book_path);  // e.g. examples/wenzhou-2019/policies.json
  LoadedRegister data = load_register(book.schema(), enterprises_path, facts_path);
  if (has_errors(data.diagnostics)) throw std::runtime_error(to_string(data.diagnostics.front()));
  SqliteLedger ledger = SqliteLedger::open(ledger_path, OpenMode::create);
  Settlement s = settle(book, data.reg, Quarter(2019, 3), ledger);
  Decimal paid;
  for (const SettlementLine& l : s.lines()) paid += fen_to_decimal(l.payout_fen);
  ledger.commit(s.to_commit());  // records the book's and the register's digests too
  //! [settle a quarter]
  return paid.to_string();
}

bool report_progress(const std::string& book_path, const std::string& enterprises_path, const std::string& facts_path) {
  const PolicyBook book = load_policy_book_file(book_path);
  const LoadedRegister data = load_register(book.schema(), enterprises_path, facts_path);
  struct Cancelled {};
  const bool cancelled = true;  // say, the user pressed a button
  std::size_t shown = 0;
  //! [report progress]
  SettleOptions options;
  options.progress = [&](std::size_t done, std::size_t total) {
    if (cancelled) throw Cancelled{};
    shown = done * 100 / total;  // show it on a progress bar
  };
  //! [report progress]
  try {
    settle(book, data.reg, Quarter(2019, 1), PaidTotals{}, options);
  } catch (const Cancelled&) {
    return shown == 0;
  }
  return false;
}

}  // namespace snippets
