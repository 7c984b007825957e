// SHA-256 against the FIPS 180-2 appendix vectors, and the incremental interface.
#include <gtest/gtest.h>

#include <string>

#include "support/sha256.hpp"

namespace duixian {
namespace {

TEST(Sha256, Fips180Abc) {
  EXPECT_EQ(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(Sha256, EmptyMessage) {
  EXPECT_EQ(sha256_hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

TEST(Sha256, Fips180TwoBlockMessage) {
  EXPECT_EQ(sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

TEST(Sha256, Fips180OneMillionA) {
  // Fed in uneven pieces, so that the incremental path crosses block boundaries.
  Sha256 hasher;
  const std::string piece(997, 'a');
  std::size_t fed = 0;
  while (fed + piece.size() <= 1000000) {
    hasher.update(piece);
    fed += piece.size();
  }
  hasher.update(std::string(1000000 - fed, 'a'));
  EXPECT_EQ(hasher.finish_hex(), "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST(Sha256, IncrementalEqualsOneShotAndRestartsAfterFinish) {
  Sha256 hasher;
  EXPECT_EQ(hasher.update("a").update("").update("bc").finish_hex(), sha256_hex("abc"));
  EXPECT_EQ(hasher.finish_hex(), sha256_hex(""));  // started over, empty
  const Sha256::Digest raw = hasher.update("abc").finish();
  EXPECT_EQ(to_hex(raw), sha256_hex("abc"));
  EXPECT_EQ(raw[0], 0xba);
}

TEST(Sha256, MovedHasherKeepsItsState) {
  Sha256 a;
  a.update("ab");
  Sha256 b(std::move(a));
  b.update("c");
  EXPECT_EQ(b.finish_hex(), sha256_hex("abc"));
}

TEST(Sha256, HexDigestSpelling) {
  EXPECT_TRUE(is_sha256_hex(sha256_hex("x")));
  EXPECT_FALSE(is_sha256_hex(""));
  EXPECT_FALSE(is_sha256_hex(std::string(63, 'a')));
  EXPECT_FALSE(is_sha256_hex(std::string(64, 'A')));  // one spelling: lowercase
  EXPECT_FALSE(is_sha256_hex(std::string(64, 'g')));
}

}  // namespace
}  // namespace duixian
