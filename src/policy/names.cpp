#include "policy/names.hpp"

#include <algorithm>

#include "duixian/region.hpp"
#include "support/suggestions.hpp"

namespace duixian::names {

const char* const id_rule = "must be 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit";
const char* const name_rule = "must match [a-z][a-z0-9_]* (at most 64 characters)";

std::string join(const std::string& path, std::string_view name) {
  return path.empty() ? std::string(name) : path + "." + std::string(name);
}

std::string index(const std::string& path, std::size_t i) { return path + "[" + std::to_string(i) + "]"; }

std::string parent(const std::string& path) {
  const auto cut = path.find_last_of(".[");
  return cut == std::string::npos ? std::string() : path.substr(0, cut);
}

namespace {
bool lower(char c) noexcept { return c >= 'a' && c <= 'z'; }
bool digit(char c) noexcept { return c >= '0' && c <= '9'; }
bool letter(char c) noexcept { return lower(c) || (c >= 'A' && c <= 'Z'); }
}  // namespace

bool valid_id(std::string_view id) noexcept {
  if (id.empty() || id.size() > 64 || !(letter(id[0]) || digit(id[0]))) return false;
  return std::all_of(id.begin(), id.end(),
                     [](char c) { return letter(c) || digit(c) || c == '.' || c == '_' || c == '-'; });
}

bool valid_name(std::string_view name) noexcept {
  if (name.empty() || name.size() > 64 || !lower(name[0])) return false;
  return std::all_of(name.begin(), name.end(), [](char c) { return lower(c) || digit(c) || c == '_'; });
}

std::string suggestion(std::string_view word, const std::vector<std::string>& candidates) {
  if (const std::optional<std::string> best = detail::closest_match(word, candidates)) {
    return " (did you mean \"" + *best + "\"?)";
  }
  if (candidates.empty() || candidates.size() > 12) return {};
  std::string list;
  for (const std::string& c : candidates) list += (list.empty() ? "" : ", ") + c;
  return " (expected one of: " + list + ")";
}

std::string region_prefix_problem(std::string_view prefix) {
  if (prefix.size() != 2 && prefix.size() != 4 && prefix.size() != 6) return "it must have 2, 4 or 6 digits";
  if (!std::all_of(prefix.begin(), prefix.end(), digit)) return "it must be digits only";
  const int pp = (prefix[0] - '0') * 10 + (prefix[1] - '0');
  if (!is_province_part(pp)) return "province part " + std::string(prefix.substr(0, 2)) + " is not a province-level code";
  return {};
}

}  // namespace duixian::names
