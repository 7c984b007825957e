// to_json(PolicyBookSpec) and a book's source digest: every book written out reads back
// equal, numbers keep their decimal text, and the digest is of the bytes read (or, for a
// book built in code, of to_json's text).
#include <gtest/gtest.h>

#include <string>

#include "duixian/policy_book.hpp"
#include "support/file.hpp"
#include "support/sha256.hpp"
#include "test_paths.hpp"

namespace duixian {
namespace {

PolicyBook read_back(const std::string& json) {
  PolicyBookLoad load = read_policy_book(json, "written.json");
  for (const Diagnostic& d : load.diagnostics) ADD_FAILURE() << to_string(d);
  if (!load.book) throw std::runtime_error("the written book does not load");
  return std::move(*load.book);
}

TEST(PolicyBookWrite, EveryBundledBookReadsBackEqual) {
  for (const std::string& path : {test::wenzhou_book_path(), test::source_path("tests/data/policy-book-lakeside-2020.json")}) {
    SCOPED_TRACE(path);
    const PolicyBook book = load_policy_book_file(path);
    const std::string json = to_json(book.spec());
    const PolicyBook again = read_back(json);
    EXPECT_EQ(again, book);
    EXPECT_EQ(to_json(again.spec()), json);  // a fixed point: writing is canonical
  }
}

TEST(PolicyBookWrite, KeepsDecimalTextAndEscapesStrings) {
  PolicyBookSpec spec = load_policy_book_file(test::wenzhou_book_path()).spec();
  spec.title = "标题 \"quoted\"\n\\ tab\t end";
  spec.funding.default_city_share = Decimal::parse("0.300");
  spec.policies[0].annual_cap = Decimal::parse("5000000.00");
  const std::string json = to_json(spec);
  EXPECT_NE(json.find("\"default_city_share\": 0.300"), std::string::npos) << json;
  EXPECT_NE(json.find("\"annual_cap\": 5000000.00"), std::string::npos);
  EXPECT_NE(json.find(R"("标题 \"quoted\"\n\\ tab\t end")"), std::string::npos);
  const PolicyBook again = read_back(json);
  EXPECT_EQ(again.spec().title, spec.title);
  EXPECT_EQ(again.spec().funding.default_city_share.to_string(), "0.300");
  EXPECT_EQ(again.spec(), spec);
}

TEST(PolicyBookSource, ALoadedBookKnowsTheDigestOfItsBytes) {
  const std::string bytes = read_file(test::wenzhou_book_path());
  const PolicyBook from_file = load_policy_book_file(test::wenzhou_book_path());
  EXPECT_EQ(from_file.source_sha256(), sha256_hex(bytes));
  EXPECT_EQ(load_policy_book(bytes, "any-name.json").source_sha256(), sha256_hex(bytes));
  // One byte more (a trailing line break) is another source, though the same book.
  const PolicyBook longer = load_policy_book(bytes + "\n", "p.json");
  EXPECT_EQ(longer, from_file);
  EXPECT_NE(longer.source_sha256(), from_file.source_sha256());
  EXPECT_TRUE(is_sha256_hex(from_file.source_sha256()));
}

TEST(PolicyBookSource, ABookBuiltInCodeKnowsTheDigestOfItsJson) {
  const PolicyBook loaded = load_policy_book_file(test::wenzhou_book_path());
  const PolicyBook built = PolicyBook::build(loaded.spec());
  EXPECT_EQ(built, loaded);
  EXPECT_EQ(built.source_sha256(), sha256_hex(to_json(loaded.spec())));
  EXPECT_NE(built.source_sha256(), loaded.source_sha256());  // the file is formatted otherwise
  PolicyBookSpec other = loaded.spec();
  other.policies[0].title += "（修订）";
  EXPECT_NE(PolicyBook::build(other).source_sha256(), built.source_sha256());
  // Copies share the book, digest included.
  const PolicyBook copy = built;  // NOLINT(performance-unnecessary-copy-initialization)
  EXPECT_EQ(&copy.source_sha256(), &built.source_sha256());
}

}  // namespace
}  // namespace duixian
