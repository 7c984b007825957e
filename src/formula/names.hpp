#pragma once
// The names the formula language knows: built-in names, relative periods, functions,
// and "did you mean" suggestions for the ones it does not.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "formula/ast.hpp"

namespace duixian::detail {

/// A built-in bare name (`this_quarter`, `registered_on`, ...), or Builtin::none.
Builtin find_builtin(std::string_view name) noexcept;
/// The name of a built-in.
const char* to_string(Builtin builtin) noexcept;
/// All built-in names, comma-separated (for messages).
const char* builtin_names() noexcept;

/// A function by name.
std::optional<Function> find_function(std::string_view name) noexcept;
/// The name of a function.
const char* to_string(Function function) noexcept;
/// All function names, comma-separated (for messages).
const char* function_names() noexcept;

/// The closest candidate to `word` when it is plausibly a misspelling of it, else empty.
std::string closest(std::string_view word, const std::vector<std::string>& candidates);

/// The formula type of a metric's values; nothing for free text (which formulas cannot read).
std::optional<FormulaType> formula_type_of(MetricType type) noexcept;

}  // namespace duixian::detail
