#pragma once
/// @file
/// @brief The enterprise register with its facts, and the builder hosts fill it with.
///
/// A Register is immutable once built and safe to read from many threads; it is a
/// handle, like `PolicyBook`: copies are cheap and share the same data, which lives as long
/// as the last copy (a `Settlement` keeps one, so it never outlives its register). It holds
/// the enterprises (looked up by index or by credit code), the metric schema and the
/// facts `enterprise × metric × period → value`, stored column-wise: one column per
/// (metric, period), a bitmap of the enterprises with a value and the values packed in
/// enterprise order, about 8–9 bytes a fact, constant-time lookups (docs/register.md).
///
/// A missing fact is never zero: every lookup returns `std::optional`.
///
/// @snippet register.cpp build a register
///
/// (docs/snippets/register.cpp: the build compiles it and `doc_snippets.run` runs it.)

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "duixian/enterprise.hpp"
#include "duixian/fact.hpp"
#include "duixian/metric.hpp"

namespace duixian {

/// @brief Position of an enterprise in its register (0-based, in insertion order).
using EnterpriseIndex = std::uint32_t;

class RegisterBuilder;
namespace detail {
struct RegisterLoading;  // the loaders' batched access (src/register/register_loading.hpp)
}  // namespace detail

/// @brief Enterprises, metric schema and facts; immutable, cheap to copy (copies share the data).
class Register {
 public:
  /// @brief An empty register with an empty schema.
  Register();
  ~Register();
  /// @brief Shares `other`'s data.
  Register(const Register& other) noexcept;
  /// @brief Shares `other`'s data.
  Register& operator=(const Register& other) noexcept;
  /// @brief Takes `other`'s data; `other` is empty afterwards.
  Register(Register&& other) noexcept;
  /// @brief Takes `other`'s data; `other` is empty afterwards.
  Register& operator=(Register&& other) noexcept;

  /// @brief The number of enterprises.
  std::size_t size() const noexcept;
  /// @brief The enterprise at `index`. @pre `index < size()`.
  const Enterprise& operator[](EnterpriseIndex index) const;
  /// @brief All enterprises in index order.
  const std::vector<Enterprise>& enterprises() const noexcept;
  /// @brief The index of the enterprise with this code.
  std::optional<EnterpriseIndex> find(const CreditCode& code) const;
  /// @brief The index of the enterprise whose credit code is exactly `code_text`.
  ///
  /// For text read from a file: a registered code is found without parsing it; text
  /// that is not a registered code (malformed, lower case, with spaces) finds nothing,
  /// and `CreditCode::parse` says why.
  std::optional<EnterpriseIndex> find(std::string_view code_text) const noexcept;

  /// @brief The metrics the facts use.
  const MetricSchema& schema() const noexcept;

  /// @brief The fact, or nothing when it was not reported.
  std::optional<FactValue> fact(EnterpriseIndex enterprise, MetricId metric, const Period& period) const;
  /// @brief A numeric fact, without building a FactValue. Nothing when missing or not numeric.
  std::optional<Decimal> number(EnterpriseIndex enterprise, MetricId metric, const Period& period) const;
  /// @brief A date fact. Nothing when missing or not a date.
  std::optional<Date> date(EnterpriseIndex enterprise, MetricId metric, const Period& period) const;

  /// @brief The periods for which `metric` has at least one fact, in period order (`Period::key`).
  /// @param metric a metric id of the schema; an unknown id has none.
  std::vector<Period> fact_periods(MetricId metric) const;

  /// @brief The number of facts stored.
  std::size_t fact_count() const noexcept;
  /// @brief Bytes of memory the fact columns and their side tables hold.
  std::size_t fact_memory_bytes() const noexcept;

  /// @brief SHA-256 of the register's canonical text (enterprises by credit code, each with its
  /// facts in metric then period order), as 64 lowercase hex digits.
  ///
  /// The text is given in docs/settlement.md, so an auditor can recompute it. It does not
  /// depend on the order rows came in or on the files' encoding. Computed on the first call
  /// (a pass over every fact) and kept; `Settlement::to_commit` records it as the commit's
  /// `data_sha256`.
  const std::string& canonical_sha256() const;

 private:
  friend class RegisterBuilder;
  friend struct detail::RegisterLoading;
  struct Impl;
  std::shared_ptr<Impl> impl_;  // shared by copies; only a builder writes, before anyone else holds it
};

/// @brief What `RegisterBuilder::add_fact` did.
enum class FactInsert : unsigned char {
  added,      ///< A new fact.
  duplicate,  ///< The same fact with the same value was already there; nothing changed.
  replaced,   ///< The fact was there with another value, and `revise_fact` replaced it.
};

/// @brief Builds a Register from a host's own data, enterprise by enterprise and fact by fact.
///
/// Each call checks its input and throws `Error` on a bad one, leaving the builder as
/// it was, so a loader can report the row and go on. Enterprises come before their facts.
/// A copy of `view()` is a snapshot: later additions do not change it.
class RegisterBuilder {
 public:
  /// @brief A builder whose facts use `schema`.
  explicit RegisterBuilder(MetricSchema schema);
  ~RegisterBuilder();
  /// @brief Move-constructs.
  RegisterBuilder(RegisterBuilder&&) noexcept;
  /// @brief Move-assigns.
  RegisterBuilder& operator=(RegisterBuilder&&) noexcept;
  RegisterBuilder(const RegisterBuilder&) = delete;
  RegisterBuilder& operator=(const RegisterBuilder&) = delete;

  /// @brief Adds an enterprise; its tags are sorted and de-duplicated.
  /// @throws Error `invalid_argument` when the credit code is already registered.
  EnterpriseIndex add_enterprise(Enterprise enterprise);

  /// @brief Makes room for `enterprises` more enterprises in all (a hint; loaders pass their row count).
  void reserve(std::size_t enterprises);

  /// @brief Adds a fact for a registered enterprise.
  /// @return `added`, or `duplicate` when the identical fact was already there.
  /// @throws Error `invalid_argument` for an unknown enterprise index or metric id, a
  ///         period of the wrong kind for the metric, a value of the wrong type, or the
  ///         same fact already present with a different value.
  FactInsert add_fact(EnterpriseIndex enterprise, MetricId metric, const Period& period, const FactValue& value);

  /// @brief Adds a fact, or replaces the value of one already present (a facts revision).
  /// @return `added`, `duplicate` (same value) or `replaced`.
  /// @throws Error `invalid_argument` as `add_fact`, except for a different value.
  FactInsert revise_fact(EnterpriseIndex enterprise, MetricId metric, const Period& period, const FactValue& value);

  /// @brief What has been added so far (for lookups while loading).
  const Register& view() const noexcept { return reg_; }

  /// @brief Finishes; the builder is empty afterwards.
  Register build() &&;

 private:
  FactInsert insert(EnterpriseIndex enterprise, MetricId metric, const Period& period, const FactValue& value,
                    bool replace);
  friend struct detail::RegisterLoading;
  Register::Impl& writable();  // the data, copied first when a copy of view() shares it
  Register reg_;
};

}  // namespace duixian
