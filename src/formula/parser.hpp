#pragma once
// Recursive-descent parser of the formula language, bounded by FormulaLimits.
//
// Precedence, lowest first: `if … then … else …`, `or`, `and`, `not`, comparisons
// (`= == != < <= > >=`, not chained), `+ -`, `* /`, unary `-`, then calls `f(…)`,
// lookups `metric[period]`, literals and parentheses. `+ -`, `* /`, `and`, `or`
// associate to the left and each run of them is one chain node.

#include <string_view>

#include "formula/ast.hpp"
#include "formula/lexer.hpp"

namespace duixian::detail {

/// The hard ceiling on nesting, whatever FormulaLimits says: it bounds the parser's
/// and the checker's recursion so that no limits can make them exhaust the stack.
inline constexpr std::size_t kDepthCeiling = 200;

/// Parses `text` into a tree.
/// @throws FormulaError for a syntax error or a limit exceeded.
Ast parse_formula(std::string_view text, const FormulaLimits& limits, const FormulaOrigin& origin);

}  // namespace duixian::detail
