// The throttle's parts on their own (issue 18): where a client address
// comes from, the count of wrong passwords per pair and its window, and the
// anonymous requests' token bucket on a clock the test moves.

#include <gtest/gtest.h>

#include "adapters/http/anonymous_rate_limit.h"
#include "adapters/http/client_address.h"
#include "adapters/http/sign_in_guard.h"

namespace xueji::http {
namespace {

TEST(ClientAddress, ForwardedForCountsOnlyFromATrustedPeer) {
  const TrustedProxies none;
  EXPECT_EQ(none.client_of("192.0.2.1", "203.0.113.5"), "192.0.2.1");
  auto proxies = TrustedProxies::parse({"10.0.0.0/8", "192.0.2.1", "fd00::/8"});
  ASSERT_TRUE(proxies.ok()) << proxies.error().message;
  // An untrusted peer's header is ignored whole.
  EXPECT_EQ(proxies->client_of("198.51.100.7", "203.0.113.5"), "198.51.100.7");
  EXPECT_EQ(proxies->client_of("192.0.2.1", ""), "192.0.2.1");
  EXPECT_EQ(proxies->client_of("192.0.2.1", "203.0.113.5"), "203.0.113.5");
  // The rightmost hop that is not a trusted proxy; what the client wrote
  // to its left does not count.
  EXPECT_EQ(proxies->client_of("192.0.2.1", "1.2.3.4, 203.0.113.5, 10.1.2.3"), "203.0.113.5");
  EXPECT_EQ(proxies->client_of("::ffff:192.0.2.1", "10.1.1.1, 10.2.2.2"), "10.1.1.1");
  EXPECT_EQ(proxies->client_of("fd00::1", "2001:DB8::7"), "2001:db8::7");
  // Garbage stops the walk at the last hop a trusted proxy vouches for.
  EXPECT_EQ(proxies->client_of("192.0.2.1", "203.0.113.5, not-an-address"), "192.0.2.1");
  EXPECT_EQ(proxies->client_of("192.0.2.1", "garbage, 10.3.3.3"), "10.3.3.3");
  EXPECT_FALSE(proxies->trusts("11.0.0.1"));
  EXPECT_TRUE(proxies->trusts("10.255.0.1"));
}

TEST(ClientAddress, ABadProxyEntryIsNamed) {
  for (const char* bad : {"proxy.example", "10.0.0.0/33", "10.0.0.0/", "fd00::/129", "1.2.3"}) {
    auto parsed = TrustedProxies::parse({bad});
    ASSERT_FALSE(parsed.ok()) << bad;
    EXPECT_NE(parsed.error().message.find(bad), std::string::npos) << parsed.error().message;
  }
  EXPECT_EQ(canonical_address("::FFFF:10.0.0.1"), "10.0.0.1");
  EXPECT_EQ(canonical_address(" 10.0.0.1 "), "10.0.0.1");
  EXPECT_EQ(canonical_address("10.0.0.1:80"), "");
}

Instant at(int64_t seconds) { return Instant::from_unix_seconds(1'758'848'400 + seconds); }

TEST(SignInGuard, TheNthFailureWithinTheWindowBlocksThatPairOnly) {
  SignInGuard guard(3, 60, 300);
  EXPECT_FALSE(guard.failed("reg.a", "192.0.2.1", at(0)));
  EXPECT_FALSE(guard.failed("reg.a", "192.0.2.1", at(10)));
  EXPECT_FALSE(guard.failed("reg.a", "192.0.2.2", at(20)));  // another address
  auto block = guard.failed("reg.a", "192.0.2.1", at(30));
  ASSERT_TRUE(block);
  EXPECT_EQ(block->until, at(330));
  EXPECT_EQ(block->failures, 3);
  EXPECT_TRUE(guard.block("reg.a", "192.0.2.1", at(329)));
  EXPECT_FALSE(guard.block("reg.a", "192.0.2.1", at(330)));
  EXPECT_FALSE(guard.block("reg.a", "192.0.2.2", at(40)));
  EXPECT_FALSE(guard.block("reg.b", "192.0.2.1", at(40)));
}

TEST(SignInGuard, OldFailuresLapseAndASuccessClears) {
  SignInGuard guard(3, 60, 300);
  guard.failed("reg.a", "192.0.2.1", at(0));
  guard.failed("reg.a", "192.0.2.1", at(30));
  EXPECT_FALSE(guard.failed("reg.a", "192.0.2.1", at(60)));  // the first lapsed
  EXPECT_TRUE(guard.failed("reg.a", "192.0.2.1", at(61)));
  guard.succeeded("reg.a", "192.0.2.1");
  EXPECT_FALSE(guard.block("reg.a", "192.0.2.1", at(62)));
  EXPECT_TRUE(guard.blocks(at(62)).empty());
}

TEST(SignInGuard, ClearingTakesOneAddressOrAll) {
  SignInGuard guard(1, 60, 300);
  guard.failed("reg.a", "192.0.2.1", at(0));
  guard.failed("reg.a", "192.0.2.2", at(0));
  guard.failed("reg.ab", "192.0.2.1", at(0));
  EXPECT_EQ(guard.blocks(at(1)).size(), 3u);
  EXPECT_EQ(guard.clear("reg.a", "192.0.2.2", at(1)).size(), 1u);
  EXPECT_EQ(guard.clear("reg.a", "", at(1)).size(), 1u);
  ASSERT_EQ(guard.blocks(at(1)).size(), 1u);
  EXPECT_EQ(guard.blocks(at(1))[0].account, "reg.ab");
}

TEST(AnonymousRateLimit, ABurstThenTheRefillRate) {
  auto now = std::chrono::steady_clock::time_point{};
  AnonymousRateLimit limit(2, 3, [&] { return now; });
  for (int i = 0; i < 3; ++i) EXPECT_EQ(limit.take("192.0.2.1"), 0);
  EXPECT_EQ(limit.take("192.0.2.1"), 1);  // half a second away, rounded up
  EXPECT_EQ(limit.take("192.0.2.2"), 0);  // its own bucket
  now += std::chrono::milliseconds(500);
  EXPECT_EQ(limit.take("192.0.2.1"), 0);
  EXPECT_EQ(limit.take("192.0.2.1"), 1);
  now += std::chrono::seconds(60);  // full again, never above the burst
  for (int i = 0; i < 3; ++i) EXPECT_EQ(limit.take("192.0.2.1"), 0);
  EXPECT_NE(limit.take("192.0.2.1"), 0);
  AnonymousRateLimit slow(0.1, 1, [&] { return now; });
  EXPECT_EQ(slow.take("192.0.2.1"), 0);
  EXPECT_EQ(slow.take("192.0.2.1"), 10);
}

}  // namespace
}  // namespace xueji::http
