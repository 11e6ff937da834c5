// Sha256Stream: the digest of bytes given a piece at a time is the digest
// of the whole (what `xueji export` records of a file it never holds); and
// sha256_hex's digests, and hmac_sha256_hex's MACs, thread by thread.

#include <gtest/gtest.h>

#include <string>
#include <thread>
#include <vector>

#include "engine/core/sha256.h"

namespace xueji::test {
namespace {

TEST(Sha256Stream, PiecesHashAsTheWholeDoes) {
  std::string whole;
  Sha256Stream pieces;
  for (int i = 0; i < 1000; ++i) {
    const std::string row = "G45010220130915" + std::to_string(i) + ",学生,5\n";
    whole += row;
    pieces.add(row);
  }
  EXPECT_EQ(pieces.hex(), sha256_hex(whole));
}

TEST(Sha256Stream, KnownDigests) {
  Sha256Stream abc;
  abc.add("a");
  abc.add("");
  abc.add("bc");
  // FIPS 180-2, appendix B.1.
  EXPECT_EQ(abc.hex(), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  Sha256Stream none;
  EXPECT_EQ(none.hex(), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

// sha256_hex keeps one context per thread: each gives the standard's
// digests, also with other threads hashing at the same time.
TEST(Sha256Hex, KnownDigestsOnEveryThread) {
  const auto check = [] {
    for (int i = 0; i < 200; ++i) {
      // FIPS 180-2, appendix B.1 and B.2 (a message of two blocks).
      ASSERT_EQ(sha256_hex("abc"),
                "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
      ASSERT_EQ(sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
                "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
      ASSERT_EQ(sha256_hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }
  };
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) threads.emplace_back(check);
  check();
  for (auto& t : threads) t.join();
}

// hmac_sha256_hex keeps one context per thread too: RFC 4231's vectors,
// keys changing from call to call (an empty one among them), with other
// threads keying theirs at the same time.
TEST(HmacSha256Hex, KnownMacsOnEveryThreadAsKeysChange) {
  const std::string key1(20, '\x0b');
  const std::string key6(131, '\xaa');
  const auto check = [&] {
    for (int i = 0; i < 200; ++i) {
      // RFC 4231, test cases 1, 2 and 6 (a key longer than a block).
      ASSERT_EQ(hmac_sha256_hex(key1, "Hi There"),
                "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
      ASSERT_EQ(hmac_sha256_hex("Jefe", "what do ya want for nothing?"),
                "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
      ASSERT_EQ(hmac_sha256_hex(key6, "Test Using Larger Than Block-Size Key - Hash Key First"),
                "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");
      ASSERT_EQ(hmac_sha256_hex("", ""),
                "b613679a0814d9ec772f95d778c35fc5ff1697c493715653c6c712144292c5ad");
    }
  };
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) threads.emplace_back(check);
  check();
  for (auto& t : threads) t.join();
}

}  // namespace
}  // namespace xueji::test
