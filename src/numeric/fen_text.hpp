#pragma once
// fen_text (duixian/fen.hpp) appended to a buffer: the report writers format hundreds of
// thousands of amounts, and a std::string per amount through an ostream was most of
// their time.

#include <cstdint>
#include <string>

namespace duixian::detail {

/// Appends `fen` as yuan with two decimals ("-1234.05"), exactly as `fen_text` returns it.
inline void append_fen_text(std::string& out, std::int64_t fen) {
  // Work on the magnitude as unsigned so that INT64_MIN has one.
  const bool negative = fen < 0;
  std::uint64_t magnitude = negative ? 0 - static_cast<std::uint64_t>(fen) : static_cast<std::uint64_t>(fen);
  char buf[24];
  char* p = buf + sizeof buf;
  *--p = static_cast<char>('0' + magnitude % 10);
  magnitude /= 10;
  *--p = static_cast<char>('0' + magnitude % 10);
  magnitude /= 10;
  *--p = '.';
  do {
    *--p = static_cast<char>('0' + magnitude % 10);
    magnitude /= 10;
  } while (magnitude != 0);
  if (negative) *--p = '-';
  out.append(p, static_cast<std::size_t>(buf + sizeof buf - p));
}

}  // namespace duixian::detail
