#pragma once
// Private helpers of the JSON reader: positions in code points, and the raw tokens of
// a JSON text that nlohmann's SAX parser has already validated.

#include <cstddef>
#include <string_view>

#include "support/json_reader.hpp"

namespace duixian::json_text {

inline bool is_continuation(char c) noexcept { return (static_cast<unsigned char>(c) & 0xC0U) == 0x80U; }

// Code points in UTF-8 text (continuation bytes do not count).
inline std::size_t code_points(std::string_view s) noexcept {
  std::size_t n = 0;
  for (char c : s) n += is_continuation(c) ? 0U : 1U;
  return n;
}

// Byte index of code point `n` (the size when `n` is past the end).
inline std::size_t byte_of_code_point(std::string_view s, std::size_t n) noexcept {
  std::size_t seen = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (is_continuation(s[i])) continue;
    if (seen == n) return i;
    ++seen;
  }
  return s.size();
}

// A string token (quotes included) has an escape when it holds a backslash.
inline bool has_escape(std::string_view token) noexcept { return token.find('\\') != std::string_view::npos; }

// How much of a string's raw text one decoded code point takes.
struct RawStep {
  std::size_t bytes;
  std::size_t columns;
};

inline unsigned hex4(std::string_view s, std::size_t at) noexcept {
  unsigned v = 0;
  for (std::size_t i = at; i < at + 4 && i < s.size(); ++i) {
    const char c = s[i];
    const unsigned d = c <= '9' ? static_cast<unsigned>(c - '0')
                                : static_cast<unsigned>((c | 0x20) - 'a' + 10);  // |0x20: lower case
    v = v * 16U + d;
  }
  return v;
}

// The raw text at `i` decodes to one code point: an escape (`\n`, `\u4e07`, or a
// surrogate pair `\ud83d\ude00`, one column per ASCII byte) or one UTF-8 character.
inline RawStep raw_step(std::string_view raw, std::size_t i) noexcept {
  if (raw[i] == '\\') {
    if (i + 1 < raw.size() && raw[i + 1] == 'u') {
      const unsigned high = hex4(raw, i + 2);
      const bool pair = high >= 0xD800U && high <= 0xDBFFU && i + 11 < raw.size() && raw[i + 6] == '\\' &&
                        raw[i + 7] == 'u';
      const std::size_t n = pair ? 12 : 6;
      return {n, n};
    }
    return {2, 2};
  }
  std::size_t n = 1;
  while (i + n < raw.size() && is_continuation(raw[i + n])) ++n;
  return {n, 1};
}

// Walks a JSON text keeping line and column; skips a leading UTF-8 byte-order mark.
class Cursor {
 public:
  explicit Cursor(std::string_view text) noexcept : text_(text) {
    if (text_.substr(0, 3) == "\xEF\xBB\xBF") pos_ = 3;
  }

  JsonPosition position() const noexcept { return JsonPosition{line_, column_, pos_}; }

  void advance(std::size_t bytes) noexcept {
    for (std::size_t end = pos_ + bytes; pos_ < end && pos_ < text_.size(); ++pos_) {
      const char c = text_[pos_];
      if (c == '\n' || (c == '\r' && (pos_ + 1 >= text_.size() || text_[pos_ + 1] != '\n'))) {
        ++line_;  // LF, CRLF (at its LF) and a lone CR end a line
        column_ = 1;
      } else if (c != '\r' && !is_continuation(c)) {
        ++column_;
      }
    }
  }

  // Whitespace and the separators between tokens.
  void skip_separators() noexcept {
    while (pos_ < text_.size()) {
      const char c = text_[pos_];
      if (c != ' ' && c != '\t' && c != '\n' && c != '\r' && c != ',' && c != ':') break;
      advance(1);
    }
  }

  // The string token at the cursor, both quotes included.
  std::string_view string_token() const noexcept {
    std::size_t i = pos_ + 1;
    while (i < text_.size() && text_[i] != '"') i += text_[i] == '\\' ? 2 : 1;
    return text_.substr(pos_, (i < text_.size() ? i + 1 : text_.size()) - pos_);
  }

  // The number token at the cursor, exactly as written, by the JSON grammar
  // `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?` (so `01` is `0`, then `1`).
  std::string_view number_token() const noexcept {
    std::size_t i = pos_;
    const auto digits = [&] {
      while (i < text_.size() && text_[i] >= '0' && text_[i] <= '9') ++i;
    };
    if (i < text_.size() && text_[i] == '-') ++i;
    if (i < text_.size() && text_[i] == '0') {
      ++i;
    } else {
      digits();
    }
    if (i + 1 < text_.size() && text_[i] == '.') {
      ++i;
      digits();
    }
    if (i < text_.size() && (text_[i] == 'e' || text_[i] == 'E')) {
      ++i;
      if (i < text_.size() && (text_[i] == '+' || text_[i] == '-')) ++i;
      digits();
    }
    return text_.substr(pos_, i - pos_);
  }

  std::size_t offset() const noexcept { return pos_; }
  char at(std::size_t offset) const noexcept { return offset < text_.size() ? text_[offset] : '\0'; }

  // The position of byte `offset`, computed afresh from the start.
  JsonPosition position_at(std::size_t offset) const noexcept {
    Cursor c(text_);
    if (offset > c.pos_) c.advance(offset - c.pos_);
    return c.position();
  }

 private:
  std::string_view text_;
  std::size_t pos_ = 0;
  std::size_t line_ = 1;
  std::size_t column_ = 1;
};

}  // namespace duixian::json_text
