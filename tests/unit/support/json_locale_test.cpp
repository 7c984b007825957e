// A host that set a comma-decimal C locale (setlocale(LC_NUMERIC, "de_DE.UTF-8")) must
// still load a book exactly. nlohmann/json hands SAX handlers the number text with the
// locale's decimal point ("0,1"); the reader takes numbers from the document instead.
//
// The locale: an installed one if there is (de_DE.UTF-8, fr_FR.UTF-8, ...), otherwise
// one compiled by `localedef` into a temporary directory and found through LOCPATH.
// `localedef` ships with glibc (libc-bin); it needs the character maps of Debian's
// `locales` package. Without both, the test is skipped and says so.
#include <gtest/gtest.h>

#include <clocale>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>

#include "support/json_reader.hpp"
#include "duixian/policy_book.hpp"
#include "test_paths.hpp"

namespace duixian {
namespace {

// The reader's bounds as a policy book sets them by default (policy_book.hpp, JsonLimits).
const JsonReaderLimits kLimits{4U * 1024U * 1024U, 64, 200000};

bool decimal_comma() { return std::string(std::localeconv()->decimal_point) == ","; }

// Sets LC_NUMERIC to a comma-decimal locale for the test's lifetime; restores "C" after.
class CommaLocale {
 public:
  CommaLocale() {
    for (const char* name : {"de_DE.UTF-8", "de_DE.utf8", "de_DE", "fr_FR.UTF-8", "fr_FR.utf8", "ru_RU.UTF-8",
                             "es_ES.UTF-8", "it_IT.UTF-8", "nl_NL.UTF-8", "pt_BR.UTF-8"}) {
      if (std::setlocale(LC_NUMERIC, name) != nullptr && decimal_comma()) {
        name_ = name;
        return;
      }
    }
    std::setlocale(LC_NUMERIC, "C");
    compile_one();
  }
  ~CommaLocale() {
    std::setlocale(LC_NUMERIC, "C");
    if (!dir_.empty()) {
      unsetenv("LOCPATH");
      std::error_code ignored;
      std::filesystem::remove_all(dir_, ignored);
    }
  }
  CommaLocale(const CommaLocale&) = delete;
  CommaLocale& operator=(const CommaLocale&) = delete;

  bool active() const { return !name_.empty(); }
  const std::string& name() const { return name_; }

 private:
  // A locale that only defines LC_NUMERIC (decimal comma), compiled for this process.
  void compile_one() {
    char pattern[] = "/tmp/duixian-locale-XXXXXX";
    if (mkdtemp(pattern) == nullptr) return;
    dir_ = pattern;
    std::ofstream(dir_ + "/comma.src") << "comment_char %\nescape_char /\nLC_NUMERIC\ndecimal_point \",\"\n"
                                          "thousands_sep \".\"\ngrouping 3;3\nEND LC_NUMERIC\n";
    // -c: the other categories are left undefined on purpose; the ASCII character map
    // compiles in milliseconds (UTF-8's takes seconds). Warnings go to /dev/null.
    const std::string command = "localedef -c -i '" + dir_ + "/comma.src' -f ANSI_X3.4-1968 '" + dir_ +
                                "/xx_COMMA' >/dev/null 2>&1";
    if (std::system(command.c_str()) == -1) return;
    setenv("LOCPATH", dir_.c_str(), 1);  // glibc reads LOCPATH on every setlocale
    if (std::setlocale(LC_NUMERIC, "xx_COMMA") != nullptr && decimal_comma()) name_ = "xx_COMMA (localedef)";
  }

  std::string name_;
  std::string dir_;
};

const char* kSkip =
    "no comma-decimal locale: none is installed and localedef could not compile one (it needs the character "
    "maps of Debian's `locales` package: apt-get install locales, or generate de_DE.UTF-8)";

TEST(JsonCommaDecimalLocale, NumbersKeepTheirTextUnderAHostLocale) {
  const CommaLocale locale;
  if (!locale.active()) GTEST_SKIP() << kSkip;
  ASSERT_TRUE(decimal_comma()) << locale.name();
  const JsonDocument doc = read_json("[0.1, 2.50, 1.5e3, -0.0452, 123456789012345678901234567890.5]", "t.json", kLimits);
  ASSERT_TRUE(doc.complete);
  ASSERT_EQ(doc.root.items.size(), 5U);
  EXPECT_EQ(doc.root.items[0].text, "0.1");
  EXPECT_EQ(doc.root.items[1].text, "2.50");
  EXPECT_EQ(doc.root.items[2].text, "1.5e3");
  EXPECT_EQ(doc.root.items[3].text, "-0.0452");
  EXPECT_EQ(doc.root.items[4].text, "123456789012345678901234567890.5");
}

TEST(JsonCommaDecimalLocale, TheReferenceBookLoadsExactlyTheSame) {
  const std::string path = test::wenzhou_book_path();
  const PolicyBook in_c = load_policy_book_file(path);
  const CommaLocale locale;
  if (!locale.active()) GTEST_SKIP() << kSkip;
  const PolicyBook in_host_locale = load_policy_book_file(path);
  EXPECT_EQ(in_host_locale, in_c) << locale.name();
  EXPECT_EQ(in_host_locale.spec().funding.rules[0].city_share.to_string(), "0.50");
  EXPECT_EQ(in_host_locale.spec().funding.default_city_share.to_string(), "0.30");
  EXPECT_EQ(in_host_locale.policies()[4].budget->to_string(), "30000000");

  const std::string book = R"({"format": "duixian.policy-book/1", "id": "l", "title": "L", "currency": "CNY",
    "year": 2019, "metrics": [{"name": "sales", "type": "money", "period": "quarter"}],
    "funding": {"default_city_share": 0.1},
    "policies": [{"id": "a", "title": "A", "kind": "reward", "basis": "per_quarter", "amount": "sales[this_quarter]",
      "line_cap": 0.2, "annual_cap": 1234567.891}]})";
  const PolicyBook b = load_policy_book(book, "l.json");
  EXPECT_EQ(b.spec().funding.default_city_share + *b.policies()[0].line_cap.amount, Decimal::parse("0.3"));
  EXPECT_EQ(b.policies()[0].annual_cap->to_string(), "1234567.891");
}

}  // namespace
}  // namespace duixian
