// CSV reader, header and writer: RFC 4180 cases, exact error positions, recovery, round trips.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "support/csv.hpp"
#include "duixian/error.hpp"
#include "support/file.hpp"

namespace duixian {
namespace {

using Rows = std::vector<std::vector<std::string>>;

struct ReadResult {
  Rows rows;
  std::vector<std::size_t> lines;
  std::vector<std::vector<std::size_t>> columns;
  Diagnostics diagnostics;
};

ReadResult read_all(std::string_view text) {
  CsvReader reader(text, "t.csv");
  CsvRecord record;
  ReadResult out;
  while (reader.next(record)) {
    out.rows.emplace_back(record.fields.begin(), record.fields.end());
    out.lines.push_back(record.line);
    std::vector<std::size_t> columns;
    for (std::size_t i = 0; i < record.size(); ++i) columns.push_back(record.column(i));
    out.columns.push_back(columns);
    EXPECT_EQ(record.fields.size(), record.starts.size());
  }
  EXPECT_TRUE(record.fields.empty());
  out.diagnostics = reader.diagnostics();
  return out;
}

Rows rows_of(std::string_view text) {
  ReadResult r = read_all(text);
  EXPECT_TRUE(r.diagnostics.empty()) << (r.diagnostics.empty() ? "" : to_string(r.diagnostics[0]));
  return r.rows;
}

TEST(CsvReader, ReadsLfAndCrlfRecords) {
  EXPECT_EQ(rows_of("a,b\r\nc,d\n"), (Rows{{"a", "b"}, {"c", "d"}}));
  EXPECT_EQ(rows_of("a,b\nc,d\r\n"), (Rows{{"a", "b"}, {"c", "d"}}));
  EXPECT_EQ(rows_of("credit_code,metric,period,value\n91330302MA2H1234X5,output_value,2019Q2,12345678.90\n"),
            (Rows{{"credit_code", "metric", "period", "value"},
                  {"91330302MA2H1234X5", "output_value", "2019Q2", "12345678.90"}}));
}

TEST(CsvReader, QuotedFieldsHoldCommasQuotesAndLineBreaks) {
  EXPECT_EQ(rows_of("\"温州,鹿城\",\"say \"\"hi\"\"\",\"l1\nl2\",\"c1\r\nc2\"\n"),
            (Rows{{"温州,鹿城", "say \"hi\"", "l1\nl2", "c1\r\nc2"}}));
  EXPECT_EQ(rows_of("\"\"\"\"\n\"\"\"a\"\"\"\n"), (Rows{{"\""}, {"\"a\""}}));
  EXPECT_EQ(rows_of("\"a\r\"\n"), (Rows{{"a\r"}}));  // a lone CR inside quotes is data
}

TEST(CsvReader, EmptyFields) {
  EXPECT_EQ(rows_of(",,\n"), (Rows{{"", "", ""}}));
  EXPECT_EQ(rows_of("a,,b,\n"), (Rows{{"a", "", "b", ""}}));
  EXPECT_EQ(rows_of("\"\"\n\"\",\"\"\n"), (Rows{{""}, {"", ""}}));
  EXPECT_EQ(rows_of("a,"), (Rows{{"a", ""}}));
}

TEST(CsvReader, LastRecordWithoutNewlineAndBlankLines) {
  EXPECT_EQ(rows_of("a,b\nc,d"), (Rows{{"a", "b"}, {"c", "d"}}));
  EXPECT_EQ(rows_of("a,b\n\n"), (Rows{{"a", "b"}}));
  EXPECT_EQ(rows_of("a,b\r\n\r\n"), (Rows{{"a", "b"}}));
  EXPECT_EQ(rows_of(""), Rows{});
  EXPECT_EQ(rows_of("\n\n"), Rows{});
  EXPECT_EQ(rows_of("\xEF\xBB\xBF"), Rows{});
  const ReadResult r = read_all("a\n\n\nb\n");
  EXPECT_EQ(r.rows, (Rows{{"a"}, {"b"}}));
  EXPECT_EQ(r.lines, (std::vector<std::size_t>{1, 4}));
}

TEST(CsvReader, SkipsAUtf8BomWithoutCountingIt) {
  const ReadResult r = read_all("\xEF\xBB\xBF" "credit_code,name\n");
  EXPECT_EQ(r.rows, (Rows{{"credit_code", "name"}}));
  EXPECT_EQ(r.columns[0], (std::vector<std::size_t>{1, 13}));
  // Only at the start: elsewhere U+FEFF is data.
  EXPECT_EQ(rows_of("a,\xEF\xBB\xBF" "b\n"), (Rows{{"a", "\xEF\xBB\xBF" "b"}}));
}

TEST(CsvReader, ColumnsCountCodePoints) {
  const ReadResult r = read_all("温州市,x,\"鹿城\",y\n");
  EXPECT_EQ(r.columns[0], (std::vector<std::size_t>{1, 5, 7, 12}));
}

TEST(CsvReader, PositionsStayRightAfterAMultiLineQuotedField) {
  const ReadResult r = read_all("id,name,x\n1,\"a\nbb\r\nccc\",z\n2,y,w\n3,\"p\"\"\nq\",\"r\"\n");
  ASSERT_EQ(r.rows.size(), 4u);
  EXPECT_EQ(r.rows[1], (std::vector<std::string>{"1", "a\nbb\r\nccc", "z"}));
  EXPECT_EQ(r.lines, (std::vector<std::size_t>{1, 2, 5, 6}));
  EXPECT_EQ(r.columns[1], (std::vector<std::size_t>{1, 3, 6}));  // z sits at column 6 of line 4
  EXPECT_EQ(r.columns[2], (std::vector<std::size_t>{1, 3, 5}));
  EXPECT_EQ(r.rows[3], (std::vector<std::string>{"3", "p\"\nq", "r"}));
  EXPECT_EQ(r.columns[3], (std::vector<std::size_t>{1, 3, 4}));
}

TEST(CsvReader, EscapedFieldsSurviveStorageGrowth) {
  // Many escaped fields in one record: the unescaping buffer reallocates while the
  // record is read, and every view must still point at the right text.
  std::string line;
  std::vector<std::string> expected;
  for (int i = 0; i < 200; ++i) {
    const std::string value = std::string(static_cast<std::size_t>(i % 37), 'v') + "\"" + std::to_string(i);
    expected.push_back(value);
    if (i > 0) line += ',';
    line += "\"" + std::string(static_cast<std::size_t>(i % 37), 'v') + "\"\"" + std::to_string(i) + "\"";
  }
  line += "\nplain,\"x\"\"y\"\n";
  const ReadResult r = read_all(line);
  ASSERT_EQ(r.rows.size(), 2u);
  EXPECT_EQ(r.rows[0], expected);
  EXPECT_EQ(r.rows[1], (std::vector<std::string>{"plain", "x\"y"}));
}

TEST(CsvReader, UnterminatedQuoteIsReportedAtItsOpeningAndReadingResumes) {
  const ReadResult r = read_all("a,b\n1,\"xyz\n2,3\n");
  ASSERT_EQ(r.diagnostics.size(), 1u);
  EXPECT_EQ(to_string(r.diagnostics[0]),
            "t.csv:2:3: error: unterminated quoted field: the quote opened here is never closed "
            "(a quote inside a quoted field must be doubled: \"\")");
  EXPECT_EQ(r.rows, (Rows{{"a", "b"}, {"2", "3"}}));
  EXPECT_EQ(r.lines, (std::vector<std::size_t>{1, 3}));
}

TEST(CsvReader, UnterminatedQuoteOnTheLastLine) {
  const ReadResult r = read_all("a\n\"b");
  ASSERT_EQ(r.diagnostics.size(), 1u);
  EXPECT_EQ(r.diagnostics[0].line, 2u);
  EXPECT_EQ(r.diagnostics[0].column, 1u);
  EXPECT_EQ(r.rows, (Rows{{"a"}}));
}

TEST(CsvReader, StrayQuoteInAnUnquotedField) {
  const ReadResult r = read_all("a,b\"c,d\n1,2\n");
  ASSERT_EQ(r.diagnostics.size(), 1u);
  EXPECT_EQ(to_string(r.diagnostics[0]),
            "t.csv:1:4: error: quote inside an unquoted field: quote the whole field and write the quote twice "
            "(\"a\"\"b\")");
  EXPECT_EQ(r.rows, (Rows{{"1", "2"}}));
  EXPECT_EQ(r.lines, (std::vector<std::size_t>{2}));
}

TEST(CsvReader, QuoteAfterSpacesGetsItsOwnHint) {
  const ReadResult r = read_all("x,  \"b\"\nok\n");
  ASSERT_EQ(r.diagnostics.size(), 1u);
  EXPECT_EQ(r.diagnostics[0].column, 5u);
  EXPECT_NE(r.diagnostics[0].message.find("remove the spaces after the comma"), std::string::npos);
  EXPECT_EQ(r.rows, (Rows{{"ok"}}));
}

TEST(CsvReader, TextAfterAClosingQuote) {
  const ReadResult r = read_all("\"ab\"x,1\nok,2\n");
  ASSERT_EQ(r.diagnostics.size(), 1u);
  EXPECT_EQ(to_string(r.diagnostics[0]),
            "t.csv:1:5: error: text after the closing quote of a field (expected a comma or the line end)");
  EXPECT_EQ(r.rows, (Rows{{"ok", "2"}}));
}

TEST(CsvReader, LoneCarriageReturn) {
  const ReadResult r = read_all("a\rb\nc\n\"d\"\re\nf");
  ASSERT_EQ(r.diagnostics.size(), 2u);
  EXPECT_EQ(r.diagnostics[0].line, 1u);
  EXPECT_EQ(r.diagnostics[0].column, 2u);
  EXPECT_EQ(r.diagnostics[1].line, 3u);
  EXPECT_EQ(r.diagnostics[1].column, 4u);
  EXPECT_NE(r.diagnostics[0].message.find("carriage return not followed by a line feed"), std::string::npos);
  EXPECT_EQ(r.rows, (Rows{{"c"}, {"f"}}));
}

TEST(CsvReader, ReportsEveryBadRowWithExactPositions) {
  const std::string text =
      "credit_code,name,region\n"             // 1
      "A1,\"温州\"市,330302\n"                 // 2: text after quote at column 8
      "A2,\"多行\n名称\",330303\n"             // 3-4: fine
      "A3,鹿城\"区,330302\n"                   // 5: stray quote at column 6
      "A4,ok,330304\n"                         // 6
      "A5,\"未闭合,330305\n";                  // 7: unterminated, column 4
  const ReadResult r = read_all(text);
  ASSERT_EQ(r.diagnostics.size(), 3u);
  EXPECT_EQ(r.diagnostics[0].line, 2u);
  EXPECT_EQ(r.diagnostics[0].column, 8u);
  EXPECT_EQ(r.diagnostics[1].line, 5u);
  EXPECT_EQ(r.diagnostics[1].column, 6u);
  EXPECT_EQ(r.diagnostics[2].line, 7u);
  EXPECT_EQ(r.diagnostics[2].column, 4u);
  EXPECT_EQ(r.rows, (Rows{{"credit_code", "name", "region"}, {"A2", "多行\n名称", "330303"}, {"A4", "ok", "330304"}}));
  EXPECT_EQ(r.lines, (std::vector<std::size_t>{1, 3, 6}));
}

TEST(CsvReader, SurvivesRandomInput) {
  // Arbitrary mixes of the syntax characters: no crash, no hang, positions in range.
  const std::vector<std::string> pieces = {",", "\"", "\r", "\n", "\r\n", "a", "温", "\"\"", " "};
  std::mt19937 rng(7);
  for (int round = 0; round < 2000; ++round) {
    std::string text;
    const std::size_t len = rng() % 30;
    for (std::size_t i = 0; i < len; ++i) text += pieces[rng() % pieces.size()];
    const std::size_t lines = 1 + static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n'));
    const ReadResult r = read_all(text);
    for (std::size_t line : r.lines) EXPECT_LE(line, lines) << text;
    for (const Diagnostic& d : r.diagnostics) {
      EXPECT_GE(d.line, 1u);
      EXPECT_LE(d.line, lines) << text;
      EXPECT_GE(d.column, 1u);
    }
  }
}

TEST(CsvReader, ReusesTheRecord) {
  CsvReader reader("a,b,c\nd\n", "t.csv");
  CsvRecord record;
  ASSERT_TRUE(reader.next(record));
  EXPECT_EQ(record.size(), 3u);
  ASSERT_TRUE(reader.next(record));
  EXPECT_EQ(record.size(), 1u);
  EXPECT_EQ(record.fields[0], "d");
  EXPECT_EQ(record.line, 2u);
  EXPECT_FALSE(reader.next(record));
  EXPECT_FALSE(reader.next(record));
  EXPECT_EQ(reader.source_name(), "t.csv");
}

CsvRecord record_of(std::string_view text) {
  CsvReader reader(text, "h.csv");
  CsvRecord record;
  EXPECT_TRUE(reader.next(record));
  return record;
}

TEST(CsvHeader, MapsNamesInAnyOrder) {
  const std::string text = "value,credit_code,period,metric\n";
  const CsvHeader h(record_of(text), "h.csv");
  EXPECT_EQ(h.find("credit_code"), 1u);
  EXPECT_EQ(h.find("metric"), 3u);
  EXPECT_EQ(h.find("value"), 0u);
  EXPECT_EQ(h.find("Value"), std::nullopt);
  EXPECT_EQ(h.find(""), std::nullopt);
  EXPECT_EQ(h.size(), 4u);
  EXPECT_TRUE(h.diagnostics().empty());
  EXPECT_EQ(h.require({"credit_code", "metric", "period", "value"}), std::nullopt);
  EXPECT_EQ(h.require(std::vector<std::string_view>{"period"}), std::nullopt);
}

TEST(CsvHeader, ListsMissingAndFoundColumns) {
  const std::string text = "credit_code,metric,valeu\n";
  const CsvHeader h(record_of(text), "h.csv");
  const std::optional<Diagnostic> d = h.require({"credit_code", "metric", "period", "value"});
  ASSERT_TRUE(d.has_value());
  EXPECT_EQ(to_string(*d),
            "h.csv:1: error: missing required columns \"period\", \"value\" "
            "(found: \"credit_code\", \"metric\", \"valeu\")");
  const std::optional<Diagnostic> one = h.require({"period"});
  ASSERT_TRUE(one.has_value());
  EXPECT_EQ(one->message.rfind("missing required column \"period\" (", 0), 0u);
  const std::optional<Diagnostic> none = CsvHeader().require({"a"});
  ASSERT_TRUE(none.has_value());
  EXPECT_EQ(none->message, "missing required column \"a\" (found: none)");
}

TEST(CsvHeader, DuplicateNamesAreErrors) {
  const std::string text = "名称,code,名称,code\n";
  const CsvHeader h(record_of(text), "h.csv");
  ASSERT_EQ(h.diagnostics().size(), 2u);
  EXPECT_EQ(to_string(h.diagnostics()[0]), "h.csv:1:9: error: duplicate column \"名称\" (also field 1 of the header)");
  EXPECT_EQ(h.diagnostics()[1].column, 12u);
  EXPECT_EQ(h.find("名称"), 0u);
  EXPECT_EQ(h.find("code"), 1u);
}

TEST(CsvHeader, EmptyNamesAreIgnored) {
  const std::string text = "a,,b,\n";
  const CsvHeader h(record_of(text), "h.csv");
  EXPECT_TRUE(h.diagnostics().empty());
  EXPECT_EQ(h.size(), 4u);
  EXPECT_EQ(h.find("b"), 2u);
  EXPECT_EQ(h.require({"x"})->message, "missing required column \"x\" (found: \"a\", \"b\")");
}

TEST(CsvHeader, ChecksRecordWidth) {
  const std::string text = "a,b,c\n1,2,3\n1,2\n";
  CsvReader reader(text, "w.csv");
  CsvRecord record;
  ASSERT_TRUE(reader.next(record));
  const CsvHeader h(record, "w.csv");
  ASSERT_TRUE(reader.next(record));
  EXPECT_EQ(h.check_width(record), std::nullopt);
  ASSERT_TRUE(reader.next(record));
  const std::optional<Diagnostic> d = h.check_width(record);
  ASSERT_TRUE(d.has_value());
  EXPECT_EQ(to_string(*d), "w.csv:3: error: row has 2 fields, the header has 3");
}

TEST(CsvWriter, EscapesOnlyWhatNeedsIt) {
  EXPECT_EQ(csv_escape("plain"), "plain");
  EXPECT_EQ(csv_escape(""), "");
  EXPECT_EQ(csv_escape("温州"), "温州");
  EXPECT_EQ(csv_escape("a,b"), "\"a,b\"");
  EXPECT_EQ(csv_escape("say \"hi\""), "\"say \"\"hi\"\"\"");
  EXPECT_EQ(csv_escape("\""), "\"\"\"\"");
  EXPECT_EQ(csv_escape("a\nb"), "\"a\nb\"");
  EXPECT_EQ(csv_escape("a\rb"), "\"a\rb\"");
  EXPECT_EQ(csv_escape(" a"), "\" a\"");
  EXPECT_EQ(csv_escape("a\t"), "\"a\t\"");
  EXPECT_EQ(csv_escape("a b"), "a b");
  EXPECT_EQ(csv_escape("\xEF\xBB\xBFx"), "\"\xEF\xBB\xBFx\"");
}

TEST(CsvWriter, WritesRowsWithOptionalBomAndCrlf) {
  CsvWriter plain;
  plain.write_row({"a", "b,c"});
  plain.field("1");
  plain.field("");
  plain.end_row();
  EXPECT_EQ(plain.str(), "a,\"b,c\"\n1,\n");

  CsvWriter excel(CsvWriterOptions{true, true});
  excel.write_row(std::vector<std::string>{"名称", "金额"});
  excel.write_row(std::vector<std::string_view>{"温州", "1409.50"});
  EXPECT_EQ(excel.str(), "\xEF\xBB\xBF名称,金额\r\n温州,1409.50\r\n");
  const std::string taken = excel.take();
  EXPECT_EQ(taken.size(), 3u + 15u + 16u);
  EXPECT_EQ(excel.str(), "");
}

TEST(CsvWriter, ARowOfOneEmptyFieldIsNotABlankLine) {
  CsvWriter w;
  w.write_row({"a"});
  w.write_row({""});
  w.write_row({"", ""});
  EXPECT_EQ(w.str(), "a\n\"\"\n,\n");
  EXPECT_EQ(rows_of(w.str()), (Rows{{"a"}, {""}, {"", ""}}));
}

TEST(CsvRoundTrip, RandomFieldsComeBackExactly) {
  const std::vector<std::string> pieces = {"a",  "Z", "7",  ",",        "\"",    "\r",          "\n",
                                           " ",  "\t", "温", "州市鹿城区", "\r\n", "\xEF\xBB\xBF", "0.0452元"};
  std::mt19937 rng(20190401);
  for (int round = 0; round < 50; ++round) {
    CsvWriterOptions options;
    options.bom = round % 2 == 0;
    options.crlf = round % 3 == 0;
    CsvWriter writer(options);
    Rows rows;
    const int row_count = 1 + static_cast<int>(rng() % 40);
    for (int r = 0; r < row_count; ++r) {
      std::vector<std::string> row(1 + rng() % 6);
      for (std::string& f : row) {
        const std::size_t len = rng() % 9;
        for (std::size_t i = 0; i < len; ++i) f += pieces[rng() % pieces.size()];
      }
      writer.write_row(row);
      rows.push_back(row);
    }
    const ReadResult back = read_all(writer.str());
    ASSERT_TRUE(back.diagnostics.empty()) << to_string(back.diagnostics[0]);
    ASSERT_EQ(back.rows, rows) << "round " << round;
  }
}

TEST(CsvReadFile, ReadsBytesExactly) {
  const std::string path = ::testing::TempDir() + "duixian_csv_read_file_test.csv";
  std::string bytes = std::string("a,b\r\n温州,\0x\n", 15);
  bytes += std::string(100000, 'z');
  std::FILE* f = std::fopen(path.c_str(), "wb");
  ASSERT_NE(f, nullptr);
  ASSERT_EQ(std::fwrite(bytes.data(), 1, bytes.size(), f), bytes.size());
  std::fclose(f);
  EXPECT_EQ(read_file(path), bytes);
  MappedFile mapped(path);
  EXPECT_EQ(mapped.bytes(), bytes);
  MappedFile moved(std::move(mapped));
  EXPECT_EQ(moved.bytes(), bytes);
  EXPECT_EQ(mapped.bytes(), "");  // NOLINT(bugprone-use-after-move): moved-from is empty by contract
  mapped = std::move(moved);
  EXPECT_EQ(mapped.bytes(), bytes);
  std::remove(path.c_str());
}

TEST(CsvReadFile, MappedFileFallsBackToReading) {
  const std::string path = ::testing::TempDir() + "duixian_csv_empty_test.csv";
  std::FILE* f = std::fopen(path.c_str(), "wb");
  ASSERT_NE(f, nullptr);
  std::fclose(f);
  EXPECT_EQ(MappedFile(path).bytes(), "");
  std::remove(path.c_str());
  EXPECT_THROW(static_cast<void>(MappedFile("/nonexistent/dir/facts.csv")), Error);
  EXPECT_THROW(static_cast<void>(MappedFile(::testing::TempDir())), Error);
}

TEST(CsvReadFile, NamesThePathAndTheReason) {
  try {
    read_file("/nonexistent/dir/facts.csv");
    FAIL() << "expected an Error";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::io_error);
    EXPECT_STREQ(e.what(), "io_error: cannot read \"/nonexistent/dir/facts.csv\": No such file or directory");
  }
  EXPECT_THROW(read_file(::testing::TempDir()), Error);  // a directory
}

}  // namespace
}  // namespace duixian
