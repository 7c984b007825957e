// write_payments_csv: the net payment per enterprise as CSV (report.hpp).
#include <ostream>

#include "duixian/report.hpp"
#include "support/encoding.hpp"

namespace duixian {

void write_payments_csv(std::ostream& out, const Settlement& settlement, const CsvOptions& options) {
  if (options.excel_bom) out << utf8_bom;
  out << "credit_code,region,net,city_share,county_share,receivable\n";
  const auto& enterprises = settlement.enterprises();
  for (const Payment& payment : settlement.payments()) {
    const SettledEnterprise& enterprise = enterprises.at(payment.enterprise);
    out << enterprise.code.text() << ',';
    if (enterprise.region) out << enterprise.region->to_string();
    out << ',' << fen_text(payment.net_fen) << ',' << fen_text(payment.city_fen) << ','
        << fen_text(payment.county_fen) << ',' << (payment.receivable() ? "yes" : "no") << '\n';
  }
}

}  // namespace duixian
