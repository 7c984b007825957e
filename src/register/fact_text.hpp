#pragma once
// Reading a fact's value from its text without throwing: the loaders meet millions of rows,
// and a bad one is a diagnostic with a code (docs/register.md), not an exception.

#include <optional>
#include <string>
#include <string_view>

#include "duixian/fact.hpp"
#include "duixian/metric.hpp"

namespace duixian::detail {

/// A value, or why the text is not one: `code` names the kind of problem (`invalid_value`,
/// `exponent_form`, `fraction_of_a_fen`, `thousands_separator`), `message` says what was expected.
struct FactText {
  std::optional<FactValue> value;
  const char* code = nullptr;
  std::string message;
};

/// The rules of parse_fact_value (fact.hpp), which throws what this returns.
FactText parse_fact_text(const Metric& metric, std::string_view text);

}  // namespace duixian::detail
