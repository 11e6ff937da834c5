// The audit trail read a page at a time (AuditTrail::each_entry), what
// `xueji audit verify` and `xueji audit archive` walk (Art. 24): every
// entry between the bounds once, in order, across pages; an early stop
// stops; a page's entries are handed over with the connection given back,
// so the reader may write meanwhile; no page size of zero.

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "adapters/store/audit_trail.h"
#include "tests/engine/case_fixture.h"
#include "tests/store/store_fixture.h"

namespace xueji::test {
namespace {

class AuditPages : public BothBackends {
 protected:
  // Seven entries, appended in two transactions.
  void SetUp() override {
    url_ = fresh_database(GetParam());
    store_ = open_migrated(url_);
    ASSERT_TRUE(store_ != nullptr);
    std::vector<AuditEntry> first, second;
    for (int i = 0; i < 7; ++i) {
      AuditEntry e =
          audit_entry(at("2025-09-26T09:00:00+08:00").plus_seconds(60 * i), "reg.4501020001",
                      "4501020001", "case.read", "case:C" + std::to_string(i));
      (i < 4 ? first : second).push_back(e);
    }
    ASSERT_TRUE(store_->append_audit(first).ok());
    ASSERT_TRUE(store_->append_audit(second).ok());
  }

  // The seqs each_entry hands over.
  std::vector<int64_t> read(int64_t after, int64_t through, size_t batch, int64_t stop_at = 0) {
    std::vector<int64_t> seqs;
    auto handed = store_->audit.each_entry(after, through, batch, [&](const AuditEntry& e) {
      seqs.push_back(e.seq);
      return e.seq != stop_at;
    });
    EXPECT_TRUE(handed.ok()) << handed.error().message;
    if (handed.ok()) {
      EXPECT_EQ(*handed, static_cast<int64_t>(seqs.size()));
    }
    return seqs;
  }

  std::string url_;
  std::unique_ptr<TestStore> store_;
};

TEST_P(AuditPages, EveryEntryOnceInOrderWhateverThePageSize) {
  const std::vector<int64_t> all = {1, 2, 3, 4, 5, 6, 7};
  EXPECT_EQ(read(0, 7, 1), all);
  EXPECT_EQ(read(0, 7, 2), all);
  EXPECT_EQ(read(0, 7, 7), all);
  EXPECT_EQ(read(0, 7, 100), all);
  // Bounds: after is exclusive, through inclusive.
  EXPECT_EQ(read(2, 5, 2), (std::vector<int64_t>{3, 4, 5}));
  EXPECT_EQ(read(7, 100, 3), std::vector<int64_t>{});
  EXPECT_EQ(read(5, 5, 3), std::vector<int64_t>{});
  // The walk verifies against the chain as stored.
  ChainWalk walk(genesis_anchor());
  ASSERT_TRUE(
      store_->audit.each_entry(0, 7, 3, [&](const AuditEntry& e) { return walk.step(e); }).ok());
  EXPECT_FALSE(walk.broken().has_value());
  EXPECT_EQ(walk.verified(), 7);
  EXPECT_EQ(walk.last().seq, 7);
  EXPECT_EQ(walk.last().hash, store_->audit.audit_head()->hash);
}

TEST_P(AuditPages, AnEarlyStopStopsMidPage) {
  EXPECT_EQ(read(0, 7, 3, 5), (std::vector<int64_t>{1, 2, 3, 4, 5}));
  EXPECT_EQ(read(0, 7, 10, 1), std::vector<int64_t>{1});
}

TEST_P(AuditPages, TheReaderMayUseTheStoreBetweenEntries) {
  // A pool of one connection: a reader writing while it holds the page's
  // connection would wait for itself.
  auto pool = store::ConnectionPool::open(url_, 1);
  ASSERT_TRUE(pool.ok()) << pool.error().message;
  store::AuditTrail trail(*pool);
  int64_t heads = 0;
  auto handed = trail.each_entry(0, 7, 2, [&](const AuditEntry& e) {
    auto head = trail.audit_head();
    EXPECT_TRUE(head.ok());
    if (head.ok() && head->seq == 7) ++heads;
    return e.seq > 0;
  });
  ASSERT_TRUE(handed.ok()) << handed.error().message;
  EXPECT_EQ(*handed, 7);
  EXPECT_EQ(heads, 7);
}

TEST_P(AuditPages, APageOfNoEntriesIsRefused) {
  int called = 0;
  auto handed = store_->audit.each_entry(0, 7, 0, [&](const AuditEntry&) { return ++called > 0; });
  ASSERT_FALSE(handed.ok());
  EXPECT_EQ(handed.error().code, "invalid_batch");
  EXPECT_EQ(called, 0);
}

INSTANTIATE_TEST_SUITE_P(Backends, AuditPages, ::testing::Values("postgresql", "sqlite"),
                         backend_name);

}  // namespace
}  // namespace xueji::test
