#pragma once
/// @file
/// @brief One policy of a policy book: what it pays (or reduces), to whom, when, and within which limits.
///
/// A `Policy` is a plain value: the rule as its author wrote it, formulas as text. It
/// is checked and its formulas compiled when a book is built or loaded (see
/// `policy_book.hpp` and `docs/policy-book.md`). The JSON field of each member is given
/// in its documentation; an example, policy `R7-loan-interest` of the Wenzhou 2019 book:
///
/// @snippet policy.cpp a policy
///
/// (docs/snippets/policy.cpp: the build compiles it and `doc_snippets.run` runs it.)

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "duixian/decimal.hpp"
#include "duixian/period.hpp"
#include "duixian/rounding.hpp"

namespace duixian {

/// @brief What a policy's amounts are.
enum class PolicyKind : unsigned char {
  reward,            ///< `"reward"`: money paid to the enterprise (奖励, 补助), split between city and county.
  burden_reduction,  ///< `"burden_reduction"`: a reduction of taxes, fees or prices (降本减负), counted, not paid.
};

/// @brief `"reward"` or `"burden_reduction"`.
const char* to_string(PolicyKind kind) noexcept;
/// @brief Reads a kind by its exact name; nothing for any other text.
std::optional<PolicyKind> parse_policy_kind(std::string_view name) noexcept;

/// @brief The period a policy's amount is computed for.
enum class PolicyBasis : unsigned char {
  annual,       ///< `"annual"`: one entitlement for the book's year, paid by its schedule.
  per_quarter,  ///< `"per_quarter"`: an amount for each quarter, due in that quarter.
  event,        ///< `"event"`: one amount for an event (its date is the `event_date` formula), computed for the event's quarter.
};

/// @brief `"annual"`, `"per_quarter"` or `"event"`.
const char* to_string(PolicyBasis basis) noexcept;
/// @brief Reads a basis by its exact name; nothing for any other text.
std::optional<PolicyBasis> parse_policy_basis(std::string_view name) noexcept;

/// @brief How an amount falls due over the quarters.
enum class ScheduleKind : unsigned char {
  every_quarter,    ///< `"every_quarter"`: each quarter's amount is due in that quarter (per-quarter policies).
  lump_in_quarter,  ///< `"lump_in_quarter"`: the whole amount is due in one given quarter.
  lump_on_date,     ///< `"lump_on_date"`: the whole amount is due in the quarter containing a date (a formula).
  instalments,      ///< `"instalments"`: n instalments over n given quarters; the last absorbs the remainder.
};

/// @brief `"every_quarter"`, `"lump_in_quarter"`, `"lump_on_date"` or `"instalments"`.
const char* to_string(ScheduleKind kind) noexcept;
/// @brief Reads a schedule kind by its exact name; nothing for any other text.
std::optional<ScheduleKind> parse_schedule_kind(std::string_view name) noexcept;

/// @brief When a policy's amount falls due. JSON: `"schedule": {"kind": ..., ...}`.
///
/// Only the members of the chosen kind may be set; a book with others set is refused.
/// Instalments: with n quarters, each of the first n−1 is round(E / n) with the policy's
/// rounding, and the last is E minus their sum, so they add up to E exactly.
struct Schedule {
  ScheduleKind kind = ScheduleKind::every_quarter;  ///< JSON `kind`.
  /// @brief JSON `quarter` (lump_in_quarter, one quarter) or `quarters` (instalments, in
  /// increasing order); every quarter must lie in the book's year.
  std::vector<Quarter> quarters;
  std::string date;  ///< JSON `date` (lump_on_date): a date formula, e.g. `above_scale_since`.

  /// @brief Each quarter's amount due in that quarter.
  static Schedule every_quarter();
  /// @brief The whole amount due in `quarter`.
  /// @param quarter a quarter of the book's year.
  static Schedule lump_in_quarter(Quarter quarter);
  /// @brief The whole amount due in the quarter containing the date the formula gives.
  /// @param date_formula a formula of type date.
  static Schedule lump_on_date(std::string date_formula);
  /// @brief Instalments in the given quarters (in increasing order), the last absorbing the remainder.
  /// @param quarters two or more quarters of the book's year.
  static Schedule instalments(std::vector<Quarter> quarters);

  /// @brief Same kind, quarters and date formula text.
  friend bool operator==(const Schedule& a, const Schedule& b) {
    return a.kind == b.kind && a.quarters == b.quarters && a.date == b.date;
  }
  /// @brief Not `==`.
  friend bool operator!=(const Schedule& a, const Schedule& b) { return !(a == b); }
};

/// @brief How a policy's amount is rounded. JSON: `"rounding": {"places": 2, "mode": "half_up"}`.
struct PolicyRounding {
  int places = 2;                             ///< JSON `places`: digits after the point, -4 (万) to 2 (fen).
  RoundingMode mode = RoundingMode::half_up;  ///< JSON `mode`: a `RoundingMode` name.

  /// @brief Same places and mode.
  friend bool operator==(const PolicyRounding& a, const PolicyRounding& b) noexcept {
    return a.places == b.places && a.mode == b.mode;
  }
  /// @brief Not `==`.
  friend bool operator!=(const PolicyRounding& a, const PolicyRounding& b) noexcept { return !(a == b); }
};

/// @brief A cap on one line's amount (applied before rounding): a fixed number of yuan or a money formula.
///
/// JSON `line_cap`: a number (`5000000`) or a formula string (`"50% * rd_expense[prev_year]"`).
/// Empty (neither set) means no cap; setting both is refused.
struct LineCap {
  std::optional<Decimal> amount;  ///< A fixed cap in yuan.
  std::string formula;            ///< Or a money formula.

  /// @brief No cap.
  bool empty() const noexcept { return !amount && formula.empty(); }
  /// @brief A fixed cap of `yuan`.
  static LineCap fixed(Decimal yuan);
  /// @brief A cap computed by a money formula.
  static LineCap of_formula(std::string money_formula);

  /// @brief Same fixed amount (by value) and formula text.
  friend bool operator==(const LineCap& a, const LineCap& b) { return a.amount == b.amount && a.formula == b.formula; }
  /// @brief Not `==`.
  friend bool operator!=(const LineCap& a, const LineCap& b) { return !(a == b); }
};

/// @brief One policy, as written in the book (formulas as text).
struct Policy {
  std::string id;               ///< JSON `id`: unique in the book, e.g. `R1-tech-upgrade`.
  std::string title;            ///< JSON `title`: e.g. `技术改造设备投资补助`.
  std::string document_number;  ///< JSON `document_number` (文号), optional: e.g. `温政发〔2019〕12号`.
  PolicyKind kind = PolicyKind::reward;  ///< JSON `kind`.
  std::string category;         ///< JSON `category`, optional: e.g. `export_rebate` (see excluded categories).
  std::optional<Date> valid_from;   ///< JSON `valid_from`, optional: first day in force.
  std::optional<Date> valid_until;  ///< JSON `valid_until`, optional: last day in force (inclusive).
  PolicyBasis basis = PolicyBasis::annual;  ///< JSON `basis`.
  std::string event_date;       ///< JSON `event_date`: the event's date formula; required for, and only for, basis `event`.
  std::string eligible = "true";  ///< JSON `eligible`, optional: a boolean formula (default `true`).
  std::string amount;           ///< JSON `amount`: a money formula, exact until the rounding.
  LineCap line_cap;             ///< JSON `line_cap`, optional.
  std::optional<Decimal> annual_cap;  ///< JSON `annual_cap`, optional: most yuan per enterprise in the year.
  PolicyRounding rounding;      ///< JSON `rounding`, optional: default two places (fen), half-up.
  std::string stacking_group;   ///< JSON `stacking_group`, optional: the id of a stacking group.
  std::optional<Decimal> budget;  ///< JSON `budget`, optional (rewards only): yuan per computation period.
  Schedule schedule;            ///< JSON `schedule`, optional for per-quarter policies (every quarter).

  /// @brief Whether the policy is in force on at least one day of `days` (validity dates inclusive).
  /// @param days the period an amount is computed for or due in.
  bool in_force_during(const DateRange& days) const noexcept;

  /// @brief Every member equal (formulas compare by text, decimals by value).
  friend bool operator==(const Policy& a, const Policy& b);
  /// @brief Not `==`.
  friend bool operator!=(const Policy& a, const Policy& b) { return !(a == b); }
};

}  // namespace duixian
