// UTF-8 validation (every kind of ill-formed sequence, exact positions, the GBK hint)
// and GB18030 → UTF-8 conversion.
#include <gtest/gtest.h>
#include <iconv.h>

#include <cstdint>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

#include "duixian/loader.hpp"
#include "register/text_encoding.hpp"
#include "support/encoding.hpp"
#include "duixian/error.hpp"

namespace duixian {
namespace {

// Test data in GB18030 made by the C library from UTF-8, independent of hand-typed hex.
std::string iconv_convert(std::string_view in, const char* to, const char* from) {
  const iconv_t cd = iconv_open(to, from);
  if (cd == reinterpret_cast<iconv_t>(static_cast<std::intptr_t>(-1))) throw std::runtime_error("iconv_open");
  std::string out(in.size() * 4 + 16, '\0');
  char* src = const_cast<char*>(in.data());
  std::size_t src_left = in.size();
  char* dst = out.data();
  std::size_t dst_left = out.size();
  const std::size_t rc = iconv(cd, &src, &src_left, &dst, &dst_left);
  iconv_close(cd);
  if (rc == static_cast<std::size_t>(-1)) throw std::runtime_error("iconv");
  out.resize(out.size() - dst_left);
  return out;
}

std::string gb18030(std::string_view utf8) { return iconv_convert(utf8, "GB18030", "UTF-8"); }

std::string message_of(std::string_view bytes) {
  const std::optional<Diagnostic> d = validate_utf8(bytes, "f.csv");
  return d ? d->message : "(valid)";
}

bool contains(const std::string& s, std::string_view part) { return s.find(part) != std::string::npos; }

TEST(EncodingNames, ParseAndPrint) {
  EXPECT_EQ(parse_text_encoding("utf-8"), TextEncoding::utf8);
  EXPECT_EQ(parse_text_encoding("UTF8"), TextEncoding::utf8);
  EXPECT_EQ(parse_text_encoding("Utf-8"), TextEncoding::utf8);
  EXPECT_EQ(parse_text_encoding("gb18030"), TextEncoding::gb18030);
  EXPECT_EQ(parse_text_encoding("GBK"), TextEncoding::gb18030);
  EXPECT_EQ(parse_text_encoding("GB18030"), TextEncoding::gb18030);
  EXPECT_EQ(parse_text_encoding("cp936"), TextEncoding::gb18030);
  EXPECT_EQ(parse_text_encoding("gb2312"), TextEncoding::gb18030);
  EXPECT_EQ(parse_text_encoding("latin1"), std::nullopt);
  EXPECT_EQ(parse_text_encoding(""), std::nullopt);
  EXPECT_EQ(parse_text_encoding("utf-8 "), std::nullopt);
  EXPECT_STREQ(to_string(TextEncoding::utf8), "utf-8");
  EXPECT_STREQ(to_string(TextEncoding::gb18030), "gb18030");
  EXPECT_EQ(parse_text_encoding(to_string(TextEncoding::gb18030)), TextEncoding::gb18030);
}

TEST(EncodingValidate, AcceptsWellFormedUtf8) {
  EXPECT_EQ(validate_utf8("", "f.csv"), std::nullopt);
  EXPECT_EQ(validate_utf8("credit_code,name\n91330302MA2H1234X5,温州市鹿城区\n", "f.csv"), std::nullopt);
  // The boundaries of every range: U+0080, U+07FF, U+0800, U+D7FF, U+E000, U+FFFF, U+10000, U+10FFFF.
  EXPECT_EQ(validate_utf8("\xC2\x80\xDF\xBF\xE0\xA0\x80\xED\x9F\xBF\xEE\x80\x80\xEF\xBF\xBF"
                          "\xF0\x90\x80\x80\xF4\x8F\xBF\xBF",
                          "f.csv"),
            std::nullopt);
  EXPECT_EQ(validate_utf8(std::string("a\0b", 3), "f.csv"), std::nullopt);
  EXPECT_EQ(validate_utf8("\xEF\xBB\xBF" "a,b\n", "f.csv"), std::nullopt);
}

TEST(EncodingValidate, NamesEachKindOfIllFormedSequence) {
  EXPECT_EQ(message_of("a\x80"), "invalid UTF-8: byte 80 is a continuation byte with no lead byte before it; "
                                  "the file must be UTF-8");
  EXPECT_TRUE(contains(message_of("\xC0\xAF"), "C0 AF is an overlong encoding"));
  EXPECT_TRUE(contains(message_of("\xC1\xBF"), "overlong"));
  EXPECT_TRUE(contains(message_of("\xE0\x80\xAF"), "E0 80 is an overlong encoding"));
  EXPECT_TRUE(contains(message_of("\xF0\x8F\xBF\xBF"), "F0 8F is an overlong encoding"));
  EXPECT_TRUE(contains(message_of("\xED\xA0\x80"), "ED A0 encodes a UTF-16 surrogate"));
  EXPECT_TRUE(contains(message_of("\xED\xBF\xBF"), "surrogate"));
  EXPECT_TRUE(contains(message_of("\xF4\x90\x80\x80"), "F4 90 encodes a code point above U+10FFFF"));
  EXPECT_TRUE(contains(message_of("\xF5\x80\x80\x80"), "above U+10FFFF"));
  EXPECT_TRUE(contains(message_of("\xFF"), "byte FF never occurs in UTF-8"));
  EXPECT_TRUE(contains(message_of("\xFE"), "never occurs"));
  EXPECT_TRUE(contains(message_of("x\xE4\xB8"),
                       "truncated sequence E4 B8 (lead byte E4 needs 2 continuation bytes, found 1)"));
  EXPECT_TRUE(contains(message_of("\xE4\xB8" "a"), "truncated sequence E4 B8"));
  EXPECT_TRUE(contains(message_of("\xF0\x9F\x98"), "needs 3 continuation bytes, found 2"));
  EXPECT_TRUE(contains(message_of("\xC3"), "truncated sequence C3 (lead byte C3 needs 1 continuation byte, found 0)"));
  EXPECT_TRUE(contains(message_of("\xC3" "a"), "truncated"));
}

TEST(EncodingValidate, LocatesTheFirstBadSequenceAtEveryAlignment) {
  // Past the eight-byte ASCII fast path at every offset, and after multi-byte characters.
  for (std::size_t k = 0; k < 40; ++k) {
    const std::string text = std::string(k, 'x') + "\xFF" + std::string(20, 'y');
    const std::optional<Diagnostic> d = validate_utf8(text, "f.csv");
    ASSERT_TRUE(d.has_value()) << k;
    EXPECT_EQ(d->line, 1u);
    EXPECT_EQ(d->column, k + 1) << k;
  }
  for (std::size_t k = 0; k < 20; ++k) {
    std::string text = "head\n";
    for (std::size_t i = 0; i < k; ++i) text += i % 2 == 0 ? "温" : "a";
    text += "\xED\xA0\x80 tail";
    const std::optional<Diagnostic> d = validate_utf8(text, "f.csv");
    ASSERT_TRUE(d.has_value()) << k;
    EXPECT_EQ(d->line, 2u);
    EXPECT_EQ(d->column, k + 1) << k;
  }
}

TEST(EncodingValidate, DiagnosticHasFileLineAndColumn) {
  const std::optional<Diagnostic> d = validate_utf8("a,b\n温州,\xC0\xAF\n", "facts.csv");
  ASSERT_TRUE(d.has_value());
  EXPECT_EQ(d->file, "facts.csv");
  EXPECT_EQ(d->severity, Severity::error);
  EXPECT_EQ(to_string(*d),
            "facts.csv:2:4: error: invalid UTF-8: C0 AF is an overlong encoding (a character written with more "
            "bytes than it needs); the file must be UTF-8");
  // A byte order mark is not a column.
  const std::optional<Diagnostic> bom = validate_utf8("\xEF\xBB\xBF" "ab\xFF", "f.csv");
  ASSERT_TRUE(bom.has_value());
  EXPECT_EQ(bom->column, 3u);
}

TEST(EncodingValidate, SuggestsGb18030ForAGbkFile) {
  const std::string text = gb18030("credit_code,name,region\n91330302MA2H1234X5,温州市鹿城区,测试\n");
  const std::optional<Diagnostic> d = validate_utf8(text, "enterprises.csv");
  ASSERT_TRUE(d.has_value());
  EXPECT_EQ(d->line, 2u);
  EXPECT_EQ(d->column, 20u);  // the 温 after "91330302MA2H1234X5,"
  EXPECT_EQ(to_string(*d),
            "enterprises.csv:2:20: error: invalid UTF-8: truncated sequence CE (lead byte CE needs 1 continuation "
            "byte, found 0); the file looks like GB18030/GBK, as Excel writes on a Chinese desktop: pass --encoding "
            "gb18030 (read as GB18030, the text here is \"温州市鹿城区,测试\")");
  // The preview stops at twelve characters.
  const std::optional<Diagnostic> longer = validate_utf8(gb18030("温州市鹿城区温州市鹿城区温州市鹿城区"), "f.csv");
  ASSERT_TRUE(longer.has_value());
  EXPECT_TRUE(contains(longer->message, "\"温州市鹿城区温州市鹿城区\""));
}

TEST(EncodingConvert, Gb18030ToUtf8) {
  EXPECT_EQ(to_utf8("\xD6\xD0", TextEncoding::gb18030, "f.csv"), "中");  // 中 in GBK, by hand
  EXPECT_EQ(gb18030("中"), "\xD6\xD0");
  const std::string text = "温州市鹿城区,测试\n\"浙江某某机械有限公司\",330302,C3411\n";
  EXPECT_NE(gb18030(text), text);
  EXPECT_EQ(to_utf8(gb18030(text), TextEncoding::gb18030, "f.csv"), text);
  // Four-byte GB18030 characters (outside GBK): an emoji and CJK extension B.
  const std::string four = "\xF0\x9F\x98\x80\xF0\xA0\x80\x80";
  EXPECT_EQ(gb18030(four).size(), 8u);
  EXPECT_EQ(to_utf8(gb18030(four), TextEncoding::gb18030, "f.csv"), four);
  EXPECT_EQ(to_utf8("", TextEncoding::gb18030, "f.csv"), "");
  EXPECT_EQ(gb18030("丂0"), "\x81\x40" "0");
  EXPECT_EQ(to_utf8("a\x81\x40" "0b", TextEncoding::gb18030, "f.csv"), "a丂0b");
  // The GB18030 byte order mark becomes the UTF-8 one, which the CSV reader skips.
  EXPECT_EQ(to_utf8("\x84\x31\x95\x33" "a", TextEncoding::gb18030, "f.csv"), "\xEF\xBB\xBF" "a");
}

TEST(EncodingConvert, RandomChineseTextRoundTrips) {
  // 丂 is 81 40 in GBK: its second byte is ASCII "@", so runs of ASCII cannot be split blindly.
  const std::vector<std::string> pieces = {"温", "州", "鹿城区", "a", ",", "\"", "\n", "\r\n", "0.0452元", "丂",
                                           "（有限公司）", "·", "€", "\xF0\x9F\x98\x80", "亿", "0"};
  std::mt19937 rng(2019);
  for (int round = 0; round < 200; ++round) {
    std::string text;
    const std::size_t len = rng() % 60;
    for (std::size_t i = 0; i < len; ++i) text += pieces[rng() % pieces.size()];
    ASSERT_EQ(to_utf8(gb18030(text), TextEncoding::gb18030, "f.csv"), text);
  }
}

std::string conversion_error(std::string_view bytes, TextEncoding from) {
  try {
    to_utf8(bytes, from, "g.csv");
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::parse_error);
    return e.what();
  }
  return "(no error)";
}

TEST(EncodingConvert, InvalidGb18030IsLocated) {
  const std::string bad = gb18030("ab\n温州") + "\xD6\x0A" + "rest\n";
  EXPECT_EQ(conversion_error(bad, TextEncoding::gb18030),
            "parse_error: g.csv:2:3: error: invalid GB18030: byte sequence D6 0A is not a character");
  EXPECT_EQ(conversion_error(gb18030("温州") + "\x81\x30\x81" "a,b\n", TextEncoding::gb18030),
            "parse_error: g.csv:1:3: error: invalid GB18030: byte sequence 81 30 81 61 is not a character");
  EXPECT_TRUE(contains(conversion_error("ab\x80", TextEncoding::gb18030), "g.csv:1:3: error: invalid GB18030"));
  EXPECT_EQ(conversion_error(gb18030("x\n\n温") + "\x81\x30", TextEncoding::gb18030),
            "parse_error: g.csv:3:2: error: invalid GB18030: the file ends inside a character (81 30)");
  EXPECT_EQ(conversion_error(gb18030("x\n\n温") + "\xD6", TextEncoding::gb18030),
            "parse_error: g.csv:3:2: error: invalid GB18030: the file ends inside a character (D6)");
  // UTF-8 passed as GB18030 often decodes into nonsense; when it does not, say so.
  const std::string message = conversion_error("温\n", TextEncoding::gb18030);
  EXPECT_TRUE(contains(message, "g.csv:1:2: error: invalid GB18030"));
  EXPECT_TRUE(contains(message, "the file looks like UTF-8: pass --encoding utf-8"));
}

TEST(EncodingConvert, Utf8IsValidatedAndCopied) {
  EXPECT_EQ(to_utf8("温州,a\n", TextEncoding::utf8, "u.csv"), "温州,a\n");
  const std::string message = conversion_error(gb18030("a\n温州"), TextEncoding::utf8);
  EXPECT_TRUE(contains(message, "parse_error: g.csv:2:1: error: invalid UTF-8"));
  EXPECT_TRUE(contains(message, "pass --encoding gb18030"));
}

}  // namespace
}  // namespace duixian
