// The C ABI: decimal arithmetic, money formatting and SHA-256 on text.
#include "capi/c_support.hpp"
#include "support/sha256.hpp"

using namespace duixian;
using namespace duixian::capi;

namespace {

// The C enum and the C++ one are the same numbers, so a mode crosses the boundary as is.
static_assert(DUIXIAN_ROUND_HALF_UP == static_cast<int>(RoundingMode::half_up), "rounding modes differ");
static_assert(DUIXIAN_ROUND_HALF_EVEN == static_cast<int>(RoundingMode::half_even), "rounding modes differ");
static_assert(DUIXIAN_ROUND_HALF_DOWN == static_cast<int>(RoundingMode::half_down), "rounding modes differ");
static_assert(DUIXIAN_ROUND_UP == static_cast<int>(RoundingMode::up), "rounding modes differ");
static_assert(DUIXIAN_ROUND_DOWN == static_cast<int>(RoundingMode::down), "rounding modes differ");
static_assert(DUIXIAN_ROUND_CEILING == static_cast<int>(RoundingMode::ceiling), "rounding modes differ");
static_assert(DUIXIAN_ROUND_FLOOR == static_cast<int>(RoundingMode::floor), "rounding modes differ");

RoundingMode rounding_of(int mode) {
  if (mode < DUIXIAN_ROUND_HALF_UP || mode > DUIXIAN_ROUND_FLOOR) {
    fail(DUIXIAN_E_INVALID_ARGUMENT, "unknown rounding mode " + std::to_string(mode));
  }
  return static_cast<RoundingMode>(mode);
}

void check_places(int places) {
  if (places < 0 || places > Decimal::max_scale) {
    fail(DUIXIAN_E_INVALID_ARGUMENT, "places must be 0 to 38, not " + std::to_string(places));
  }
}

Decimal parse_decimal(const char* text, const char* name) {
  need(text, name);
  return Decimal::parse(text);
}

}  // namespace

extern "C" {

int duixian_rounding_parse(const char* name, int* out) {
  return guarded([&] {
    need(name, "name");
    need(out, "out");
    const auto mode = parse_rounding_mode(name);
    if (!mode) {
      fail(DUIXIAN_E_PARSE, std::string("unknown rounding mode \"") + name +
                                "\" (expected half_up, half_even, half_down, up, down, ceiling or floor)");
    }
    *out = static_cast<int>(*mode);
    return DUIXIAN_OK;
  });
}

int duixian_decimal_round(const char* value, int places, int mode, char** out) {
  return guarded([&] {
    need(out, "out");
    const Decimal d = parse_decimal(value, "value");
    check_places(places);
    *out = dup(d.round(places, rounding_of(mode)).to_string());
    return DUIXIAN_OK;
  });
}

int duixian_decimal_add(const char* a, const char* b, char** out) {
  return guarded([&] {
    need(out, "out");
    *out = dup((parse_decimal(a, "a") + parse_decimal(b, "b")).to_string());
    return DUIXIAN_OK;
  });
}

int duixian_decimal_sub(const char* a, const char* b, char** out) {
  return guarded([&] {
    need(out, "out");
    *out = dup((parse_decimal(a, "a") - parse_decimal(b, "b")).to_string());
    return DUIXIAN_OK;
  });
}

int duixian_decimal_mul(const char* a, const char* b, char** out) {
  return guarded([&] {
    need(out, "out");
    *out = dup((parse_decimal(a, "a") * parse_decimal(b, "b")).to_string());
    return DUIXIAN_OK;
  });
}

int duixian_decimal_compare(const char* a, const char* b, int* out) {
  return guarded([&] {
    need(out, "out");
    const int c = Decimal::compare(parse_decimal(a, "a"), parse_decimal(b, "b"));
    *out = c < 0 ? -1 : (c > 0 ? 1 : 0);
    return DUIXIAN_OK;
  });
}

int duixian_money_format(const char* amount, int unit, int places, int mode, char** out) {
  return guarded([&] {
    need(out, "out");
    const Money m(parse_decimal(amount, "amount"));
    check_places(places);
    const RoundingMode r = rounding_of(mode);
    MoneyUnit u = MoneyUnit::yuan;
    switch (unit) {
      case DUIXIAN_UNIT_YUAN: u = MoneyUnit::yuan; break;
      case DUIXIAN_UNIT_WAN_YUAN: u = MoneyUnit::wan_yuan; break;
      case DUIXIAN_UNIT_YI_YUAN: u = MoneyUnit::yi_yuan; break;
      case DUIXIAN_UNIT_NATURAL: u = natural_unit(m); break;
      default: fail(DUIXIAN_E_INVALID_ARGUMENT, "unknown money unit " + std::to_string(unit));
    }
    *out = dup(format_money(m, u, places, r));
    return DUIXIAN_OK;
  });
}

int duixian_money_capital(const char* amount, char** out) {
  return guarded([&] {
    need(out, "out");
    *out = dup(to_capital(Money(parse_decimal(amount, "amount"))));
    return DUIXIAN_OK;
  });
}

int duixian_sha256_hex(const void* data, size_t size, char** out) {
  return guarded([&] {
    need(out, "out");
    if (data == nullptr && size != 0) fail(DUIXIAN_E_NULL, "data is NULL");
    *out = dup(sha256_hex(std::string_view(static_cast<const char*>(data), size)));
    return DUIXIAN_OK;
  });
}

}  // extern "C"
