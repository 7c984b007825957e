// The encodings a loader can be told to read (loader.hpp), and reading a file's bytes in one.
#include "register/text_encoding.hpp"

#include <optional>

#include "duixian/error.hpp"
#include "support/encoding.hpp"

namespace duixian {

namespace {

char ascii_lower(char c) noexcept { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

bool iequals(std::string_view a, std::string_view b) noexcept {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (ascii_lower(a[i]) != ascii_lower(b[i])) return false;
  }
  return true;
}

}  // namespace

std::optional<TextEncoding> parse_text_encoding(std::string_view name) noexcept {
  if (iequals(name, "utf-8") || iequals(name, "utf8")) return TextEncoding::utf8;
  if (iequals(name, "gb18030") || iequals(name, "gbk") || iequals(name, "cp936") || iequals(name, "gb2312")) {
    return TextEncoding::gb18030;
  }
  return std::nullopt;
}

const char* to_string(TextEncoding encoding) noexcept {
  switch (encoding) {
    case TextEncoding::utf8: return "utf-8";
    case TextEncoding::gb18030: return "gb18030";
  }
  return "unknown";
}

std::string to_utf8(std::string_view bytes, TextEncoding from, std::string_view source_name) {
  if (from == TextEncoding::utf8) {
    if (std::optional<Diagnostic> d = validate_utf8(bytes, source_name)) {
      throw Error(ErrorCode::parse_error, to_string(*d));
    }
    return std::string(bytes);
  }
  return gb18030_to_utf8(bytes, source_name);
}

}  // namespace duixian
