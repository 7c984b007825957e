#pragma once
/// @file
/// @brief SHA-256 (FIPS 180-4) digests as lowercase hex, from OpenSSL's libcrypto.
///
/// The ledger chains its runs with these digests, and a run records the digest of
/// the policy book and of the input data it was computed from. The hashing itself
/// comes from libcrypto; this header only gives it a small, exception-safe face.
///
///     sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

namespace duixian {

/// @brief An incremental SHA-256: feed bytes with `update`, read the digest with `finish_hex`.
///
/// `update("ab").update("c")` gives the same digest as `update("abc")`. After
/// `finish` or `finish_hex` the object starts over, empty, and can hash again.
class Sha256 {
 public:
  /// Size of a digest in bytes.
  static constexpr std::size_t digest_size = 32;
  /// A digest as raw bytes.
  using Digest = std::array<std::uint8_t, digest_size>;

  /// @brief A hasher with nothing fed yet.
  /// @throws Error `io_error` when libcrypto cannot provide SHA-256 (e.g. out of memory).
  Sha256();
  /// @brief Releases libcrypto's context.
  ~Sha256();
  /// @brief Takes over the other hasher's state; `other` may then only be destroyed or assigned.
  Sha256(Sha256&& other) noexcept;
  /// @brief Takes over the other hasher's state; `other` may then only be destroyed or assigned.
  Sha256& operator=(Sha256&& other) noexcept;
  Sha256(const Sha256&) = delete;             ///< Not copyable: one context, one owner.
  Sha256& operator=(const Sha256&) = delete;  ///< Not copyable: one context, one owner.

  /// @brief Feeds more bytes.
  /// @param bytes any bytes (text is hashed as its UTF-8 bytes, with no terminator).
  /// @return `*this`, so that calls chain.
  /// @throws Error `io_error` if libcrypto reports a failure.
  Sha256& update(std::string_view bytes);

  /// @brief The digest of everything fed since construction or the last finish; then starts over.
  /// @throws Error `io_error` if libcrypto reports a failure.
  Digest finish();

  /// @brief `finish()` as 64 lowercase hex digits.
  /// @throws Error `io_error` if libcrypto reports a failure.
  std::string finish_hex();

 private:
  struct State;
  std::unique_ptr<State> state_;
};

/// @brief The SHA-256 of `bytes` as 64 lowercase hex digits.
/// @param bytes any bytes; `sha256_hex("")` is `e3b0c442...b855`.
/// @throws Error `io_error` if libcrypto reports a failure.
std::string sha256_hex(std::string_view bytes);

/// @brief Lowercase hex of raw bytes, two digits per byte.
/// @param digest a digest from `Sha256::finish`.
std::string to_hex(const Sha256::Digest& digest);

/// @brief True when `text` looks like a SHA-256 hex digest: exactly 64 characters `0-9a-f`.
/// @param text the text to test; upper-case hex is refused, so that one digest has one spelling.
bool is_sha256_hex(std::string_view text) noexcept;

}  // namespace duixian
