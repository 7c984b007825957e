// Rendering a line's explanation: `to_text` for a clerk (Chinese, one step a line, amounts in
// 元 via format_money) and `to_json` for an auditor (nlohmann::ordered_json, keys in member
// order, every amount as a decimal string with two places, every rational exact).
#include <cstdint>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "duixian/explanation.hpp"
#include "duixian/money.hpp"

namespace duixian {
namespace {

using Json = nlohmann::ordered_json;

// A whole number of fen as plain decimal text with two places: 140950 → "1409.50".
std::string amount_text(std::int64_t fen) { return Money::from_fen(fen).to_string(); }

// The same for a clerk: grouped, in 元: 140950 → "1,409.50元".
std::string yuan(std::int64_t fen) { return format_money(Money::from_fen(fen), MoneyUnit::yuan); }

// A rational exactly: a decimal when its reduced denominator is 2^a·5^b (and it fits a
// Decimal), else "numerator/denominator" in lowest terms: 5/2 → "2.5", 1/3 → "1/3".
std::string rational_text(const Rational& r) {
  if (const std::optional<Decimal> d = r.to_decimal()) return d->to_string();
  return r.reduced().to_string();
}

// The period a computation is for: "2019" (the year) or "2019Q2".
std::string period_label(int year, std::uint8_t quarter) {
  std::string label = std::to_string(year);
  if (quarter != 0) label += "Q" + std::to_string(quarter);
  return label;
}

const char* reason_text(OmissionReason reason) {
  switch (reason) {
    case OmissionReason::missing_fact: return "缺少所需数据";
    case OmissionReason::no_tier: return "未达到任何档次";
    case OmissionReason::negative_amount: return "计算结果为负, 不予兑现";
    case OmissionReason::outside_year: return "日期不在本政策年度内";
    case OmissionReason::not_yet_due: return "日期在结算季度之后, 尚未到期";
    case OmissionReason::cap_unknown: return "企业总量上限无法计算";
  }
  return "未知原因";
}

const char* kind_text(const std::string& kind) {
  if (kind == "reward") return "奖励";
  if (kind == "burden_reduction") return "降本减负";
  return nullptr;
}

const char* basis_text(const std::string& basis) {
  if (basis == "annual") return "按年度计算";
  if (basis == "per_quarter") return "按季度计算";
  if (basis == "event") return "按事件计算";
  return nullptr;
}

// A share as a percentage: 0.50 → "50%", 0.305 → "30.5%".
std::string percent(const Decimal& share) { return (share * Decimal(100)).normalized().to_string() + "%"; }

Json computation_json(const ComputationStep& c, int year) {
  Json j;
  j["quarter"] = c.quarter;
  j["period"] = period_label(year, c.quarter);
  j["in_force"] = c.in_force;
  j["eligibility"] = c.eligibility;
  j["eligible"] = c.eligible;
  j["formula"] = c.formula;
  if (c.omitted) j["omitted"] = to_string(*c.omitted);
  if (c.exact) j["exact"] = rational_text(*c.exact);
  if (c.line_cap) j["line_cap"] = rational_text(*c.line_cap);
  j["rounding_places"] = c.rounding_places;
  j["rounding_mode"] = to_string(c.rounding_mode);
  j["rounded"] = amount_text(c.rounded_fen);
  if (c.stacking) {
    const StackingStep& s = *c.stacking;
    Json st;
    st["group"] = s.group;
    st["rule"] = s.rule;
    st["kept"] = s.kept;
    st["winner"] = s.winner;
    st["winner_amount"] = amount_text(s.winner_fen);
    j["stacking"] = std::move(st);
  }
  j["after_stacking"] = amount_text(c.after_stacking_fen);
  if (c.budget) {
    const BudgetStep& b = *c.budget;
    Json bj;
    bj["budget"] = amount_text(b.budget_fen);
    bj["claimed"] = amount_text(b.claimed_fen);
    bj["floor"] = amount_text(b.floor_fen);
    bj["extra"] = amount_text(b.extra_fen);
    bj["allocated"] = amount_text(b.allocated_fen);
    j["budget"] = std::move(bj);
  }
  j["amount"] = amount_text(c.amount_fen);
  if (c.due_date) j["due_date"] = c.due_date->to_string();
  return j;
}

Json due_json(const DueStep& d) {
  Json j;
  j["quarter"] = d.quarter;
  j["scheduled"] = amount_text(d.scheduled_fen);
  j["schedule"] = d.schedule;
  if (d.annual_cap_fen) j["annual_cap"] = amount_text(*d.annual_cap_fen);
  j["annual_cap_used_before"] = amount_text(d.annual_cap_used_before_fen);
  j["after_annual_cap"] = amount_text(d.after_annual_cap_fen);
  if (d.enterprise_cap_fen) j["enterprise_cap"] = amount_text(*d.enterprise_cap_fen);
  j["enterprise_cap_used_before"] = amount_text(d.enterprise_cap_used_before_fen);
  j["capped"] = amount_text(d.capped_fen);
  return j;
}

void computation_text(std::string& out, const ComputationStep& c, int year) {
  out += period_label(year, c.quarter);
  out += c.quarter == 0 ? " 年度: " : ": ";
  if (!c.in_force) {
    out += "不在政策有效期内, 不计算";
  } else if (c.eligibility.empty()) {
    out += c.eligible ? "资格 无条件" : "资格 无条件, 不符合";
  } else {
    out += "资格 " + c.eligibility + (c.eligible ? " → 符合" : " → 不符合");
  }
  out += '\n';

  if (!c.formula.empty() || c.exact || c.line_cap || c.rounded_fen != 0) {
    out += "  金额";
    if (!c.formula.empty()) out += " " + c.formula;
    if (c.exact) out += "; 精确值 " + rational_text(*c.exact);
    if (c.line_cap) out += "; 单项上限 " + rational_text(*c.line_cap);
    out += " → 取整(" + std::to_string(c.rounding_places) + " 位, " + to_string(c.rounding_mode) + ") " +
           yuan(c.rounded_fen) + "\n";
  }
  if (c.omitted) {
    out += "  未计算: ";
    out += reason_text(*c.omitted);
    out += " (";
    out += to_string(*c.omitted);
    out += ")\n";
  }
  if (c.stacking) {
    const StackingStep& s = *c.stacking;
    out += "  就高不重复(" + s.group + ", " + s.rule + "): ";
    out += s.kept ? "保留" : "让位于 " + s.winner;
    out += " (组内取 " + s.winner + " " + yuan(s.winner_fen) + ") → " + yuan(c.after_stacking_fen) + "\n";
  }
  if (c.budget) {
    const BudgetStep& b = *c.budget;
    out += "  预算 " + yuan(b.budget_fen) + " < 申报合计 " + yuan(b.claimed_fen) + ": 按比例向下取整 " +
           yuan(b.floor_fen) + " + 余数 " + yuan(b.extra_fen) + " = " + yuan(b.allocated_fen) + "\n";
  }
  if (c.in_force) {
    out += "  计入兑现进度 " + yuan(c.amount_fen);
    if (c.due_date) out += ", 到期日 " + c.due_date->to_string() + " (所在季度兑现)";
    out += "\n";
  }
}

void due_text(std::string& out, const DueStep& d, int year) {
  out += period_label(year, d.quarter) + ": ";
  if (!d.schedule.empty()) out += d.schedule + " = ";
  out += yuan(d.scheduled_fen);
  if (d.annual_cap_fen) {
    out += "; 政策年度上限 " + yuan(*d.annual_cap_fen) + ", 此前已用 " + yuan(d.annual_cap_used_before_fen) +
           " → " + yuan(d.after_annual_cap_fen);
  }
  if (d.enterprise_cap_fen) {
    out += "; 企业总量上限 " + yuan(*d.enterprise_cap_fen) + ", 此前已用 " + yuan(d.enterprise_cap_used_before_fen);
  }
  out += " → 本季应兑现 " + yuan(d.capped_fen) + "\n";
}

}  // namespace

std::string to_text(const LineExplanation& e) {
  const int year = e.quarter.year();
  std::string out;
  out += e.credit_code;
  if (!e.enterprise_name.empty()) out += " " + e.enterprise_name;
  if (!e.region.empty()) out += " (" + e.region + ")";
  if (e.enterprise_name.empty() && e.region.empty()) out += " (已不在登记册中)";
  out += " — " + e.policy_id;
  if (!e.policy_title.empty()) out += " " + e.policy_title;
  out += ", " + e.quarter.to_string() + "\n";

  const char* kind = kind_text(e.kind);
  const char* basis = basis_text(e.basis);
  out += "类型 ";
  out += kind != nullptr ? kind : e.kind.c_str();
  out += ", ";
  out += basis != nullptr ? basis : e.basis.c_str();
  if (!e.category.empty()) out += ", 类别 " + e.category;
  out += "\n";

  for (const ComputationStep& c : e.computations) computation_text(out, c, year);
  for (const DueStep& d : e.dues) due_text(out, d, year);

  const bool reward = e.kind == "reward";
  out += "累计 " + yuan(e.cumulative_fen) + (reward ? " − 已兑现 " : " − 已报告 ") + yuan(e.previously_paid_fen) +
         (reward ? " = 本季兑现 " : " = 本季报告 ") + yuan(e.payout_fen);
  if (e.payout_fen < 0) out += " (追回)";
  if (e.city_share) {
    out += "; 市级 " + percent(*e.city_share) + " " + yuan(e.city_fen) + ", 县级 " + yuan(e.county_fen);
  } else if (e.city_fen != 0 || e.county_fen != 0) {
    out += "; 市级 " + yuan(e.city_fen) + ", 县级 " + yuan(e.county_fen);
  }
  out += "\n";
  return out;
}

std::string to_json(const LineExplanation& e) {
  const int year = e.quarter.year();
  Json j;
  j["credit_code"] = e.credit_code;
  j["enterprise_name"] = e.enterprise_name;
  j["region"] = e.region;
  j["policy_id"] = e.policy_id;
  j["policy_title"] = e.policy_title;
  j["kind"] = e.kind;
  j["category"] = e.category;
  j["basis"] = e.basis;
  j["quarter"] = e.quarter.to_string();
  Json computations = Json::array();
  for (const ComputationStep& c : e.computations) computations.push_back(computation_json(c, year));
  j["computations"] = std::move(computations);
  Json dues = Json::array();
  for (const DueStep& d : e.dues) dues.push_back(due_json(d));
  j["dues"] = std::move(dues);
  j["cumulative"] = amount_text(e.cumulative_fen);
  j["previously_paid"] = amount_text(e.previously_paid_fen);
  j["payout"] = amount_text(e.payout_fen);
  if (e.city_share) j["city_share"] = e.city_share->to_string();
  j["city"] = amount_text(e.city_fen);
  j["county"] = amount_text(e.county_fen);
  // Text comes from validated UTF-8 (register, book); `replace` keeps a bad byte from throwing here.
  return j.dump(2, ' ', false, Json::error_handler_t::replace);
}

}  // namespace duixian
