// Idempotency-Keys' answers forgotten after `idempotency_keep_days`
// (actors/expiry_sweep.h, migration 0036), on both backends: the
// oldest first, a batch at a time, never a key whose request still runs.

#include <gtest/gtest.h>
#include <soci/soci.h>

#include <memory>
#include <string>

#include "actors/expiry_sweep.h"
#include "adapters/store/idempotency_store.h"
#include "tests/http/aged_rows_fixture.h"

namespace xueji::test {
namespace {

class AnswerExpiryTest : public AgedRowsTest {
 protected:
  void SetUp() override {
    AgedRowsTest::SetUp();
    answers_ = std::make_unique<store::IdempotencyStore>(pool_);
  }

  // A key reserved `days_ago` before kAgedNow, answered unless `running`.
  void key(const std::string& key, int64_t days_ago, bool running = false) {
    auto reserved =
        answers_->reserve_answer(key, "hash", kAgedNow.plus_seconds(-days_ago * kAgedDay));
    ASSERT_TRUE(reserved.ok() && *reserved) << key;
    if (running) return;
    auto recorded = answers_->record_answer(key, 201, "application/json", "{}");
    ASSERT_TRUE(recorded.ok() && *recorded) << key;
  }

  bool kept(const std::string& key) {
    auto found = answers_->find_answer(key);
    EXPECT_TRUE(found.ok()) << found.error().message;
    return found.ok() && found->has_value();
  }

  int64_t keys() { return rows_of("idempotency_keys"); }

  std::unique_ptr<store::IdempotencyStore> answers_;
};

TEST_P(AnswerExpiryTest, TheOldestAnswersGoFirstAndAKeyStillRunningStays) {
  key("a-10", 10);
  key("a-9", 9);
  key("a-8", 8);
  key("running-30", 30, true);  // its request never answered: a lock, not an answer
  key("young-1", 1);
  const Instant week_ago = kAgedNow.plus_seconds(-7 * kAgedDay);
  auto first = answers_->forget_answers_created_before(week_ago, 2);
  ASSERT_TRUE(first.ok()) << first.error().message;
  EXPECT_EQ(*first, 2);
  EXPECT_FALSE(kept("a-10"));
  EXPECT_FALSE(kept("a-9"));
  EXPECT_TRUE(kept("a-8"));
  auto second = answers_->forget_answers_created_before(week_ago, 2);
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(*second, 1);
  EXPECT_FALSE(kept("a-8"));
  EXPECT_TRUE(kept("running-30"));
  EXPECT_TRUE(kept("young-1"));
  auto none = answers_->forget_answers_created_before(week_ago, 2);
  ASSERT_TRUE(none.ok());
  EXPECT_EQ(*none, 0);
}

TEST_P(AnswerExpiryTest, ASweepForgetsBatchAfterBatchWhatIsOlderThanTheDaysKept) {
  // More than a batch of answers 31 days old, written as the store holds
  // them; one day younger than the cut, and one still running, stay.
  const int old = ExpirySweep::kBatch + 5;
  auto written = pool_->run<bool>("old answers", [&](store::Connection& c) {
    const long long at = kAgedNow.plus_seconds(-31 * kAgedDay).unix_seconds();
    c.sql() << numbers_to(old) +
                   "INSERT INTO idempotency_keys (key, request_hash, status, content_type, "
                   "body, created_at) SELECT 'old-' || n, 'hash', 201, 'application/json', '{}', "
                   ":at FROM g",
        soci::use(at);
    return true;
  });
  ASSERT_TRUE(written.ok()) << written.error().message;
  key("young-29", 29);
  key("running-40", 40, true);
  ASSERT_EQ(keys(), old + 2);
  ExpirySweep expiry(
      [this](Instant before, int batch) {
        return answers_->forget_answers_created_before(before, batch);
      },
      [] { return kAgedNow; }, 30);
  auto swept = expiry.sweep();
  ASSERT_TRUE(swept.ok()) << swept.error().message;
  EXPECT_EQ(*swept, old);
  EXPECT_EQ(keys(), 2);
  EXPECT_TRUE(kept("young-29"));
  EXPECT_TRUE(kept("running-40"));
  // A forgotten key is a new one to a retry: it runs afresh.
  auto again = answers_->reserve_answer("old-1", "hash", kAgedNow);
  ASSERT_TRUE(again.ok());
  EXPECT_TRUE(*again);
  auto nothing = expiry.sweep();
  ASSERT_TRUE(nothing.ok());
  EXPECT_EQ(*nothing, 0);
}

INSTANTIATE_TEST_SUITE_P(Backends, AnswerExpiryTest, ::testing::Values("postgresql", "sqlite"),
                         backend_name);

}  // namespace
}  // namespace xueji::test
