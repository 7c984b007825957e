#pragma once
/// @file
/// @brief Deterministic random numbers for the data generator.
///
/// xoshiro256** seeded through splitmix64, with our own range reduction: the
/// `std::*_distribution` algorithms are implementation-defined, so they would make the
/// generated files differ between standard libraries. Everything here is exact
/// integer arithmetic; the same seed gives the same numbers on every platform.

#include <cstdint>

namespace duixian::datagen {

/// @brief One splitmix64 step: advances `state` and returns the next mixed value.
inline std::uint64_t splitmix64(std::uint64_t& state) noexcept {
  std::uint64_t z = (state += 0x9E3779B97F4A7C15ULL);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

/// @brief xoshiro256** (Blackman and Vigna, 2018) with bounded draws.
class Rng {
 public:
  /// @brief The generator of stream `stream` (e.g. an enterprise index) under `seed`.
  ///
  /// Each enterprise draws from its own stream, so enterprise i's data depends only on
  /// (seed, i): a smaller file is a prefix of a bigger one with the same seed.
  Rng(std::uint64_t seed, std::uint64_t stream) noexcept {
    std::uint64_t sm = seed;
    sm = splitmix64(sm) ^ (stream * 0xD1B54A32D192ED03ULL);
    for (std::uint64_t& word : s_) word = splitmix64(sm);
  }

  /// @brief The next 64 random bits.
  std::uint64_t next() noexcept {
    const std::uint64_t result = rotl(s_[1] * 5, 7) * 9;
    const std::uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = rotl(s_[3], 45);
    return result;
  }

  /// @brief Uniform in [0, n); n must be positive.
  ///
  /// Rejects the lowest 2^64 mod n values so that the modulo is unbiased.
  std::uint64_t below(std::uint64_t n) noexcept {
    const std::uint64_t threshold = (0 - n) % n;
    for (;;) {
      const std::uint64_t r = next();
      if (r >= threshold) return r % n;
    }
  }

  /// @brief Uniform in [lo, hi], both included; lo must not exceed hi.
  std::int64_t between(std::int64_t lo, std::int64_t hi) noexcept {
    const auto span = static_cast<std::uint64_t>(hi - lo) + 1;
    return lo + static_cast<std::int64_t>(below(span));
  }

  /// @brief True with probability `p` / 1000.
  bool per_mille(unsigned p) noexcept { return below(1000) < p; }

 private:
  static std::uint64_t rotl(std::uint64_t x, int k) noexcept { return (x << k) | (x >> (64 - k)); }
  std::uint64_t s_[4];
};

}  // namespace duixian::datagen
