// write_payments_csv: the net payment per enterprise as CSV (report.hpp).
#include <ostream>
#include <string>

#include "duixian/report.hpp"
#include "numeric/fen_text.hpp"
#include "report/output_buffer.hpp"
#include "support/encoding.hpp"

namespace duixian {

void write_payments_csv(std::ostream& out, const Settlement& settlement, const CsvOptions& options) {
  detail::OutputBuffer buffer(out);
  std::string& text = buffer.text();
  if (options.excel_bom) text += utf8_bom;
  text += "credit_code,region,net,city_share,county_share,receivable\n";
  const auto& enterprises = settlement.enterprises();
  for (const Payment& payment : settlement.payments()) {
    const SettledEnterprise& enterprise = enterprises.at(payment.enterprise);
    text += enterprise.code.text();
    text += ',';
    if (enterprise.region) text += enterprise.region->to_string();
    text += ',';
    detail::append_fen_text(text, payment.net_fen);
    text += ',';
    detail::append_fen_text(text, payment.city_fen);
    text += ',';
    detail::append_fen_text(text, payment.county_fen);
    text += payment.receivable() ? ",yes\n" : ",no\n";
    buffer.flush_if_full();
  }
}

}  // namespace duixian
