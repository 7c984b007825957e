#include "duixian/rounding.hpp"

#include <array>
#include <utility>

namespace duixian {

namespace {
constexpr std::array<std::pair<RoundingMode, std::string_view>, 7> kNames{{
    {RoundingMode::half_up, "half_up"},
    {RoundingMode::half_even, "half_even"},
    {RoundingMode::half_down, "half_down"},
    {RoundingMode::up, "up"},
    {RoundingMode::down, "down"},
    {RoundingMode::ceiling, "ceiling"},
    {RoundingMode::floor, "floor"},
}};
}  // namespace

const char* to_string(RoundingMode mode) noexcept {
  for (const auto& [m, name] : kNames) {
    if (m == mode) return name.data();
  }
  return "unknown";
}

std::optional<RoundingMode> parse_rounding_mode(std::string_view name) noexcept {
  for (const auto& [m, n] : kNames) {
    if (n == name) return m;
  }
  return std::nullopt;
}

}  // namespace duixian
