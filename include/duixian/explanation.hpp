#pragma once
/// @file
/// @brief Why a settlement line has its amounts: every step, as data, rendered for a clerk or an auditor.
///
/// `Settlement::explain(i)` recomputes line i's enterprise and records each step of
/// the engine's order (see `settlement.hpp`): per computation period the eligibility
/// and amount formulas with their values substituted, the exact amount, the line cap,
/// the rounding, the stacking decision and the budget; per quarter the scheduled
/// amount and the caps that bound it; then the true-up and the funding split. The
/// numbers are enough to recompute the line by hand, and a test does exactly that.
///
/// `to_text` renders it for a clerk (Chinese amounts with 元, one step a line),
/// `to_json` for an auditor (every number as a decimal string).

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "duixian/decimal.hpp"
#include "duixian/period.hpp"
#include "duixian/rational.hpp"
#include "duixian/rounding.hpp"
#include "duixian/settlement.hpp"

namespace duixian {

/// @brief What stacking decided for one amount.
struct StackingStep {
  std::string group;    ///< The group's id.
  std::string rule;     ///< `max`, `first` or `sum`.
  bool kept = true;     ///< False when another policy of the group won.
  std::string winner;   ///< The policy kept (this one when `kept`).
  std::int64_t winner_fen = 0;  ///< The winner's amount.
};

/// @brief What a binding budget did to one amount: claimed × B / S, floored, plus a remainder fen.
struct BudgetStep {
  std::int64_t budget_fen = 0;    ///< B.
  std::int64_t claimed_fen = 0;   ///< S, the sum of every claim of the period.
  std::int64_t floor_fen = 0;     ///< floor_to_fen(amount × B / S).
  std::int64_t extra_fen = 0;     ///< 0 or 1: a remainder fen (largest remainders, ties by credit code).
  std::int64_t allocated_fen = 0; ///< floor + extra.
};

/// @brief One computation of the policy's amount: for the year (annual), a quarter, or an event's quarter.
struct ComputationStep {
  std::uint8_t quarter = 0;    ///< 1–4, or 0 for the year.
  bool in_force = true;        ///< False when the policy's validity does not cover the period (nothing computed).
  std::string eligibility;     ///< The eligibility formula with values, e.g. `has_tag('above_scale') and 6,000,000.00 >= 500万 = true`; empty when always eligible.
  bool eligible = false;       ///< Its value.
  std::string formula;         ///< The amount formula with values: `min(10% × 6,000,000.00, 500万) = 600,000`.
  std::optional<OmissionReason> omitted;  ///< Why there is no amount, if there is none.
  std::optional<Rational> exact;          ///< The exact amount.
  std::optional<Rational> line_cap;       ///< The line cap's value, when the policy has one.
  int rounding_places = 2;                ///< The policy's rounding.
  RoundingMode rounding_mode = RoundingMode::half_up;  ///< ... and its mode.
  std::int64_t rounded_fen = 0;           ///< round(min(exact, line cap)); 0 when not eligible or omitted.
  std::optional<StackingStep> stacking;   ///< When the policy is in a stacking group.
  std::int64_t after_stacking_fen = 0;    ///< rounded, or 0 when stacked under another policy.
  std::optional<BudgetStep> budget;       ///< When the policy's budget binds in this period.
  std::int64_t amount_fen = 0;            ///< The amount entering the schedule (after stacking and budget).
  std::optional<Date> due_date;           ///< For `lump_on_date`: the date whose quarter it is due in.
};

/// @brief One quarter's due amount and the caps walked over it.
struct DueStep {
  std::uint8_t quarter = 0;          ///< 1–4.
  std::int64_t scheduled_fen = 0;    ///< D: what the schedule makes due in this quarter.
  std::string schedule;              ///< How: `instalment 2 of 4: round(E / 4)`, `last instalment: E − 3 × ...`, `lump`, `this quarter's amount`.
  std::optional<std::int64_t> annual_cap_fen;          ///< The policy's annual cap, when it has one.
  std::int64_t annual_cap_used_before_fen = 0;        ///< S before this quarter, over the policy's lines.
  std::int64_t after_annual_cap_fen = 0;              ///< min(D, max(0, cap − S)), or D.
  std::optional<std::int64_t> enterprise_cap_fen;      ///< The enterprise total cap, when it applies to this line.
  std::int64_t enterprise_cap_used_before_fen = 0;    ///< S before this line (quarter order, then book order).
  std::int64_t capped_fen = 0;                        ///< C: the amount due after both caps.
};

/// @brief The full account of one settlement line.
struct LineExplanation {
  std::string credit_code;     ///< The enterprise.
  std::string enterprise_name; ///< Its name (empty when it left the register).
  std::string region;          ///< Its GB/T 2260 code (empty when it left the register).
  std::string policy_id;       ///< The policy.
  std::string policy_title;    ///< Its title.
  std::string kind;            ///< `reward` or `burden_reduction`.
  std::string category;        ///< Its category, may be empty.
  std::string basis;           ///< `annual`, `per_quarter` or `event`.
  Quarter quarter;             ///< The quarter settled.
  std::vector<ComputationStep> computations;  ///< In period order.
  std::vector<DueStep> dues;                  ///< Quarters 1..Q with an amount scheduled, in order.
  std::int64_t cumulative_fen = 0;       ///< Σ capped over the dues.
  std::int64_t previously_paid_fen = 0;  ///< From the ledger.
  std::int64_t payout_fen = 0;           ///< cumulative − previously paid.
  std::optional<Decimal> city_share;     ///< The city's share (rewards).
  std::int64_t city_fen = 0;             ///< round(payout × share), half-up.
  std::int64_t county_fen = 0;           ///< payout − city.
};

/// @brief For a clerk: one step a line, amounts in 元.
/// @param explanation a line's explanation.
std::string to_text(const LineExplanation& explanation);

/// @brief For an auditor: a JSON object with every step, amounts as decimal strings (`"1409.50"`).
///
/// Keys are the member names without the `_fen` suffix (`payout_fen` is `"payout"`, in
/// yuan); exact rationals are decimal strings when they terminate, else `"23200/3"`;
/// optional steps that do not apply are left out.
/// @param explanation a line's explanation.
std::string to_json(const LineExplanation& explanation);

}  // namespace duixian
