#include <string>

#include "duixian/duixian.hpp"
#include "snippets.hpp"

namespace snippets {

using namespace duixian;

std::string write_a_policy() {
  //! [a policy]
  Policy p;
  p.id = "R7-loan-interest";
  p.title = "技改贷款贴息";
  p.kind = PolicyKind::reward;
  p.basis = PolicyBasis::per_quarter;
  p.amount = "tech_loan_amount * 1.5% * overlap_days(tech_loan_start, tech_loan_end, first_day, last_day) / 360";
  p.annual_cap = Decimal(1000000);
  p.schedule = Schedule::every_quarter();
  //! [a policy]
  return p.id;
}

}  // namespace snippets
