// CreditCode::parse on any text, with both organization-code checks. Properties: parse,
// try_parse and is_valid agree; a valid code round-trips through to_string; its check
// character recomputed from the first 17 is the 18th, and make_credit_code rebuilds a
// strictly valid one;
// strict acceptance implies lenient acceptance.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "duixian/credit_code.hpp"
#include "fuzz_common.hpp"

using namespace duixian;

namespace {

std::optional<CreditCode> check_one(std::string_view text, OrganizationCodeCheck org) {
  std::string why;
  const std::optional<CreditCode> tried = CreditCode::try_parse(text, &why, org);
  std::optional<CreditCode> parsed;
  try {
    parsed = CreditCode::parse(text, org);
  } catch (const Error& e) {
    FUZZ_CHECK(e.code() == ErrorCode::parse_error);
  }
  FUZZ_CHECK(tried.has_value() == parsed.has_value());
  FUZZ_CHECK(CreditCode::is_valid(text, org) == parsed.has_value());
  if (!parsed) {
    FUZZ_CHECK(!why.empty());
    return parsed;
  }
  FUZZ_CHECK(*tried == *parsed);
  const CreditCode& code = *parsed;
  FUZZ_CHECK(code.text() == text);
  FUZZ_CHECK(code.to_string() == text);
  FUZZ_CHECK(CreditCode::parse(code.to_string(), org) == code);
  const std::string_view first17 = code.text().substr(0, 17);
  FUZZ_CHECK(CreditCode::check_character(first17) == code.text()[17]);
  if (org == OrganizationCodeCheck::strict) {
    // make_credit_code enforces the strict check, so only strictly valid codes are rebuilt.
    FUZZ_CHECK(make_credit_code(first17) == code.text());
    FUZZ_CHECK(code.organization_code_valid());
    FUZZ_CHECK(CreditCode::organization_check_character(code.text().substr(8, 8)) == code.text()[16]);
  }
  (void)code.region();
  FUZZ_CHECK(std::hash<CreditCode>{}(code) == std::hash<CreditCode>{}(CreditCode::parse(code.to_string(), org)));
  return parsed;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto text = duixian_fuzz::as_text(data, size);
  const auto strict = check_one(text, OrganizationCodeCheck::strict);
  const auto lenient = check_one(text, OrganizationCodeCheck::skip);
  if (strict) FUZZ_CHECK(lenient.has_value());
  // Completing any 17 characters of the alphabet gives a code that passes the GB 32100 check.
  if (size >= 17) {
    const std::string_view first17 = text.substr(0, 17);
    if (first17.find_first_not_of(CreditCode::alphabet) == std::string_view::npos) {
      std::string full;
      try {
        full = make_credit_code(first17);
      } catch (const Error& e) {
        // Registration authority, entity type or the organization-code check (position 17).
        FUZZ_CHECK(e.code() == ErrorCode::invalid_argument);
        return 0;
      }
      FUZZ_CHECK(full.size() == CreditCode::length && full.substr(0, 17) == first17);
      FUZZ_CHECK(CreditCode::check_character(first17) == full[17]);
      // Not every such code is valid (registration authority and entity type are checked),
      // but its check character is never the reason.
      std::string why;
      if (!CreditCode::try_parse(full, &why, OrganizationCodeCheck::skip)) {
        FUZZ_CHECK(why.rfind("check character should be", 0) != 0);
      }
    }
  }
  return 0;
}
