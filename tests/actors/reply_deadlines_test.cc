// The gateway's bounded waits (actors/reply_deadlines.h, actors/gateway.h):
// each answer reaches its caller once, the reply or, once the wait is
// over, "outcome_unknown"; never both. First the queue alone, on instants
// the test gives; then the runtime on the in-memory journal, whose commits
// the test holds at a gate as a hung store would.

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <future>
#include <thread>

#include "actors/reply_deadlines.h"
#include "tests/actors/memory_runtime.h"

namespace xueji::test {
namespace {

using namespace std::chrono_literals;
using Clock = ReplyDeadlines::Clock;

// What reached a caller: its answers, in order.
struct Told {
  std::vector<int> answers;
  std::function<void(int)> done() {
    return [this](int answer) { answers.push_back(answer); };
  }
};

TEST(ReplyDeadlines, AnAnswerInTimeReachesItsCallerOnceAndNoLateAnswerFollows) {
  ReplyDeadlines waits(30s);
  const auto t0 = Clock::time_point{} + 1h;
  Told told;
  auto answer = waits.await<int>(t0, told.done(), [] { return -1; });
  answer(7);
  answer(8);  // a second answer of the same wait goes nowhere
  EXPECT_FALSE(waits.expire(t0 + 31s));
  EXPECT_EQ(told.answers, std::vector<int>{7});
  EXPECT_EQ(waits.size(), 0u);
}

TEST(ReplyDeadlines, AWaitOverIsToldLateOnceAndItsAnswerAfterwardsIsDropped) {
  ReplyDeadlines waits(30s);
  const auto t0 = Clock::time_point{} + 1h;
  Told told;
  auto answer = waits.await<int>(t0, told.done(), [] { return -1; });
  EXPECT_TRUE(waits.expire(t0 + 29s)) << "not over before its 30 s";
  EXPECT_TRUE(told.answers.empty());
  EXPECT_FALSE(waits.expire(t0 + 30s));
  EXPECT_FALSE(waits.expire(t0 + 60s));
  answer(7);
  EXPECT_EQ(told.answers, std::vector<int>{-1});
}

TEST(ReplyDeadlines, ExpiryTellsEachOverdueWaitInTheOrderBegunAndKeepsTheRest) {
  ReplyDeadlines waits(10s);
  const auto t0 = Clock::time_point{} + 1h;
  std::vector<int> order;
  std::vector<std::function<void(int)>> answers;
  for (int i = 0; i < 5; ++i) {
    answers.push_back(waits.await<int>(
        t0 + std::chrono::seconds(i), [&order, i](int a) { order.push_back(a == -1 ? -i : i); },
        [] { return -1; }));
  }
  answers[0](0);
  answers[4](4);
  // At t0 + 12 s the waits begun at 1 s and 2 s are over; the one begun at
  // 3 s is not: kept, and the answered one behind it too (the queue is
  // looked at from its front).
  EXPECT_TRUE(waits.expire(t0 + 12s));
  EXPECT_EQ(order, (std::vector<int>{0, 4, -1, -2}));
  EXPECT_EQ(waits.size(), 2u);
  answers[3](3);
  EXPECT_FALSE(waits.expire(t0 + 12s));
  EXPECT_EQ(waits.size(), 0u);
  EXPECT_EQ(order, (std::vector<int>{0, 4, -1, -2, 3}));
}

TEST(ReplyDeadlines, TheTickIsAQuarterOfTheWaitAtMostASecond) {
  EXPECT_EQ(ReplyDeadlines(30s).tick(), Clock::duration(1s));
  EXPECT_EQ(ReplyDeadlines(1s).tick(), Clock::duration(250ms));
}

// The runtime's gateway on a store that hangs: commits held at the gate.
class GatewayWaits : public ::testing::Test {
 protected:
  void start(int reply_seconds) {
    RuntimeOptions options;
    options.reply_seconds = reply_seconds;
    rig_.start(options);
    runtime_ = rig_.runtime.get();
    storage_ = rig_.storage;
  }
  void TearDown() override { rig_.stop(); }

  static OpenCase transfer(int n) { return memory_transfer(n); }

  // Every answer an opening of the n-th student gets, and when the first came.
  struct Answers {
    std::mutex mutex;
    std::vector<CaseReply> replies;
    std::promise<Clock::time_point> first;
  };
  std::shared_ptr<Answers> open_async(int n) {
    auto answers = std::make_shared<Answers>();
    runtime_->open_new_async("fresh-" + std::to_string(n), transfer(n), nullptr, std::nullopt, {},
                             [answers](CaseReply reply) {
                               std::lock_guard<std::mutex> lock(answers->mutex);
                               answers->replies.push_back(std::move(reply));
                               if (answers->replies.size() == 1)
                                 answers->first.set_value(Clock::now());
                             });
    return answers;
  }

  MemoryRuntime rig_;
  Runtime* runtime_ = nullptr;
  std::shared_ptr<MemoryStorage> storage_;
};

TEST_F(GatewayWaits, AnOpeningTheStoreHoldsIsToldOutcomeUnknownOnceAndNothingAfter) {
  start(1);
  storage_->close_gate();
  const auto begun = Clock::now();
  auto answers = open_async(1);
  auto first = answers->first.get_future();
  ASSERT_EQ(first.wait_for(5s), std::future_status::ready) << "no answer within 5 s";
  const auto waited = first.get() - begun;
  EXPECT_GE(waited, Clock::duration(1s));
  EXPECT_LT(waited, Clock::duration(3s));
  // The commit goes through once the store lets it: the opening may have
  // committed, which is why the answer was "outcome_unknown".
  storage_->open_gate();
  for (int i = 0; i < 100 && storage_->events_of("fresh-1").empty(); ++i) {
    std::this_thread::sleep_for(10ms);
  }
  EXPECT_FALSE(storage_->events_of("fresh-1").empty());
  // The durable answer, come late, is not given as a second one.
  std::this_thread::sleep_for(300ms);
  std::lock_guard<std::mutex> lock(answers->mutex);
  ASSERT_EQ(answers->replies.size(), 1u);
  EXPECT_FALSE(answers->replies[0].ok);
  EXPECT_EQ(answers->replies[0].error.code, "outcome_unknown");
}

TEST_F(GatewayWaits, ACommitTheStoreHoldsIsToldOutcomeUnknownAndOneInTimeIsAnsweredAsIs) {
  start(1);
  std::promise<Status> in_time;
  runtime_->commit_async(Transition{}, [&in_time](Status s) { in_time.set_value(std::move(s)); });
  const Status answered = in_time.get_future().get();
  EXPECT_TRUE(answered.ok()) << answered.error().message;

  storage_->close_gate();
  std::atomic<int> calls{0};
  std::promise<Status> late;
  runtime_->commit_async(Transition{}, [&late, &calls](Status s) {
    if (calls++ == 0) late.set_value(std::move(s));
  });
  auto told = late.get_future();
  ASSERT_EQ(told.wait_for(5s), std::future_status::ready);
  const Status unknown = told.get();
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().code, "outcome_unknown");
  storage_->open_gate();
  std::this_thread::sleep_for(300ms);
  EXPECT_EQ(calls.load(), 1);
}

// Without a bound (reply_seconds 0), and for `submit`, which asks for none,
// a held commit is waited for as long as it takes.
TEST_F(GatewayWaits, AnUnboundedWaitLastsAsLongAsTheStoreHoldsTheCommit) {
  start(1);
  storage_->close_gate();
  std::promise<CaseReply> submitted;
  runtime_->submit("c1", transfer(1), [&submitted](CaseReply r) { submitted.set_value(r); });
  auto reply = submitted.get_future();
  EXPECT_EQ(reply.wait_for(1500ms), std::future_status::timeout);
  storage_->open_gate();
  ASSERT_EQ(reply.wait_for(5s), std::future_status::ready);
  const CaseReply opened = reply.get();
  EXPECT_TRUE(opened.ok) << opened.error.message;
}

TEST_F(GatewayWaits, WithoutReplySecondsAnAsyncOpeningWaitsForTheStore) {
  start(0);
  storage_->close_gate();
  auto answers = open_async(2);
  auto first = answers->first.get_future();
  EXPECT_EQ(first.wait_for(1500ms), std::future_status::timeout);
  storage_->open_gate();
  ASSERT_EQ(first.wait_for(5s), std::future_status::ready);
  std::lock_guard<std::mutex> lock(answers->mutex);
  ASSERT_EQ(answers->replies.size(), 1u);
  EXPECT_TRUE(answers->replies[0].ok) << answers->replies[0].error.message;
}

}  // namespace
}  // namespace xueji::test
