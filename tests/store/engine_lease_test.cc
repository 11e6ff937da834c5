// The hot standby's fencing (adapters/store/engine_lease.h): a journal
// fenced with a lease commits only while that lease is still its own and
// unexpired, checked in the batch's own transaction; a batch of an old
// epoch, after another server took the lease, writes nothing at all.
// PostgreSQL only: SQLite has no standby (one process).

#include <gtest/gtest.h>
#include <soci/soci.h>

#include "adapters/store/connection_pool.h"
#include "adapters/store/engine_lease.h"
#include "adapters/store/idempotency_store.h"
#include "tests/engine/case_fixture.h"
#include "tests/store/store_fixture.h"

namespace xueji::test {
namespace {

class EngineLease : public CaseFixture {
 protected:
  std::unique_ptr<store::Connection> connect(const std::string& url) {
    auto c = store::Connection::open(url);
    EXPECT_TRUE(c.ok()) << (c.ok() ? "" : c.error().message);
    return c.ok() ? std::move(*c) : nullptr;
  }
  static std::shared_ptr<store::LeaseFence> fence(const std::string& holder, int64_t epoch) {
    auto f = std::make_shared<store::LeaseFence>();
    f->holder = holder;
    f->epoch = epoch;
    return f;
  }
  Transition opened_case(const std::string& id, const std::string& seq = "001") {
    state_ = CaseState{};
    state_.id = id;
    OpenCase c;
    c.kind = "transfer";
    c.by = "4501030002";
    c.fields["to_school"] = "4501030002";
    c.student = make_student("4501020001", 5, StudentStatus::enrolled, "20130915", seq);
    return case_transition(0, open(c, at("2025-09-26T10:00:00+08:00")), state_);
  }
};

TEST_F(EngineLease, OnlyTheLiveEpochCommitsAndAStaleOneWritesNothing) {
  const std::string url = fresh_database("postgresql");
  auto store = open_migrated(url);
  ASSERT_TRUE(store != nullptr);
  auto a = connect(url);
  auto b = connect(url);
  ASSERT_TRUE(a && b);

  auto first = store::take_lease(*a, "a", "http://a:8080", 5000);
  ASSERT_TRUE(first.ok()) << first.error().message;
  ASSERT_TRUE(first->has_value());
  EXPECT_EQ(**first, 1);
  // An unexpired lease is not taken from its holder.
  auto refused = store::take_lease(*b, "b", "http://b:8080", 5000);
  ASSERT_TRUE(refused.ok());
  EXPECT_FALSE(refused->has_value());
  auto seen = store::read_lease(*b);
  ASSERT_TRUE(seen.ok());
  EXPECT_EQ(seen->address, "http://a:8080");
  EXPECT_TRUE(seen->live);

  auto mine = fence("a", 1);
  store->journal().fence_with(mine);
  ASSERT_TRUE(store->insert_student(make_student("4501020001", 5)).ok());
  ASSERT_TRUE(store->commit({opened_case("c1")}).ok());  // case rows alone: fenced too
  EXPECT_TRUE(*store::renew_lease(*a, "a", 1, 5000));

  // a is paused past its time to live (as SIGSTOP would): b takes over.
  b->sql() << "UPDATE engine_lease SET expires_at = now() - interval '1 second'";
  auto second = store::take_lease(*b, "b", "http://b:8080", 5000);
  ASSERT_TRUE(second.ok());
  ASSERT_TRUE(second->has_value());
  EXPECT_EQ(**second, 2);
  EXPECT_FALSE(*store::renew_lease(*a, "a", 1, 5000));

  // a's next batch, which does not know yet: checked in its transaction,
  // refused, nothing of it written, and the fence remembers.
  const Status stale = store->insert_student(
      make_student("4501020001", 5, StudentStatus::enrolled, "20130915", "002"));
  ASSERT_FALSE(stale.ok());
  EXPECT_EQ(stale.error().code, "engine_unavailable");
  EXPECT_TRUE(mine->lost);
  const Status stale_case = store->commit({opened_case("c2")});
  ASSERT_FALSE(stale_case.ok());
  EXPECT_EQ(stale_case.error().code, "engine_unavailable");

  // The database's check itself, not only the remembered flag: a fence of
  // epoch 1 that has not learned anything is refused all the same.
  auto unaware = fence("a", 1);
  store->journal().fence_with(unaware);
  const Status checked = store->commit({opened_case("c3")});
  ASSERT_FALSE(checked.ok());
  EXPECT_EQ(checked.error().code, "engine_unavailable") << checked.error().message;
  EXPECT_TRUE(unaware->lost);
  // The same holder name with the new epoch's number but not its holder.
  store->journal().fence_with(fence("a", 2));
  EXPECT_FALSE(store->commit({opened_case("c4")}).ok());

  EXPECT_EQ(*store->reads.count_rows("students"), 1);
  EXPECT_EQ(*store->reads.count_rows("cases"), 1);

  // The new holder commits.
  store->journal().fence_with(fence("b", 2));
  ASSERT_TRUE(store
                  ->insert_student(
                      make_student("4501020001", 5, StudentStatus::enrolled, "20130915", "005"))
                  .ok());
  const Status fresh = store->commit({opened_case("c5", "005")});
  ASSERT_TRUE(fresh.ok()) << fresh.error().code << ": " << fresh.error().message;
  EXPECT_EQ(*store->reads.count_rows("cases"), 2);
  EXPECT_EQ(*store->reads.count_rows("students"), 2);

  // Released at a clean stop: taken at once, next epoch.
  ASSERT_TRUE(store::release_lease(*b, "b", 2).ok());
  auto third = store::take_lease(*a, "a2", "http://a:8080", 5000);
  ASSERT_TRUE(third.ok());
  ASSERT_TRUE(third->has_value());
  EXPECT_EQ(**third, 3);
}

// An Idempotency-Key's reservation and answer are written through the
// pool, not the writer: fenced all the same, so a server resumed after
// its successor took over neither reserves a key nor frees the
// successor's reservation.
TEST_F(EngineLease, IdempotencyKeysAreFencedAsBatchesAre) {
  const std::string url = fresh_database("postgresql");
  ASSERT_TRUE(open_migrated(url) != nullptr);
  auto a = connect(url);
  ASSERT_TRUE(a);
  ASSERT_TRUE(store::take_lease(*a, "a", "http://a:8080", 5000)->has_value());
  auto pool = store::ConnectionPool::open(url, 1);
  ASSERT_TRUE(pool.ok());
  store::IdempotencyStore answers(*pool);
  auto mine = fence("a", 1);
  answers.fence_with(mine);
  const Instant now = at("2025-09-26T10:00:00+08:00");
  ASSERT_TRUE(*answers.reserve_answer("k1", "h1", now));

  a->sql() << "UPDATE engine_lease SET expires_at = now() - interval '1 second'";
  ASSERT_TRUE(store::take_lease(*a, "b", "http://b:8080", 5000)->has_value());
  const auto refused = answers.reserve_answer("k2", "h2", now);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, "engine_unavailable");
  EXPECT_TRUE(mine->lost);
  EXPECT_FALSE(answers.forget_answer("k1").ok());
  // The database's own check, for a fence that has learned nothing.
  auto unaware = fence("a", 1);
  answers.fence_with(unaware);
  EXPECT_FALSE(answers.record_answer("k1", 409, "application/problem+json", "{}").ok());
  EXPECT_TRUE(unaware->lost);
  auto k1 = answers.find_answer("k1");
  ASSERT_TRUE(k1.ok() && k1->has_value());
  EXPECT_EQ((*k1)->status, 0);  // still reserved, not answered, not freed
  EXPECT_FALSE(answers.find_answer("k2")->has_value());

  answers.fence_with(fence("b", 2));  // the new holder writes
  EXPECT_TRUE(*answers.record_answer("k1", 201, "application/json", "{}"));
  EXPECT_EQ((*answers.find_answer("k1"))->status, 201);
}

}  // namespace
}  // namespace xueji::test
