#pragma once
// Reading General Decimal Arithmetic .decTest files: directives and test lines.
#include <string>
#include <vector>

namespace dectest {

/// The context a test runs in, as set by the directives above it.
struct Context {
  long precision = 9;
  std::string rounding = "half_up";  // lower-cased
  long max_exponent = 999;
  long min_exponent = -999;
  bool extended = true;
  bool clamp = false;
};

/// One test line: `id operation operand... -> result [conditions]`.
struct Case {
  std::string file;
  int line = 0;
  std::string id;
  std::string operation;                // lower-cased
  std::vector<std::string> operands;    // quotes removed, '' unescaped
  std::string result;
  std::vector<std::string> conditions;  // as spelled in the file
  bool encoded = false;                 // an unquoted '#' operand or result
  Context context;
};

/// Splits a line into tokens. '...' and "..." are quoted tokens in which a doubled
/// quote is one literal quote; `--` outside quotes starts a comment.
struct Token {
  std::string text;
  bool quoted = false;
};
std::vector<Token> tokenize(const std::string& line);

/// All test cases of a file, each with the context in force on its line.
/// @throws std::runtime_error naming the file and line for an unreadable file, a
///         malformed line or an unknown directive.
std::vector<Case> read_file(const std::string& path);

}  // namespace dectest
