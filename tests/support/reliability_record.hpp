#pragma once
// A test's own account of what it tried, for docs/reliability.md (issue 7).
//
// A test prints one line per fact, `RELIABILITY {json}`, to standard output. ctest keeps
// every test's output in build/<preset>/Testing/Temporary/LastTest.log, and
// scripts/reliability-report builds the document from those lines: the figures in it
// are what the tests saw, never typed by hand. Each record has a "section":
//   "faults"    {"operation", "fault", "points", "result"}   crash and I/O fault points
//   "tamper"    {"alteration", "message"}                    a ledger altered by hand
//   "bad_input" {"kind", "input", "message"}                 a bad input and its error
//   "limits"    {"case", "enterprises", "message"}           resource limits
// Print a record only after the assertions about it have been made, so a record is
// only ever a fact that held.

#include <cstdio>
#include <string>

#include <nlohmann/json.hpp>

namespace duixian::test {

/// Prints `RELIABILITY <record as one JSON line>` to stdout and flushes it.
inline void reliability_record(const nlohmann::json& record) {
  const std::string line = "RELIABILITY " + record.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
  std::fputs(line.c_str(), stdout);
  std::fflush(stdout);
}

}  // namespace duixian::test
