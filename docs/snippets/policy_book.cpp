#include <sstream>
#include <string>

#include "duixian/duixian.hpp"
#include "snippets.hpp"

namespace snippets {

using namespace duixian;

std::string report_book_errors(const std::string& bad_book_path) {
  std::ostringstream err;
  //! [every error of a book]
  try {
    PolicyBook book = load_policy_book_file(bad_book_path);
  } catch (const PolicyBookError& e) {
    for (const Diagnostic& d : e.diagnostics()) err << to_string(d) << '\n';
    // policies.json:58:17: error: policies[3].amount, formula column 12: unknown name ...
  }
  //! [every error of a book]
  return err.str();
}

}  // namespace snippets
