#include "duixian/enterprise.hpp"

#include <algorithm>

#include "duixian/error.hpp"

namespace duixian {

bool Enterprise::has_tag(std::string_view tag) const noexcept {
  return std::binary_search(tags.begin(), tags.end(), tag, [](std::string_view a, std::string_view b) { return a < b; });
}

std::optional<std::string_view> Enterprise::attribute(std::string_view attribute_name, const Date& day) const {
  const DatedAttribute* best = nullptr;
  for (const DatedAttribute& a : attributes) {
    if (a.name != attribute_name || day < a.from || (a.until && *a.until < day)) continue;
    if (best == nullptr || best->from < a.from) best = &a;
  }
  if (best == nullptr) return std::nullopt;
  return std::string_view(best->value);
}

std::vector<std::string> parse_tags(std::string_view text) {
  std::vector<std::string> tags;
  if (text.empty()) return tags;
  std::size_t start = 0;
  while (true) {
    const std::size_t end = std::min(text.find(';', start), text.size());
    const std::string_view tag = text.substr(start, end - start);
    const bool ok = !tag.empty() && tag[0] >= 'a' && tag[0] <= 'z' &&
                    std::all_of(tag.begin(), tag.end(), [](char c) {
                      return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
                    });
    if (!ok) {
      throw Error(ErrorCode::parse_error,
                  "tag \"" + std::string(tag) + "\" must match [a-z][a-z0-9_]* (tags are separated by ';')");
    }
    tags.emplace_back(tag);
    if (end == text.size()) break;
    start = end + 1;
  }
  std::sort(tags.begin(), tags.end());
  tags.erase(std::unique(tags.begin(), tags.end()), tags.end());
  return tags;
}

}  // namespace duixian
