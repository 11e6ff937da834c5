// The writer's commits in flight at once (actors/writer_actor.h,
// RuntimeOptions::writer_connections), on the in-memory journal whose gate
// holds each commit where the test can count them: two batches commit side
// by side where the journal takes them so, one at a time where it does not,
// a case's own transitions still reach the store in order, and a committer
// that fails answers its batch rather than leaving it waiting.

#include <gtest/gtest.h>

#include <chrono>
#include <future>
#include <thread>

#include "tests/actors/memory_runtime.h"

namespace xueji::test {
namespace {

using std::chrono::milliseconds;

class WriterConnections : public ::testing::Test {
 protected:
  void TearDown() override { rig_.stop(); }

  void start(int connections, bool side_by_side) {
    RuntimeOptions options;
    options.reply_seconds = 5;
    options.writer_connections = connections;
    rig_.start(options, side_by_side);
    storage_ = rig_.storage;
  }

  std::future<CaseReply> submit(const std::string& id, CaseCommand command) {
    auto answered = std::make_shared<std::promise<CaseReply>>();
    auto future = answered->get_future();
    rig_.runtime->submit(id, std::move(command),
                         [answered](CaseReply reply) { answered->set_value(std::move(reply)); });
    return future;
  }

  // The index of the first committed batch holding a transition of
  // `case_id` numbered `first_seq`, or -1.
  int batch_of(const std::string& case_id, int64_t first_seq) {
    const auto batches = storage_->committed_batches();
    for (size_t i = 0; i < batches.size(); ++i) {
      for (const auto& t : batches[i]) {
        if (t.case_id == case_id && t.first_seq == first_seq) return static_cast<int>(i);
      }
    }
    return -1;
  }

  // c0's opening, held at the closed gate: one connection busy.
  std::future<CaseReply> hold_a_commit() {
    storage_->close_gate();
    auto held = submit("c0", transfer(0));
    storage_->wait_for_commit_at_gate();
    return held;
  }

  // Openings of cases c<first> to c<first + count - 1>, submitted at once.
  std::vector<std::future<CaseReply>> open_many(int first, int count) {
    std::vector<std::future<CaseReply>> out;
    for (int i = first; i < first + count; ++i) {
      out.push_back(submit("c" + std::to_string(i), transfer(i)));
    }
    return out;
  }
  static void expect_all_ok(std::vector<std::future<CaseReply>>& answers) {
    for (auto& f : answers) {
      const CaseReply r = f.get();
      EXPECT_TRUE(r.ok) << r.error.code << ": " << r.error.message;
    }
  }

  // While c0's commit is held, a batch of sixteen waits for it; both
  // commit once the gate opens.
  void expect_one_batch_at_a_time(const char* why) {
    auto first = hold_a_commit();
    auto second = open_many(1, 16);
    EXPECT_FALSE(storage_->commits_at_gate(2, milliseconds(300))) << why;
    storage_->open_gate();
    EXPECT_TRUE(first.get().ok);
    expect_all_ok(second);
  }

  static OpenCase transfer(int n) { return memory_transfer(n); }
  static DecideStep school_approves() {
    return DecideStep{"sending_school", "4501020001", "approve", ""};
  }

  MemoryRuntime rig_;
  std::shared_ptr<MemoryStorage> storage_;
};

TEST_F(WriterConnections, TwoConnectionsCommitTwoBatchesAtOnceAndAThirdWaits) {
  start(2, true);
  const size_t batches_before = storage_->committed_batches().size();  // the start's
  auto first = hold_a_commit();
  auto second = open_many(1, 16);
  EXPECT_TRUE(storage_->commits_at_gate(2, milliseconds(5000)))
      << "a batch of 16 commits while the first is held";
  auto third = open_many(17, 16);
  EXPECT_FALSE(storage_->commits_at_gate(3, milliseconds(300)))
      << "with both connections busy, the third waits for one";
  storage_->open_gate();
  EXPECT_TRUE(first.get().ok);
  expect_all_ok(second);
  expect_all_ok(third);
  EXPECT_EQ(storage_->committed_batches().size(), batches_before + 3);
}

// A commit costs CPU whatever it holds: a few transitions wait to join
// the next batch rather than take the idle connection.
TEST_F(WriterConnections, ASmallBatchWaitsForTheCommitRunningRatherThanTakeTheOtherConnection) {
  start(2, true);
  auto first = hold_a_commit();
  auto few = open_many(1, 15);
  EXPECT_FALSE(storage_->commits_at_gate(2, milliseconds(300)));
  auto sixteenth = submit("c16", transfer(16));
  EXPECT_TRUE(storage_->commits_at_gate(2, milliseconds(5000)))
      << "the sixteenth makes the batch worth the other connection";
  storage_->open_gate();
  EXPECT_TRUE(first.get().ok);
  expect_all_ok(few);
  EXPECT_TRUE(sixteenth.get().ok);
}

TEST_F(WriterConnections, OneConnectionCommitsOneBatchAtATime) {
  start(1, true);
  expect_one_batch_at_a_time("one connection asked for");
}

TEST_F(WriterConnections, AJournalThatTakesOneWriterAtATimeGetsOneConnection) {
  start(2, false);
  expect_one_batch_at_a_time(
      "SQLite's one writer: a second connection would only wait for its lock");
}

TEST_F(WriterConnections, ACasesNextTransitionWaitsForItsLastWithAConnectionIdle) {
  start(2, true);
  auto opened = hold_a_commit();
  // The second connection takes sixteen other openings, but the case's
  // decision must not reach the store before the opening it follows is
  // durable.
  auto decided = submit("c0", school_approves());
  auto others = open_many(1, 16);
  ASSERT_TRUE(storage_->commits_at_gate(2, milliseconds(5000)));
  storage_->open_gate();
  expect_all_ok(others);
  ASSERT_TRUE(opened.get().ok);
  const CaseReply decision = decided.get();
  ASSERT_TRUE(decision.ok) << decision.error.code << ": " << decision.error.message;
  const int opening_batch = batch_of("c0", 0);
  ASSERT_GE(opening_batch, 0);
  const int64_t opening_events = static_cast<int64_t>(
      storage_->committed_batches().at(static_cast<size_t>(opening_batch)).front().events.size());
  EXPECT_GT(batch_of("c0", opening_events), opening_batch);
}

TEST_F(WriterConnections, AFailingBatchIsRetriedAloneWhileTheOtherConnectionCommits) {
  start(2, true);
  storage_->fail_when([](const Transition& t) { return t.case_id == "bad"; });
  auto held = hold_a_commit();
  auto bad = submit("bad", transfer(1));
  auto good = open_many(2, 15);
  ASSERT_TRUE(storage_->commits_at_gate(2, milliseconds(5000)));
  storage_->open_gate();
  EXPECT_TRUE(held.get().ok);
  const CaseReply refused = bad.get();
  EXPECT_FALSE(refused.ok);
  EXPECT_EQ(refused.error.code, "store_failed");
  expect_all_ok(good);
  EXPECT_EQ(storage_->events_of("bad").size(), 0u);
  EXPECT_FALSE(storage_->events_of("c16").empty());
}

// A fault of the journal's code under a commit: before, the writer stopped
// with its requesters' promises, and a submitted request was never
// answered. Now each hears that its outcome is unknown, and the engine's
// health names the writer.
TEST_F(WriterConnections, ACommitterThatFailsAnswersItsBatchAndStopsTheWriter) {
  start(2, true);
  ASSERT_TRUE(submit("c0", transfer(0)).get().ok);
  storage_->throw_on_commits();
  auto failed = submit("c1", transfer(1));
  ASSERT_EQ(failed.wait_for(std::chrono::seconds(5)), std::future_status::ready)
      << "the request is answered";
  const CaseReply reply = failed.get();
  EXPECT_FALSE(reply.ok);
  EXPECT_EQ(reply.error.code, "outcome_unknown") << reply.error.message;
  EXPECT_NE(reply.error.message.find("a fault of the journal's code"), std::string::npos)
      << reply.error.message;
  std::optional<std::string> down;
  for (int i = 0; i < 100 && !down; ++i) {
    down = rig_.runtime->down();
    if (!down) std::this_thread::sleep_for(milliseconds(20));
  }
  ASSERT_TRUE(down.has_value());
  EXPECT_NE(down->find("writer"), std::string::npos) << *down;
  // Whatever comes after is refused at once, not left waiting.
  auto after = submit("c2", transfer(2));
  ASSERT_EQ(after.wait_for(std::chrono::seconds(5)), std::future_status::ready);
  EXPECT_FALSE(after.get().ok);
}

}  // namespace
}  // namespace xueji::test
