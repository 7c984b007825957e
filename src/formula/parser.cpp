#include "formula/parser.hpp"

#include <algorithm>

namespace duixian::detail {

namespace {

std::string strip_code(const Error& e) {
  return std::string(e.message());
}

bool is_keyword(std::string_view word) {
  return word == "if" || word == "then" || word == "else" || word == "and" || word == "or" || word == "not" ||
         word == "true" || word == "false";
}

class Parser {
 public:
  Parser(std::string_view text, const FormulaLimits& limits, const FormulaOrigin& origin)
      : text_(text),
        origin_(origin),
        lexer_(text, limits, origin),
        max_depth_(std::min(limits.max_depth, kDepthCeiling)),
        max_nodes_(limits.max_nodes) {}

  Ast run() {
    advance();
    ast_.root = expression(1);
    if (tok_.kind != Tok::end) {
      fail(origin_, tok_.column, "expected an operator or the end of the formula, found " + describe(tok_));
    }
    return std::move(ast_);
  }

 private:
  void advance() { tok_ = lexer_.next(); }
  bool at_word(std::string_view word) const { return tok_.kind == Tok::ident && tok_.lexeme == word; }

  void guard(int nesting, std::size_t column) const {
    if (static_cast<std::size_t>(nesting) > max_depth_) too_deep(column);
  }
  [[noreturn]] void too_deep(std::size_t column) const {
    fail(origin_, column, "the formula nests deeper than the limit max_depth = " + std::to_string(max_depth_));
  }

  // Adds a node: computes its height, counts it (`weight` nodes) and enforces both limits.
  std::int32_t add(Node node, std::size_t weight = 1) {
    int height = 0;
    for (const std::int32_t child : node.children) height = std::max(height, ast_[child].height);
    node.height = height + 1;
    if (static_cast<std::size_t>(node.height) > max_depth_) too_deep(node.column);
    node_count_ += weight;
    if (node_count_ > max_nodes_) {
      fail(origin_, node.column,
           "the formula has more syntax-tree nodes than the limit max_nodes = " + std::to_string(max_nodes_));
    }
    ast_.nodes.push_back(std::move(node));
    return static_cast<std::int32_t>(ast_.nodes.size() - 1);
  }

  Node start(NodeKind kind, const Token& t) const {
    Node n;
    n.kind = kind;
    n.column = t.column;
    n.begin = t.begin;
    n.end = t.end;
    return n;
  }
  std::size_t end_of(std::int32_t i) const { return ast_[i].end; }

  std::int32_t expression(int nesting) {
    if (at_word("if")) return conditional(nesting);
    return logical(nesting, true);
  }

  std::int32_t conditional(int nesting) {
    Node n = start(NodeKind::conditional, tok_);
    guard(nesting + 1, tok_.column);
    advance();
    n.children.push_back(expression(nesting + 1));
    expect_word("then", "after the condition of 'if'");
    n.children.push_back(expression(nesting + 1));
    expect_word("else", "after the 'then' branch (every 'if' has an 'else')");
    n.children.push_back(expression(nesting + 1));
    n.end = end_of(n.children.back());
    return add(std::move(n));
  }

  void expect_word(std::string_view word, const char* where) {
    if (!at_word(word)) fail(origin_, tok_.column, "expected '" + std::string(word) + "' " + where + ", found " + describe(tok_));
    advance();
  }

  // `or` chains of `and` chains of negations.
  std::int32_t logical(int nesting, bool is_or) {
    const char* word = is_or ? "or" : "and";
    std::int32_t first = is_or ? logical(nesting, false) : negation(nesting);
    if (!at_word(word)) return first;
    Node n;
    n.kind = NodeKind::chain;
    n.column = ast_[first].column;
    n.begin = ast_[first].begin;
    n.children.push_back(first);
    while (at_word(word)) {
      n.ops.push_back(is_or ? BinOp::logical_or : BinOp::logical_and);
      n.op_columns.push_back(tok_.column);
      advance();
      n.children.push_back(is_or ? logical(nesting, false) : negation(nesting));
    }
    n.end = end_of(n.children.back());
    const std::size_t weight = n.ops.size();
    return add(std::move(n), weight);
  }

  std::int32_t negation(int nesting) {
    if (!at_word("not")) return comparison(nesting);
    Node n = start(NodeKind::logical_not, tok_);
    guard(nesting + 1, tok_.column);
    advance();
    n.children.push_back(negation(nesting + 1));
    n.end = end_of(n.children.back());
    return add(std::move(n));
  }

  static bool comparison_op(Tok k, BinOp& op) {
    switch (k) {
      case Tok::eq: op = BinOp::eq; return true;
      case Tok::ne: op = BinOp::ne; return true;
      case Tok::lt: op = BinOp::lt; return true;
      case Tok::le: op = BinOp::le; return true;
      case Tok::gt: op = BinOp::gt; return true;
      case Tok::ge: op = BinOp::ge; return true;
      default: return false;
    }
  }

  std::int32_t comparison(int nesting) {
    const std::int32_t left = chain(nesting, true);
    BinOp op;
    if (!comparison_op(tok_.kind, op)) return left;
    Node n;
    n.kind = NodeKind::compare;
    n.column = ast_[left].column;
    n.begin = ast_[left].begin;
    n.ops.push_back(op);
    n.op_columns.push_back(tok_.column);
    advance();
    n.children = {left, chain(nesting, true)};
    if (comparison_op(tok_.kind, op)) {
      fail(origin_, tok_.column, "comparisons do not chain: write a < b and b < c");
    }
    n.end = end_of(n.children.back());
    return add(std::move(n));
  }

  // `+ -` chains of `* /` chains of unary expressions.
  std::int32_t chain(int nesting, bool additive) {
    auto operand = [&] { return additive ? chain(nesting, false) : unary(nesting); };
    auto op_of = [&](BinOp& op) {
      if (additive && (tok_.kind == Tok::plus || tok_.kind == Tok::minus)) {
        op = tok_.kind == Tok::plus ? BinOp::add : BinOp::sub;
        return true;
      }
      if (!additive && (tok_.kind == Tok::star || tok_.kind == Tok::slash)) {
        op = tok_.kind == Tok::star ? BinOp::mul : BinOp::div;
        return true;
      }
      return false;
    };
    const std::int32_t first = operand();
    BinOp op;
    if (!op_of(op)) return first;
    Node n;
    n.kind = NodeKind::chain;
    n.column = ast_[first].column;
    n.begin = ast_[first].begin;
    n.children.push_back(first);
    while (op_of(op)) {
      n.ops.push_back(op);
      n.op_columns.push_back(tok_.column);
      advance();
      n.children.push_back(operand());
    }
    n.end = end_of(n.children.back());
    const std::size_t weight = n.ops.size();
    return add(std::move(n), weight);
  }

  std::int32_t unary(int nesting) {
    if (tok_.kind != Tok::minus) return primary(nesting);
    Node n = start(NodeKind::negate, tok_);
    guard(nesting + 1, tok_.column);
    advance();
    n.children.push_back(unary(nesting + 1));
    n.end = end_of(n.children.back());
    return add(std::move(n));
  }

  std::int32_t primary(int nesting) {
    switch (tok_.kind) {
      case Tok::number: {
        Node n = start(NodeKind::number, tok_);
        n.number = tok_.value;
        n.yuan = tok_.yuan;
        advance();
        return add(std::move(n));
      }
      case Tok::text: {
        Node n = start(NodeKind::text, tok_);
        n.text = std::string(tok_.inner);
        advance();
        return add(std::move(n));
      }
      case Tok::bar: {
        Node n = start(NodeKind::date, tok_);
        bar_literal(n, tok_, true);
        advance();
        return add(std::move(n));
      }
      case Tok::lparen: {
        Node n = start(NodeKind::paren, tok_);
        const std::size_t open = tok_.column;
        guard(nesting + 1, tok_.column);
        advance();
        n.children.push_back(expression(nesting + 1));
        if (tok_.kind != Tok::rparen) {
          fail(origin_, tok_.column,
               "expected ')' to close the '(' at formula column " + std::to_string(open) + ", found " + describe(tok_));
        }
        n.end = tok_.end;
        advance();
        return add(std::move(n));
      }
      case Tok::ident: return identifier(nesting);
      default:
        fail(origin_, tok_.column,
             "expected a value (a number, a name, a quoted 'text', a |date| or '('), found " + describe(tok_));
    }
  }

  // Fills a date or period literal from the text between the bars.
  void bar_literal(Node& n, const Token& t, bool allow_date) const {
    const std::string_view inner = t.inner;
    const bool looks_like_date = inner.size() == 10 && inner[4] == '-' && inner[7] == '-';
    try {
      if (looks_like_date) {
        if (!allow_date) {
          fail(origin_, t.column,
               "a date is not a period: write the year, quarter or month between the brackets (2019, 2019Q2, 2019-05)");
        }
        n.kind = NodeKind::date;
        n.scalar = Date::parse(inner).sys_days().time_since_epoch().count();
        return;
      }
      if (inner.empty()) throw Error(ErrorCode::parse_error, "it is empty");
      const Period p = Period::parse(inner);
      n.kind = NodeKind::period;
      n.period = p;
      n.scalar = p.key();
    } catch (const FormulaError&) {
      throw;
    } catch (const Error& e) {
      fail(origin_, t.column,
           "'" + std::string(inner) + "' is not a date (|2019-05-01|) or a period (|2019|, |2019Q2|, |2019-05|): " +
               strip_code(e));
    }
  }

  std::int32_t identifier(int nesting) {
    const Token name = tok_;
    if (name.lexeme == "true" || name.lexeme == "false") {
      Node n = start(NodeKind::boolean, name);
      n.scalar = name.lexeme == "true" ? 1 : 0;
      advance();
      return add(std::move(n));
    }
    if (name.lexeme == "if" || name.lexeme == "not") {
      fail(origin_, name.column, "put '" + std::string(name.lexeme) + " …' in parentheses here");
    }
    if (is_keyword(name.lexeme)) {
      fail(origin_, name.column, "expected a value, found the keyword '" + std::string(name.lexeme) + "'");
    }
    advance();
    if (tok_.kind == Tok::lparen) return call(name, nesting);
    if (tok_.kind == Tok::lbracket) return lookup(name);
    Node n = start(NodeKind::name, name);
    n.name = std::string(name.lexeme);
    return add(std::move(n));
  }

  std::int32_t call(const Token& name, int nesting) {
    Node n = start(NodeKind::call, name);
    n.name = std::string(name.lexeme);
    guard(nesting + 1, tok_.column);
    advance();  // '('
    if (tok_.kind != Tok::rparen) {
      while (true) {
        n.children.push_back(expression(nesting + 1));
        if (tok_.kind == Tok::comma) {
          advance();
          continue;
        }
        if (tok_.kind == Tok::rparen) break;
        fail(origin_, tok_.column,
             "expected ',' or ')' after argument " + std::to_string(n.children.size()) + " of " + n.name +
                 "(…), found " + describe(tok_));
      }
    }
    n.end = tok_.end;
    advance();  // ')'
    return add(std::move(n));
  }

  std::int32_t lookup(const Token& name) {
    Node n = start(NodeKind::lookup, name);
    n.name = std::string(name.lexeme);
    const Token p = lexer_.next_period();  // the token after '['
    n.period_column = p.column;
    if (p.kind == Tok::bar) {
      bar_literal(n, p, false);
      n.kind = NodeKind::lookup;
    } else if (p.kind == Tok::ident && !is_keyword(p.lexeme)) {
      n.period_relative = true;
      n.period_name = std::string(p.lexeme);
    } else {
      fail(origin_, p.column,
           "expected a period between the brackets of " + n.name +
               "[…]: a year, quarter or month (2018, 2019Q1, 2019-05) or this_quarter, settlement_quarter, "
               "same_quarter_last_year, prev_quarter, prev_year, book_year; found " + describe(p));
    }
    advance();
    if (tok_.kind != Tok::rbracket) {
      fail(origin_, tok_.column, "expected ']' after the period of " + n.name + "[…], found " + describe(tok_));
    }
    n.end = tok_.end;
    advance();
    return add(std::move(n));
  }

  std::string_view text_;
  const FormulaOrigin& origin_;
  Lexer lexer_;
  std::size_t max_depth_;
  std::size_t max_nodes_;
  std::size_t node_count_ = 0;
  Token tok_;
  Ast ast_;
};

}  // namespace

Ast parse_formula(std::string_view text, const FormulaLimits& limits, const FormulaOrigin& origin) {
  if (text.size() > limits.max_length) {
    const Lexer measure(text, limits, origin);
    fail(origin, measure.column_at(limits.max_length),
         "the formula is " + std::to_string(text.size()) + " bytes long, longer than the limit max_length = " +
             std::to_string(limits.max_length));
  }
  return Parser(text, limits, origin).run();
}

}  // namespace duixian::detail
