#pragma once
// RFC 4180 quoting for the CSV writers of report.hpp (private to the library).
#include <ostream>
#include <string_view>

namespace duixian::detail {

/// Writes a CSV field, quoted (with doubled quotes) when it holds a comma, quote or line break.
inline void write_csv_field(std::ostream& out, std::string_view field) {
  if (field.find_first_of(",\"\r\n") == std::string_view::npos) {
    out << field;
    return;
  }
  out << '"';
  for (const char c : field) {
    if (c == '"') out << '"';
    out << c;
  }
  out << '"';
}

/// The UTF-8 byte-order mark Excel looks for.
inline constexpr std::string_view utf8_bom = "\xEF\xBB\xBF";

}  // namespace duixian::detail
