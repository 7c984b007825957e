// General Decimal Arithmetic conformance: applies every decTest case that fits Duixian's
// semantics (finite values, at most 38 digits, scale 0..38, the seven rounding modes),
// emulating the case's precision and rounding with the library, and counts by reason the
// cases it skips. The folder comes from DUIXIAN_DECTEST_DIR (compile definition, or the
// environment variable of the same name, which wins). DUIXIAN_DECTEST_LIST=text lists the
// cases whose skip or value-only reason contains text.
//
// A result is compared by coefficient and scale when GDA's exponent is within -38..0 and
// the case gives no reason to compare values only (a -0 expectation, an operand exponent
// that Duixian cannot keep, min/max of equal operands, toEng); otherwise by value.
#include <cctype>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <iostream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "dectest_file.hpp"
#include "dectest_model.hpp"
#include "dectest_ops.hpp"
#include "duixian/decimal.hpp"

namespace {

using dectest::Case;
using duixian::Decimal;
using duixian::RoundingMode;

const char* const kFiles[] = {"add", "subtract", "multiply", "divide",  "quantize",   "rounding",    "compare", "abs",
                              "minus", "plus",   "min",      "max",    "rescale", "tointegral", "tointegralx", "base"};

/// Operations (from any file, rounding.decTest included) that count toward the 3,000-case minimum.
const std::set<std::string> kCoreOperations = {"add", "subtract", "multiply", "divide", "quantize", "compare",
                                               "abs", "minus",    "plus",     "min",    "max"};

struct Stats {
  long run = 0;
  long passed = 0;
  long core_run = 0;
  std::map<std::string, long> skipped;
  std::map<std::string, long> value_only;
  std::map<std::string, long> run_by_operation;
  std::map<std::string, long> run_by_mode;
  std::map<std::string, long> run_by_file;
};

std::string dectest_dir() {
  if (const char* env = std::getenv("DUIXIAN_DECTEST_DIR"); env != nullptr && *env != '\0') return env;
  return DUIXIAN_DECTEST_DIR;
}

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

/// A short, stable reason for a Decimal::parse rejection (the text and offsets removed).
std::string parse_reason(const duixian::Error& e) {
  static const std::pair<const char*, const char*> kKnown[] = {
      {"must precede the decimal point", "no digit before the point (.5)"},
      {"must follow the decimal point", "no digit after the point (1.)"},
      {"significant digits; at most 38", "more than 38 significant digits"},
      {"more than 38 places", "scale above 38"},
      {"value needs more than 38 digits", "value needs more than 38 digits (exponent)"},
      {"exponent out of range", "exponent out of range"},
      {"an exponent needs digits", "exponent without digits"},
      {"whitespace", "whitespace"},
      {"empty text", "empty text"},
      {"a sign with no digits", "sign without digits"},
      {"unexpected", "unexpected character"},
  };
  const std::string what = e.what();
  for (const auto& [needle, reason] : kKnown) {
    if (what.find(needle) != std::string::npos) return reason;
  }
  const std::size_t colon = what.rfind(": ");
  return colon == std::string::npos ? what : what.substr(colon + 2);
}

std::string describe(const Case& c) {
  std::ostringstream out;
  out << c.file << ":" << c.line << " " << c.id << " " << c.operation;
  for (const std::string& o : c.operands) out << " '" << o << "'";
  out << " -> '" << c.result << "'";
  for (const std::string& k : c.conditions) out << " " << k;
  out << "  [precision " << c.context.precision << ", rounding " << c.context.rounding << "]";
  return out.str();
}

/// Why the case is not applied before any parsing, or "".
std::string early_skip(const Case& c, bool& deferred_invalid) {
  if (dectest::arity(c.operation) == 0) return "operation '" + c.operation + "' not applied";
  if (c.encoded) return "'#' encoded operand or result";
  for (const std::string& o : c.operands) {
    if (dectest::model::is_nan(o)) return "NaN/sNaN operand";
    if (dectest::model::is_infinity(o)) return "Infinity operand";
  }
  if (!c.context.extended) return "extended: 0";
  if (!duixian::parse_rounding_mode(c.context.rounding)) return "rounding mode " + c.context.rounding;
  if (c.context.precision < 1) return "precision below 1";
  for (const std::string& k : c.conditions) {
    const std::string name = lower(k);
    if (name == "inexact" || name == "rounded") continue;
    // quantize/rescale name the reason after the operands are read (see run_case).
    if (name == "invalid_operation" && (c.operation == "quantize" || c.operation == "rescale")) {
      deferred_invalid = true;
      continue;
    }
    return "condition " + k;
  }
  if (dectest::model::is_nan(c.result) && !deferred_invalid) return "NaN result";
  if (dectest::model::is_infinity(c.result)) return "Infinity result";
  return "";
}

/// DUIXIAN_DECTEST_LIST=text lists every case whose skip or value-only reason contains text.
void maybe_list(const Case& c, const std::string& reason) {
  static const char* const wanted = std::getenv("DUIXIAN_DECTEST_LIST");
  if (wanted != nullptr && reason.find(wanted) != std::string::npos) std::cout << reason << ": " << describe(c) << "\n";
}

void run_case(const Case& c, Stats& stats, long& failures) {
  auto skip = [&](const std::string& reason) {
    ++stats.skipped[reason];
    maybe_list(c, reason);
  };
  auto fail = [&](const std::string& what) {
    if (++failures <= 200) ADD_FAILURE() << describe(c) << "\n    " << what;
  };
  if (c.operands.size() != dectest::arity(c.operation) && dectest::arity(c.operation) != 0) {
    return fail("malformed: wrong number of operands");
  }
  bool deferred_invalid = false;
  if (const std::string reason = early_skip(c, deferred_invalid); !reason.empty()) return skip(reason);

  const RoundingMode mode = *duixian::parse_rounding_mode(c.context.rounding);
  std::vector<dectest::Operand> in;
  for (const std::string& text : c.operands) {
    dectest::Operand x;
    try {
      x.value = Decimal::parse(text);
    } catch (const duixian::Error& e) {
      return skip("operand rejected by Decimal::parse: " + parse_reason(e));
    }
    if (!dectest::model::parse(text, x.num)) {
      return fail("Decimal::parse accepted '" + text + "', the GDA grammar does not");
    }
    in.push_back(x);
  }
  if (deferred_invalid) {
    long exponent = 0;
    const std::string why = dectest::quantize_problem(c.operation, in, c.context.precision, mode, exponent);
    return skip(why.empty() ? "condition Invalid_operation" : why);
  }

  Decimal expected;
  dectest::model::Num expected_num;
  try {
    expected = Decimal::parse(c.result);
  } catch (const duixian::Error& e) {
    return skip("expected result rejected by Decimal::parse: " + parse_reason(e));
  }
  if (!dectest::model::parse(c.result, expected_num)) return fail("expected result is not a GDA number");

  dectest::Outcome out;
  try {
    out = dectest::apply(c.operation, in, c.context.precision, mode);
  } catch (const std::exception& e) {
    return fail(std::string("the library threw on a case predicted to fit: ") + e.what());
  }
  if (!out.skip.empty()) return skip(out.skip);

  ++stats.run;
  ++stats.run_by_operation[c.operation];
  ++stats.run_by_mode[c.context.rounding];
  ++stats.run_by_file[c.file];
  if (kCoreOperations.count(c.operation) != 0) ++stats.core_run;

  // Coefficient and scale must match exactly unless there is a reason to compare values.
  std::string by_value = out.value_only;
  if (by_value.empty() && expected_num.negative && expected_num.coefficient == 0) {
    by_value = "expected -0 (no negative zero)";
  }
  if (by_value.empty() && expected_num.exponent > 0) by_value = "expected exponent above 0";
  if (by_value.empty() && expected_num.exponent < -38) by_value = "expected exponent below -38";
  const Decimal& got = *out.got;
  const bool ok = by_value.empty()
                      ? got.coefficient() == expected.coefficient() && got.scale() == expected.scale()
                      : Decimal::compare(got, expected) == 0;
  if (!by_value.empty()) {
    ++stats.value_only[by_value];
    maybe_list(c, by_value);
  }
  if (ok) {
    ++stats.passed;
  } else {
    fail("expected " + expected.to_string() + " (scale " + std::to_string(expected.scale()) + "), got " +
         got.to_string() + " (scale " + std::to_string(got.scale()) + ")" +
         (by_value.empty() ? " [exact comparison]" : " [by value: " + by_value + "]"));
  }
}

void print(const char* title, const std::map<std::string, long>& counts) {
  std::cout << title << "\n";
  for (const auto& [name, count] : counts) std::cout << "  " << count << "\t" << name << "\n";
}

TEST(DecTest, GeneralDecimalArithmetic) {
  const std::string dir = dectest_dir();
  if (!std::filesystem::is_directory(dir)) {
    GTEST_SKIP() << "decTest folder is missing: " << dir << " (set DUIXIAN_DECTEST_DIR)";
  }
  Stats stats;
  long failures = 0;
  long total = 0;
  for (const char* name : kFiles) {
    const std::string path = dir + "/" + name + ".decTest";
    std::vector<Case> cases;
    try {
      cases = dectest::read_file(path);
    } catch (const std::exception& e) {
      ADD_FAILURE() << e.what();
      continue;
    }
    total += static_cast<long>(cases.size());
    for (const Case& c : cases) run_case(c, stats, failures);
  }
  long skipped = 0;
  for (const auto& [reason, count] : stats.skipped) skipped += count;

  std::cout << "decTest cases: " << total << ", run " << stats.run << ", passed " << stats.passed
            << ", failed (mismatch, library error or malformed case) " << failures << ", skipped " << skipped << "\n";
  print("skipped, by reason:", stats.skipped);
  print("compared by value only (not coefficient and scale), by reason:", stats.value_only);
  print("run, by operation:", stats.run_by_operation);
  print("run, by rounding mode:", stats.run_by_mode);
  print("run, by file:", stats.run_by_file);

  EXPECT_EQ(failures, 0) << "cases that failed (first 200 shown above)";
  EXPECT_GE(stats.core_run, 3000) << "too few cases of add ... max were applied";
  for (const RoundingMode mode : {RoundingMode::half_up, RoundingMode::half_even, RoundingMode::half_down,
                                  RoundingMode::up, RoundingMode::down, RoundingMode::ceiling, RoundingMode::floor}) {
    EXPECT_GT(stats.run_by_mode[duixian::to_string(mode)], 0) << "mode never exercised: " << duixian::to_string(mode);
  }
}

}  // namespace
