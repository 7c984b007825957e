#pragma once
/// @file
/// @brief The one exception type of Duixian and its error codes.

#include <stdexcept>
#include <string>
#include <string_view>

namespace duixian {

/// @brief What went wrong, as a stable code a host can switch on.
///
/// The numeric values are part of the public contract (the C ABI maps them to
/// negative status codes), so new codes are only ever appended.
enum class ErrorCode : int {
  invalid_argument = 1,  ///< An argument outside the function's domain (a bad place count, a negative weight).
  parse_error = 2,       ///< Text that is not a value of the expected form.
  overflow = 3,          ///< A result that needs more than 38 digits or a scale above 38.
  division_by_zero = 4,  ///< A divisor that is exactly zero.
  not_representable = 5, ///< A value that cannot be written in the requested form (a negative amount in capitals).
  io_error = 6,          ///< A file that cannot be opened or read.
  ledger_conflict = 7,   ///< A ledger commit refused: a quarter out of order, or a committed quarter with different amounts.
};

/// @brief Short static text for an error code, e.g. `"overflow"`.
/// @param code any ErrorCode; unknown values give `"unknown"`.
/// @return a string literal that lives for the whole program.
const char* to_string(ErrorCode code) noexcept;

/// @brief The exception Duixian throws: a code plus a message that says why.
///
/// The message names the offending input, e.g.
/// `parse_error: "1,000" is not a decimal: ',' at offset 1 (grouping separators are not accepted)`.
class Error : public std::runtime_error {
 public:
  /// @brief Builds an error; the message is prefixed with the code's name.
  /// @param code what kind of failure this is.
  /// @param message why, naming the input.
  Error(ErrorCode code, const std::string& message);

  /// @brief The stable code of this error.
  ErrorCode code() const noexcept { return code_; }

  /// @brief The message without the code's name in front (`what()` has it), for wrapping
  /// this error in another of the same code without saying the code twice.
  std::string_view message() const noexcept;

 private:
  ErrorCode code_;
};

}  // namespace duixian
