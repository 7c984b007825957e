#pragma once
// One column of the fact store: the values of one (metric, period) for the
// enterprises that have it, in an open-addressing hash table keyed by enterprise
// index. 12 bytes a slot at a load factor of at most 3/4: about 16–24 bytes a fact,
// with constant-time lookups and no per-fact allocation.

#include <cstdint>
#include <optional>
#include <vector>

namespace duixian::detail {

class FactColumn {
 public:
  /// The payload stored for `enterprise`, if any.
  std::optional<std::int64_t> find(std::uint32_t enterprise) const noexcept {
    if (keys_.empty()) return std::nullopt;
    const std::uint32_t key = enterprise + 1;  // 0 marks an empty slot
    for (std::size_t i = slot_of(key);; i = (i + 1) & mask_) {
      if (keys_[i] == key) return values_[i];
      if (keys_[i] == 0) return std::nullopt;
    }
  }

  /// Inserts; when the enterprise already has a value, leaves it and returns it.
  std::optional<std::int64_t> insert(std::uint32_t enterprise, std::int64_t value) {
    if ((size_ + 1) * 4 > keys_.size() * 3) grow();
    const std::uint32_t key = enterprise + 1;
    for (std::size_t i = slot_of(key);; i = (i + 1) & mask_) {
      if (keys_[i] == key) return values_[i];
      if (keys_[i] == 0) {
        keys_[i] = key;
        values_[i] = value;
        ++size_;
        return std::nullopt;
      }
    }
  }

  /// Overwrites the payload of an enterprise already present. @pre find(enterprise) has a value.
  void assign(std::uint32_t enterprise, std::int64_t value) noexcept {
    const std::uint32_t key = enterprise + 1;
    for (std::size_t i = slot_of(key);; i = (i + 1) & mask_) {
      if (keys_[i] == key) {
        values_[i] = value;
        return;
      }
    }
  }

  std::size_t size() const noexcept { return size_; }
  std::size_t memory_bytes() const noexcept {
    return keys_.capacity() * sizeof(std::uint32_t) + values_.capacity() * sizeof(std::int64_t);
  }

  /// Calls f(enterprise, payload) for every entry, in slot order.
  template <class F>
  void for_each(F&& f) const {
    for (std::size_t i = 0; i < keys_.size(); ++i) {
      if (keys_[i] != 0) f(keys_[i] - 1, values_[i]);
    }
  }

 private:
  std::size_t slot_of(std::uint32_t key) const noexcept {
    // Facts arrive and are read in enterprise order, so keep runs of 16 consecutive
    // enterprises in neighbouring slots (one or two cache lines) and scatter the runs
    // with Fibonacci hashing. Scattering every key instead cost a cache and TLB miss
    // per fact: 43% of a 1M-enterprise load (bench/load_bench.cpp).
    const std::uint64_t run = static_cast<std::uint64_t>(key) >> 4;
    const std::uint64_t scattered = (run * 0x9E3779B97F4A7C15ULL) >> 24;
    return static_cast<std::size_t>((scattered << 4) | (key & 15u)) & mask_;
  }

  void grow() {
    std::vector<std::uint32_t> old_keys = std::move(keys_);
    std::vector<std::int64_t> old_values = std::move(values_);
    const std::size_t capacity = old_keys.empty() ? 16 : old_keys.size() * 2;
    keys_.assign(capacity, 0);
    values_.assign(capacity, 0);
    mask_ = capacity - 1;
    size_ = 0;
    for (std::size_t i = 0; i < old_keys.size(); ++i) {
      if (old_keys[i] != 0) insert(old_keys[i] - 1, old_values[i]);
    }
  }

  std::vector<std::uint32_t> keys_;
  std::vector<std::int64_t> values_;
  std::size_t mask_ = 0;
  std::size_t size_ = 0;
};

}  // namespace duixian::detail
