#include <string>

#include "duixian/duixian.hpp"
#include "snippets.hpp"

namespace snippets {

long long use_a_sqlite_ledger(const std::string& book_path, const std::string& enterprises_path,
                              const std::string& facts_path, const std::string& ledger_path) {
  const duixian::PolicyBook book = duixian::load_policy_book_file(book_path);
  const duixian::LoadedRegister data = duixian::load_register(book.schema(), enterprises_path, facts_path);
  //! [open and commit]
  auto ledger = duixian::SqliteLedger::open(ledger_path, duixian::OpenMode::create);
  duixian::PaidTotals before = ledger.paid_before(duixian::Quarter(2019, 3));
  duixian::Settlement settlement = duixian::settle(book, data.reg, duixian::Quarter(2019, 3), before);
  duixian::CommitResult result = ledger.commit(settlement.to_commit());  // committed, already_committed, or throws
  //! [open and commit]
  return result.record.sequence;
}

}  // namespace snippets
