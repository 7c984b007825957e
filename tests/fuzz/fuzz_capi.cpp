// The C ABI's entry points that take text (include/duixian/duixian.h). The first byte
// picks the entry: 'B' the rest is a policy book (duixian_book_load_text, then a register
// loaded from text and a settled quarter of its year), 'R' the rest is an enterprises CSV,
// a NUL byte and a facts CSV loaded against the Wenzhou 2019 book, anything else
// decimal utilities on up to three NUL-separated strings. Properties: every status is a
// documented one and never DUIXIAN_E_INTERNAL; a failure leaves a last error; out
// pointers are NULL on failure; exact arithmetic undoes itself (a + b − b = a) and commutes.
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

#include "duixian/duixian.h"
#include "fuzz_common.hpp"

namespace {

bool documented(int status) {
  return status == DUIXIAN_OK || (status <= -1 && status >= -7) || (status <= -20 && status >= -24);
}

/// Checks a status and returns whether it is DUIXIAN_OK.
bool ok(int status) {
  if (!documented(status)) {
    std::fprintf(stderr, "status %d: %s\n", status, duixian_last_error());
    FUZZ_CHECK(documented(status));
  }
  if (status != DUIXIAN_OK) FUZZ_CHECK(std::strlen(duixian_last_error()) > 0);
  return status == DUIXIAN_OK;
}

/// A string the library allocated, freed on scope exit.
struct Owned {
  char* p = nullptr;
  ~Owned() { duixian_string_free(p); }
  std::string str() const { return p == nullptr ? std::string() : std::string(p); }
};

void settle_book(const duixian_book* book, std::size_t size) {
  const char* id = nullptr;
  int year = 0;
  std::size_t policies = 0;
  const char* sha = nullptr;
  FUZZ_CHECK(ok(duixian_book_id(book, &id)) && id != nullptr);
  FUZZ_CHECK(ok(duixian_book_year(book, &year)));
  FUZZ_CHECK(ok(duixian_book_policy_count(book, &policies)));
  FUZZ_CHECK(ok(duixian_book_sha256(book, &sha)) && std::strlen(sha) == 64);
  duixian_load_options load{DUIXIAN_LOAD_OPTIONS_VERSION, DUIXIAN_ENCODING_UTF8, 1};
  duixian_register* reg = nullptr;
  const int loaded = duixian_register_load_text(book, duixian_fuzz::enterprises_csv.data(),
                                                duixian_fuzz::enterprises_csv.size(), duixian_fuzz::facts_csv.data(),
                                                duixian_fuzz::facts_csv.size(), &load, &reg);
  if (!ok(loaded)) {
    FUZZ_CHECK(reg == nullptr);
    return;
  }
  const std::string quarter = std::to_string(year) + "Q" + std::to_string(size % 4 + 1);
  duixian_settle_options options{DUIXIAN_SETTLE_OPTIONS_VERSION, 1};
  duixian_settlement* settlement = nullptr;
  const int settled = duixian_settle(book, reg, quarter.c_str(), nullptr, &options, &settlement);
  if (ok(settled)) {
    std::size_t lines = 0;
    FUZZ_CHECK(ok(duixian_settlement_line_count(settlement, &lines)));
    Owned json;
    if (ok(duixian_settlement_totals_json(settlement, &json.p))) FUZZ_CHECK(json.p != nullptr && json.p[0] == '{');
    duixian_lines* it = nullptr;
    if (ok(duixian_lines_open(settlement, &it))) {
      std::size_t rows = 0;
      int step = 0;
      while ((step = duixian_lines_next(it)) == DUIXIAN_ROW) {
        ++rows;
        for (int field = DUIXIAN_LINE_CREDIT_CODE; field <= DUIXIAN_LINE_REGION; ++field) {
          const char* value = nullptr;
          FUZZ_CHECK(ok(duixian_lines_get(it, field, &value)) && value != nullptr);
        }
      }
      FUZZ_CHECK(step == DUIXIAN_DONE);
      FUZZ_CHECK(rows == lines);
      duixian_lines_free(it);
    }
    if (lines > 0) {
      Owned text;
      (void)ok(duixian_settlement_explain(settlement, 0, 0, &text.p));
    }
  } else {
    FUZZ_CHECK(settlement == nullptr);
  }
  duixian_settlement_free(settlement);
  duixian_register_free(reg);
}

void book_entry(const std::string& text, std::size_t size) {
  duixian_book* book = nullptr;
  if (!ok(duixian_book_load_text(text.data(), text.size(), "fuzz.json", &book))) {
    FUZZ_CHECK(book == nullptr);
    return;
  }
  settle_book(book, size);
  duixian_book_free(book);
}

const duixian_book* wenzhou_book() {
  static duixian_book* book = [] {
    duixian_book* b = nullptr;
    if (duixian_book_load_file(DUIXIAN_FUZZ_WENZHOU_BOOK, &b) != DUIXIAN_OK) {
      std::fprintf(stderr, "cannot load %s: %s\n", DUIXIAN_FUZZ_WENZHOU_BOOK, duixian_last_error());
      std::abort();
    }
    return b;
  }();
  return book;
}

void register_entry(const std::string& rest) {
  const std::vector<std::string> parts = duixian_fuzz::split_nul(rest, 2);
  for (int allow = 0; allow <= 1; ++allow) {
    for (int encoding : {DUIXIAN_ENCODING_UTF8, DUIXIAN_ENCODING_GB18030}) {
      duixian_load_options options{DUIXIAN_LOAD_OPTIONS_VERSION, encoding, allow};
      duixian_register* reg = nullptr;
      if (!ok(duixian_register_load_text(wenzhou_book(), parts[0].data(), parts[0].size(), parts[1].data(),
                                         parts[1].size(), &options, &reg))) {
        FUZZ_CHECK(reg == nullptr);
        continue;
      }
      std::size_t n = 0;
      std::size_t facts = 0;
      FUZZ_CHECK(ok(duixian_register_size(reg, &n)));
      FUZZ_CHECK(ok(duixian_register_fact_count(reg, &facts)));
      Owned sha;
      FUZZ_CHECK(ok(duixian_register_sha256(reg, &sha.p)) && std::strlen(sha.p) == 64);
      duixian_register_free(reg);
    }
  }
}

void decimal_entry(const std::string& rest) {
  const std::vector<std::string> parts = duixian_fuzz::split_nul(rest, 3);
  const char* a = parts[0].c_str();
  const char* b = parts[1].c_str();
  const int places = parts[2].empty() ? 2 : static_cast<int>(static_cast<unsigned char>(parts[2][0])) - 64;
  const int mode = parts[2].size() < 2 ? 0 : static_cast<int>(static_cast<unsigned char>(parts[2][1])) % 9 - 1;

  int cmp = 0;
  const bool a_ok = ok(duixian_decimal_compare(a, a, &cmp));
  if (a_ok) FUZZ_CHECK(cmp == 0);
  int ab = 0;
  int ba = 0;
  if (ok(duixian_decimal_compare(a, b, &ab))) {
    FUZZ_CHECK(ok(duixian_decimal_compare(b, a, &ba)));
    FUZZ_CHECK(ab == -ba && ab >= -1 && ab <= 1);
  }

  Owned sum;
  Owned sum2;
  const int s1 = duixian_decimal_add(a, b, &sum.p);
  const int s2 = duixian_decimal_add(b, a, &sum2.p);
  FUZZ_CHECK(s1 == s2);
  if (ok(s1)) {
    FUZZ_CHECK(sum.str() == sum2.str());
    Owned diff;
    FUZZ_CHECK(ok(duixian_decimal_sub(sum.p, b, &diff.p)));
    FUZZ_CHECK(ok(duixian_decimal_compare(diff.p, a, &cmp)) && cmp == 0);
  } else {
    FUZZ_CHECK(sum.p == nullptr);
  }
  Owned product;
  Owned product2;
  const int m1 = duixian_decimal_mul(a, b, &product.p);
  FUZZ_CHECK(m1 == duixian_decimal_mul(b, a, &product2.p));
  if (ok(m1)) FUZZ_CHECK(product.str() == product2.str());
  Owned diff;
  (void)ok(duixian_decimal_sub(a, b, &diff.p));

  Owned rounded;
  (void)ok(duixian_decimal_round(a, places, mode, &rounded.p));
  Owned formatted;
  (void)ok(duixian_money_format(a, mode % 5, places, mode, &formatted.p));
  Owned capital;
  (void)ok(duixian_money_capital(a, &capital.p));
  int parsed_mode = 0;
  (void)ok(duixian_rounding_parse(b, &parsed_mode));
  Owned hex;
  FUZZ_CHECK(ok(duixian_sha256_hex(rest.data(), rest.size(), &hex.p)) && std::strlen(hex.p) == 64);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::string rest(reinterpret_cast<const char*>(data) + 1, size - 1);
  switch (data[0]) {
    case 'B': book_entry(rest, size); break;
    case 'R': register_entry(rest); break;
    default: decimal_entry(rest); break;
  }
  return 0;
}
