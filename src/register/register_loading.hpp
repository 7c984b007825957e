#pragma once
// What the CSV loaders need of a register under construction beyond RegisterBuilder's
// public interface: hints that let a batch of fact rows fetch the memory its inserts
// will touch before the first of them runs. Rows arrive in any order, so without them
// every row waits for a cache miss or two (bench/README.md).

#include <string_view>

#include "duixian/register.hpp"

namespace duixian::detail {

struct RegisterLoading {
  /// Fetches the code index slot where `code_text` would be found.
  static void prefetch_code(const RegisterBuilder& builder, std::string_view code_text) noexcept;
  /// Fetches the slot of an existing (metric, period) column where `enterprise`'s fact would go.
  static void prefetch_fact(const RegisterBuilder& builder, EnterpriseIndex enterprise, MetricId metric,
                            const Period& period) noexcept;
};

}  // namespace duixian::detail
