#pragma once
// One column of the fact store: the values of one (metric, period) for the enterprises
// that have it. Enterprise indexes are dense (0 … size − 1), so a column is a bitmap of
// which enterprises have a value plus the values themselves, in one of two layouts:
//
// - building: `values_[e]` is enterprise e's slot, whether it has a value or not. An
//   insert or a lookup is one bit test and one array access, at any row order, with no
//   hashing, no probing and no rehash; rows of one enterprise land next to each other's
//   neighbours when an export is grouped, and a batch of shuffled rows can fetch its
//   slots ahead (`prefetch`).
// - packed (what `RegisterBuilder::build` leaves): `values_` holds only the present
//   values in enterprise order, and `rank_[w]` counts the values before bitmap word w,
//   so a lookup is a bit test, a popcount and one array access. 8 bytes a fact plus
//   3 bits an enterprise for the bitmap and its ranks.
//
// A write to a packed column (a builder that goes on after build, or a copy-on-write
// copy) unpacks it first.

#include <algorithm>
#include <cstdint>
#include <optional>
#include <vector>

namespace duixian::detail {

/// Bits set in `w`: the portable form (the popcnt instruction is not in baseline x86-64,
/// and GCC's builtin becomes a library call without it).
inline unsigned popcount64(std::uint64_t w) noexcept {
  w = w - ((w >> 1) & 0x5555555555555555ULL);
  w = (w & 0x3333333333333333ULL) + ((w >> 2) & 0x3333333333333333ULL);
  w = (w + (w >> 4)) & 0x0F0F0F0F0F0F0F0FULL;
  return static_cast<unsigned>((w * 0x0101010101010101ULL) >> 56);
}

class FactColumn {
 public:
  /// The payload stored for `enterprise`, if any.
  std::optional<std::int64_t> find(std::uint32_t enterprise) const noexcept {
    const std::size_t w = enterprise >> 6;
    if (w >= present_.size()) return std::nullopt;
    const std::uint64_t bit = std::uint64_t{1} << (enterprise & 63);
    if ((present_[w] & bit) == 0) return std::nullopt;
    return values_[slot(enterprise, w, bit)];
  }

  /// Inserts; when the enterprise already has a value, leaves it and returns it.
  /// `enterprises` is the register's size, so that the first insert sizes the column once.
  std::optional<std::int64_t> insert(std::uint32_t enterprise, std::int64_t value, std::size_t enterprises) {
    unpack();
    if (enterprise >= values_.size()) grow(enterprise, enterprises);
    std::uint64_t& word = present_[enterprise >> 6];
    const std::uint64_t bit = std::uint64_t{1} << (enterprise & 63);
    if ((word & bit) != 0) return values_[enterprise];
    word |= bit;
    values_[enterprise] = value;
    ++size_;
    return std::nullopt;
  }

  /// Overwrites the payload of an enterprise already present. @pre find(enterprise) has a value.
  void assign(std::uint32_t enterprise, std::int64_t value) noexcept {
    const std::size_t w = enterprise >> 6;
    values_[slot(enterprise, w, std::uint64_t{1} << (enterprise & 63))] = value;
  }

  /// Hints the processor to fetch what an insert for `enterprise` will touch.
  void prefetch(std::uint32_t enterprise) const noexcept {
    if (packed_ || enterprise >= values_.size()) return;
    __builtin_prefetch(&values_[enterprise], 1);
    __builtin_prefetch(&present_[enterprise >> 6], 1);
  }

  /// The packed layout: only the present values, and the ranks of the bitmap's words.
  void pack() {
    if (packed_) return;
    std::vector<std::int64_t> packed;
    packed.reserve(size_);
    std::vector<std::uint32_t> rank(present_.size());
    for (std::size_t w = 0; w < present_.size(); ++w) {
      rank[w] = static_cast<std::uint32_t>(packed.size());
      for (std::uint64_t bits = present_[w]; bits != 0; bits &= bits - 1) {
        packed.push_back(values_[w * 64 + static_cast<std::size_t>(__builtin_ctzll(bits))]);
      }
    }
    values_ = std::move(packed);
    rank_ = std::move(rank);
    packed_ = true;
  }

  std::size_t size() const noexcept { return size_; }
  std::size_t memory_bytes() const noexcept {
    return present_.capacity() * sizeof(std::uint64_t) + rank_.capacity() * sizeof(std::uint32_t) +
           values_.capacity() * sizeof(std::int64_t);
  }

  /// Calls f(enterprise, payload) for every entry, in enterprise order.
  template <class F>
  void for_each(F&& f) const {
    for (std::size_t w = 0; w < present_.size(); ++w) {
      for (std::uint64_t bits = present_[w]; bits != 0; bits &= bits - 1) {
        const auto e = static_cast<std::uint32_t>(w * 64 + static_cast<std::size_t>(__builtin_ctzll(bits)));
        f(e, values_[slot(e, w, bits & (0 - bits))]);
      }
    }
  }

 private:
  std::size_t slot(std::uint32_t enterprise, std::size_t w, std::uint64_t bit) const noexcept {
    return packed_ ? rank_[w] + popcount64(present_[w] & (bit - 1)) : enterprise;
  }

  void unpack() {
    if (!packed_) return;
    std::vector<std::int64_t> dense(present_.size() * 64, 0);
    for (std::size_t w = 0; w < present_.size(); ++w) {
      std::size_t i = rank_[w];
      for (std::uint64_t bits = present_[w]; bits != 0; bits &= bits - 1) {
        dense[w * 64 + static_cast<std::size_t>(__builtin_ctzll(bits))] = values_[i++];
      }
    }
    values_ = std::move(dense);
    rank_.clear();
    rank_.shrink_to_fit();
    packed_ = false;
  }

  // Room for `enterprise`: the register's size at once, then doubling (enterprises added later).
  void grow(std::uint32_t enterprise, std::size_t enterprises) {
    std::size_t capacity = std::max<std::size_t>(values_.size() * 2, enterprises);
    if (capacity <= enterprise) capacity = std::size_t{enterprise} + 1;
    capacity = (capacity + 63) / 64 * 64;
    values_.resize(capacity, 0);
    present_.resize(capacity / 64, 0);
  }

  std::vector<std::uint64_t> present_;  // bit e: enterprise e has a value
  std::vector<std::uint32_t> rank_;     // packed: values before word w
  std::vector<std::int64_t> values_;    // building: by enterprise; packed: present values in order
  std::size_t size_ = 0;
  bool packed_ = false;
};

}  // namespace duixian::detail
