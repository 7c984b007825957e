#pragma once
// Private: the checks every policy book goes through, whether built in code or read
// from JSON, and the compiled book they produce.

#include <cstddef>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "duixian/policy_book.hpp"
#include "support/json_reader.hpp"

namespace duixian {

// What a PolicyBook holds; also its only way to be made from a checked book.
struct detail::PolicyBookData {
  static PolicyBook make(std::shared_ptr<const PolicyBookData> data) { return PolicyBook(std::move(data)); }

  PolicyBookSpec spec;
  MetricSchema schema;
  std::vector<PolicyFormulas> formulas;
  std::optional<EnterpriseCapFormulas> cap;
  std::map<std::string, std::size_t, std::less<>> policy_index;
  std::vector<bool> capped;  // per policy: counts toward the enterprise cap
  std::string source_sha256;  // of the JSON text read, or of to_json(spec) for a book built in code
};

namespace policy_check {

// Where a field of the book was written: JSON books know it, books built in code do not
// (a null locator). Paths look like `policies[3].schedule.quarters[1]`.
class Locator {
 public:
  virtual ~Locator() = default;
  // The JSON value at `path`, or null when that path was not written.
  virtual const JsonValue* find(const std::string& path) const = 0;
};

// Checks `spec` and compiles its formulas. Problems go to `out`, except those at or
// under a path in `bad` (already reported when the JSON was read: a value that could
// not be read must not cause a second, confusing message). Returns the compiled book
// when no error was found, its source digest `source_sha256` (empty: the digest of
// `to_json(spec)`, for a book built in code).
std::shared_ptr<const detail::PolicyBookData> assemble(PolicyBookSpec spec, const std::string& file,
                                                       const PolicyBookLimits& limits, const Locator* locator,
                                                       const std::set<std::string>& bad, Diagnostics& out,
                                                       std::string source_sha256 = {});

// Orders diagnostics by line and column (those without a line last), keeping the
// order of equal positions.
void sort(Diagnostics& diagnostics);

}  // namespace policy_check
}  // namespace duixian
