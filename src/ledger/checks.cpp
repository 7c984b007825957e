#include "ledger/checks.hpp"

#include "duixian/fen.hpp"

#include <chrono>
#include <limits>

#include <date/date.h>

#include "duixian/error.hpp"
#include "duixian/period.hpp"
#include "support/sha256.hpp"
#include "support/quoted.hpp"

namespace duixian::detail {

std::int64_t stored_fen(std::string_view text) {
  // Fast path for what the ledger writes: optional '-', 1..15 digits, '.', 2 digits (fits int64).
  const bool negative = !text.empty() && text[0] == '-';
  const std::string_view digits = text.substr(negative ? 1 : 0);
  const std::size_t n = digits.size();
  if (n >= 4 && n <= 19 && digits[n - 3] == '.' && (digits[0] != '0' || n == 4)) {
    std::int64_t fen = 0;
    bool ok = true;
    for (std::size_t i = 0; i < n && ok; ++i) {
      if (i == n - 3) continue;
      ok = digits[i] >= '0' && digits[i] <= '9';
      fen = fen * 10 + (digits[i] - '0');
    }
    if (ok && !(negative && fen == 0)) return negative ? -fen : fen;
  }
  return decimal_to_fen(Decimal::parse(text));
}

void check_label(std::string_view what, std::string_view text) {
  if (text.empty()) throw Error(ErrorCode::invalid_argument, std::string(what) + " is empty");
  for (char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20 || byte == 0x7f) {
      throw Error(ErrorCode::invalid_argument,
                  std::string(what) + " " + quoted(text) + " contains a control character");
    }
  }
}

void check_sha256(std::string_view what, std::string_view text) {
  if (!is_sha256_hex(text)) {
    throw Error(ErrorCode::invalid_argument,
                std::string(what) + " " + quoted(text) + " is not a SHA-256 digest (64 lowercase hex digits)");
  }
}

namespace {

bool two_digits(std::string_view text, std::size_t at, int max) {
  const char a = text[at];
  const char b = text[at + 1];
  if (a < '0' || a > '9' || b < '0' || b > '9') return false;
  return (a - '0') * 10 + (b - '0') <= max;
}

}  // namespace

void check_timestamp(std::string_view text) {
  // One spelling per instant: no fractions, no offsets other than Z.
  bool ok = text.size() == 20 && text[10] == 'T' && text[13] == ':' && text[16] == ':' && text[19] == 'Z' &&
            two_digits(text, 11, 23) && two_digits(text, 14, 59) && two_digits(text, 17, 59);
  if (ok) {
    try {
      (void)Date::parse(text.substr(0, 10));
    } catch (const Error&) {
      ok = false;
    }
  }
  if (!ok) {
    throw Error(ErrorCode::invalid_argument,
                "commit time " + quoted(text) + " is not a UTC time of the form YYYY-MM-DDTHH:MM:SSZ");
  }
}

std::string now_utc() {
  const auto now = std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
  return date::format("%Y-%m-%dT%H:%M:%SZ", now);
}

std::string commit_name(std::int64_t sequence, const std::string& quarter) {
  return "commit " + std::to_string(sequence) + " (" + quarter + ")";
}

}  // namespace duixian::detail
