// A hot standby's warm deadline index (adapters/store/warm_deadlines.h):
// after any run of batches (cases opened, timers moved, cases closed), its
// takeover answers exactly the index the store holds; a holder that does
// not mark its rows, or an epoch that came and went unseen, makes it give
// up rather than answer a stale index. PostgreSQL only.

#include <gtest/gtest.h>
#include <soci/soci.h>

#include <algorithm>
#include <map>
#include <tuple>

#include "adapters/store/deadline_copy.h"
#include "adapters/store/engine_lease.h"
#include "adapters/store/warm_deadlines.h"
#include "tests/engine/case_fixture.h"
#include "tests/store/store_fixture.h"

namespace xueji::test {
namespace {

// In one order whatever collation the database sorts ties with.
std::vector<std::pair<int64_t, std::string>> plain(const std::vector<PendingWake>& index) {
  std::vector<std::pair<int64_t, std::string>> out;
  for (const auto& w : index) out.emplace_back(w.at.unix_seconds(), w.id);
  std::sort(out.begin(), out.end());
  return out;
}

TEST(DeadlineCopy, ChangesReplaceTheBaseAndMergeInOrder) {
  store::DeadlineCopy copy;
  const auto t = [](int64_t s) { return Instant::from_unix_seconds(s); };
  copy.reset({{"a", t(10)}, {"b", t(20)}, {"c", t(30)}});
  copy.change("b", t(35));         // moved later
  copy.change("c", std::nullopt);  // closed
  copy.change("d", t(5));          // opened
  copy.change("d", t(25));         // and moved again: the last change counts
  const auto merged = copy.merged();
  ASSERT_EQ(merged.size(), 3u);
  EXPECT_EQ(merged[0].id, "a");
  EXPECT_EQ(merged[1].id, "d");
  EXPECT_EQ(merged[1].at, t(25));
  EXPECT_EQ(merged[2].id, "b");
  EXPECT_EQ(merged[2].at, t(35));
  EXPECT_EQ(copy.base_size(), 3u);
  EXPECT_EQ(copy.changes(), 3u);
}

TEST(DeadlineCopy, ManyChangesAreFoldedIntoTheBase) {
  store::DeadlineCopy copy;
  std::vector<PendingWake> base;
  for (int i = 0; i < 10; ++i)
    base.push_back({"k" + std::to_string(i), Instant::from_unix_seconds(i)});
  copy.reset(base);
  for (int i = 0; i < 5000; ++i) {
    copy.change("n" + std::to_string(i), Instant::from_unix_seconds(100 + i % 7));
  }
  EXPECT_LT(copy.changes(), 5000u);  // folded at least once
  const auto merged = copy.merged();
  EXPECT_EQ(merged.size(), 5010u);
  EXPECT_TRUE(std::is_sorted(merged.begin(), merged.end(), [](const auto& a, const auto& b) {
    return std::tie(a.at, a.id) < std::tie(b.at, b.id);
  }));
}

class WarmDeadlines : public CaseFixture {
 protected:
  void SetUp() override {
    url_ = fresh_database("postgresql");
    store_ = open_migrated(url_);
    ASSERT_NE(store_, nullptr);
    auto c = store::Connection::open(url_);
    ASSERT_TRUE(c.ok());
    lease_ = std::move(*c);
  }

  // The next command of case `id` as the case actor would commit it.
  Transition act(const std::string& id, const CaseCommand& command, Instant now) {
    state_ = cases_[id];
    state_.id = id;
    const int64_t first = state_.event_count;
    auto events = run(command, now);
    EXPECT_TRUE(events.ok()) << id << ": " << (events.ok() ? "" : events.error().message);
    cases_[id] = state_;
    return case_transition(first, events.ok() ? *events : std::vector<CaseEvent>{}, state_);
  }
  Transition open_transfer(int n) {
    // Three digits, zero-padded (no snprintf: GCC's -Wformat-truncation
    // cannot bound n at every optimisation level).
    std::string seq = std::to_string(n % 1000);
    seq.insert(0, 3 - seq.size(), '0');
    Student s = make_student("4501020001", 5, StudentStatus::enrolled, "20130915", seq);
    EXPECT_TRUE(store_->insert_student(s).ok());
    OpenCase c;
    c.kind = "transfer";
    c.by = "4501030002";
    c.fields["to_school"] = "4501030002";
    c.student = s;
    return act("c" + std::to_string(n), c, at("2025-09-26T10:00:00+08:00"));
  }
  // Fires case `id`'s next timer (a reminder or a deadline): its timer moves.
  Transition fire(const std::string& id) {
    auto t = cases_[id].next_timer();
    EXPECT_TRUE(t.has_value()) << id;
    CaseCommand c = t->kind == DueTimer::Kind::reminder
                        ? CaseCommand(ReminderDue{t->step, t->at})
                        : CaseCommand(DeadlineReached{t->step, t->at});
    return act(id, c, t->at);
  }
  Transition withdraw(const std::string& id) {
    return act(id, WithdrawCase{"4501030002"}, at("2025-09-29T10:00:00+08:00"));
  }
  // An active holder with one case, and a standby's copy read whole.
  std::unique_ptr<store::WarmDeadlines> warm_beside_an_active_one() {
    EXPECT_TRUE(store::take_lease(*lease_, "active", "http://a", 5000)->has_value());
    EXPECT_TRUE(store_->commit({open_transfer(1)}).ok());
    auto opened = store::WarmDeadlines::open(url_);
    EXPECT_TRUE(opened.ok());
    if (!opened.ok()) return nullptr;
    auto warm = std::move(*opened);
    EXPECT_TRUE(warm->refresh().ok());
    return warm;
  }
  std::vector<PendingWake> stored() {
    auto index = store_->journal().wakes(WakeIndex::cases, Instant::from_unix_seconds(0),
                                         Instant::from_unix_seconds(253402300800));
    EXPECT_TRUE(index.ok());
    return index.ok() ? *index : std::vector<PendingWake>{};
  }

  std::string url_;
  std::unique_ptr<TestStore> store_;
  std::unique_ptr<store::Connection> lease_;
  std::map<std::string, CaseState> cases_;
};

TEST_F(WarmDeadlines, TheTakeoverAnswersTheIndexAsStoredAfterEveryKindOfWrite) {
  ASSERT_TRUE(store::take_lease(*lease_, "active", "http://a", 5000)->has_value());
  for (int i = 1; i <= 20; ++i) ASSERT_TRUE(store_->commit({open_transfer(i)}).ok());
  auto opened = store::WarmDeadlines::open(url_);
  ASSERT_TRUE(opened.ok()) << opened.error().message;
  auto& warm = **opened;
  ASSERT_TRUE(warm.refresh().ok());
  ASSERT_TRUE(warm.warm());
  EXPECT_EQ(warm.base_size(), 20u);

  // While it stands by: cases opened, timers moved, cases closed, some in
  // one batch, refreshed between some of them and not others.
  for (int i = 21; i <= 30; ++i) ASSERT_TRUE(store_->commit({open_transfer(i)}).ok());
  ASSERT_TRUE(store_->commit({fire("c1"), fire("c2"), withdraw("c3")}).ok());
  ASSERT_TRUE(warm.refresh().ok());
  EXPECT_GE(warm.changes(), 13u);
  ASSERT_TRUE(store_->commit({fire("c1"), withdraw("c21"), open_transfer(31)}).ok());
  ASSERT_TRUE(warm.refresh().ok());
  ASSERT_TRUE(store_->commit({withdraw("c4"), fire("c22")}).ok());  // after the last refresh
  const auto expected = stored();
  ASSERT_EQ(expected.size(), 28u);  // 31 opened, 3 withdrawn

  // The active one stops; the standby takes the next epoch.
  lease_->sql() << "UPDATE engine_lease SET expires_at = now() - interval '1 second'";
  auto mine = store::take_lease(*lease_, "standby", "http://b", 5000);
  ASSERT_TRUE(mine.ok() && mine->has_value());
  auto taken = warm.take_over(**mine);
  ASSERT_TRUE(taken.has_value());
  EXPECT_EQ(plain(*taken), plain(expected));
}

TEST_F(WarmDeadlines, AHolderThatDoesNotMarkItsRowsMakesTheCopyGiveUp) {
  auto warm = warm_beside_an_active_one();
  ASSERT_TRUE(warm != nullptr);
  ASSERT_TRUE(warm->warm());

  // A server from before migration 0022 takes the lease: it sets no mark.
  lease_->sql() << "UPDATE engine_lease SET epoch = epoch + 1, holder = 'old', expires_at = "
                   "now() + interval '5 seconds'";
  ASSERT_TRUE(warm->refresh().ok());
  EXPECT_FALSE(warm->warm());
  lease_->sql() << "UPDATE engine_lease SET expires_at = now() - interval '1 second'";
  auto mine = store::take_lease(*lease_, "standby", "http://b", 5000);
  ASSERT_TRUE(mine.ok() && mine->has_value());
  EXPECT_FALSE(warm->take_over(**mine).has_value());
}

TEST_F(WarmDeadlines, AnEpochUnseenBetweenRefreshesMakesTheCopyGiveUp) {
  auto warm = warm_beside_an_active_one();
  ASSERT_TRUE(warm != nullptr);
  // Two epochs pass before the standby takes the lease itself: the one
  // between may have been an unmarked holder's.
  for (const char* holder : {"other", "standby"}) {
    lease_->sql() << "UPDATE engine_lease SET expires_at = now() - interval '1 second'";
    ASSERT_TRUE(store::take_lease(*lease_, holder, "http://x", 5000)->has_value());
  }
  EXPECT_FALSE(warm->take_over(store::read_lease(*lease_)->epoch).has_value());
}

}  // namespace
}  // namespace xueji::test
