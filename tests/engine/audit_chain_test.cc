// The audit hash chain names the first entry altered, removed or reordered.

#include "engine/audit/audit_chain.h"

#include <gtest/gtest.h>

namespace xueji {
namespace {

std::vector<AuditEntry> trail(int n) {
  std::vector<AuditEntry> out;
  for (int i = 0; i < n; ++i) {
    AuditEntry e;
    e.at = Instant::from_unix_seconds(1758848400 + i * 60);
    e.account = i % 2 ? "registrar@4501020001" : "admin@450102";
    e.org = i % 2 ? "4501020001" : "450102";
    e.action = i % 3 ? "case.read" : "case.decide";
    e.target = "C" + std::to_string(i);
    e.outcome = "ok";
    out.push_back(chain_entry(e, out.empty() ? nullptr : &out.back()));
  }
  return out;
}

TEST(AuditChain, AnIntactChainVerifies) {
  const auto entries = trail(50);
  EXPECT_EQ(entries.front().prev_hash, audit_genesis_hash());
  EXPECT_EQ(entries[1].prev_hash, entries[0].hash);
  EXPECT_EQ(entries.back().seq, 50);
  EXPECT_FALSE(verify_chain(entries).has_value());
  EXPECT_FALSE(verify_chain({}).has_value());
}

TEST(AuditChain, NamesAnAlteredEntry) {
  auto entries = trail(20);
  entries[7].outcome = "wrong_party";  // rewritten after the fact
  auto broken = verify_chain(entries);
  ASSERT_TRUE(broken.has_value());
  EXPECT_EQ(broken->seq, 8);
  EXPECT_NE(broken->reason.find("altered"), std::string::npos);
  // Rehashing the altered entry does not hide it: the next one no longer
  // chains from it.
  entries[7].hash = audit_hash(entries[7]);
  broken = verify_chain(entries);
  ASSERT_TRUE(broken.has_value());
  EXPECT_EQ(broken->seq, 9);
}

TEST(AuditChain, NamesARemovedEntry) {
  auto entries = trail(20);
  entries.erase(entries.begin() + 11);
  auto broken = verify_chain(entries);
  ASSERT_TRUE(broken.has_value());
  EXPECT_EQ(broken->seq, 12);
  EXPECT_NE(broken->reason.find("removed or reordered"), std::string::npos);
  // The last entry removed is caught by whoever knows the count; the first
  // removed shows at once.
  auto headless = trail(5);
  headless.erase(headless.begin());
  EXPECT_EQ(verify_chain(headless)->seq, 1);
}

TEST(AuditChain, NamesSwappedEntries) {
  auto entries = trail(20);
  std::swap(entries[4], entries[5]);
  auto broken = verify_chain(entries);
  ASSERT_TRUE(broken.has_value());
  EXPECT_EQ(broken->seq, 5);
}

TEST(AuditChain, EveryFieldIsCovered) {
  const auto base = trail(1).front();
  auto changed = [&](auto mutate) {
    AuditEntry e = base;
    mutate(e);
    return audit_hash(e) != base.hash;
  };
  EXPECT_TRUE(changed([](AuditEntry& e) { e.at = e.at.plus_seconds(1); }));
  EXPECT_TRUE(changed([](AuditEntry& e) { e.account += "x"; }));
  EXPECT_TRUE(changed([](AuditEntry& e) { e.org = "450103"; }));
  EXPECT_TRUE(changed([](AuditEntry& e) { e.action = "export"; }));
  EXPECT_TRUE(changed([](AuditEntry& e) { e.target = "C9"; }));
  EXPECT_TRUE(changed([](AuditEntry& e) { e.outcome = "denied"; }));
  EXPECT_TRUE(changed([](AuditEntry& e) { e.detail = "rows=3"; }));
  EXPECT_TRUE(changed([](AuditEntry& e) { e.seq = 2; }));
  // Length prefixes: moving a character between fields changes the hash.
  EXPECT_TRUE(changed([](AuditEntry& e) {
    e.account = "admin@45010";
    e.org = "2450102";
  }));
}

TEST(AuditChain, AWalkAnEntryAtATimeKeepsItsPlaceAndTheFirstBreak) {
  auto entries = trail(10);
  // Walked from the middle, as the store's entries walk from the last
  // archived month.
  ChainWalk walk(ChainAnchor{entries[3].seq, entries[3].hash});
  for (size_t i = 4; i < 7; ++i) EXPECT_TRUE(walk.step(entries[i]));
  EXPECT_FALSE(walk.broken().has_value());
  EXPECT_EQ(walk.verified(), 3);
  EXPECT_EQ(walk.last().seq, 7);
  EXPECT_EQ(walk.last().hash, entries[6].hash);

  // Entry 9 where 8 should stand; entry 10, altered, is never looked at.
  entries[9].outcome = "forbidden";
  EXPECT_FALSE(walk.step(entries[8]));
  EXPECT_FALSE(walk.step(entries[9]));
  ASSERT_TRUE(walk.broken().has_value());
  EXPECT_EQ(walk.broken()->seq, 8);
  EXPECT_NE(walk.broken()->reason.find("entry 9 stands where entry 8 should"), std::string::npos)
      << walk.broken()->reason;
  EXPECT_EQ(walk.verified(), 3);
  EXPECT_EQ(walk.last().seq, 7);

  // A walk from the wrong anchor breaks at its first entry.
  ChainWalk astray(ChainAnchor{entries[2].seq, entries[2].hash});
  EXPECT_FALSE(astray.step(entries[4]));
  EXPECT_EQ(astray.broken()->seq, 4);
}

}  // namespace
}  // namespace xueji
