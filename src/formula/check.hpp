#pragma once
// Name resolution and Catala-style type checking of a parsed formula.
//
// The checker annotates the tree in place (types, resolved metrics and periods,
// functions, constants) and throws a located FormulaError for anything wrong.

#include <optional>
#include <string>

#include "formula/ast.hpp"
#include "formula/lexer.hpp"

namespace duixian::detail {

/// A static type with its literal flexibility.
struct Typed {
  FormulaType type;
  Flex flex;
};

/// Checks the tree; returns the formula's type (adapted to `expected` when given).
/// @throws FormulaError.
FormulaType check_formula(Ast& ast, const FormulaEnvironment& env, const FormulaOrigin& origin,
                          std::optional<FormulaType> expected);

bool is_numeric(FormulaType t) noexcept;
bool is_period(FormulaType t) noexcept;
bool is_orderable(FormulaType t) noexcept;

/// The common type of two operands that must agree (`+`, comparisons, `min`, branches),
/// letting an untyped literal adapt; nothing when they cannot agree.
std::optional<Typed> unify(Typed a, Typed b) noexcept;
/// The type of a × b, or nothing with `why` set.
std::optional<Typed> multiply(Typed a, Typed b, std::string& why);
/// The type of a ÷ b, or nothing with `why` set.
std::optional<Typed> divide(Typed a, Typed b, std::string& why);

class Checker {
 public:
  Checker(Ast& ast, const FormulaEnvironment& env, const FormulaOrigin& origin) : ast_(ast), env_(env), origin_(origin) {}

  void visit(std::int32_t i);

 private:
  friend FormulaType check_formula(Ast&, const FormulaEnvironment&, const FormulaOrigin&, std::optional<FormulaType>);

  Node& node(std::int32_t i) { return ast_[i]; }
  Typed typed(std::int32_t i) { return Typed{ast_[i].type, ast_[i].flex}; }
  void set(Node& n, Typed t) {
    n.type = t.type;
    n.flex = t.flex;
  }
  [[noreturn]] void error(std::size_t column, const std::string& message) const { fail(origin_, column, message); }

  void name(Node& n, bool allow_text = false);
  void lookup(Node& n, bool allow_text = false);
  // A name or lookup that must be a metric (exists, coalesce); free text allowed for exists.
  void metric_reference(Node& n, bool allow_text);
  void chain(Node& n);
  void compare(Node& n);
  void conditional(Node& n);
  void fold_chain(Node& n);

  // Calls (formula_check_calls.cpp).
  void call(Node& n);
  void arity(const Node& n, std::size_t at_least, std::size_t at_most) const;
  void expect(std::int32_t arg, bool ok, const std::string& what);
  Typed unify_all(const Node& n, std::size_t first, std::size_t step, const char* what);
  int integer_constant(std::int32_t arg, int low, int high, const char* what);
  const std::string& text_literal(std::int32_t arg, const char* what);
  void thresholds(Node& n, std::size_t first, const Typed& x);

  std::string metric_names() const;

  Ast& ast_;
  const FormulaEnvironment& env_;
  const FormulaOrigin& origin_;
};

}  // namespace duixian::detail
