// Error codes, rounding-mode names and the version, which hosts rely on verbatim.
#include <gtest/gtest.h>

#include <cstring>
#include <string>

#include "duixian/error.hpp"
#include "duixian/rounding.hpp"
#include "duixian/version.hpp"

namespace duixian {
namespace {

TEST(ErrorCode, HasStableNamesAndValues) {
  EXPECT_STREQ(to_string(ErrorCode::invalid_argument), "invalid_argument");
  EXPECT_STREQ(to_string(ErrorCode::parse_error), "parse_error");
  EXPECT_STREQ(to_string(ErrorCode::overflow), "overflow");
  EXPECT_STREQ(to_string(ErrorCode::division_by_zero), "division_by_zero");
  EXPECT_STREQ(to_string(ErrorCode::not_representable), "not_representable");
  EXPECT_STREQ(to_string(ErrorCode::io_error), "io_error");
  EXPECT_STREQ(to_string(ErrorCode::ledger_conflict), "ledger_conflict");
  EXPECT_EQ(static_cast<int>(ErrorCode::ledger_conflict), 7);
  EXPECT_STREQ(to_string(static_cast<ErrorCode>(99)), "unknown");
  EXPECT_EQ(static_cast<int>(ErrorCode::overflow), 3);
}

TEST(Error, CarriesItsCodeAndAPrefixedMessage) {
  const Error e(ErrorCode::overflow, "too big");
  EXPECT_EQ(e.code(), ErrorCode::overflow);
  EXPECT_STREQ(e.what(), "overflow: too big");
  EXPECT_EQ(e.message(), "too big");
  // Wrapping keeps one code name in front, however deep (the engine adds where it failed).
  const Error wrapped(e.code(), "settling X: " + std::string(e.message()));
  EXPECT_STREQ(wrapped.what(), "overflow: settling X: too big");
  EXPECT_EQ(Error(ErrorCode::io_error, "").message(), "");
}

TEST(RoundingModeNames, RoundTrip) {
  for (RoundingMode m : {RoundingMode::half_up, RoundingMode::half_even, RoundingMode::half_down, RoundingMode::up,
                         RoundingMode::down, RoundingMode::ceiling, RoundingMode::floor}) {
    EXPECT_EQ(parse_rounding_mode(to_string(m)), m);
  }
  EXPECT_STREQ(to_string(RoundingMode::half_up), "half_up");
  EXPECT_FALSE(parse_rounding_mode("HALF_UP").has_value());
  EXPECT_FALSE(parse_rounding_mode("05up").has_value());
  EXPECT_FALSE(parse_rounding_mode("").has_value());
}

TEST(Version, LibraryMatchesHeader) {
  EXPECT_STREQ(version(), DUIXIAN_VERSION_STRING);
  EXPECT_EQ(DUIXIAN_VERSION, DUIXIAN_VERSION_MAJOR * 10000 + DUIXIAN_VERSION_MINOR * 100 + DUIXIAN_VERSION_PATCH);
}

}  // namespace
}  // namespace duixian
