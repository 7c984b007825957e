#pragma once
/// @file
/// @brief The formula language of policy books: compiled once, evaluated exactly per enterprise.
///
/// CONTRACT (lead): names and signatures below are fixed; the implementation may add
/// members, helpers and documentation, but must not change these without telling the lead.
///
/// A formula is a small, total, side-effect-free expression: no loops, no recursion,
/// no I/O. It compiles once (`Formula::compile`) into a flat plan with metric ids and
/// periods resolved, and evaluates per enterprise without re-parsing and without heap
/// allocation (`evaluate`). Intermediate values are exact rationals (`Rational`):
/// `a / b` loses nothing and `g >= 0.30` compares exactly; rounding happens only in
/// `round`, `floor` and `ceil`, or after the formula.
///
/// ## Literals
///
/// - `0.0452`, `12`, `0`: decimal numbers, untyped (see Types).
/// - `10%`, `12.5%`: × 0.01; `500万`, `1.5亿`: × 10^4, × 10^8 (untyped decimals).
/// - `500万元`, `0.0452元`, `8元`: money in yuan (a price per unit beside a quantity).
/// - Dates and periods between bars: `|2019-05-01|` (date), `|2019|` (year),
///   `|2019Q2|` (quarter), `|2019-05|` (month).
/// - Text in single quotes, one line, no escapes: `'A'`, `'above_scale'`.
/// - `true`, `false`.
///
/// Numbers are strict: digits, optionally a point and digits; no sign (use unary `-`),
/// no exponent, no grouping commas, and no leading zero (`05`, `000` and `00.5` are
/// errors, so `5,000,000` can never pass as three arguments); `.5` and `5.` are errors.
/// Suffixes: `%`, or `万`/`亿` optionally followed by `元`, or `元` alone.
///
/// ## Types (Catala-like, checked when the formula compiles)
///
/// - `+ -` and comparisons need one type on both sides: money + money is money;
///   money + decimal, a date compared with money, are errors.
/// - `×`: decimal × T → T (T any number type); quantity × money per unit → money.
///   money × money, money × quantity are errors.
/// - `÷`: T ÷ decimal → T; T ÷ T → decimal (money ÷ money is a ratio);
///   money ÷ quantity → money per unit; money ÷ money per unit → quantity; decimal ÷ money is an error.
/// - **Untyped literals adapt.** A plain numeric literal (`500万`, `0`, `10%`), or
///   arithmetic on such literals only, is a decimal that adapts to money, quantity or
///   money per unit wherever it meets one in `+ - min max clamp coalesce`, comparisons,
///   `if` branches and tier thresholds: `base >= 500万`, `min(10% * base, 500万)` and
///   `if c then base else 0` are money. In `×` it stays a decimal factor (`10% * base`).
///   A metric never adapts: `base + rate` with a decimal metric `rate` is an error.
/// - **`元` literals** are money; beside a quantity in `×` they act as a price per unit:
///   `electricity_kwh[this_quarter] * 0.0452元` and `land_area_sqm * 8元 * 50% / 4` are money.
///   So `money per unit` is written with `元`, never with a separate unit syntax.
/// - A formula's type is that of its value; `Formula::compile(…, expected)` lets an
///   untyped result adapt (`100000` compiled as money is money).
/// - Metric types map as: money → money, decimal and integer → decimal, quantity →
///   quantity, date → date, enum → text. Free-text metrics can only be tested with `exists`.
///
/// ## Operators, lowest precedence first
///
/// `if c then a else b` (only the branch taken is evaluated; `else if` chains);
/// `or`; `and` (both short-circuit: the right side is not evaluated when the left decides);
/// `not`; comparisons `= == != < <= > >=` (also `≠ ≤ ≥`; `=` and `==` are the same;
/// they do not chain: `a < b < c` is an error; `< <= > >=` order numbers, dates and
/// periods of one kind; text and booleans compare only with `= !=`);
/// `+ -`; `* /` (also `× ÷`); unary `-`; then calls `f(…)`, lookups `metric[period]`,
/// literals and parentheses. Inside `if`, `not` and a comparison's operand an `if` or
/// `not` needs parentheses. `+ -`, `* /`, `and`, `or` associate to the left.
///
/// ## Names
///
/// - A metric kept per year, quarter or month is written with its period between
///   brackets: an absolute period written bare (`rd_expense[2017]`, `output_value[2019Q1]`,
///   `x[2019-05]`, or between bars) or a relative one: `this_quarter` (the quarter being
///   computed), `settlement_quarter` (the one being settled), `same_quarter_last_year`,
///   `prev_quarter` (quarters), `prev_year` (the book's year − 1) and `book_year` (years).
///   The period's kind must be the metric's: `output_value[2018]` is an error naming the
///   kind expected. A timeless metric is written bare (`land_area_sqm`).
/// - Values: `this_quarter`, `settlement_quarter`, `same_quarter_last_year`, `prev_quarter`
///   (quarters), `prev_year`, `book_year` (years), `first_day`, `last_day` (of `this_quarter`),
///   `registered_on` (dates), `industry` (text, e.g. `'C1952'`), `region` (text, e.g.
///   `'330302'`; only to compare — it cannot be a formula's value).
///
/// ## Functions
///
/// | function | meaning |
/// |---|---|
/// | `min(a, b, …)`, `max(a, b, …)` | two or more arguments of one orderable type |
/// | `abs(x)` | the absolute value |
/// | `clamp(x, lo, hi)` | `min(max(x, lo), hi)` |
/// | `round(x, places)`, `round(x, places, mode)` | one rounding; places: a whole number from -38 to 38 written in the formula; mode: quoted, one of `half_up` (the default), `half_even`, `half_down`, `up`, `down`, `ceiling`, `floor` |
/// | `floor(x, places)`, `ceil(x, places)` | rounding toward −∞ / +∞ |
/// | `tier(x, t1, v1, t2, v2, …)` | the v of the highest threshold reached (x ≥ t); thresholds strictly increasing (checked at compile time when constant, else when evaluated); none reached → `Status::not_applicable`; only the chosen v is evaluated |
/// | `progressive(x, t1, r1, t2, r2, …)` | marginal brackets: Σ r_i × (min(x, t_{i+1}) − t_i) over the brackets with x > t_i, the last bracket open above; 0 when x ≤ t1. Example: `progressive(x, 0, 1%, 1000, 2%)` of 3000 is 10 + 40 = 50 |
/// | `days(p)` | days in a year, quarter or month: `days(this_quarter)` |
/// | `days(d1, d2)` | days of d1..d2, both included; 0 when d2 < d1 |
/// | `overlap_days(a1, a2, b1, b2)` | days in both [a1, a2] and [b1, b2] (inclusive); 0 when disjoint or when a range is empty (a2 < a1) |
/// | `overlap_days(d1, d2, p)`, `overlap_days(p, q)` | the same with periods as ranges: `overlap_days(entry, add_days(add_years(entry, 3), -1), this_quarter)` |
/// | `add_years(d, n)`, `add_months(d, n)`, `add_days(d, n)` | calendar arithmetic; to the 29th–31st clamps to the month's end (2016-02-29 + 3 years = 2019-02-28); n whole |
/// | `year_of(d)`, `quarter_of(d)` | the period containing d |
/// | `within(d, p)`, `within(d, first, last)` | d inside the period / the inclusive range |
/// | `has_tag('x')` | the enterprise carries tag x |
/// | `in_region('3303')` | GB/T 2260 code prefix (1 to 6 digits) |
/// | `in_industry('C19')` | GB/T 4754 code prefix (`IndustryPrefix`) |
/// | `exists(metric[period])` | the fact was reported (also for free-text metrics) |
/// | `coalesce(m1[p1], …, fallback)` | the first reported fact, else the last argument (any expression) |
///
/// ## Missing facts
///
/// A missing fact is not zero. A lookup of a missing fact (outside `exists` and the
/// tried arguments of `coalesce`) stops the evaluation with `Status::missing_fact`
/// naming that first missing fact; short-circuited operands, untaken `if` branches and
/// unchosen tier values are never evaluated, so their facts may be missing.
///
/// ## Errors and limits
///
/// Every compile problem (syntax, unknown name — with "did you mean" —, type, number
/// of arguments, period kind, limit) is a `FormulaError` with the book's file, line
/// and column and the 1-based column (code points) inside the formula text, saying
/// what was expected. `FormulaLimits` bounds length, nesting depth, syntax-tree size
/// and literal length; the parser never recurses deeper than `max_depth` (and never
/// deeper than 200, whatever the limits say), so hostile text cannot exhaust the stack.
///
/// Example: `min(10% * equipment_investment[prev_year], 500万)` is money; for an
/// enterprise with 6,000,000.00 in 2018 it evaluates to exactly 600000, and `explain`
/// renders `min(10% × 6,000,000.00, 500万) = 600,000`.

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "duixian/error.hpp"
#include "duixian/metric.hpp"
#include "duixian/period.hpp"
#include "duixian/rational.hpp"
#include "duixian/register.hpp"

namespace duixian {

/// @brief Static types of formula values (checked when a formula compiles, like Catala).
enum class FormulaType : unsigned char {
  boolean,         ///< `x >= 0.30`, `has_tag('above_scale')`
  decimal,         ///< dimensionless: `10%`, `money / money`
  money,           ///< yuan: `500万元`, `equipment_investment[2018]` (and `500万` beside money)
  quantity,        ///< a measured amount (kWh, m²): `electricity_kwh[this_quarter]`
  money_per_unit,  ///< `0.0452元`: quantity × money_per_unit → money
  date,            ///< `|2019-05-01|`, `registered_on`, `first_day`
  year,            ///< `|2019|`, `prev_year`
  quarter,         ///< `|2019Q2|`, `this_quarter`
  month,           ///< `|2019-05|`
  text,            ///< enumeration values and text: `'A'`, `per_mu_grade[prev_year]`
};

/// @brief The type's name as used in messages: `"money"`, `"money per unit"`, ...
const char* to_string(FormulaType type) noexcept;

/// @brief Where a formula's text sits in its book: the position of its first character.
struct FormulaOrigin {
  std::string file;         ///< The book's name, e.g. `policies.json`.
  std::size_t line = 0;     ///< 1-based JSON line of the formula's first character.
  std::size_t column = 0;   ///< 1-based JSON column (code points) of that character.
  std::string field;        ///< What the formula is, e.g. `policies[3].amount`.
};

/// @brief Bounds that keep a hostile book from hanging or crashing the host.
///
/// A formula exactly at a limit compiles; one past it is refused with a FormulaError
/// naming the limit (`... longer than the limit max_length = 4096`).
struct FormulaLimits {
  std::size_t max_length = 4096;        ///< Bytes of formula text (UTF-8).
  /// Height of the syntax tree: a literal or name is 1; each parenthesis pair, call,
  /// lookup, unary `-`/`not`, comparison, `if` and operator chain adds 1 over its
  /// deepest operand. A run of one precedence level (`a + b - c + d`, `x and y and z`)
  /// is one level however long. Capped at 200 whatever the value.
  std::size_t max_depth = 32;
  /// Syntax-tree nodes: every literal, name, lookup, call, parenthesis pair, unary
  /// operator, comparison, `if`, and each binary operator of a chain.
  std::size_t max_nodes = 1024;
  std::size_t max_literal_length = 64;  ///< Characters (code points) of one literal, quotes, bars and suffixes included.
};

/// @brief What names a formula may use besides the built-ins.
struct FormulaEnvironment {
  const MetricSchema* schema = nullptr;  ///< The book's metrics (required).
  int book_year = 0;                     ///< The year the book settles; `prev_year` is one before.
  FormulaLimits limits;                  ///< Size limits.
};

/// @brief A compile error, located: `policies.json:42:17: formula column 12: unknown name ...`.
class FormulaError : public Error {
 public:
  /// @brief Builds the error; `what()` is `file:line:column: field, formula column N: message`.
  FormulaError(const FormulaOrigin& origin, std::size_t formula_column, const std::string& message);
  /// @brief The book file.
  const std::string& file() const noexcept { return file_; }
  /// @brief JSON line of the formula.
  std::size_t line() const noexcept { return line_; }
  /// @brief JSON column of the formula's first character.
  std::size_t column() const noexcept { return column_; }
  /// @brief 1-based column (code points) inside the formula text where the problem is.
  std::size_t formula_column() const noexcept { return formula_column_; }
  /// @brief The message without the location.
  const std::string& reason() const noexcept { return reason_; }
  /// @brief The located message: `policies.json:42:17: policies[3].amount, formula column 12: unknown name ...`
  /// (the file part is left out when the origin has no file, the field part when it has no field).
  const char* what() const noexcept override { return located_.c_str(); }

 private:
  std::string located_;
  std::string file_;
  std::size_t line_;
  std::size_t column_;
  std::size_t formula_column_;
  std::string reason_;
};

namespace detail {
struct Plan;
struct FormulaAccess;
}  // namespace detail

/// @brief A compiled formula: immutable, cheap to copy, safe to evaluate from many threads.
///
/// @snippet formula.cpp compile and evaluate
///
/// (docs/snippets/formula.cpp: the build compiles it and `doc_snippets.run` runs it.)
class Formula {
 public:
  /// @brief An empty formula (no text): `evaluate` refuses it. Lets books hold optional formulas.
  Formula() noexcept = default;
  /// @brief Parses, type-checks and compiles `text`.
  /// @throws FormulaError for any syntax, name, type, arity, period-kind or limit problem.
  static Formula compile(std::string_view text, const FormulaEnvironment& env, const FormulaOrigin& origin);
  /// @brief As above, and the formula must have type `expected`.
  ///
  /// A formula whose value is an untyped literal adapts: `100000` compiled as money is
  /// money, `tier(g, 0.10, 50000, 0.20, 100000)` too. Any other type is an error saying
  /// `expected a money formula, found decimal`.
  /// @throws FormulaError as above, or when the type is not `expected`.
  static Formula compile(std::string_view text, const FormulaEnvironment& env, const FormulaOrigin& origin,
                         FormulaType expected);
  /// @brief True for a default-constructed formula.
  bool empty() const noexcept { return plan_ == nullptr; }
  /// @brief The static type of the formula's value.
  FormulaType type() const noexcept;
  /// @brief The source text, as given.
  const std::string& text() const noexcept;
  /// @brief Same source text (and so the same meaning in the same environment).
  friend bool operator==(const Formula& a, const Formula& b) noexcept { return a.text() == b.text(); }
  /// @brief Different source text.
  friend bool operator!=(const Formula& a, const Formula& b) noexcept { return !(a == b); }

 private:
  friend struct detail::FormulaAccess;
  std::shared_ptr<const detail::Plan> plan_;
};

/// @brief The inputs of one evaluation.
struct EvaluationContext {
  const Register* reg = nullptr;   ///< Enterprises and facts; its schema is the one the formula was compiled with (same metric ids).
  EnterpriseIndex enterprise = 0;  ///< Whose formula this is.
  Quarter this_quarter;            ///< The quarter being computed (`this_quarter`).
  Quarter settlement_quarter;      ///< The quarter being settled (`settlement_quarter`).
};

/// @brief A fact a formula needed and did not find.
struct MissingFact {
  MetricId metric = 0;  ///< Which metric.
  Period period;        ///< For which period.
};

/// @brief The outcome of evaluating a formula for one enterprise and quarter.
struct Evaluation {
  /// @brief Whether a value came out.
  enum class Status : unsigned char {
    value,           ///< `value` holds the result.
    missing_fact,    ///< A needed fact is missing (`missing` names the first): the policy does not apply.
    not_applicable,  ///< `tier` reached no threshold: the policy does not apply.
  };
  Status status = Status::value;  ///< See Status.
  FormulaType type = FormulaType::decimal;  ///< The formula's type.
  Rational number;                ///< Numeric results (decimal, money, quantity, money_per_unit), exact.
  bool boolean = false;           ///< Boolean results.
  std::optional<Date> date;       ///< Date results.
  std::optional<Period> period;   ///< Year, quarter and month results.
  std::string_view text;          ///< Text results (views into the register or the formula; valid while both live).
  MissingFact missing;            ///< The first missing fact, when status is missing_fact.
};

/// @brief Evaluates exactly; no heap allocation on the value path.
/// @throws Error `overflow` naming the formula when an intermediate exceeds the exact range;
///         `division_by_zero` when a divisor is zero (guard it: `x > 0 and y / x >= 0.3`);
///         `invalid_argument` for an empty formula, a missing register, a date outside
///         1900..9999, a fractional count of days/months/years, or tier/progressive thresholds
///         computed from facts that are not strictly increasing. Each message names the
///         formula, the enterprise and the quarter.
Evaluation evaluate(const Formula& formula, const EvaluationContext& context);

/// @brief The formula with the values it used substituted, and its result.
///
/// Example: `min(10% × 6,000,000.00, 500万) = 600,000`. Metric lookups and built-in
/// names (`this_quarter`, `first_day`, ...) that the evaluation reached show their
/// values; branches not taken keep their names. A missing fact ends in
/// `= missing park_rent[2019Q2]`, a tier that reached nothing in `= no tier reached`.
/// Allocates; meant for explanations, not for the hot path.
/// @throws Error as `evaluate`.
std::string explain(const Formula& formula, const EvaluationContext& context);

}  // namespace duixian
