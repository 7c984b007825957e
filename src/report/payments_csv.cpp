// write_payments_csv: the net payment per enterprise as CSV (report.hpp).
#include <ostream>
#include <string>
#include <vector>

#include "duixian/report.hpp"
#include "numeric/fen_text.hpp"
#include "report/row_writer.hpp"
#include "support/encoding.hpp"

namespace duixian {

void write_payments_csv(std::ostream& out, const Settlement& settlement, const CsvOptions& options) {
  std::string head = options.excel_bom ? std::string(utf8_bom) : std::string();
  head += "credit_code,region,net,city_share,county_share,receivable\n";
  const auto& enterprises = settlement.enterprises();
  const std::vector<Payment> payments = settlement.payments();
  detail::write_rows(out, head, payments.size(), options.threads, [&](std::size_t i, std::string& text) {
    const Payment& payment = payments[i];
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
  });
}

}  // namespace duixian
