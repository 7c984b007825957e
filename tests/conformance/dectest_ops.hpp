#pragma once
// Emulating a decTest operation, in the case's context, with Duixian's exact arithmetic.
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "dectest_model.hpp"
#include "duixian/decimal.hpp"

namespace dectest {

/// An operand as the library reads it (Decimal::parse) and as GDA means it (the model).
struct Operand {
  duixian::Decimal value;
  model::Num num;
};

/// What applying a case gave.
struct Outcome {
  std::optional<duixian::Decimal> got;  ///< The library's result, when the case was applied.
  std::string skip;                     ///< Why the case was not applied (predicted with the model).
  std::string value_only;               ///< Why the result is compared by value only, if it is.
};

/// Operands taken by an operation the runner applies; 0 for any other operation.
std::size_t arity(const std::string& operation);

/// quantize/rescale: why GDA's result cannot be produced ("" if it can), and the target exponent.
std::string quantize_problem(const std::string& operation, const std::vector<Operand>& in, long precision,
                             duixian::RoundingMode mode, long& exponent);

/// Applies `operation` at `precision` significant digits with `mode`.
/// A duixian::Error escaping from here is a failure: the case was predicted to fit.
Outcome apply(const std::string& operation, const std::vector<Operand>& in, long precision,
              duixian::RoundingMode mode);

}  // namespace dectest
