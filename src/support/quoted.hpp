#pragma once
// Quoting input text in error messages, shortened so a hostile megabyte-long field
// cannot make a megabyte-long message.

#include <string>
#include <string_view>

namespace duixian::detail {

/// `"text"`, or the first 48 bytes of it followed by `...`.
inline std::string quoted(std::string_view text) {
  constexpr std::size_t kShown = 48;
  std::string q = "\"";
  q.append(text.substr(0, kShown));
  if (text.size() > kShown) q += "...";
  return q + "\"";
}

}  // namespace duixian::detail
