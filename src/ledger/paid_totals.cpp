// PaidTotals: per (credit code, policy) running sums in 64-bit fen, in a flat
// open-addressing hash (linear probing, at most half full).
#include <algorithm>
#include <limits>

#include "duixian/error.hpp"
#include "duixian/fen.hpp"
#include "duixian/ledger.hpp"
#include "ledger/checks.hpp"
#include "support/quoted.hpp"

namespace duixian {

namespace {

constexpr std::uint32_t kNone = std::numeric_limits<std::uint32_t>::max();

std::size_t hash_of(std::string_view text) noexcept { return std::hash<std::string_view>{}(text); }

[[noreturn]] void too_many() {
  throw Error(ErrorCode::overflow, "PaidTotals holds at most 2^32 - 2 pairs and 4 GiB of credit codes");
}

}  // namespace

std::uint32_t PaidTotals::find_code(std::string_view credit_code) const noexcept {
  if (slots_.empty()) return kNone;
  const std::size_t mask = slots_.size() - 1;
  for (std::size_t at = hash_of(credit_code) & mask;; at = (at + 1) & mask) {
    const std::uint32_t slot = slots_[at];
    if (slot == 0) return kNone;
    const Code& code = codes_[slot - 1];
    if (std::string_view(text_).substr(code.text, code.size) == credit_code) return slot - 1;
  }
}

std::uint32_t PaidTotals::find_policy(std::string_view policy_id) const noexcept {
  // A book has tens of policies: a scan beats hashing.
  for (std::size_t i = 0; i < policies_.size(); ++i) {
    if (policies_[i] == policy_id) return static_cast<std::uint32_t>(i);
  }
  return kNone;
}

std::uint32_t PaidTotals::find_total(std::uint32_t code, std::uint32_t policy) const noexcept {
  for (std::uint32_t t = codes_[code].first; t != kNone; t = totals_[t].next) {
    if (totals_[t].policy == policy) return t;
  }
  return kNone;
}

void PaidTotals::grow_slots() {
  std::vector<std::uint32_t> slots(slots_.empty() ? 1024 : 2 * slots_.size(), 0);
  const std::size_t mask = slots.size() - 1;
  for (std::size_t i = 0; i < codes_.size(); ++i) {
    std::size_t at = hash_of(std::string_view(text_).substr(codes_[i].text, codes_[i].size)) & mask;
    while (slots[at] != 0) at = (at + 1) & mask;
    slots[at] = static_cast<std::uint32_t>(i + 1);
  }
  slots_.swap(slots);
}

void PaidTotals::add(std::string_view credit_code, std::string_view policy_id, const Decimal& amount) {
  add_fen(credit_code, policy_id, decimal_to_fen(amount));
}

void PaidTotals::add_fen(std::string_view credit_code, std::string_view policy_id, std::int64_t fen) {
  std::uint32_t policy = find_policy(policy_id);
  if (policy == kNone) {
    policy = static_cast<std::uint32_t>(policies_.size());
    policies_.emplace_back(policy_id);
  }
  std::uint32_t code = find_code(credit_code);
  if (code == kNone) {
    if (codes_.size() >= kNone - 1 || text_.size() + credit_code.size() > kNone) too_many();
    if (2 * (codes_.size() + 1) > slots_.size()) grow_slots();
    code = static_cast<std::uint32_t>(codes_.size());
    codes_.push_back(Code{static_cast<std::uint32_t>(text_.size()), static_cast<std::uint32_t>(credit_code.size()),
                          kNone});
    text_.append(credit_code);
    const std::size_t mask = slots_.size() - 1;
    std::size_t at = hash_of(credit_code) & mask;
    while (slots_[at] != 0) at = (at + 1) & mask;
    slots_[at] = code + 1;
  }
  const std::uint32_t t = find_total(code, policy);
  if (t == kNone) {
    if (totals_.size() >= kNone - 1) too_many();
    totals_.push_back(Total{policy, codes_[code].first, fen});
    codes_[code].first = static_cast<std::uint32_t>(totals_.size() - 1);
    ++pairs_;
    return;
  }
  // The range is symmetric, ±(2^63 - 1) fen, as for a single amount.
  std::int64_t sum = 0;
  if (__builtin_add_overflow(totals_[t].fen, fen, &sum) || sum == std::numeric_limits<std::int64_t>::min()) {
    throw Error(ErrorCode::overflow, "total paid to " + detail::quoted(credit_code) + " under " +
                                         detail::quoted(policy_id) + " leaves the ledger's range");
  }
  totals_[t].fen = sum;
}

bool PaidTotals::contains(std::string_view credit_code, std::string_view policy_id) const {
  const std::uint32_t code = find_code(credit_code);
  const std::uint32_t policy = find_policy(policy_id);
  return code != kNone && policy != kNone && find_total(code, policy) != kNone;
}

Decimal PaidTotals::paid(std::string_view credit_code, std::string_view policy_id) const {
  return fen_to_decimal(paid_fen(credit_code, policy_id));
}

std::int64_t PaidTotals::paid_fen(std::string_view credit_code, std::string_view policy_id) const noexcept {
  const std::uint32_t code = find_code(credit_code);
  const std::uint32_t policy = code != kNone ? find_policy(policy_id) : kNone;
  const std::uint32_t t = code != kNone && policy != kNone ? find_total(code, policy) : kNone;
  return t != kNone ? totals_[t].fen : 0;
}

void PaidTotals::for_each(
    const std::function<void(std::string_view, std::string_view, const Decimal&)>& visit) const {
  const auto text_of = [this](std::uint32_t c) {
    return std::string_view(text_).substr(codes_[c].text, codes_[c].size);
  };
  std::vector<std::uint32_t> order(codes_.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = static_cast<std::uint32_t>(i);
  std::sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) { return text_of(a) < text_of(b); });
  std::vector<const Total*> line;
  for (const std::uint32_t c : order) {
    line.clear();
    for (std::uint32_t t = codes_[c].first; t != kNone; t = totals_[t].next) line.push_back(&totals_[t]);
    std::sort(line.begin(), line.end(),
              [this](const Total* a, const Total* b) { return policies_[a->policy] < policies_[b->policy]; });
    for (const Total* t : line) visit(text_of(c), policies_[t->policy], fen_to_decimal(t->fen));
  }
}

std::vector<LedgerEntry> PaidTotals::to_entries() const {
  std::vector<LedgerEntry> out;
  out.reserve(pairs_);
  for_each([&](std::string_view code, std::string_view policy, const Decimal& amount) {
    out.push_back(LedgerEntry{std::string(code), std::string(policy), amount});
  });
  return out;
}

}  // namespace duixian
