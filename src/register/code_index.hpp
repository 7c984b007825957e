#pragma once
// The register's index from credit code to enterprise: a flat open-addressing table whose
// slots hold the 18 bytes of the code beside the enterprise's index, so a lookup touches
// one slot (one cache line, usually) and never the enterprise records. It is probed once
// per fact row, in whatever order the export has its rows: a node-based
// std::unordered_map cost two or three cache misses per probe, 42% of a shuffled load
// (bench/README.md). Lookups take the code's text as it appears in a CSV field, so a
// registered code is found without being parsed or check-summed again.

#include <cstdint>
#include <cstring>
#include <optional>
#include <string_view>
#include <vector>

#include "duixian/credit_code.hpp"

namespace duixian::detail {

class CodeIndex {
 public:
  /// The enterprise registered under `text`, if any (text of any length: only an
  /// 18-byte text can match).
  std::optional<std::uint32_t> find(std::string_view text) const noexcept {
    if (text.size() != CreditCode::length || slots_.empty()) return std::nullopt;
    for (std::size_t i = hash(text.data()) & mask_;; i = (i + 1) & mask_) {
      const Slot& s = slots_[i];
      if (s.index == 0) return std::nullopt;
      if (std::memcmp(s.code, text.data(), CreditCode::length) == 0) return s.index - 1;
    }
  }

  /// Hints the processor to fetch the slot where `text` would be found (batched probes).
  void prefetch(std::string_view text) const noexcept {
    if (text.size() != CreditCode::length || slots_.empty()) return;
    __builtin_prefetch(&slots_[hash(text.data()) & mask_]);
  }

  /// Adds `code` → `index`; false (and no change) when the code is already there.
  bool insert(const CreditCode& code, std::uint32_t index) {
    if ((size_ + 1) * 2 > slots_.size()) rehash(slots_.empty() ? 16 : slots_.size() * 2);
    const std::string_view text = code.text();
    for (std::size_t i = hash(text.data()) & mask_;; i = (i + 1) & mask_) {
      Slot& s = slots_[i];
      if (s.index == 0) {
        std::memcpy(s.code, text.data(), CreditCode::length);
        s.index = index + 1;
        ++size_;
        return true;
      }
      if (std::memcmp(s.code, text.data(), CreditCode::length) == 0) return false;
    }
  }

  /// Makes room for `n` codes without rehashing.
  void reserve(std::size_t n) {
    std::size_t capacity = 16;
    while (capacity < n * 2) capacity *= 2;
    if (capacity > slots_.size()) rehash(capacity);
  }

  std::size_t memory_bytes() const noexcept { return slots_.capacity() * sizeof(Slot); }

 private:
  struct Slot {
    char code[CreditCode::length];
    std::uint32_t index;  // enterprise index + 1; 0 marks an empty slot
  };
  static_assert(sizeof(Slot) == 24, "a slot is the code and an index");

  static std::uint64_t hash(const char* p) noexcept { return CreditCode::hash_text(p); }

  void rehash(std::size_t capacity) {
    std::vector<Slot> old = std::move(slots_);
    slots_.assign(capacity, Slot{});
    mask_ = capacity - 1;
    for (const Slot& s : old) {
      if (s.index == 0) continue;
      for (std::size_t i = hash(s.code) & mask_;; i = (i + 1) & mask_) {
        if (slots_[i].index == 0) {
          slots_[i] = s;
          break;
        }
      }
    }
  }

  std::vector<Slot> slots_;
  std::size_t mask_ = 0;
  std::size_t size_ = 0;
};

}  // namespace duixian::detail
