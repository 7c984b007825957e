// SHA-256 through OpenSSL 3's EVP interface (the SHA256_* functions are deprecated).
#include "support/sha256.hpp"

#include <openssl/evp.h>

#include "duixian/error.hpp"

namespace duixian {

struct Sha256::State {
  EVP_MD_CTX* ctx = nullptr;
  ~State() { EVP_MD_CTX_free(ctx); }
};

namespace {

[[noreturn]] void crypto_failure(const char* what) {
  throw Error(ErrorCode::io_error, std::string("libcrypto SHA-256 failed in ") + what);
}

void init(EVP_MD_CTX* ctx) {
  if (EVP_DigestInit_ex(ctx, EVP_sha256(), nullptr) != 1) crypto_failure("EVP_DigestInit_ex");
}

}  // namespace

Sha256::Sha256() : state_(std::make_unique<State>()) {
  state_->ctx = EVP_MD_CTX_new();
  if (state_->ctx == nullptr) crypto_failure("EVP_MD_CTX_new");
  init(state_->ctx);
}

Sha256::~Sha256() = default;
Sha256::Sha256(Sha256&& other) noexcept = default;
Sha256& Sha256::operator=(Sha256&& other) noexcept = default;

Sha256& Sha256::update(std::string_view bytes) {
  if (!state_) throw Error(ErrorCode::invalid_argument, "Sha256::update on a moved-from hasher");
  if (!bytes.empty() && EVP_DigestUpdate(state_->ctx, bytes.data(), bytes.size()) != 1) {
    crypto_failure("EVP_DigestUpdate");
  }
  return *this;
}

Sha256::Digest Sha256::finish() {
  if (!state_) throw Error(ErrorCode::invalid_argument, "Sha256::finish on a moved-from hasher");
  Digest digest{};
  unsigned int size = 0;
  if (EVP_DigestFinal_ex(state_->ctx, digest.data(), &size) != 1 || size != digest_size) {
    crypto_failure("EVP_DigestFinal_ex");
  }
  init(state_->ctx);  // ready for the next message
  return digest;
}

std::string Sha256::finish_hex() { return to_hex(finish()); }

std::string sha256_hex(std::string_view bytes) { return Sha256().update(bytes).finish_hex(); }

std::string to_hex(const Sha256::Digest& digest) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string hex;
  hex.reserve(2 * digest.size());
  for (std::uint8_t byte : digest) {
    hex += kDigits[byte >> 4];
    hex += kDigits[byte & 0x0f];
  }
  return hex;
}

bool is_sha256_hex(std::string_view text) noexcept {
  if (text.size() != 2 * Sha256::digest_size) return false;
  for (char c : text) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

}  // namespace duixian
