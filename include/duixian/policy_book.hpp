#pragma once
/// @file
/// @brief The policy book: metric schema, policies in priority order and the book-level rules,
/// checked and compiled when it is loaded (from JSON) or built (in code).
///
/// The JSON format `duixian.policy-book/1` is described in `docs/policy-book.md`, with a
/// JSON Schema beside it (`docs/policy-book.schema.json`). Every mistake is found when
/// the book loads, each reported with file, line and column and what was expected; all
/// of them are collected, not just the first:
///
/// @snippet policy_book.cpp every error of a book
///
/// (docs/snippets/policy_book.cpp: the build compiles it and `doc_snippets.run` runs it.)
///
/// Hosts that keep their rules elsewhere fill a `PolicyBookSpec` and call
/// `PolicyBook::build`; the same checks apply (diagnostics then carry the field path but
/// no line). A book built in code and the same book loaded from JSON compare equal.

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "duixian/decimal.hpp"
#include "duixian/diagnostic.hpp"
#include "duixian/error.hpp"
#include "duixian/formula.hpp"
#include "duixian/metric.hpp"
#include "duixian/policy.hpp"
#include "duixian/region.hpp"

namespace duixian {

namespace detail {
struct PolicyBookData;
}  // namespace detail

/// @brief The format name and version a policy book must declare in its `format` field.
inline constexpr const char* policy_book_format = "duixian.policy-book/1";

/// @brief How a stacking group (就高不重复) keeps one policy's amount per enterprise.
enum class StackingRule : unsigned char {
  max,    ///< `"max"`: the largest amount; on a tie, the policy earlier in the book.
  first,  ///< `"first"`: the first policy in book order with a non-zero amount.
  sum,    ///< `"sum"`: all of them (the group only documents that they may stack).
};

/// @brief `"max"`, `"first"` or `"sum"`.
const char* to_string(StackingRule rule) noexcept;
/// @brief Reads a rule by its exact name; nothing for any other text.
std::optional<StackingRule> parse_stacking_rule(std::string_view name) noexcept;

/// @brief A stacking group. JSON: `{"id": "tech", "rule": "max"}` in `stacking_groups`.
///
/// Its members (the policies naming it in `stacking_group`) must share kind and basis:
/// stacking compares like with like, so annual and per-quarter policies cannot mix.
struct StackingGroup {
  std::string id;                        ///< JSON `id`, unique among the groups.
  StackingRule rule = StackingRule::max;  ///< JSON `rule`.

  /// @brief Same id and rule.
  friend bool operator==(const StackingGroup& a, const StackingGroup& b) { return a.id == b.id && a.rule == b.rule; }
  /// @brief Not `==`.
  friend bool operator!=(const StackingGroup& a, const StackingGroup& b) { return !(a == b); }
};

/// @brief The city's share of rewards paid to enterprises in some regions.
///
/// JSON: `{"regions": ["330302", "330303"], "city_share": 0.50}`. A region matches when
/// its GB/T 2260 code starts with one of the prefixes (2, 4 or 6 digits).
struct FundingRule {
  std::vector<std::string> regions;  ///< JSON `regions`: code prefixes, e.g. `3303` or `330302`.
  Decimal city_share;                ///< JSON `city_share`: 0 to 1; the county pays the remainder.

  /// @brief Same prefixes (in order) and share (by value).
  friend bool operator==(const FundingRule& a, const FundingRule& b) {
    return a.regions == b.regions && a.city_share == b.city_share;
  }
  /// @brief Not `==`.
  friend bool operator!=(const FundingRule& a, const FundingRule& b) { return !(a == b); }
};

/// @brief Who pays the rewards: the city's share by region, the county the remainder.
///
/// JSON: `"funding": {"rules": [...], "default_city_share": 0.30}`. The first rule with
/// a matching prefix applies, the default otherwise; a prefix that an earlier prefix
/// already covers could never apply and is refused.
struct Funding {
  std::vector<FundingRule> rules;  ///< JSON `rules`, in order.
  Decimal default_city_share;      ///< JSON `default_city_share`: 0 to 1.

  /// @brief The city's share for an enterprise in `region`.
  /// @param region the enterprise's GB/T 2260 code.
  Decimal city_share(RegionCode region) const;

  /// @brief Same rules and default (by value).
  friend bool operator==(const Funding& a, const Funding& b) {
    return a.rules == b.rules && a.default_city_share == b.default_city_share;
  }
  /// @brief Not `==`.
  friend bool operator!=(const Funding& a, const Funding& b) { return !(a == b); }
};

/// @brief The enterprise total cap (总量控制): what one enterprise may receive in the year from rewards.
///
/// JSON: `"enterprise_cap": {"applies_if": ..., "cap": ..., "exempt": [...]}`. It applies
/// to enterprises for which `applies_if` is true, over every reward policy except the
/// exempt ones (burden reductions are never capped by it).
struct EnterpriseCap {
  std::string applies_if;           ///< JSON `applies_if`: a boolean formula on the enterprise.
  std::string cap;                  ///< JSON `cap`: a money formula, the most it may receive.
  std::vector<std::string> exempt;  ///< JSON `exempt`, optional: ids of reward policies outside the cap.

  /// @brief Same formulas (by text) and exempt ids (in order).
  friend bool operator==(const EnterpriseCap& a, const EnterpriseCap& b) {
    return a.applies_if == b.applies_if && a.cap == b.cap && a.exempt == b.exempt;
  }
  /// @brief Not `==`.
  friend bool operator!=(const EnterpriseCap& a, const EnterpriseCap& b) { return !(a == b); }
};

/// @brief A whole policy book as plain values: what a host fills in, or what a JSON book holds.
struct PolicyBookSpec {
  std::string id;                 ///< JSON `id`, e.g. `wenzhou-2019`.
  std::string title;              ///< JSON `title`.
  std::string currency = "CNY";   ///< JSON `currency`: only `CNY`.
  int year = 0;                   ///< JSON `year`: the year the book settles (1901 to 9999).
  std::vector<Metric> metrics;    ///< JSON `metrics`: the metric schema, in order.
  std::vector<Policy> policies;   ///< JSON `policies`: in priority order.
  std::vector<StackingGroup> stacking_groups;   ///< JSON `stacking_groups`, optional.
  std::vector<std::string> excluded_categories;  ///< JSON `excluded_from_totals`, optional: categories left out of totals.
  Funding funding;                ///< JSON `funding`.
  std::optional<EnterpriseCap> enterprise_cap;  ///< JSON `enterprise_cap`, optional.

  /// @brief Every member equal (metrics by name, type, period kind and values).
  friend bool operator==(const PolicyBookSpec& a, const PolicyBookSpec& b);
  /// @brief Not `==`.
  friend bool operator!=(const PolicyBookSpec& a, const PolicyBookSpec& b) { return !(a == b); }
};

/// @brief Bounds on a JSON document, so that a hostile one can neither hang nor exhaust the host.
struct JsonLimits {
  std::size_t max_bytes = 4U * 1024U * 1024U;  ///< Largest document, in bytes (policy books are a few KB).
  std::size_t max_depth = 64;                   ///< Deepest nesting of arrays and objects.
  std::size_t max_values = 200000;              ///< Most values (of any kind) in one document.
};

/// @brief Bounds on what a book may be, so that a hostile one can neither hang nor exhaust the host.
struct PolicyBookLimits {
  JsonLimits json;        ///< Size, nesting depth and value count of the JSON document.
  FormulaLimits formula;  ///< Length, depth, node count and literal length of each formula.
};

/// @brief A policy's compiled formulas; the ones a policy does not have are empty.
struct PolicyFormulas {
  Formula eligible;       ///< Boolean.
  Formula amount;         ///< Money.
  Formula line_cap;       ///< Money; empty without a formula cap.
  Formula event_date;     ///< Date; empty unless the basis is `event`.
  Formula schedule_date;  ///< Date; empty unless the schedule is `lump_on_date`.
};

/// @brief The compiled formulas of the enterprise total cap.
struct EnterpriseCapFormulas {
  Formula applies_if;  ///< Boolean.
  Formula cap;         ///< Money.
};

/// @brief The error a book that fails its checks throws: every diagnostic, in file order.
///
/// `what()` is `parse_error: policy book "policies.json" has 2 errors:` followed by one
/// line per diagnostic (`invalid_argument` for a book built in code).
class PolicyBookError : public Error {
 public:
  /// @brief Builds the error.
  /// @param code `parse_error` for a loaded book, `invalid_argument` for one built in code.
  /// @param source the book's file name.
  /// @param diagnostics the problems found (at least one error).
  PolicyBookError(ErrorCode code, const std::string& source, Diagnostics diagnostics);
  /// @brief Every problem found.
  const Diagnostics& diagnostics() const noexcept { return diagnostics_; }

 private:
  Diagnostics diagnostics_;
};

/// @brief A checked, compiled policy book: immutable, cheap to copy, safe to share between threads.
class PolicyBook {
 public:
  /// @brief Checks `spec` and compiles its formulas.
  /// @param spec the book.
  /// @param source_name the name diagnostics give for the book.
  /// @param limits formula limits (the JSON limits do not apply).
  /// @throws PolicyBookError (`invalid_argument`) listing every problem.
  static PolicyBook build(PolicyBookSpec spec, const std::string& source_name = "<code>",
                          const PolicyBookLimits& limits = {});
  /// @brief Every problem `build` would report, without throwing.
  /// @param spec the book.
  /// @param source_name the name diagnostics give for the book.
  /// @param limits formula limits.
  static Diagnostics validate(const PolicyBookSpec& spec, const std::string& source_name = "<code>",
                              const PolicyBookLimits& limits = {});

  /// @brief The book as written.
  const PolicyBookSpec& spec() const noexcept;
  /// @brief SHA-256 of the book's source, as 64 lowercase hex digits: of the JSON text it was
  /// read from (a file's bytes, exactly), or for a book built in code of `to_json(spec())`.
  /// `Settlement::to_commit` records it as the commit's `book_sha256`.
  const std::string& source_sha256() const noexcept;
  /// @brief The book's id.
  const std::string& id() const noexcept { return spec().id; }
  /// @brief The year the book settles.
  int year() const noexcept { return spec().year; }
  /// @brief Throws unless the book settles `quarter`: the one check `settle`, the CLI and the C ABI make.
  /// @param quarter a quarter to settle.
  /// @throws Error `invalid_argument`, e.g. `2018Q3 is not in the year of policy book "wenzhou-2019"
  ///         (2019Q1 to 2019Q4)`.
  void check_quarter(const Quarter& quarter) const;
  /// @brief The metric schema built from `spec().metrics` (ids in that order).
  const MetricSchema& schema() const noexcept;
  /// @brief The policies in priority order.
  const std::vector<Policy>& policies() const noexcept { return spec().policies; }
  /// @brief The compiled formulas of policy number `index`. @pre `index < policies().size()`.
  /// @param index the policy's position in `policies()`.
  const PolicyFormulas& formulas(std::size_t index) const;
  /// @brief The compiled formulas of the enterprise total cap, or null when the book has none.
  const EnterpriseCapFormulas* enterprise_cap_formulas() const noexcept;

  /// @brief The position of the policy with this id.
  /// @param policy_id a policy id.
  std::optional<std::size_t> find_policy(std::string_view policy_id) const;
  /// @brief The stacking group with this id, or null.
  /// @param group_id a group id.
  const StackingGroup* find_stacking_group(std::string_view group_id) const;
  /// @brief Whether a policy's category is excluded from totals (export tax rebates).
  /// @param index the policy's position.
  bool excluded_from_totals(std::size_t index) const;
  /// @brief Whether policy `index` is a reward that the enterprise total cap covers (false without a cap).
  /// @param index the policy's position.
  bool counts_toward_enterprise_cap(std::size_t index) const;

  /// @brief Same spec (the compiled formulas follow from it).
  friend bool operator==(const PolicyBook& a, const PolicyBook& b) { return a.spec() == b.spec(); }
  /// @brief Not `==`.
  friend bool operator!=(const PolicyBook& a, const PolicyBook& b) { return !(a == b); }

 private:
  friend struct detail::PolicyBookData;
  explicit PolicyBook(std::shared_ptr<const detail::PolicyBookData> impl) noexcept : impl_(std::move(impl)) {}
  std::shared_ptr<const detail::PolicyBookData> impl_;
};

/// @brief The book as JSON text in the format `duixian.policy-book/1`, two spaces a level.
///
/// `read_policy_book` reads it back to an equal book (numbers keep their decimal text,
/// `0.50` stays `0.50`; fields left at their defaults are written or left out as the format
/// allows). A book built in code takes the SHA-256 of this text as its `source_sha256`, so
/// an auditor can write it out and recompute the digest a ledger recorded.
/// @param spec the book.
std::string to_json(const PolicyBookSpec& spec);

/// @brief The outcome of reading a book without throwing: the book, or the reasons there is none.
struct PolicyBookLoad {
  std::optional<PolicyBook> book;  ///< The book, when there are no errors.
  Diagnostics diagnostics;         ///< Every problem, sorted by line and column.
};

/// @brief Reads, checks and compiles a JSON policy book; never throws for a problem in the book.
/// @param json_text the document (UTF-8).
/// @param file_name the name diagnostics give, e.g. `policies.json`.
/// @param limits size, depth and formula bounds.
PolicyBookLoad read_policy_book(std::string_view json_text, const std::string& file_name,
                                const PolicyBookLimits& limits = {});

/// @brief Reads, checks and compiles a JSON policy book.
/// @param json_text the document (UTF-8).
/// @param file_name the name diagnostics give, e.g. `policies.json`.
/// @param limits size, depth and formula bounds.
/// @throws PolicyBookError (`parse_error`) listing every problem.
PolicyBook load_policy_book(std::string_view json_text, std::string file_name, const PolicyBookLimits& limits = {});

/// @brief Reads, checks and compiles a JSON policy book from a file; never throws for a problem in the book.
/// @param path the file; diagnostics name it as given.
/// @param limits size, depth and formula bounds.
/// @throws Error `io_error` when the file cannot be read.
PolicyBookLoad read_policy_book_file(const std::string& path, const PolicyBookLimits& limits = {});

/// @brief Reads a JSON policy book from a file; diagnostics name the path as given.
/// @param path the file.
/// @param limits size, depth and formula bounds.
/// @throws Error `io_error` when the file cannot be read; PolicyBookError listing every problem.
PolicyBook load_policy_book_file(const std::string& path, const PolicyBookLimits& limits = {});

}  // namespace duixian
