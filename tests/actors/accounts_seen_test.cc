// The accounts as their actors settled them (actors/accounts_seen.h): a use
// that changes nothing is answered from here on its account's last-use
// day; as the day turns, the entries of earlier days go, so the map holds
// the accounts used today rather than every account used since start.

#include "actors/accounts_seen.h"

#include <gtest/gtest.h>

#include "tests/engine/case_fixture.h"

namespace xueji::test {
namespace {

Account used_on(const std::string& name, const char* day) {
  Account a;
  a.name = name;
  a.org = "4501020001";
  a.last_used = *Date::parse(day);
  return a;
}

std::optional<Instant> seal_of(const char* day) { return seal_due(*Date::parse(day)); }

TEST(AccountsSeen, HoldsTheAccountsUsedOnTheNewestDayOnly) {
  AccountsSeen seen;
  for (int i = 0; i < 1000; ++i) {
    seen.settle(used_on("reg." + std::to_string(i), "2025-09-26"), seal_of("2025-09-26"));
  }
  EXPECT_EQ(seen.size(), 1000u);
  // The same day: answered here, without the actor.
  EXPECT_TRUE(seen.answer_use("reg.7", at("2025-09-26T15:00:00+08:00")).has_value());
  // The next day: the first use settled then drops the 1,000 of the day
  // before, which a use on this day could not be answered from anyway.
  EXPECT_FALSE(seen.answer_use("reg.7", at("2025-09-27T08:00:00+08:00")).has_value());
  seen.settle(used_on("reg.1", "2025-09-27"), seal_of("2025-09-27"));
  EXPECT_EQ(seen.size(), 1u);
  EXPECT_TRUE(seen.answer_use("reg.1", at("2025-09-27T08:00:01+08:00")).has_value());
  EXPECT_FALSE(seen.answer_use("reg.7", at("2025-09-27T08:00:01+08:00")).has_value());
  // An account loaded from the store, last used months ago, is not held:
  // its next use is the actor's, which writes the new day.
  seen.settle(used_on("reg.old", "2025-06-01"), seal_of("2025-06-01"));
  EXPECT_EQ(seen.size(), 1u);
  EXPECT_FALSE(seen.answer_use("reg.old", at("2025-06-01T10:00:00+08:00")).has_value());
}

}  // namespace
}  // namespace xueji::test
