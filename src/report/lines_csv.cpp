// write_lines_csv: a settlement's lines as CSV (report.hpp).
#include <ostream>
#include <string>
#include <vector>

#include "duixian/policy.hpp"
#include "duixian/report.hpp"
#include "numeric/fen_text.hpp"
#include "report/row_writer.hpp"
#include "support/csv.hpp"
#include "support/encoding.hpp"

namespace duixian {

void write_lines_csv(std::ostream& out, const Settlement& settlement, const CsvOptions& options) {
  std::string head = options.excel_bom ? std::string(utf8_bom) : std::string();
  head += "credit_code,policy,quarter,due,cumulative,previously_paid,payout,city_share,county_share,kind,category\n";
  const std::string quarter = settlement.quarter().to_string();
  const auto& enterprises = settlement.enterprises();
  const auto& policies = settlement.book().policies();
  // What a line repeats from its policy, quoted once: ",id,quarter," and ",kind,category\n".
  std::vector<std::string> before_amounts, after_amounts;
  for (const Policy& policy : policies) {
    before_amounts.push_back("," + csv_escape(policy.id) + "," + quarter + ",");
    after_amounts.push_back("," + std::string(to_string(policy.kind)) + "," + csv_escape(policy.category) + "\n");
  }
  const auto& lines = settlement.lines();
  detail::write_rows(out, head, lines.size(), options.threads, [&](std::size_t i, std::string& text) {
    const SettlementLine& line = lines[i];
    text += enterprises.at(line.enterprise).code.text();
    text += before_amounts.at(line.policy);  // (at: a line of another book fails loudly, as before)
    for (const std::int64_t fen : {line.due_fen, line.cumulative_fen, line.previously_paid_fen, line.payout_fen,
                                   line.city_fen}) {
      detail::append_fen_text(text, fen);
      text += ',';
    }
    detail::append_fen_text(text, line.county_fen);
    text += after_amounts[line.policy];
  });
}

}  // namespace duixian
