// totals_json: a settlement's totals as JSON, amounts as decimal strings (report.hpp); the
// one document of the command-line program's totals.json and the C ABI's totals.
#include <ostream>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "duixian/report.hpp"

namespace duixian {

namespace {

using Json = nlohmann::ordered_json;

void add_figures(Json& object, const Figures& f) {
  object["rewards_quarter"] = fen_text(f.rewards_quarter);
  object["rewards_ytd"] = fen_text(f.rewards_ytd);
  object["burden_quarter"] = fen_text(f.burden_quarter);
  object["burden_ytd"] = fen_text(f.burden_ytd);
  object["export_rebate_quarter"] = fen_text(f.excluded_quarter);
  object["export_rebate_ytd"] = fen_text(f.excluded_ytd);
  object["beneficiaries"] = f.beneficiaries;
}

Json breakdown(const std::vector<std::pair<std::string, Figures>>& slices) {
  Json object = Json::object();
  for (const auto& [key, figures] : slices) {
    Json slice = Json::object();
    add_figures(slice, figures);
    object[key] = std::move(slice);
  }
  return object;
}

}  // namespace

std::string totals_json(const Settlement& settlement) {
  const Totals totals = settlement.totals();
  Json json = Json::object();
  json["quarter"] = settlement.quarter().to_string();
  json["book"] = settlement.book().id();
  add_figures(json, totals.all);
  json["by_region"] = breakdown(totals.by_region);
  json["by_policy"] = breakdown(totals.by_policy);
  json["by_category"] = breakdown(totals.by_category);
  Json funding = Json::object();
  funding["city"] = Json{{"paid_quarter", fen_text(totals.all.city_quarter)}};
  funding["county"] = Json{{"paid_quarter", fen_text(totals.all.county_quarter)}};
  json["by_funding_level"] = std::move(funding);
  return json.dump(2) + '\n';
}

void write_totals_json(std::ostream& out, const Settlement& settlement) { out << totals_json(settlement); }

}  // namespace duixian
