#pragma once
// The syntax tree of a formula, annotated in place by the type checker.
//
// Nodes live in one vector and refer to each other by index, so the tree is cheap
// to build and to keep inside the compiled plan (the explanation renders it).

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "duixian/formula.hpp"
#include "duixian/rounding.hpp"

namespace duixian::detail {

enum class NodeKind : std::uint8_t {
  number,       // 0.05, 10%, 500万, 0.05元
  text,         // 'A'
  date,         // |2019-05-01|
  period,       // |2019|, |2019Q2|, |2019-05|
  boolean,      // true, false
  name,         // bare identifier: a timeless metric or a built-in name
  lookup,       // metric[period]
  call,         // function(arguments)
  negate,       // -x
  logical_not,  // not x
  chain,        // a + b - c, a * b / c, a and b and c, a or b: one node per precedence level
  compare,      // a >= b (comparisons do not chain)
  conditional,  // if c then a else b
  paren,        // (x): kept so that the explanation renders the grouping as written
};

enum class BinOp : std::uint8_t { add, sub, mul, div, logical_and, logical_or, eq, ne, lt, le, gt, ge };

// An untyped literal adapts to its neighbour's type (see formula.hpp, "Literals").
enum class Flex : std::uint8_t {
  none,    // fixed type
  number,  // a plain numeric literal (or arithmetic on such): decimal, adapts to any numeric type
  yuan,    // a 元 literal: money, adapts to money per unit beside a quantity
};

// Built-in names (bare identifiers that are not metrics).
enum class Builtin : std::uint8_t {
  none,
  this_quarter,
  settlement_quarter,
  same_quarter_last_year,
  prev_quarter,
  prev_year,
  book_year,
  first_day,
  last_day,
  registered_on,
  region,
  industry,
};

// How a lookup's period is found at evaluation time.
enum class PeriodSel : std::uint8_t { absolute, this_quarter, settlement_quarter, same_quarter_last_year, prev_quarter };

enum class Function : std::uint8_t {
  min, max, abs, clamp, round, floor, ceil, tier, progressive,
  days, overlap_days, add_years, add_months, add_days, year_of, quarter_of, within,
  has_tag, in_region, in_industry, exists, coalesce,
};

struct Node {
  NodeKind kind = NodeKind::number;
  std::size_t column = 0;  // formula column (code points, 1-based) of the first character
  std::size_t begin = 0;   // byte span in the formula text
  std::size_t end = 0;
  int height = 1;          // syntax-tree height (FormulaLimits::max_depth)
  std::string name;        // identifier of name / lookup / call
  std::vector<std::int32_t> children;
  std::vector<BinOp> ops;                // chain: ops[i] joins children[i] and children[i + 1]; compare: ops[0]
  std::vector<std::size_t> op_columns;   // formula column of each operator

  // Literal payloads.
  Rational number;          // number literals
  bool yuan = false;        // number literal with 元
  std::int64_t scalar = 0;  // date: days since 1970-01-01; period: Period::key(); boolean: 0/1
  std::string text;         // text literal content

  // Lookup period, as written between the brackets.
  bool period_relative = false;
  std::string period_name;  // relative: this_quarter, prev_year, ...
  Period period;            // absolute (also prev_year/book_year once resolved)
  std::size_t period_column = 0;

  // Annotations of the type checker.
  FormulaType type = FormulaType::decimal;
  Flex flex = Flex::none;
  bool constant = false;    // value known at compile time (numbers: `number`; dates/periods: `scalar`)
  bool transient = false;   // text that only lives during the evaluation (`region`): not a result
  Builtin builtin = Builtin::none;
  Function function = Function::min;
  MetricId metric = 0;
  bool is_metric = false;   // name / lookup resolved to a metric
  PeriodSel selector = PeriodSel::absolute;
  int places = 0;           // round / floor / ceil
  RoundingMode mode = RoundingMode::half_up;
  bool checked_thresholds = true;  // tier / progressive: thresholds proven increasing at compile time
};

struct Ast {
  std::vector<Node> nodes;
  std::int32_t root = -1;
  Node& operator[](std::int32_t i) { return nodes[static_cast<std::size_t>(i)]; }
  const Node& operator[](std::int32_t i) const { return nodes[static_cast<std::size_t>(i)]; }
};

}  // namespace duixian::detail
