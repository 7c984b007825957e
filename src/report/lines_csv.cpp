// write_lines_csv: a settlement's lines as CSV (report.hpp).
#include <ostream>
#include <string>

#include "duixian/policy.hpp"
#include "duixian/report.hpp"
#include "support/csv.hpp"
#include "support/encoding.hpp"

namespace duixian {

void write_lines_csv(std::ostream& out, const Settlement& settlement, const CsvOptions& options) {
  if (options.excel_bom) out << utf8_bom;
  out << "credit_code,policy,quarter,due,cumulative,previously_paid,payout,city_share,county_share,kind,category\n";
  const std::string quarter = settlement.quarter().to_string();
  const auto& enterprises = settlement.enterprises();
  const auto& policies = settlement.book().policies();
  for (const SettlementLine& line : settlement.lines()) {
    const Policy& policy = policies.at(line.policy);
    out << enterprises.at(line.enterprise).code.text() << ',';
    out << csv_escape(policy.id);
    out << ',' << quarter << ',' << fen_text(line.due_fen) << ',' << fen_text(line.cumulative_fen) << ','
        << fen_text(line.previously_paid_fen) << ',' << fen_text(line.payout_fen) << ',' << fen_text(line.city_fen)
        << ',' << fen_text(line.county_fen) << ',' << to_string(policy.kind) << ',';
    out << csv_escape(policy.category);
    out << '\n';
  }
}

}  // namespace duixian
