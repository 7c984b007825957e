#include "formula/lexer.hpp"

namespace duixian::detail {

namespace {

bool is_digit(char c) noexcept { return c >= '0' && c <= '9'; }
bool is_ident_start(char c) noexcept { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }
bool is_ident_char(char c) noexcept { return is_ident_start(c) || is_digit(c); }

// UTF-8 spellings of the non-ASCII characters the language knows.
constexpr std::string_view kWan = "\xE4\xB8\x87";    // 万 ×10^4
constexpr std::string_view kYi = "\xE4\xBA\xBF";     // 亿 ×10^8
constexpr std::string_view kYuan = "\xE5\x85\x83";   // 元 money
constexpr std::string_view kTimes = "\xC3\x97";      // ×
constexpr std::string_view kDivide = "\xC3\xB7";     // ÷
constexpr std::string_view kGe = "\xE2\x89\xA5";     // ≥
constexpr std::string_view kLe = "\xE2\x89\xA4";     // ≤
constexpr std::string_view kNe = "\xE2\x89\xA0";     // ≠

bool starts(std::string_view text, std::size_t at, std::string_view what) noexcept {
  return text.substr(at, what.size()) == what;
}

}  // namespace

std::string describe(const Token& token) {
  if (token.kind == Tok::end) return "the end of the formula";
  return "'" + std::string(token.lexeme) + "'";
}

std::size_t Lexer::utf8_length(std::size_t at) const noexcept {
  const auto c = static_cast<unsigned char>(text_[at]);
  std::size_t n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 1;
  if (at + n > text_.size()) n = text_.size() - at;
  return n;
}

std::size_t Lexer::column_at(std::size_t offset) const noexcept {
  // The column of the character that byte `offset` belongs to (one past the end: after the last).
  std::size_t column = 0;
  for (std::size_t i = 0; i <= offset && i < text_.size(); ++i) {
    if ((static_cast<unsigned char>(text_[i]) & 0xC0) != 0x80) ++column;
  }
  return offset >= text_.size() ? column + 1 : column;
}

void Lexer::skip_space() {
  while (pos_ < text_.size()) {
    const char c = text_[pos_];
    if (c != ' ' && c != '\t' && c != '\n' && c != '\r') return;
    ++pos_;
    ++column_;
  }
}

bool Lexer::at_ident_char() const noexcept { return pos_ < text_.size() && is_ident_char(text_[pos_]); }

void Lexer::check_literal_length(const Token& t) const {
  std::size_t chars = 0;
  for (const char c : t.lexeme) {
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++chars;
  }
  if (chars > limits_.max_literal_length) {
    fail(origin_, t.column,
         "literal of " + std::to_string(chars) + " characters is longer than the limit max_literal_length = " +
             std::to_string(limits_.max_literal_length));
  }
}

Token Lexer::next() {
  skip_space();
  Token t;
  t.begin = pos_;
  t.column = column_;
  if (pos_ >= text_.size()) {
    t.end = pos_;
    return t;
  }
  const char c = text_[pos_];
  if (is_digit(c)) return number(pos_, column_);
  if (c == '\'') return delimited(Tok::text, '\'', pos_, column_);
  if (c == '|') return delimited(Tok::bar, '|', pos_, column_);
  if (is_ident_start(c)) {
    while (at_ident_char()) {
      ++pos_;
      ++column_;
    }
    t.kind = Tok::ident;
    t.end = pos_;
    t.lexeme = text_.substr(t.begin, t.end - t.begin);
    return t;
  }
  std::size_t len = 1;
  switch (c) {
    case '(': t.kind = Tok::lparen; break;
    case ')': t.kind = Tok::rparen; break;
    case '[': t.kind = Tok::lbracket; break;
    case ']': t.kind = Tok::rbracket; break;
    case ',': t.kind = Tok::comma; break;
    case '+': t.kind = Tok::plus; break;
    case '-': t.kind = Tok::minus; break;
    case '*': t.kind = Tok::star; break;
    case '/': t.kind = Tok::slash; break;
    case '=':
      t.kind = Tok::eq;
      if (starts(text_, pos_, "==")) len = 2;
      break;
    case '!':
      if (!starts(text_, pos_, "!=")) fail(origin_, column_, "unexpected '!': write != for \"not equal\" and not for negation");
      t.kind = Tok::ne;
      len = 2;
      break;
    case '<':
      t.kind = Tok::lt;
      if (starts(text_, pos_, "<=")) {
        t.kind = Tok::le;
        len = 2;
      }
      break;
    case '>':
      t.kind = Tok::gt;
      if (starts(text_, pos_, ">=")) {
        t.kind = Tok::ge;
        len = 2;
      }
      break;
    case '.':
      fail(origin_, column_, "a number must start with a digit: write 0.5, not .5");
    case '"':
      fail(origin_, column_, "text is quoted with single quotes: 'high_tech', not \"high_tech\"");
    default:
      if (starts(text_, pos_, kTimes)) {
        t.kind = Tok::star;
      } else if (starts(text_, pos_, kDivide)) {
        t.kind = Tok::slash;
      } else if (starts(text_, pos_, kGe)) {
        t.kind = Tok::ge;
      } else if (starts(text_, pos_, kLe)) {
        t.kind = Tok::le;
      } else if (starts(text_, pos_, kNe)) {
        t.kind = Tok::ne;
      } else {
        const std::string ch(text_.substr(pos_, utf8_length(pos_)));
        fail(origin_, column_,
             "unexpected character '" + ch +
                 "' (expected a number, a name, a quoted 'text', a |date|, an operator or a parenthesis)");
      }
      len = utf8_length(pos_);
  }
  pos_ += len;
  ++column_;  // every operator is one character, or two ASCII characters
  if (len == 2 && static_cast<unsigned char>(c) < 0x80) ++column_;
  t.end = pos_;
  t.lexeme = text_.substr(t.begin, len);
  return t;
}

Token Lexer::number(std::size_t begin, std::size_t column) {
  Token t;
  t.kind = Tok::number;
  t.begin = begin;
  t.column = column;
  while (pos_ < text_.size() && is_digit(text_[pos_])) {
    ++pos_;
    ++column_;
  }
  if (pos_ - begin > 1 && text_[begin] == '0') {
    fail(origin_, column,
         "the number '" + std::string(text_.substr(begin, pos_ - begin)) +
             "' has a leading zero: numbers are written without leading zeros or grouping commas "
             "(5000000, not 5,000,000), and dates and periods go between bars (|2019-05-01|, |2019Q2|)");
  }
  if (pos_ < text_.size() && text_[pos_] == '.') {
    if (pos_ + 1 >= text_.size() || !is_digit(text_[pos_ + 1])) {
      fail(origin_, column_, "a decimal point must be followed by digits (write 5 or 5.0, not 5.)");
    }
    ++pos_;
    ++column_;
    while (pos_ < text_.size() && is_digit(text_[pos_])) {
      ++pos_;
      ++column_;
    }
  }
  const std::string_view digits = text_.substr(begin, pos_ - begin);
  Rational factor = 1;
  if (pos_ < text_.size() && text_[pos_] == '%') {
    factor = Rational::fraction(1, 100);
    ++pos_;
    ++column_;
  } else {
    if (starts(text_, pos_, kWan) || starts(text_, pos_, kYi)) {
      factor = starts(text_, pos_, kWan) ? Rational(10000) : Rational(100000000);
      pos_ += 3;
      ++column_;
    }
    if (starts(text_, pos_, kYuan)) {
      t.yuan = true;
      pos_ += 3;
      ++column_;
    }
  }
  t.end = pos_;
  t.lexeme = text_.substr(begin, pos_ - begin);
  if (pos_ < text_.size()) {
    const char c = text_[pos_];
    const bool suffix = c == '%' || starts(text_, pos_, kWan) || starts(text_, pos_, kYi) || starts(text_, pos_, kYuan);
    if (is_ident_char(c) || c == '.' || suffix) {
      std::string hint;
      if (is_ident_start(c)) hint = " (periods are written between bars, e.g. |2019Q1|; a product needs *, e.g. 2 * x)";
      if (suffix) hint = " (suffixes: %, 万, 亿, then optionally 元, as in 10%, 500万元, 0.05元)";
      fail(origin_, column_,
           "unexpected '" + std::string(text_.substr(pos_, utf8_length(pos_))) + "' after the number '" +
               std::string(t.lexeme) + "'" + hint);
    }
  }
  check_literal_length(t);
  try {
    t.value = Rational(Decimal::parse(digits)) * factor;
  } catch (const Error&) {
    fail(origin_, column, "the number '" + std::string(digits) + "' has more than 38 significant digits");
  }
  return t;
}

Token Lexer::delimited(Tok kind, char close, std::size_t begin, std::size_t column) {
  Token t;
  t.kind = kind;
  t.begin = begin;
  t.column = column;
  std::size_t p = begin + 1;
  while (p < text_.size() && text_[p] != close && text_[p] != '\n') ++p;
  if (p >= text_.size() || text_[p] != close) {
    fail(origin_, column,
         kind == Tok::text ? std::string("unterminated text: expected a closing ' on the same line")
                           : std::string("unterminated date or period: expected a closing | as in |2019-05-01|"));
  }
  t.end = p + 1;
  t.lexeme = text_.substr(begin, t.end - begin);
  t.inner = text_.substr(begin + 1, p - begin - 1);
  for (std::size_t i = pos_; i < t.end; ++i) {
    if ((static_cast<unsigned char>(text_[i]) & 0xC0) != 0x80) ++column_;
  }
  pos_ = t.end;
  check_literal_length(t);
  return t;
}

Token Lexer::next_period() {
  skip_space();
  if (pos_ < text_.size() && is_digit(text_[pos_])) {
    // A bare absolute period: 2018, 2019Q1, 2019-05 (dates are not periods).
    Token t;
    t.kind = Tok::bar;
    t.begin = pos_;
    t.column = column_;
    while (pos_ < text_.size() && (is_ident_char(text_[pos_]) || text_[pos_] == '-')) {
      ++pos_;
      ++column_;
    }
    t.end = pos_;
    t.lexeme = text_.substr(t.begin, t.end - t.begin);
    t.inner = t.lexeme;
    check_literal_length(t);
    return t;
  }
  return next();
}

}  // namespace duixian::detail
