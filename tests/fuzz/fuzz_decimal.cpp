// Decimal::parse on any text. Property: a decimal that parses formats back (to_string) to
// text that re-parses to the same coefficient and scale, and formats identically again.
#include <cstddef>
#include <cstdint>
#include <string>

#include "duixian/decimal.hpp"
#include "fuzz_common.hpp"

using duixian::Decimal;
using duixian::Error;
using duixian::ErrorCode;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto text = duixian_fuzz::as_text(data, size);
  Decimal d;
  try {
    d = Decimal::parse(text);
  } catch (const Error& e) {
    FUZZ_CHECK(e.code() == ErrorCode::parse_error || e.code() == ErrorCode::overflow);
    return 0;
  }
  FUZZ_CHECK(d.digits() <= Decimal::max_digits);
  FUZZ_CHECK(d.scale() >= 0 && d.scale() <= Decimal::max_scale);
  const std::string s = d.to_string();
  const Decimal back = Decimal::parse(s);  // must not throw
  FUZZ_CHECK(back == d);
  FUZZ_CHECK(back.coefficient() == d.coefficient());
  FUZZ_CHECK(back.scale() == d.scale());
  FUZZ_CHECK(back.to_string() == s);
  FUZZ_CHECK(std::hash<Decimal>{}(back) == std::hash<Decimal>{}(d));
  // Value-preserving operations keep the value.
  const Decimal n = d.normalized();
  FUZZ_CHECK(n == d);
  FUZZ_CHECK(Decimal::parse(n.to_string()) == d);
  FUZZ_CHECK(-(-d) == d);
  FUZZ_CHECK(Decimal::compare(d, d) == 0);
  FUZZ_CHECK((d - d).is_zero());
  try {
    const Decimal r = d.round(2, duixian::RoundingMode::half_up);
    FUZZ_CHECK(r.scale() == 2);
    FUZZ_CHECK(Decimal::parse(r.to_string()) == r);
  } catch (const Error& e) {
    FUZZ_CHECK(e.code() == ErrorCode::overflow);
  }
  return 0;
}
