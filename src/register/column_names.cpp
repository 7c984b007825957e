// Column names: the built-in Chinese aliases and the JSON column map (loader.hpp).
#include "register/column_names.hpp"

#include <array>
#include <utility>

#include "duixian/error.hpp"
#include "support/json_reader.hpp"

namespace duixian {

namespace detail {

namespace {

using Alias = std::pair<std::string_view, std::string_view>;  // header name → column

// The names of the national data standards' fields, as exports of 企业登记 and tax systems
// title them (listed in docs/register.md).
constexpr std::array<Alias, 6> kEnterpriseAliases{{{"统一社会信用代码", "credit_code"},
                                                   {"企业名称", "name"},
                                                   {"行政区划代码", "region"},
                                                   {"行业代码", "industry"},
                                                   {"标签", "tags"},
                                                   {"成立日期", "registered_on"}}};
constexpr std::array<Alias, 4> kFactAliases{
    {{"统一社会信用代码", "credit_code"}, {"指标", "metric"}, {"期间", "period"}, {"数值", "value"}}};

template <std::size_t N>
std::string_view find_alias(const std::array<Alias, N>& table, std::string_view name) {
  for (const Alias& a : table) {
    if (a.first == name) return a.second;
  }
  return {};
}

}  // namespace

const std::vector<std::string_view>& documented_columns(CsvFileKind kind) {
  static const std::vector<std::string_view> enterprises{"credit_code", "name", "region",
                                                         "industry", "tags", "registered_on"};
  static const std::vector<std::string_view> facts{"credit_code", "metric", "period", "value"};
  return kind == CsvFileKind::enterprises ? enterprises : facts;
}

std::string_view column_for(std::string_view header_name, CsvFileKind kind, const ColumnNames& user) {
  const auto& map = kind == CsvFileKind::enterprises ? user.enterprises : user.facts;
  if (const auto it = map.find(std::string(header_name)); it != map.end()) return it->second;
  const std::string_view alias = kind == CsvFileKind::enterprises ? find_alias(kEnterpriseAliases, header_name)
                                                                   : find_alias(kFactAliases, header_name);
  return alias.empty() ? header_name : alias;
}

std::string_view builtin_alias(std::string_view column, CsvFileKind kind) {
  const auto search = [&](const auto& table) -> std::string_view {
    for (const Alias& a : table) {
      if (a.second == column) return a.first;
    }
    return {};
  };
  return kind == CsvFileKind::enterprises ? search(kEnterpriseAliases) : search(kFactAliases);
}

}  // namespace detail

ColumnNames parse_column_names(std::string_view json_text, const std::string& source_name) {
  const JsonDocument doc = read_json(json_text, source_name, JsonReaderLimits{std::size_t{1} << 20, 8, 10000});
  const auto fail = [&](const JsonPosition& at, const std::string& message) {
    Diagnostic d{source_name, at.line, at.column, Severity::error, message, "invalid_column_map"};
    throw Error(ErrorCode::parse_error, to_string(d));
  };
  for (const Diagnostic& d : doc.diagnostics) {
    if (d.severity == Severity::error) throw Error(ErrorCode::parse_error, to_string(d));
  }
  if (doc.root.kind != JsonKind::object) {
    fail(doc.root.position, "a column map is an object such as {\"enterprises\": {\"纳税人识别号\": \"credit_code\"}, "
                            "\"facts\": {\"金额\": \"value\"}}");
  }
  ColumnNames out;
  for (const JsonMember& file : doc.root.members) {
    const bool enterprises = file.key == "enterprises";
    if (!enterprises && file.key != "facts") {
      fail(file.key_position, "unknown key \"" + file.key + "\" (expected \"enterprises\" or \"facts\")");
    }
    if (file.value.kind != JsonKind::object) {
      fail(file.value.position, "\"" + file.key + "\" must be an object of header name → column, got " +
                                    to_string(file.value.kind));
    }
    const detail::CsvFileKind kind = enterprises ? detail::CsvFileKind::enterprises : detail::CsvFileKind::facts;
    const auto& columns = detail::documented_columns(kind);
    for (const JsonMember& m : file.value.members) {
      if (m.value.kind != JsonKind::string) {
        fail(m.value.position, "the column for header \"" + m.key + "\" must be a string, got " + to_string(m.value.kind));
      }
      bool known = false;
      std::string list;
      for (std::string_view c : columns) {
        known = known || c == m.value.text;
        list += (list.empty() ? "" : ", ") + std::string(c);
      }
      if (!known) {
        fail(m.value.position, "\"" + m.value.text + "\" is not a column of " + file.key + " files (expected one of " +
                                   list + ")");
      }
      (enterprises ? out.enterprises : out.facts)[m.key] = m.value.text;
    }
  }
  return out;
}

}  // namespace duixian
