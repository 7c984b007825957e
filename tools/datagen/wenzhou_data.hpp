#pragma once
/// @file
/// @brief A deterministic generator of the Wenzhou 2019 reference workload's data.
///
/// Writes `enterprises.csv`, `facts.csv` and `facts-revision.csv` in the layout of
/// `workload/wenzhou-2019.md` §1, for any number of enterprises, and returns a census
/// of the edge cases the data contains. The same size and seed give the same bytes
/// on every platform (own PRNG, integer arithmetic only); enterprise i depends only on
/// (seed, i), so a smaller register is a prefix of a larger one.
///
/// Every edge case is planted in each block of 500 consecutive enterprises, on top of
/// the random population, and the R5 budget binds from about 1,500 enterprises up. The
/// census is computed from the values written (on the facts before revision), not from
/// what was planted, so it can be trusted to say what the data holds.

#include <cstddef>
#include <cstdint>
#include <iosfwd>
#include <string>
#include <vector>

#include "duixian/metric.hpp"

namespace duixian::datagen {

/// @brief The 17 metrics of the workload's table (§1), in table order.
MetricSchema wenzhou_2019_schema();

/// @brief What to generate.
struct GeneratorOptions {
  std::size_t enterprises = 20000;  ///< Rows of enterprises.csv.
  std::uint64_t seed = 2019;        ///< Any value; the same seed gives the same files.
  /// Rows of `facts.csv` and `facts-revision.csv` (not their headers) in a random order
  /// drawn from `seed`, as a database export returns them; the census does not change.
  /// The files are then built in memory before they are written (about 60 bytes a fact).
  bool shuffle = false;
};

/// @brief Up to 16 credit codes per edge case, for spot checks against a loaded register.
struct CensusSamples {
  std::vector<std::string> stacking_ties;          ///< R1 and R2 both eligible with equal E.
  std::vector<std::string> leap_day_park_entries;  ///< park_entry_date 2016-02-29.
  std::vector<std::string> r5_tier_boundaries;     ///< Q1 growth exactly 0.10, 0.20 or 0.30.
  std::vector<std::string> mid_quarter_loans;      ///< Loans starting and ending mid-quarter in 2019.
  std::vector<std::string> binding_total_caps;     ///< Old firms whose cap binds.
  std::vector<std::string> revised;                ///< Enterprises with a revised equipment_investment[2018].
};

/// @brief Counts of the edge cases in the generated data (facts before the revision).
///
/// Amounts are in fen (0.01 yuan). "Old" means registered before 2016-01-01, the
/// firms under the enterprise total cap (§4.5).
struct Census {
  std::size_t enterprises = 0;      ///< Rows of enterprises.csv.
  std::size_t fact_rows = 0;        ///< Data rows of facts.csv.
  std::size_t revision_rows = 0;    ///< Data rows of facts-revision.csv.
  std::size_t above_scale = 0;      ///< Tagged above_scale.
  std::size_t in_micro_park = 0;    ///< Tagged in_micro_park.

  std::size_t stacking_both_eligible = 0;  ///< Eligible for both R1 and R2 (stacking group `tech`).
  std::size_t stacking_ties = 0;           ///< ... with equal rounded annual entitlements.

  std::size_t r1_threshold_exact = 0;  ///< Above-scale, equipment_investment[2018] exactly 5,000,000.00.
  std::size_t r1_capped = 0;           ///< R1 eligible with 10% × base above 5,000,000.

  std::size_t r5_eligible = 0;           ///< Firms reaching an R5 tier.
  std::int64_t r5_tier_sum_fen = 0;      ///< Σ of R5 tier amounts before the budget.
  std::size_t r5_tier_boundaries = 0;    ///< Growth exactly 0.10, 0.20 or 0.30.
  std::size_t r5_zero_base = 0;          ///< Above-scale with output_value[2018Q1] = 0 (no R5).
  std::size_t r5_missing_2019q1 = 0;     ///< Above-scale with 2018Q1 but no 2019Q1 output (no R5).

  std::size_t binding_total_caps = 0;           ///< Old firms whose local_contribution is below R1/R2+R4+R6+R7.
  std::size_t capped_without_contribution = 0;  ///< Old firms with such rewards and no local_contribution (cap 0).
  std::size_t cap_boundary_registrations = 0;   ///< Registered on 2015-12-31 or 2016-01-01.
  std::size_t local_contribution_missing = 0;   ///< Old firms without local_contribution[2018].

  std::size_t r3_first_above_scale = 0;         ///< Above-scale with above_scale_since in 2019.
  std::size_t rd_expense_one_year = 0;          ///< Exactly one of rd_expense[2017], rd_expense[2018].
  std::size_t leap_day_park_entries = 0;        ///< In a park since 2016-02-29.
  std::size_t park_rent_missing_quarter = 0;    ///< Park firms missing park_rent for a 2019 quarter of their window while having another.
  std::size_t mid_quarter_loans = 0;            ///< Loans starting and ending in 2019, neither on a quarter's first or last day.
  std::size_t r7_cap_binding = 0;               ///< Loans whose 2019 interest subsidy exceeds 1,000,000.

  std::size_t names_with_comma = 0;  ///< Names containing `,`.
  std::size_t names_with_quote = 0;  ///< Names containing `"`.

  std::size_t revised_up = 0;                ///< equipment_investment[2018] revised upwards.
  std::size_t revised_down = 0;              ///< ... downwards.
  std::size_t revised_across_r1_threshold = 0;  ///< ... across the 5,000,000 R1 threshold.
  std::size_t revised_added = 0;             ///< Revision rows adding a fact that was missing.

  CensusSamples samples;  ///< A few codes per edge case.

  /// @brief R5's budget, 30,000,000.00 yuan, in fen.
  static constexpr std::int64_t r5_budget_fen = 3'000'000'000;
  /// @brief True when the R5 tier amounts exceed the budget (pro-rata applies).
  bool r5_budget_binding() const noexcept { return r5_tier_sum_fen > r5_budget_fen; }
};

/// @brief Streams the three files to `enterprises`, `facts` and `revision`.
/// @return the census of what was written.
/// @throws Error `invalid_argument` when `options.enterprises` exceeds 4,000,000,000.
Census generate_wenzhou_2019(const GeneratorOptions& options, std::ostream& enterprises, std::ostream& facts,
                             std::ostream& revision);

/// @brief The three files' text, in memory (for tests and small sizes).
struct GeneratedData {
  std::string enterprises;  ///< enterprises.csv
  std::string facts;        ///< facts.csv
  std::string revision;     ///< facts-revision.csv
  Census census;            ///< What they hold.
};

/// @brief Generates into strings.
GeneratedData generate_wenzhou_2019(const GeneratorOptions& options);

/// @brief Writes `enterprises.csv`, `facts.csv` and `facts-revision.csv` into `directory` (created if needed).
/// @throws Error `invalid_argument` naming the file when it cannot be written.
Census write_wenzhou_2019(const GeneratorOptions& options, const std::string& directory);

/// @brief Writes the census, one `name value` line each, amounts in yuan with grouping commas.
void print_census(std::ostream& out, const Census& census);

}  // namespace duixian::datagen
