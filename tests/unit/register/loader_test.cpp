// The CSV loaders: every bad-row kind is reported with file, line, column and reason;
// the good rows all arrive; the counts add up.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "duixian/loader.hpp"
#include "wenzhou_data.hpp"

namespace duixian {
namespace {

MetricSchema schema() {
  MetricSchema s;
  s.add({"equipment_investment", MetricType::money, PeriodKind::year, {}});
  s.add({"output_value", MetricType::money, PeriodKind::quarter, {}});
  s.add({"per_mu_grade", MetricType::enumeration, PeriodKind::year, {"A", "B", "C", "D"}});
  s.add({"park_entry_date", MetricType::date, PeriodKind::timeless, {}});
  s.add({"land_area_sqm", MetricType::quantity, PeriodKind::timeless, {}});
  return s;
}

const std::string A = complete_credit_code("91330302", "00000001").to_string();
const std::string B = complete_credit_code("91330381", "00000002").to_string();
const std::string C = complete_credit_code("91330382", "00000003").to_string();
const std::string D = complete_credit_code("91330302", "00000004").to_string();
const std::string NOT_REGISTERED = complete_credit_code("91330302", "00000099").to_string();
std::string altered(std::string code) {
  code.back() = code.back() == '0' ? '1' : '0';
  return code;
}

struct Expected {
  std::size_t line;
  std::size_t column;
  std::string fragment;
};

void expect_errors(const Diagnostics& got, const std::vector<Expected>& expected) {
  std::vector<Diagnostic> errors;
  for (const Diagnostic& d : got) {
    if (d.severity == Severity::error) errors.push_back(d);
  }
  ASSERT_EQ(errors.size(), expected.size()) << [&] {
    std::string all;
    for (const Diagnostic& d : got) all += to_string(d) + "\n";
    return all;
  }();
  for (std::size_t i = 0; i < expected.size(); ++i) {
    EXPECT_EQ(errors[i].line, expected[i].line) << to_string(errors[i]);
    EXPECT_EQ(errors[i].column, expected[i].column) << to_string(errors[i]);
    EXPECT_NE(errors[i].message.find(expected[i].fragment), std::string::npos)
        << to_string(errors[i]) << "\n  expected to contain: " << expected[i].fragment;
  }
}

TEST(LoadEnterprises, ReportsEachBadRowKindAndKeepsEveryGoodRow) {
  const std::string csv =
      "registered_on,credit_code,name,region,industry,tags\n"                          // 1 (any column order)
      "2010-05-04," + A + ",\"温州\"\"宏达\"\",机械有限公司\",330302,C3411,above_scale;in_micro_park\n"  // 2 good
      "2017-03-01," + B + ",瑞安某某科技,330381,C1952,\n"                                // 3 good, no tags
      "2010-01-01," + altered(C) + ",坏校验,330302,C3411,\n"                            // 4 bad check character
      "2010-01-01," + A + ",重复,330302,C3411,\n"                                        // 5 duplicate enterprise
      "2010-01-01," + C + ",区划错,999999,C3411,\n"                                      // 6 bad region
      "2010-01-01," + C + ",行业错,330302,C01,\n"                                        // 7 industry/section
      "2019-02-29," + C + ",日期错,330302,C3411,\n"                                      // 8 impossible date
      "2010-01-01," + C + ",标签错,330302,C3411,Above Scale\n"                           // 9 bad tag
      "2010-01-01," + C + ",,330302,C3411,\n"                                            // 10 empty name
      "2010-01-01," + C + ",少列,330302\n"                                               // 11 too few fields
      "2010-01-01," + C + ",\"多行\n名称\",330382,C3411,\n"                              // 12-13 good, multi-line
      "2010-01-01," + D + ",x\"y,330302,C3411,\n";                                       // 14 stray quote
  RegisterBuilder builder(schema());
  Diagnostics diagnostics;
  const RowCounts counts = load_enterprises_csv(builder, csv, "enterprises.csv", {}, diagnostics);
  expect_errors(diagnostics, {
                                 {4, 12, "check character should be"},
                                 {5, 12, "duplicate enterprise " + A + " (first on line 2)"},
                                 {6, 35, "999999"},
                                 {7, 42, "division 01 belongs to section A"},
                                 {8, 1, "2019-02-29"},
                                 {9, 48, "tag \"Above Scale\" must match"},
                                 {10, 31, "the name is empty"},
                                 {11, 0, "row has 4 fields, the header has 6"},
                                 {14, 32, "quote inside an unquoted field"},
                             });
  for (const Diagnostic& d : diagnostics) EXPECT_EQ(d.file, "enterprises.csv");
  EXPECT_EQ(counts.read, 12u);
  EXPECT_EQ(counts.accepted, 3u);
  EXPECT_EQ(counts.rejected, 9u);
  EXPECT_EQ(counts.read, counts.accepted + counts.rejected);

  const Register reg = std::move(builder).build();
  ASSERT_EQ(reg.size(), 3u);
  EXPECT_EQ(reg[0].name, "温州\"宏达\",机械有限公司");
  EXPECT_EQ(reg[0].tags, (std::vector<std::string>{"above_scale", "in_micro_park"}));
  EXPECT_EQ(reg[0].registered_on, Date::parse("2010-05-04"));
  EXPECT_EQ(reg[1].region.code(), 330381);
  EXPECT_TRUE(reg[1].tags.empty());
  EXPECT_EQ(reg[2].name, "多行\n名称");
  EXPECT_EQ(reg[2].industry.to_string(), "C3411");
}

TEST(LoadFacts, ReportsEachBadRowKindAndKeepsEveryGoodRow) {
  RegisterBuilder builder(schema());
  Diagnostics diagnostics;
  const std::string enterprises = "credit_code,name,region,industry,tags,registered_on\n" + A +
                                  ",甲,330302,C3411,,2010-01-01\n" + B + ",乙,330381,C1952,,2017-03-01\n";
  ASSERT_EQ(load_enterprises_csv(builder, enterprises, "enterprises.csv", {}, diagnostics).accepted, 2u);
  const std::string csv =
      "credit_code,metric,period,value\n"                       // 1
      + A + ",equipment_investment,2018,6000000.00\n"           // 2 good
      + A + ",output_value,2019Q1,1200000\n"                    // 3 good
      + A + ",outptu_value,2019Q1,1\n"                          // 4 unknown metric
      + A + ",output_value,2019,1\n"                            // 5 period of the wrong kind
      + A + ",per_mu_grade,2018,E\n"                            // 6 value of the wrong type (enum)
      + A + ",park_entry_date,,2019-13-01\n"                    // 7 value of the wrong type (date)
      + NOT_REGISTERED + ",output_value,2019Q1,1\n"             // 8 fact for an unknown enterprise
      + A + ",equipment_investment,2018,6000001\n"              // 9 same fact, different value
      + A + ",equipment_investment,2018,6000000.0\n"            // 10 same fact, same value: warning only
      + altered(B) + ",output_value,2019Q1,1\n"                 // 11 bad check character
      + B + ",land_area_sqm,,1200.5\n"                          // 12 good, timeless
      + B + ",output_value,2019Q5,1\n"                          // 13 impossible period
      + B + ",output_value,2019Q2,\"1,000\"\n"                  // 14 grouping in a value
      + B + ",per_mu_grade,2018,B\n";                           // 15 good
  const RowCounts counts = load_facts_csv(builder, csv, "facts.csv", {}, diagnostics);
  expect_errors(diagnostics, {
                                 {4, 20, "unknown metric \"outptu_value\" (expected one of equipment_investment, "},
                                 {5, 33, "metric output_value is kept per quarter, but the period \"2019\" is a year"},
                                 {6, 38, "\"E\" is not a value of per_mu_grade (expected one of A, B, C, D)"},
                                 {7, 37, "expected a date YYYY-MM-DD"},
                                 {8, 1, "no enterprise " + NOT_REGISTERED + " in the register"},
                                 {9, 46, "is already 6000000.00, not 6000001"},
                                 {11, 1, "check character should be"},
                                 {13, 33, "2019Q5"},
                                 {14, 40, "grouping"},
                             });
  EXPECT_EQ(counts.read, 14u);
  EXPECT_EQ(counts.accepted, 5u);  // rows 2, 3, 10 (identical duplicate), 12, 15
  EXPECT_EQ(counts.rejected, 9u);
  std::size_t warnings = 0;
  for (const Diagnostic& d : diagnostics) warnings += d.severity == Severity::warning ? 1 : 0;
  EXPECT_EQ(warnings, 1u);

  const Register reg = std::move(builder).build();
  EXPECT_EQ(reg.fact_count(), 4u);
  EXPECT_EQ(reg.number(0, 0, Period::parse("2018"))->to_string(), "6000000.00");
  EXPECT_EQ(reg.number(0, 1, Period::parse("2019Q1"))->to_string(), "1200000");
  EXPECT_EQ(reg.number(1, 4, Period::parse(""))->to_string(), "1200.5");
  EXPECT_EQ(reg.fact(1, 2, Period::parse("2018"))->as_text(), "B");
  EXPECT_FALSE(reg.number(1, 1, Period::parse("2019Q2")).has_value());
}

TEST(LoadFacts, RevisionReplacesValues) {
  RegisterBuilder builder(schema());
  Diagnostics diagnostics;
  load_enterprises_csv(builder, "credit_code,name,region,industry,tags,registered_on\n" + A + ",甲,330302,C3411,,2010-01-01\n",
                       "e.csv", {}, diagnostics);
  load_facts_csv(builder, "credit_code,metric,period,value\n" + A + ",equipment_investment,2018,6000000\n", "f.csv", {},
                 diagnostics);
  const RowCounts revised = load_facts_csv(
      builder, "credit_code,metric,period,value\n" + A + ",equipment_investment,2018,5500000\n", "r.csv", {},
      diagnostics, FactMode::revise);
  EXPECT_FALSE(has_errors(diagnostics));
  EXPECT_EQ(revised.accepted, 1u);
  EXPECT_EQ(builder.view().number(0, 0, Period::parse("2018"))->to_string(), "5500000");
}

TEST(LoadCsv, WholeFileProblems) {
  RegisterBuilder builder(schema());
  Diagnostics d1;
  EXPECT_EQ(load_enterprises_csv(builder, "", "empty.csv", {}, d1).read, 0u);
  expect_errors(d1, {{0, 0, "the file is empty"}});

  Diagnostics d2;
  load_enterprises_csv(builder, "credit_code,name,region\n", "e.csv", {}, d2);
  expect_errors(d2, {{1, 0, "missing required columns"}});

  Diagnostics d3;  // "中" in GBK is D6 D0: not UTF-8
  load_enterprises_csv(builder, "credit_code,name\n\xD6\xD0", "gbk.csv", {}, d3);
  ASSERT_TRUE(has_errors(d3));
  EXPECT_NE(d3[0].message.find("gb18030"), std::string::npos) << to_string(d3[0]);
  EXPECT_EQ(d3[0].line, 2u);

  Diagnostics d4;  // an unused column is worth a warning, not an error
  const std::string ok = "credit_code,name,region,industry,tags,registered_on,remark\n" + A +
                         ",甲,330302,C3411,,2010-01-01,x\n";
  EXPECT_EQ(load_enterprises_csv(builder, ok, "e.csv", {}, d4).accepted, 1u);
  ASSERT_EQ(d4.size(), 1u);
  EXPECT_EQ(d4[0].severity, Severity::warning);
  EXPECT_NE(d4[0].message.find("\"remark\" is not used"), std::string::npos);
}

TEST(LoadCsv, ReadsGb18030WhenNamed) {
  // 甲 in GB18030 is BC D7; the rest is ASCII.
  const std::string gbk = "credit_code,name,region,industry,tags,registered_on\r\n" + A +
                          ",\xBC\xD7,330302,C3411,,2010-01-01\r\n";
  RegisterBuilder builder(schema());
  Diagnostics diagnostics;
  LoadOptions options;
  options.encoding = TextEncoding::gb18030;
  EXPECT_EQ(load_enterprises_csv(builder, gbk, "gbk.csv", options, diagnostics).accepted, 1u);
  EXPECT_TRUE(diagnostics.empty());
  EXPECT_EQ(builder.view()[0].name, "甲");
}

// A facts file big enough to be read in parts (2 MiB each) on several threads, rows
// shuffled, with bad rows planted near the parts' edges and between them: the register,
// the counts and every diagnostic (line, column, message, order) are the same at 1, 2 and
// 8 threads, and agree with what was planted.
TEST(LoadFacts, ThreadsGiveTheSameRegisterCountsAndDiagnostics) {
  datagen::GeneratorOptions generate{20000, 2019};
  generate.shuffle = true;
  const datagen::GeneratedData data = datagen::generate_wenzhou_2019(generate);
  ASSERT_GT(data.facts.size(), 8u << 20);  // at least four parts
  // Every 50,000th line gets five bad rows and a repeat of itself before it.
  std::vector<std::string> lines;
  for (std::size_t at = 0; at < data.facts.size();) {
    const std::size_t end = data.facts.find('\n', at);
    lines.push_back(data.facts.substr(at, end - at));
    at = end + 1;
  }
  const std::string code = lines[1].substr(0, 18);
  std::string facts;
  std::size_t planted_errors = 0, planted_warnings = 0;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (i > 1 && i % 50000 == 0) {
      facts += altered(code) + ",output_value,2019Q1,1.00\n";  // a bad check character
      facts += NOT_REGISTERED + ",output_value,2019Q1,1.00\n";  // not in the register
      facts += code + ",no_such_metric,2019Q1,1.00\n";
      facts += code + ",output_value,2019Q9,1.00\n";
      facts += "only,three,fields\n";
      planted_errors += 5;
      facts += lines[i] + "\n" + lines[i] + "\n";  // the same fact twice: one warning
      ++planted_warnings;
      continue;
    }
    facts += lines[i] + "\n";
  }
  struct Result {
    RowCounts counts;
    Diagnostics diagnostics;
    std::string digest;
  };
  const auto load = [&](unsigned threads) {
    RegisterBuilder builder(datagen::wenzhou_2019_schema());
    Result r;
    LoadOptions options;
    options.threads = threads;
    load_enterprises_csv(builder, data.enterprises, "enterprises.csv", options, r.diagnostics);
    r.counts = load_facts_csv(builder, facts, "facts.csv", options, r.diagnostics);
    r.digest = std::move(builder).build().canonical_sha256();
    return r;
  };
  const Result one = load(1);
  std::size_t errors = 0, warnings = 0;
  for (std::size_t i = 0; i < one.diagnostics.size(); ++i) {
    (one.diagnostics[i].severity == Severity::error ? errors : warnings) += 1;
    if (i > 0) {
      EXPECT_LE(one.diagnostics[i - 1].line, one.diagnostics[i].line);
    }
    EXPECT_GT(one.diagnostics[i].line, 1u);
  }
  EXPECT_EQ(errors, planted_errors);
  EXPECT_EQ(warnings, planted_warnings);
  EXPECT_EQ(one.counts.rejected, planted_errors);
  EXPECT_EQ(one.counts.read, one.counts.accepted + one.counts.rejected);
  EXPECT_EQ(one.counts.accepted, data.census.fact_rows + planted_warnings);
  for (const unsigned threads : {2u, 8u}) {
    const Result many = load(threads);
    EXPECT_EQ(many.digest, one.digest) << threads << " threads";
    EXPECT_EQ(many.counts.read, one.counts.read);
    EXPECT_EQ(many.counts.accepted, one.counts.accepted);
    EXPECT_EQ(many.counts.rejected, one.counts.rejected);
    ASSERT_EQ(many.diagnostics.size(), one.diagnostics.size()) << threads << " threads";
    for (std::size_t i = 0; i < one.diagnostics.size(); ++i) {
      EXPECT_EQ(to_string(many.diagnostics[i]), to_string(one.diagnostics[i])) << threads << " threads, #" << i;
    }
  }
}

}  // namespace
}  // namespace duixian
