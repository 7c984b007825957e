// The canonical entry text and its digest: the one place a commit's entries become bytes.
//
//   duixian-ledger-entries 1\n
//   <credit code>\t<policy id>\t<amount at two places>\n    (one per entry, canonical order)
#include <utility>

#include "duixian/error.hpp"
#include "duixian/fen.hpp"
#include "duixian/ledger.hpp"
#include "support/sha256.hpp"
#include "ledger/checks.hpp"
#include "support/quoted.hpp"

namespace duixian {

struct EntriesDigest::State {
  Sha256 hasher;
  std::string buffer = "duixian-ledger-entries 1\n";  // lines are batched: one libcrypto call per ~64 KiB
  std::string last_code;
  std::string last_policy;
};

EntriesDigest::EntriesDigest() : state_(std::make_unique<State>()) {}
EntriesDigest::~EntriesDigest() = default;

void EntriesDigest::add(std::string_view credit_code, std::string_view policy_id, const Decimal& amount) {
  detail::check_label("credit code", credit_code);
  detail::check_label("policy id", policy_id);
  const std::int64_t fen = decimal_to_fen(amount);
  State& s = *state_;
  if (count_ > 0) {
    const int by_code = credit_code.compare(s.last_code);
    const int order = by_code != 0 ? by_code : policy_id.compare(s.last_policy);
    if (order <= 0) {
      const std::string pair =
          "(credit code " + detail::quoted(credit_code) + ", policy " + detail::quoted(policy_id) + ")";
      throw Error(ErrorCode::invalid_argument,
                  order == 0 ? "ledger entry " + pair + " appears twice in one commit"
                             : "ledger entry " + pair + " is out of canonical order");
    }
  }
  s.last_code.assign(credit_code);
  s.last_policy.assign(policy_id);
  s.buffer.append(credit_code).append(1, '\t').append(policy_id).append(1, '\t');
  s.buffer.append(fen_text(fen)).append(1, '\n');
  if (s.buffer.size() >= 64 * 1024) {
    s.hasher.update(s.buffer);
    s.buffer.clear();
  }
  ++count_;
}

std::string EntriesDigest::finish_hex() {
  State& s = *state_;
  s.hasher.update(s.buffer);
  s.buffer.clear();
  return s.hasher.finish_hex();
}

}  // namespace duixian
