// totals_table: a settlement's totals for a person, in 元/万元/亿元 (report.hpp).
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "duixian/money.hpp"
#include "duixian/policy.hpp"
#include "duixian/report.hpp"

namespace duixian {

namespace {

// Columns a terminal gives the text: CJK and other wide code points take two.
std::size_t display_width(std::string_view text) {
  std::size_t width = 0;
  for (std::size_t i = 0; i < text.size();) {
    const auto lead = static_cast<unsigned char>(text[i]);
    std::size_t length = 1;
    std::uint32_t cp = lead;
    if (lead >= 0xF0U) {
      length = 4;
      cp = lead & 0x07U;
    } else if (lead >= 0xE0U) {
      length = 3;
      cp = lead & 0x0FU;
    } else if (lead >= 0xC0U) {
      length = 2;
      cp = lead & 0x1FU;
    }
    for (std::size_t k = 1; k < length && i + k < text.size(); ++k)
      cp = (cp << 6U) | (static_cast<unsigned char>(text[i + k]) & 0x3FU);
    width += (cp >= 0x1100U && (cp <= 0x115FU || (cp >= 0x2E80U && cp <= 0xA4CFU) || (cp >= 0xAC00U && cp <= 0xD7A3U) ||
                                (cp >= 0xF900U && cp <= 0xFAFFU) || (cp >= 0xFE30U && cp <= 0xFE4FU) ||
                                (cp >= 0xFF00U && cp <= 0xFF60U) || (cp >= 0xFFE0U && cp <= 0xFFE6U)))
                 ? 2
                 : 1;
    i += length;
  }
  return width;
}

std::string pad(std::string text, std::size_t width) {
  const std::size_t w = display_width(text);
  if (w < width) text.append(width - w, ' ');
  return text;
}

// 1.46亿元 (146,000,000.00元) for large amounts, 1,409.50元 for small ones.
std::string amount(std::int64_t fen) {
  const Money m = Money::from_fen(fen);
  const MoneyUnit unit = natural_unit(m);
  if (unit == MoneyUnit::yuan) return format_money(m, MoneyUnit::yuan);
  return format_money(m, unit) + " (" + format_money(m, MoneyUnit::yuan) + ")";
}

struct Row {
  std::string label;
  std::string quarter;
  std::string ytd;
};

void write_rows(std::ostringstream& out, const std::vector<Row>& rows) {
  std::size_t label_width = 0;
  std::size_t quarter_width = 0;
  for (const Row& r : rows) {
    label_width = std::max(label_width, display_width(r.label));
    quarter_width = std::max(quarter_width, display_width(r.quarter));
  }
  for (const Row& r : rows) {
    std::string line = pad(r.label, label_width + 2) + pad(r.quarter, quarter_width + 2) + r.ytd;
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out << "  " << line << '\n';
  }
}

}  // namespace

std::string totals_table(const Settlement& settlement) {
  const Totals totals = settlement.totals();
  const Figures& all = totals.all;
  const PolicyBook& book = settlement.book();
  std::ostringstream out;
  out << settlement.quarter().to_string() << " 兑现结算 · " << book.spec().title << " (" << book.id() << ")\n\n";
  std::vector<Row> rows;
  rows.push_back({"", "本季度 this quarter", "本年累计 year to date"});
  rows.push_back({"奖励 rewards", amount(all.rewards_quarter), amount(all.rewards_ytd)});
  rows.push_back({"减负 burden reductions", amount(all.burden_quarter), amount(all.burden_ytd)});
  std::string excluded = "不计入合计 excluded";
  if (!book.spec().excluded_categories.empty()) {
    excluded += " (";
    for (std::size_t i = 0; i < book.spec().excluded_categories.size(); ++i)
      excluded += (i ? ", " : "") + book.spec().excluded_categories[i];
    excluded += ")";
  }
  rows.push_back({excluded, amount(all.excluded_quarter), amount(all.excluded_ytd)});
  write_rows(out, rows);
  out << "  受益企业 beneficiaries: " << all.beneficiaries << " 家\n";
  out << "  资金 funding this quarter: 市级 city " << amount(all.city_quarter) << ", 县级 county "
      << amount(all.county_quarter) << "\n\n";

  out << "按政策 by policy:\n";
  std::vector<Row> policy_rows;
  policy_rows.push_back({"", "本季度 this quarter", "本年累计 year to date"});
  for (const auto& [id, f] : totals.by_policy) {
    const auto index = book.find_policy(id);
    const bool reward = index && book.policies()[*index].kind == PolicyKind::reward;
    const bool excluded_policy = index && book.excluded_from_totals(*index);
    const std::int64_t quarter = excluded_policy ? f.excluded_quarter : reward ? f.rewards_quarter : f.burden_quarter;
    const std::int64_t ytd = excluded_policy ? f.excluded_ytd : reward ? f.rewards_ytd : f.burden_ytd;
    std::string label = id;
    if (index) label += " " + book.policies()[*index].title;
    policy_rows.push_back({label, amount(quarter), amount(ytd)});
  }
  write_rows(out, policy_rows);
  return out.str();
}

}  // namespace duixian
