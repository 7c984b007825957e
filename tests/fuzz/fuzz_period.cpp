// Period text: Period, Year, Quarter, Month, Date and DateRange parse the same input.
// Property: whatever parses formats back (to_string) to text that parses to an equal
// value and formats identically; Period agrees with the kind-specific parser.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "duixian/period.hpp"
#include "fuzz_common.hpp"

using namespace duixian;

namespace {

template <class T>
std::optional<T> try_parse(std::string_view text) {
  try {
    return T::parse(text);
  } catch (const Error& e) {
    FUZZ_CHECK(e.code() == ErrorCode::parse_error);
    return std::nullopt;
  }
}

template <class T>
std::optional<T> round_trip(std::string_view text) {
  const std::optional<T> value = try_parse<T>(text);
  if (!value) return value;
  const std::string s = value->to_string();
  const T back = T::parse(s);  // must not throw
  FUZZ_CHECK(back == *value);
  FUZZ_CHECK(back.to_string() == s);
  return value;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto text = duixian_fuzz::as_text(data, size);
  const auto period = round_trip<Period>(text);
  const auto year = round_trip<Year>(text);
  const auto quarter = round_trip<Quarter>(text);
  const auto month = round_trip<Month>(text);
  round_trip<Date>(text);
  round_trip<DateRange>(text);
  if (period) {
    FUZZ_CHECK(Period::from_key(period->key()) == *period);
  }
  // A year, quarter or month text is also a period of that kind.
  if (year) FUZZ_CHECK(period && period->kind() == PeriodKind::year && period->to_string() == year->to_string());
  if (quarter) FUZZ_CHECK(period && period->kind() == PeriodKind::quarter && period->to_string() == quarter->to_string());
  if (month) FUZZ_CHECK(period && period->kind() == PeriodKind::month && period->to_string() == month->to_string());
  return 0;
}
