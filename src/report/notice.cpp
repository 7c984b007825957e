// payout_notice: the payout notice (兑现通知) of one enterprise (report.hpp).
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>

#include "duixian/error.hpp"
#include "duixian/explanation.hpp"
#include "duixian/money.hpp"
#include "duixian/policy.hpp"
#include "duixian/report.hpp"

namespace duixian {

namespace {

// `150,000.00元 人民币壹拾伍万元整`, or for a recovery `应退回 300.00元 人民币叁佰元整`.
std::string figures_and_capitals(std::int64_t fen) {
  const Money m = Money::from_fen(fen < 0 ? -fen : fen);
  std::string text = fen < 0 ? "应退回 to return " : "";
  return text + format_money(m, MoneyUnit::yuan) + "  " + to_capital(m);
}

}  // namespace

std::string payout_notice(const Settlement& settlement, const CreditCode& code, const PaymentDateRule& rule,
                          const BusinessCalendar& calendar) {
  const auto& enterprises = settlement.enterprises();
  const auto found = std::find_if(enterprises.begin(), enterprises.end(),
                                   [&code](const SettledEnterprise& e) { return e.code == code; });
  if (found == enterprises.end())
    throw Error(ErrorCode::invalid_argument,
                "enterprise " + code.to_string() + " has no line in the " + settlement.quarter().to_string() +
                    " settlement");
  const auto enterprise = static_cast<std::uint32_t>(found - enterprises.begin());
  const PolicyBook& book = settlement.book();
  const auto& lines = settlement.lines();
  const auto first = std::find_if(lines.begin(), lines.end(),
                                   [enterprise](const SettlementLine& l) { return l.enterprise == enterprise; });
  const LineExplanation head = settlement.explain(static_cast<std::size_t>(first - lines.begin()));
  const Date paid_on = payment_date(settlement.quarter(), rule, calendar);

  std::ostringstream out;
  out << "兑现通知 payout notice · " << settlement.quarter().to_string() << '\n';
  out << "企业 enterprise: " << (head.enterprise_name.empty() ? "(已注销 left the register)" : head.enterprise_name)
      << " (" << code.text() << ")";
  if (!head.region.empty()) out << ", 地区 region " << head.region;
  out << '\n';
  out << "政策汇编 book: " << book.spec().title << " (" << book.id() << ")\n\n";

  std::int64_t net = 0;
  std::size_t count = 0;
  for (auto it = first; it != lines.end() && it->enterprise == enterprise; ++it) {
    const Policy& policy = book.policies().at(it->policy);
    if (policy.kind != PolicyKind::reward) continue;
    ++count;
    net += it->payout_fen;
    out << policy.id << ' ' << policy.title;
    if (!policy.document_number.empty()) out << " (" << policy.document_number << ')';
    out << "\n  本季兑现 payout: " << figures_and_capitals(it->payout_fen) << '\n';
  }
  if (count == 0) out << "本季无奖励兑现 no reward this quarter\n";
  out << "\n合计 net: " << figures_and_capitals(net) << '\n';
  out << "付款日期 payment date: " << paid_on.to_string() << '\n';
  return out.str();
}

}  // namespace duixian
