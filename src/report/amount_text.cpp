// fen_text: an amount in fen as plain decimal text with two places (report.hpp).
#include <cstdint>
#include <string>

#include "duixian/report.hpp"

namespace duixian {

std::string fen_text(std::int64_t fen) {
  // Work on the magnitude as unsigned so that INT64_MIN has one.
  const bool negative = fen < 0;
  const std::uint64_t magnitude = negative ? 0 - static_cast<std::uint64_t>(fen) : static_cast<std::uint64_t>(fen);
  const std::uint64_t cents = magnitude % 100;
  std::string text = negative ? "-" : "";
  text += std::to_string(magnitude / 100);
  text += '.';
  text += static_cast<char>('0' + cents / 10);
  text += static_cast<char>('0' + cents % 10);
  return text;
}

}  // namespace duixian
