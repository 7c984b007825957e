#pragma once
// What the CSV loaders need of a register under construction beyond RegisterBuilder's
// public interface: hints that let a batch of fact rows fetch the memory its inserts
// will touch before the first of them runs. Rows arrive in any order, so without them
// every row waits for a cache miss or two (bench/README.md).

#include "duixian/register.hpp"

namespace duixian::detail {

class CodeIndex;

struct RegisterLoading {
  /// The builder's credit-code index, for lookups from other threads while facts load
  /// (nothing writes it then). Makes the builder's data its own first, so that the
  /// inserts that follow never copy it away from under those lookups.
  static const CodeIndex& codes(RegisterBuilder& builder);
  /// Fetches the slot of an existing (metric, period) column where `enterprise`'s fact would go.
  static void prefetch_fact(const RegisterBuilder& builder, EnterpriseIndex enterprise, MetricId metric,
                            const Period& period) noexcept;
};

}  // namespace duixian::detail
