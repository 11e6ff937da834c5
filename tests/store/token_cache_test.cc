// The bearer-token cache (adapters/store/token_cache.h): what a lookup
// read before a revocation is not kept after it, a kept record is read
// again once it is older than its age limit, and a full cache starts over.

#include "adapters/store/token_cache.h"

#include <gtest/gtest.h>

#include <chrono>

namespace xueji::store {
namespace {

TokenRecord token(const std::string& id) {
  TokenRecord t;
  t.id = id;
  t.account = "reg.450102";
  t.kind = "session";
  return t;
}

TEST(TokenCache, KeepsWhatALookupReadAndFindsItAgain) {
  TokenCache cache;
  uint64_t generation = 0;
  EXPECT_FALSE(cache.find("h1", generation));
  cache.keep("h1", token("T1"), generation);
  auto kept = cache.find("h1", generation);
  ASSERT_TRUE(kept);
  EXPECT_EQ(kept->id, "T1");
  EXPECT_FALSE(cache.find("h2", generation));
}

TEST(TokenCache, ARowReadBeforeARevocationIsNotKeptAfterIt) {
  TokenCache cache;
  uint64_t before = 0;
  EXPECT_FALSE(cache.find("h1", before));
  cache.forget();  // the revocation commits while the lookup reads the row
  cache.keep("h1", token("T1"), before);
  uint64_t after = 0;
  EXPECT_FALSE(cache.find("h1", after));
  cache.keep("h1", token("T1"), after);
  EXPECT_TRUE(cache.find("h1", after));
}

TEST(TokenCache, ForgettingDropsEveryToken) {
  TokenCache cache;
  uint64_t generation = 0;
  (void)cache.find("h1", generation);
  cache.keep("h1", token("T1"), generation);
  cache.keep("h2", token("T2"), generation);
  cache.forget();
  EXPECT_FALSE(cache.find("h1", generation));
  EXPECT_FALSE(cache.find("h2", generation));
}

TEST(TokenCache, AKeptRecordPastItsAgeIsReadAgain) {
  TokenCache cache(10, std::chrono::seconds(0));
  uint64_t generation = 0;
  (void)cache.find("h1", generation);
  cache.keep("h1", token("T1"), generation);
  const auto kept_at = TokenCache::Clock::now();
  while (TokenCache::Clock::now() == kept_at) {
  }
  EXPECT_FALSE(cache.find("h1", generation));
}

TEST(TokenCache, AFullCacheStartsOver) {
  TokenCache cache(2);
  uint64_t generation = 0;
  (void)cache.find("h1", generation);
  cache.keep("h1", token("T1"), generation);
  cache.keep("h2", token("T2"), generation);
  cache.keep("h3", token("T3"), generation);
  EXPECT_FALSE(cache.find("h1", generation));
  EXPECT_FALSE(cache.find("h2", generation));
  EXPECT_TRUE(cache.find("h3", generation));
}

}  // namespace
}  // namespace xueji::store
