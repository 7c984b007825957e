// The loaders meet real exports: floods of one problem summarised (nothing lost: exact counts),
// Excel's exponent form and sub-fen money refused, header-only files warned, hints for UTF-16,
// other separators, thousands separators and UTF-8 named as GB18030, Chinese column titles and
// a caller's column map.
#include <gtest/gtest.h>

#include <cstdint>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "duixian/error.hpp"
#include "duixian/loader.hpp"

namespace duixian {
namespace {

MetricSchema schema() {
  MetricSchema s;
  s.add({"equipment_investment", MetricType::money, PeriodKind::year, {}});
  s.add({"output_value", MetricType::money, PeriodKind::quarter, {}});
  s.add({"employees", MetricType::integer, PeriodKind::year, {}});
  s.add({"land_area_sqm", MetricType::quantity, PeriodKind::timeless, {}});
  s.add({"growth_rate", MetricType::decimal, PeriodKind::year, {}});
  s.add({"remark", MetricType::text, PeriodKind::timeless, {}});
  return s;
}

const std::string A = complete_credit_code("91330302", "00000001").to_string();
const std::string B = complete_credit_code("91330381", "00000002").to_string();
const std::string kEnterprisesHeader = "credit_code,name,region,industry,tags,registered_on\n";
const std::string kFactsHeader = "credit_code,metric,period,value\n";

std::string two_enterprises() {
  return kEnterprisesHeader + A + ",甲,330302,C3411,,2010-01-01\n" + B + ",乙,330381,C1952,,2017-03-01\n";
}

std::string all(const Diagnostics& ds) {
  std::string out;
  for (const Diagnostic& d : ds) out += to_string(d) + " [" + d.code + "]\n";
  return out;
}

// The diagnostics of one code.
std::vector<Diagnostic> of_code(const Diagnostics& ds, const std::string& code) {
  std::vector<Diagnostic> out;
  for (const Diagnostic& d : ds) {
    if (d.code == code) out.push_back(d);
  }
  return out;
}

// n fact rows for enterprises that are not in the register, and one bad metric every 1000.
std::string orphan_facts(std::size_t n) {
  std::string csv = kFactsHeader;
  for (std::size_t i = 0; i < n; ++i) {
    csv += complete_credit_code("91330302", std::to_string(10000000 + i)).to_string() + ",output_value,2019Q1,1.00\n";
  }
  return csv;
}

TEST(LoadExports, AFloodOfOneProblemIsListedFirstThenCountedExactly) {
  const std::size_t n = 5000;
  const std::string facts = orphan_facts(n);
  for (const unsigned threads : {1U, 2U}) {
    RegisterBuilder builder(schema());
    Diagnostics d;
    LoadOptions options;
    options.threads = threads;
    options.max_diagnostics_per_code = 10;
    std::size_t streamed = 0;
    std::size_t last_line = 0;
    bool in_order = true;
    options.on_diagnostic = [&](const Diagnostic& x) {
      ++streamed;
      if (x.file != "facts.csv") return;
      in_order = in_order && x.line > last_line;
      last_line = x.line;
    };
    load_enterprises_csv(builder, kEnterprisesHeader, "enterprises.csv", options, d);
    const RowCounts counts = load_facts_csv(builder, facts, "facts.csv", options, d);
    EXPECT_EQ(counts.read, n);
    EXPECT_EQ(counts.rejected, n);
    // enterprises.csv: the no-rows warning; facts.csv: 10 listed, then one summary of the rest.
    ASSERT_EQ(d.size(), 1U + 10U + 1U) << all(d);
    EXPECT_EQ(d[0].code, "no_rows");
    for (std::size_t i = 1; i <= 10; ++i) {
      EXPECT_EQ(d[i].code, "unknown_enterprise");
      EXPECT_EQ(d[i].line, i + 1);  // the first ten rows, in file order
      EXPECT_EQ(d[i].count, 1U);
    }
    const Diagnostic& summary = d.back();
    EXPECT_EQ(summary.file, "facts.csv");
    EXPECT_EQ(summary.line, 0U);
    EXPECT_EQ(summary.severity, Severity::error);
    EXPECT_EQ(summary.code, "unknown_enterprise");
    EXPECT_EQ(summary.count, n - 10);
    EXPECT_EQ(summary.message, "4990 more \"unknown_enterprise\" errors not listed (5000 in all)");
    EXPECT_EQ(problem_count(d, Severity::error), n) << "summaries count what they stand for";
    EXPECT_EQ(problem_count(d, Severity::warning), 1U);
    EXPECT_EQ(streamed, n + 1) << "every diagnostic, listed or not, reaches on_diagnostic";
    EXPECT_TRUE(in_order) << threads << " threads";
  }
}

TEST(LoadExports, TheLimitIsPerFileAndCodeAndZeroListsEverything) {
  RegisterBuilder builder(schema());
  Diagnostics loaded;
  ASSERT_EQ(load_enterprises_csv(builder, two_enterprises(), "e.csv", {}, loaded).accepted, 2U);
  std::string facts = kFactsHeader;
  for (int i = 0; i < 30; ++i) facts += A + ",no_such_metric,2019Q1,1\n";
  for (int i = 0; i < 30; ++i) facts += A + ",output_value,2019Q" + std::to_string(5 + i) + ",1\n";
  LoadOptions five;
  five.max_diagnostics_per_code = 5;
  Diagnostics d;
  load_facts_csv(builder, facts, "f.csv", five, d);
  EXPECT_EQ(of_code(d, "unknown_metric").size(), 6U) << all(d);  // five and a summary
  EXPECT_EQ(of_code(d, "invalid_period").size(), 6U) << all(d);
  EXPECT_EQ(problem_count(d, Severity::error), 60U);
  // The summaries come after every listed diagnostic, in the order the codes first appeared.
  ASSERT_EQ(d.size(), 12U);
  EXPECT_EQ(d[10].code, "unknown_metric");
  EXPECT_EQ(d[10].count, 25U);
  EXPECT_EQ(d[11].code, "invalid_period");

  LoadOptions every;
  every.max_diagnostics_per_code = 0;
  Diagnostics d0;
  load_facts_csv(builder, facts, "f.csv", every, d0);
  EXPECT_EQ(d0.size(), 60U);
  EXPECT_EQ(LoadOptions{}.max_diagnostics_per_code, 100U) << "the documented default";
}

// Loads one facts row with `value` for `metric` and returns its diagnostics.
Diagnostics one_value(const std::string& metric, const std::string& period, const std::string& value,
                      RowCounts* counts = nullptr, std::optional<FactValue>* loaded = nullptr) {
  RegisterBuilder builder(schema());
  Diagnostics d;
  load_enterprises_csv(builder, two_enterprises(), "e.csv", {}, d);
  const RowCounts c = load_facts_csv(builder, kFactsHeader + A + "," + metric + "," + period + "," + value + "\n",
                                     "facts.csv", {}, d);
  if (counts != nullptr) *counts = c;
  if (loaded != nullptr) {
    const Register reg = std::move(builder).build();
    *loaded = reg.fact(0, *reg.schema().find(metric), Period::parse(period));
  }
  return d;
}

TEST(LoadExports, ExponentFormIsRefusedForEveryNumericMetricWithTheReason) {
  for (const auto& [metric, period, value] : std::vector<std::tuple<std::string, std::string, std::string>>{
           {"equipment_investment", "2018", "1.2E+07"},
           {"output_value", "2019Q1", "6e6"},
           {"employees", "2018", "1E3"},
           {"land_area_sqm", "", "1.5e-3"},
           {"growth_rate", "2018", "2.5E-1"}}) {
    RowCounts counts;
    const Diagnostics d = one_value(metric, period, value, &counts);
    ASSERT_EQ(d.size(), 1U) << all(d);
    EXPECT_EQ(d[0].code, "exponent_form") << all(d);
    EXPECT_EQ(d[0].severity, Severity::error);
    EXPECT_EQ(d[0].line, 2U);
    EXPECT_EQ(d[0].column, 19U + 1U + metric.size() + 1U + period.size() + 1U);  // the value's column
    EXPECT_NE(d[0].message.find("how Excel displays a number it has rounded"), std::string::npos) << all(d);
    EXPECT_EQ(counts.rejected, 1U);
  }
  std::optional<FactValue> text;  // a text metric takes the same characters as they are
  EXPECT_TRUE(one_value("remark", "", "1E5", nullptr, &text).empty());
  ASSERT_TRUE(text.has_value());
  EXPECT_EQ(text->as_text(), "1E5");
  EXPECT_THROW(parse_fact_value(schema()[0], "1.2E+07"), Error);  // the public parser agrees
}

TEST(LoadExports, MoneyWithMoreDecimalsThanAFenIsRefusedTrailingZerosAreNot) {
  RowCounts counts;
  const Diagnostics d = one_value("equipment_investment", "2018", "6000000.005", &counts);
  ASSERT_EQ(d.size(), 1U) << all(d);
  EXPECT_EQ(d[0].code, "fraction_of_a_fen");
  EXPECT_NE(d[0].message.find("at most two decimals"), std::string::npos) << all(d);
  EXPECT_EQ(counts.rejected, 1U);

  std::optional<FactValue> v;
  EXPECT_TRUE(one_value("equipment_investment", "2018", "6000000.5000", nullptr, &v).empty());
  ASSERT_TRUE(v.has_value());
  EXPECT_EQ(v->as_number(), Decimal::parse("6000000.50"));
  EXPECT_TRUE(one_value("growth_rate", "2018", "0.125", nullptr, &v).empty()) << "a decimal metric keeps its digits";
  EXPECT_TRUE(one_value("land_area_sqm", "", "1200.125", nullptr, &v).empty()) << "so does a quantity";
}

TEST(LoadExports, ColumnsAreCountedInCharactersNotBytes) {
  // 温州市鹿城区某某有限公司 is 12 characters and 36 bytes of UTF-8: the region after it
  // starts at character 19 + 12 + 2 = 33, at byte 19 + 36 + 2 = 57.
  RegisterBuilder builder(schema());
  Diagnostics d;
  load_enterprises_csv(builder, kEnterprisesHeader + A + ",温州市鹿城区某某有限公司,33030X,C3411,,2010-01-01\n", "e.csv", {}, d);
  ASSERT_EQ(d.size(), 1U) << all(d);
  EXPECT_EQ(d[0].line, 2U);
  EXPECT_EQ(d[0].column, 33U) << all(d);
  // A quoted field: the column is that of its opening quote.
  Diagnostics q;
  RegisterBuilder again(schema());
  load_enterprises_csv(again, kEnterprisesHeader + A + ",\"鹿城,某某\",\"33030X\",C3411,,2010-01-01\n", "e.csv", {}, q);
  ASSERT_EQ(q.size(), 1U) << all(q);
  EXPECT_EQ(q[0].column, 19U + 1U + 7U + 1U) << all(q);
}

TEST(LoadExports, ProgressCountsEachFilesBytesUpToItsSizeOnce) {
  // About 6 MB of facts: three parts of 2 MiB, so the progress is told more than once.
  std::string facts = kFactsHeader;
  for (int i = 0; facts.size() < 6'000'000; ++i) {
    facts += (i % 2 == 0 ? A : B) + ",output_value," + std::to_string(1000 + i / 8) + "Q" +
             std::to_string(1 + (i / 2) % 4) + ",1.00\n";
  }
  for (unsigned threads : {1U, 2U}) {
    std::vector<std::tuple<std::string, std::uint64_t, std::uint64_t>> told;
    LoadOptions options;
    options.threads = threads;
    options.max_diagnostics_per_code = 1;
    options.progress = [&](const std::string& file, std::uint64_t done, std::uint64_t total) {
      told.emplace_back(file, done, total);
    };
    RegisterBuilder builder(schema());
    Diagnostics d;
    load_enterprises_csv(builder, two_enterprises(), "e.csv", options, d);
    load_facts_csv(builder, facts, "facts.csv", options, d);
    ASSERT_GE(told.size(), 4U) << threads;
    EXPECT_EQ(told.front(), std::make_tuple(std::string("e.csv"), std::uint64_t{two_enterprises().size()},
                                            std::uint64_t{two_enterprises().size()}));
    std::uint64_t before = 0;
    std::size_t ends = 0;
    for (std::size_t i = 1; i < told.size(); ++i) {
      const auto& [file, done, total] = told[i];
      EXPECT_EQ(file, "facts.csv");
      EXPECT_EQ(total, facts.size());
      EXPECT_GT(done, before) << "progress goes forward, in file order";
      before = done;
      ends += done == total ? 1 : 0;
    }
    EXPECT_EQ(ends, 1U) << "done == total once per file, last";
    EXPECT_EQ(std::get<1>(told.back()), facts.size());
  }
}

TEST(LoadExports, ThousandsSeparatorsGetAHintQuotedOrNot) {
  const Diagnostics quoted = one_value("output_value", "2019Q1", "\"6,000,000.00\"");
  ASSERT_EQ(quoted.size(), 1U) << all(quoted);
  EXPECT_EQ(quoted[0].code, "thousands_separator");
  EXPECT_NE(quoted[0].message.find("such as 6000000.00"), std::string::npos);

  const Diagnostics unquoted = one_value("output_value", "2019Q1", "6,000,000.00");
  ASSERT_EQ(unquoted.size(), 1U) << all(unquoted);
  EXPECT_EQ(unquoted[0].code, "wrong_field_count");
  EXPECT_NE(unquoted[0].message.find("row has 6 fields, the header has 4"), std::string::npos) << all(unquoted);
  EXPECT_NE(unquoted[0].message.find("thousands separators (6,000,000.00) splits"), std::string::npos);
}

TEST(LoadExports, AHeaderWithNoRowsIsAWarning) {
  RegisterBuilder builder(schema());
  Diagnostics d;
  EXPECT_EQ(load_enterprises_csv(builder, kEnterprisesHeader, "enterprises.csv", {}, d).read, 0U);
  EXPECT_EQ(load_facts_csv(builder, kFactsHeader, "facts.csv", {}, d).read, 0U);
  ASSERT_EQ(d.size(), 2U) << all(d);
  for (const Diagnostic& x : d) {
    EXPECT_EQ(x.code, "no_rows");
    EXPECT_EQ(x.severity, Severity::warning);
    EXPECT_EQ(x.message, "the file has a header and no rows");
  }
  EXPECT_EQ(d[0].file, "enterprises.csv");
  EXPECT_EQ(d[1].file, "facts.csv");
  EXPECT_FALSE(has_errors(d));
}

TEST(LoadExports, WholeFileHintsForWhatExportsLookLike) {
  const auto load = [](const std::string& bytes, LoadOptions options = {}) {
    RegisterBuilder builder(schema());
    Diagnostics d;
    load_enterprises_csv(builder, bytes, "e.csv", options, d);
    return d;
  };
  // UTF-16 little-endian with its byte order mark, as Excel's "Unicode text" writes it.
  std::string utf16 = "\xFF\xFE";
  for (const char c : kEnterprisesHeader) utf16 += std::string{c, '\0'};
  Diagnostics d = load(utf16);
  ASSERT_EQ(d.size(), 1U) << all(d);
  EXPECT_EQ(d[0].code, "utf16");
  EXPECT_NE(d[0].message.find("UTF-16"), std::string::npos);
  d = load(utf16.substr(2));  // and without the mark: NUL bytes give it away
  ASSERT_EQ(d.size(), 1U) << all(d);
  EXPECT_EQ(d[0].code, "utf16");

  d = load("credit_code;name;region;industry;tags;registered_on\n");
  ASSERT_EQ(d.size(), 1U) << all(d);
  EXPECT_EQ(d[0].code, "missing_columns");
  EXPECT_NE(d[0].message.find("separated by semicolons"), std::string::npos) << all(d);
  d = load("credit_code\tname\tregion\tindustry\ttags\tregistered_on\n");
  ASSERT_EQ(d.size(), 1U) << all(d);
  EXPECT_NE(d[0].message.find("tab-separated"), std::string::npos) << all(d);

  LoadOptions gb;
  gb.encoding = TextEncoding::gb18030;
  d = load(two_enterprises(), gb);  // UTF-8 with Chinese names, named as GB18030
  ASSERT_EQ(d.size(), 1U) << all(d);
  EXPECT_EQ(d[0].code, "utf8_read_as_gb18030");
  EXPECT_NE(d[0].message.find("--encoding utf-8"), std::string::npos);
  EXPECT_TRUE(load(kEnterprisesHeader + A + ",A Co,330302,C3411,,2010-01-01\n", gb).empty())
      << "plain ASCII is the same in both: no complaint";
}

TEST(LoadExports, ChineseColumnTitlesAreAliasesAndMayBeMixedWithEnglish) {
  RegisterBuilder builder(schema());
  Diagnostics d;
  const std::string enterprises = "成立日期,统一社会信用代码,企业名称,行政区划代码,行业代码,tags\n2010-01-01," + A +
                                  ",甲,330302,C3411,above_scale\n";
  ASSERT_EQ(load_enterprises_csv(builder, enterprises, "企业.csv", {}, d).accepted, 1U) << all(d);
  const std::string facts = "统一社会信用代码,指标,期间,数值\n" + A + ",output_value,2019Q1,1200000.00\n";
  ASSERT_EQ(load_facts_csv(builder, facts, "指标.csv", {}, d).accepted, 1U) << all(d);
  EXPECT_TRUE(d.empty()) << all(d);
  const Register reg = std::move(builder).build();
  EXPECT_EQ(reg[0].name, "甲");
  EXPECT_EQ(reg[0].tags, std::vector<std::string>{"above_scale"});
  EXPECT_EQ(reg.number(0, 1, Period::parse("2019Q1"))->to_string(), "1200000.00");
}

TEST(LoadExports, NamingAColumnTwiceByAnyOfItsNamesIsAnError) {
  RegisterBuilder builder(schema());
  Diagnostics d;
  const std::string csv = "credit_code,name,region,industry,tags,registered_on,统一社会信用代码\n" + A +
                          ",甲,330302,C3411,,2010-01-01," + B + "\n";
  load_enterprises_csv(builder, csv, "e.csv", {}, d);
  const auto dup = of_code(d, "duplicate_column");
  ASSERT_EQ(dup.size(), 1U) << all(d);
  EXPECT_EQ(dup[0].line, 1U);
  EXPECT_EQ(dup[0].column, 53U);  // where 统一社会信用代码 starts
  EXPECT_EQ(dup[0].message,
            "column \"统一社会信用代码\" (read as \"credit_code\") names the same column as field 1, \"credit_code\"");
  EXPECT_TRUE(has_errors(d));
}

TEST(LoadExports, ACallersColumnMapNamesAnyOtherTitle) {
  const ColumnNames map = parse_column_names(
      R"({"enterprises": {"纳税人识别号": "credit_code", "单位名称": "name"}, "facts": {"金额": "value"}})", "map.json");
  LoadOptions options;
  options.columns = map;
  RegisterBuilder builder(schema());
  Diagnostics d;
  const std::string enterprises = "纳税人识别号,单位名称,行政区划代码,industry,tags,registered_on\n" + A +
                                  ",甲,330302,C3411,,2010-01-01\n";
  ASSERT_EQ(load_enterprises_csv(builder, enterprises, "e.csv", options, d).accepted, 1U) << all(d);
  ASSERT_EQ(load_facts_csv(builder, "credit_code,metric,period,金额\n" + A + ",output_value,2019Q1,5.00\n", "f.csv",
                           options, d)
                .accepted,
            1U)
      << all(d);
  EXPECT_TRUE(d.empty()) << all(d);
  // Without the map, the titles it names are not columns: the error lists the Chinese titles.
  RegisterBuilder plain(schema());
  Diagnostics missing;
  load_enterprises_csv(plain, enterprises, "e.csv", {}, missing);
  ASSERT_EQ(missing.size(), 1U) << all(missing);
  EXPECT_EQ(missing[0].code, "missing_columns");
  EXPECT_NE(missing[0].message.find("统一社会信用代码 (credit_code)"), std::string::npos) << all(missing);
  EXPECT_NE(missing[0].message.find("--columns"), std::string::npos) << all(missing);
}

TEST(LoadExports, AColumnMapWithMistakesIsRefusedNamingTheFileAndPlace) {
  const auto message = [](const std::string& json) {
    try {
      parse_column_names(json, "map.json");
    } catch (const Error& e) {
      return std::string(e.message());
    }
    return std::string("accepted");
  };
  EXPECT_NE(message("{\"enterprise\": {}}").find("map.json:1:2: error: unknown key \"enterprise\""), std::string::npos)
      << message("{\"enterprise\": {}}");
  EXPECT_NE(message("{\"facts\": {\"金额\": \"amount\"}}").find("\"amount\" is not a column of facts files"),
            std::string::npos);
  EXPECT_NE(message("{\"facts\": {\"金额\": 3}}").find("must be a string"), std::string::npos);
  EXPECT_NE(message("[1]").find("a column map is an object"), std::string::npos);
  EXPECT_NE(message("{\"facts\": ").find("map.json:1:"), std::string::npos) << message("{\"facts\": ");
  EXPECT_EQ(message("{}"), "accepted");
}

TEST(LoadExports, EveryLoaderDiagnosticHasACode) {
  RegisterBuilder builder(schema());
  Diagnostics d;
  load_enterprises_csv(builder,
                       kEnterprisesHeader + A + ",甲,330302,C3411,,2010-01-01\n" + A + ",甲,330302,C3411,,2010-01-01\n" +
                           "x,,999999,C01,Bad Tag,2019-02-30\n" + B + ",,330302,C3411,,2010-01-01\n" + B +
                           ",乙,999999,C3411,,2010-01-01\n" + B + ",乙,330302,C01,,2010-01-01\n" + B +
                           ",乙,330302,C3411,Bad Tag,2010-01-01\n" + B + ",乙,330302,C3411,,2010-02-30\n" + B +
                           ",\"x\"y,330302\n",
                       "e.csv", {}, d);
  load_facts_csv(builder,
                 kFactsHeader + A + ",no_metric,2019Q1,1\n" + A + ",output_value,2019,1\n" + A +
                     ",output_value,2019Q9,1\n" + A + ",output_value,2019Q1,x\n" + A + ",output_value,2019Q2,1\n" + A +
                     ",output_value,2019Q2,2\n" + A + ",output_value,2019Q2,1\n" + B + ",output_value,2019Q1,1\n",
                 "f.csv", {}, d);
  std::vector<std::string> codes;
  for (const Diagnostic& x : d) {
    EXPECT_FALSE(x.code.empty()) << to_string(x);
    codes.push_back(x.code);
  }
  EXPECT_EQ(codes, (std::vector<std::string>{"duplicate_enterprise", "invalid_credit_code", "empty_name", "invalid_region",
                                             "invalid_industry", "invalid_tags", "invalid_date", "malformed_record",
                                             "unknown_metric", "wrong_period_kind", "invalid_period", "invalid_value",
                                             "conflicting_fact", "repeated_fact", "unknown_enterprise"}))
      << all(d);
}

}  // namespace
}  // namespace duixian
