#pragma once
// Tokens of the formula language, read one at a time with their formula columns.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "duixian/formula.hpp"

namespace duixian::detail {

enum class Tok : std::uint8_t {
  end, number, text, bar, ident,
  lparen, rparen, lbracket, rbracket, comma,
  plus, minus, star, slash, eq, ne, lt, le, gt, ge,
};

struct Token {
  Tok kind = Tok::end;
  std::size_t begin = 0;   // byte span
  std::size_t end = 0;
  std::size_t column = 0;  // formula column of the first character
  std::string_view lexeme;  // the text as written
  Rational value;           // number: the exact value (suffixes applied)
  bool yuan = false;        // number: written with 元
  std::string_view inner;   // text and bar literals: the content between the delimiters
};

/// `[[noreturn]]`: throws the located FormulaError.
[[noreturn]] void fail(const FormulaOrigin& origin, std::size_t formula_column, const std::string& message);

/// A short printable rendering of a token for messages: `'+'`, `the end of the formula`.
std::string describe(const Token& token);

class Lexer {
 public:
  Lexer(std::string_view text, const FormulaLimits& limits, const FormulaOrigin& origin) noexcept
      : text_(text), limits_(limits), origin_(origin) {}

  /// The next token (after white space).
  Token next();
  /// The period inside `metric[...]`: an absolute period written bare (`2019Q1`,
  /// `2018`, `2019-05`), a bar literal, or an identifier. Called after `[`.
  Token next_period();

  /// Formula column of the byte at `offset` (1-based, code points).
  std::size_t column_at(std::size_t offset) const noexcept;

 private:
  void skip_space();
  Token number(std::size_t begin, std::size_t column);
  Token delimited(Tok kind, char close, std::size_t begin, std::size_t column);
  void check_literal_length(const Token& t) const;
  bool at_ident_char() const noexcept;
  std::size_t utf8_length(std::size_t at) const noexcept;

  std::string_view text_;
  const FormulaLimits& limits_;
  const FormulaOrigin& origin_;
  std::size_t pos_ = 0;
  std::size_t column_ = 1;  // column of text_[pos_]
};

}  // namespace duixian::detail
