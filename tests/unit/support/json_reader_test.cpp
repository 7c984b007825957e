// The located JSON reader: positions in code points, numbers as their text, duplicate
// keys refused, syntax errors located, limits enforced.
#include <gtest/gtest.h>

#include <string>

#include "support/json_reader.hpp"

namespace duixian {
namespace {

// The reader's bounds as a policy book sets them by default (policy_book.hpp, JsonLimits).
const JsonReaderLimits kLimits{4U * 1024U * 1024U, 64, 200000};

std::string all(const Diagnostics& ds) {
  std::string out;
  for (const Diagnostic& d : ds) out += to_string(d) + "\n";
  return out;
}

JsonDocument read_ok(const std::string& text) {
  JsonDocument doc = read_json(text, "t.json", kLimits);
  EXPECT_TRUE(doc.complete) << all(doc.diagnostics);
  EXPECT_TRUE(doc.diagnostics.empty()) << all(doc.diagnostics);
  return doc;
}

void expect_one_error(const std::string& text, std::size_t line, std::size_t column, const std::string& fragment,
                      const JsonReaderLimits& limits = kLimits) {
  const JsonDocument doc = read_json(text, "t.json", limits);
  ASSERT_EQ(doc.diagnostics.size(), 1U) << all(doc.diagnostics);
  const Diagnostic& d = doc.diagnostics[0];
  EXPECT_EQ(d.file, "t.json");
  EXPECT_EQ(d.line, line) << to_string(d);
  EXPECT_EQ(d.column, column) << to_string(d);
  EXPECT_NE(d.message.find(fragment), std::string::npos) << to_string(d) << "\n  expected: " << fragment;
}

TEST(JsonReader, KeepsEveryKindWithItsPosition) {
  const JsonDocument doc = read_ok("{\n  \"a\": [1, \"x\", true, false, null],\n  \"b\": {}\n}");
  const JsonValue& r = doc.root;
  ASSERT_EQ(r.kind, JsonKind::object);
  EXPECT_EQ(r.position, (JsonPosition{1, 1, 0}));
  ASSERT_EQ(r.members.size(), 2U);
  EXPECT_EQ(r.members[0].key, "a");
  EXPECT_EQ(r.members[0].key_position, (JsonPosition{2, 3, 4}));
  const JsonValue& a = r.members[0].value;
  ASSERT_EQ(a.kind, JsonKind::array);
  EXPECT_EQ(a.position.line, 2U);
  EXPECT_EQ(a.position.column, 8U);
  ASSERT_EQ(a.items.size(), 5U);
  EXPECT_EQ(a.items[0].kind, JsonKind::number);
  EXPECT_EQ(a.items[0].text, "1");
  EXPECT_EQ(a.items[0].position.column, 9U);
  EXPECT_EQ(a.items[1].kind, JsonKind::string);
  EXPECT_EQ(a.items[1].text, "x");
  EXPECT_EQ(a.items[1].position.column, 12U);
  EXPECT_EQ(a.items[2].kind, JsonKind::boolean);
  EXPECT_TRUE(a.items[2].boolean);
  EXPECT_EQ(a.items[2].position.column, 17U);
  EXPECT_FALSE(a.items[3].boolean);
  EXPECT_EQ(a.items[3].position.column, 23U);
  EXPECT_EQ(a.items[4].kind, JsonKind::null);
  EXPECT_EQ(a.items[4].position.column, 30U);
  EXPECT_EQ(r.members[1].value.kind, JsonKind::object);
  EXPECT_EQ(r.members[1].value.position, (JsonPosition{3, 8, 45}));
  EXPECT_EQ(r.find("b"), &r.members[1]);
  EXPECT_EQ(r.find("c"), nullptr);
}

TEST(JsonReader, KeepsMembersInDocumentOrder) {
  const JsonDocument doc = read_ok(R"({"z": 1, "a": 2, "m": 3})");
  ASSERT_EQ(doc.root.members.size(), 3U);
  EXPECT_EQ(doc.root.members[0].key, "z");
  EXPECT_EQ(doc.root.members[1].key, "a");
  EXPECT_EQ(doc.root.members[2].key, "m");
}

TEST(JsonReader, KeepsNumbersAsTheirOriginalText) {
  const JsonDocument doc =
      read_ok("[0.1, 0.2, 0.30, 123456789012345678901234567890, -0.0452, 1.5E-3, 1e+3, 9223372036854775808, -7]");
  const auto& items = doc.root.items;
  ASSERT_EQ(items.size(), 9U);
  EXPECT_EQ(items[0].text, "0.1");
  EXPECT_EQ(items[1].text, "0.2");
  EXPECT_EQ(items[2].text, "0.30");  // the scale is kept
  EXPECT_EQ(items[3].text, "123456789012345678901234567890");
  EXPECT_EQ(items[4].text, "-0.0452");
  EXPECT_EQ(items[5].text, "1.5E-3");
  EXPECT_EQ(items[6].text, "1e+3");
  EXPECT_EQ(items[7].text, "9223372036854775808");
  EXPECT_EQ(items[8].text, "-7");
}

TEST(JsonReader, CountsColumnsInCodePoints) {
  // 政策 is 2 code points (6 bytes): the value after it is at column 11, not 15.
  const JsonDocument doc = read_ok("{\"政策\": 12}");
  ASSERT_EQ(doc.root.members.size(), 1U);
  EXPECT_EQ(doc.root.members[0].key, "政策");
  EXPECT_EQ(doc.root.members[0].value.position.column, 8U);
  EXPECT_EQ(doc.root.members[0].value.position.offset, 11U);
}

TEST(JsonReader, AcceptsCrLfAndAByteOrderMark) {
  const JsonDocument doc = read_ok("\xEF\xBB\xBF{\r\n\"a\":\r\n  5}");
  EXPECT_EQ(doc.root.position, (JsonPosition{1, 1, 3}));
  EXPECT_EQ(doc.root.members[0].key_position.line, 2U);
  EXPECT_EQ(doc.root.members[0].key_position.column, 1U);
  EXPECT_EQ(doc.root.members[0].value.position.line, 3U);
  EXPECT_EQ(doc.root.members[0].value.position.column, 3U);
}

TEST(JsonReader, DecodesEscapesAndMapsCodePointsBackToColumns) {
  const JsonDocument doc = read_ok(R"(["a\u4e07b\"c\ud83d\ude00d", "plain"])");
  const JsonValue& s = doc.root.items[0];
  EXPECT_EQ(s.text, "a万b\"c\xF0\x9F\x98\x80" "d");
  EXPECT_EQ(s.raw, R"(a\u4e07b\"c\ud83d\ude00d)");
  EXPECT_EQ(s.position.column, 2U);                        // the opening quote
  EXPECT_EQ(s.position_of_code_point(0).column, 3U);       // a
  EXPECT_EQ(s.position_of_code_point(1).column, 4U);       // \u4e07
  EXPECT_EQ(s.position_of_code_point(2).column, 10U);      // b
  EXPECT_EQ(s.position_of_code_point(3).column, 11U);      // \"
  EXPECT_EQ(s.position_of_code_point(4).column, 13U);      // c
  EXPECT_EQ(s.position_of_code_point(5).column, 14U);      // the surrogate pair
  EXPECT_EQ(s.position_of_code_point(6).column, 26U);      // d
  EXPECT_EQ(s.position_of_code_point(7).column, 27U);      // the closing quote
  EXPECT_EQ(s.position_of_code_point(99).column, 27U);
  const JsonValue& p = doc.root.items[1];
  EXPECT_TRUE(p.raw.empty());
  EXPECT_EQ(p.position_of_code_point(3).column, p.position.column + 4);
  EXPECT_EQ(p.position_of_code_point(99).column, p.position.column + 6);
}

TEST(JsonReader, RefusesDuplicateKeysAtTheSecondKeyAndKeepsTheFirst) {
  const JsonDocument doc = read_json("{\"a\": 1,\n \"b\": {\"x\": 1, \"x\": [2]},\n \"a\": 3}", "t.json", kLimits);
  EXPECT_TRUE(doc.complete);
  ASSERT_EQ(doc.diagnostics.size(), 2U) << all(doc.diagnostics);
  EXPECT_EQ(to_string(doc.diagnostics[0]), "t.json:2:16: error: duplicate key \"x\" (first at line 2, column 8)");
  EXPECT_EQ(to_string(doc.diagnostics[1]), "t.json:3:2: error: duplicate key \"a\" (first at line 1, column 2)");
  ASSERT_EQ(doc.root.members.size(), 2U);
  EXPECT_EQ(doc.root.members[0].value.text, "1");
  ASSERT_EQ(doc.root.members[1].value.members.size(), 1U);
  EXPECT_EQ(doc.root.members[1].value.members[0].value.text, "1");
}

TEST(JsonReader, LocatesSyntaxErrors) {
  expect_one_error("{\"a\" 1}", 1, 6, "expected ':'");
  expect_one_error("{\n  \"a\": tru}", 2, 8, "invalid literal");
  expect_one_error("{\"a\": \"x\" \"b\": 1}", 1, 11, "unexpected string literal");
  expect_one_error("{\"a\" : : 1}", 1, 8, "unexpected ':'");
  expect_one_error("[1,]", 1, 4, "unexpected ']'");
  expect_one_error("[01]", 1, 3, "expected ']'");
  expect_one_error("{\"a\":1} x", 1, 9, "expected end of input");
  expect_one_error("", 1, 1, "unexpected end of input");
  expect_one_error("{\"政策\": 1 x}", 1, 10, "expected '}'");
  expect_one_error("[\"abc", 1, 6, "missing closing quote");
  expect_one_error("[1.]", 1, 4, "expected digit after '.'");
  expect_one_error("[\"a\tb\"]", 1, 4, "control character");
  expect_one_error("// comment\n{}", 1, 1, "invalid literal");
  expect_one_error("[\"\xC3\x28\"]", 1, 4, "ill-formed UTF-8");
}

TEST(JsonReader, SyntaxErrorsLeaveTheDocumentIncomplete) {
  const JsonDocument doc = read_json("[1, 2", "t.json", kLimits);
  EXPECT_FALSE(doc.complete);
  EXPECT_TRUE(has_errors(doc.diagnostics));
}

TEST(JsonReader, BoundsTheNestingDepth) {
  JsonReaderLimits limits = kLimits;
  limits.max_depth = 3;
  read_ok("[[[]]]");
  EXPECT_TRUE(read_json("[[[1]]]", "t.json", limits).complete);
  expect_one_error("[[{\"a\": [1]}]]", 1, 9, "nesting deeper than 3 levels", limits);
  // The default limit holds off a deeply nested hostile document without recursion.
  const std::string deep = std::string(100000, '[') + std::string(100000, ']');
  expect_one_error(deep, 1, 65, "nesting deeper than 64 levels");
}

TEST(JsonReader, BoundsTheDocumentSizeAndValueCount) {
  JsonReaderLimits limits = kLimits;
  limits.max_bytes = 10;
  EXPECT_TRUE(read_json("[1,2,3,45]", "t.json", limits).complete);  // exactly 10 bytes
  const JsonDocument big = read_json("[1,2,3,456]", "t.json", limits);
  EXPECT_FALSE(big.complete);
  ASSERT_EQ(big.diagnostics.size(), 1U);
  EXPECT_EQ(to_string(big.diagnostics[0]), "t.json: error: JSON document is 11 bytes; the limit is 10");

  limits = kLimits;
  limits.max_values = 4;
  EXPECT_TRUE(read_json("[1,2,3]", "t.json", limits).complete);
  expect_one_error("[1,2,3,4]", 1, 8, "more than 4 values", limits);
}

TEST(JsonReader, NamesKinds) {
  EXPECT_STREQ(to_string(JsonKind::null), "null");
  EXPECT_STREQ(to_string(JsonKind::boolean), "boolean");
  EXPECT_STREQ(to_string(JsonKind::number), "number");
  EXPECT_STREQ(to_string(JsonKind::string), "string");
  EXPECT_STREQ(to_string(JsonKind::array), "array");
  EXPECT_STREQ(to_string(JsonKind::object), "object");
}

}  // namespace
}  // namespace duixian
