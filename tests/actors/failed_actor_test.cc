// A case actor that fails (an exception out of its handler: a fault of the
// code, here a caller's check that throws) takes only itself down. Its
// directory drops it and goes on serving every other case; the failed
// case's next message loads it as the store has it (actors/directory.h,
// drop_failed). Before, the directory failed with it, and every case
// request was refused until a restart.

#include <gtest/gtest.h>

#include <chrono>
#include <future>
#include <mutex>
#include <stdexcept>
#include <thread>

#include "tests/actors/memory_runtime.h"

namespace xueji::test {
namespace {

class FailedActor : public ::testing::Test {
 protected:
  void SetUp() override {
    RuntimeOptions options;
    options.reply_seconds = 5;
    options.actor_failed = [this](const std::string& directory, const std::string& id,
                                  const std::string& why) {
      std::lock_guard<std::mutex> lock(mutex_);
      told_.push_back(directory + " " + id + " " + why);
    };
    rig_.start(options);
    runtime_ = rig_.runtime.get();
    storage_ = rig_.storage;
  }
  void TearDown() override { rig_.stop(); }

  static OpenCase transfer(int n) { return memory_transfer(n); }
  static DecideStep school_approves() {
    return DecideStep{"sending_school", "4501020001", "approve", ""};
  }

  // `command` on `id`, its caller's check throwing as a fault of the code would.
  CaseReply request_with_faulty_check(const std::string& id, CaseCommand command) {
    std::promise<CaseReply> answered;
    runtime_->request_async(
        id, std::move(command), nullptr, std::nullopt, {},
        [&answered](CaseReply reply) { answered.set_value(std::move(reply)); },
        [](const CaseState&) -> Status { throw std::runtime_error("a fault of the code"); });
    return answered.get_future().get();
  }

  std::vector<std::string> told() {
    std::lock_guard<std::mutex> lock(mutex_);
    return told_;
  }

  MemoryRuntime rig_;
  Runtime* runtime_ = nullptr;
  std::shared_ptr<MemoryStorage> storage_;
  std::mutex mutex_;
  std::vector<std::string> told_;
};

TEST_F(FailedActor, OnlyTheFailedCaseIsDroppedAndItReloadsFromTheStore) {
  ASSERT_TRUE(runtime_->request("c1", transfer(1)).ok);
  ASSERT_TRUE(runtime_->request("c2", transfer(2)).ok);
  const size_t c1_events = storage_->events_of("c1").size();

  const CaseReply failed = request_with_faulty_check("c1", school_approves());
  EXPECT_FALSE(failed.ok);
  EXPECT_EQ(failed.error.code, "engine_unavailable") << failed.error.message;
  EXPECT_EQ(storage_->events_of("c1").size(), c1_events) << "the failed request wrote nothing";

  // Every other case goes on.
  const CaseReply other = runtime_->request("c2", school_approves());
  ASSERT_TRUE(other.ok) << other.error.code << ": " << other.error.message;
  EXPECT_EQ(other.state.active()->plan.step, "sending_county");
  ASSERT_TRUE(runtime_->request("c3", transfer(3)).ok) << "a new case opens";

  // The failed case's next request loads it as the store has it.
  const size_t loads = storage_->case_loads();
  const CaseReply again = runtime_->request("c1", school_approves());
  ASSERT_TRUE(again.ok) << again.error.code << ": " << again.error.message;
  EXPECT_EQ(again.state.active()->plan.step, "sending_county");
  EXPECT_EQ(storage_->case_loads(), loads + 1);
  EXPECT_EQ(storage_->events_of("c1").size(), storage_->events_of("c2").size())
      << "the same decision on the same history, once";

  const RuntimeStats stats = runtime_->stats();
  EXPECT_EQ(stats.cases.failed, 1u);
  EXPECT_EQ(stats.cases.resident, 3u);
  const auto said = told();
  ASSERT_EQ(said.size(), 1u);
  EXPECT_EQ(said[0].rfind("case-directory c1 ", 0), 0u) << said[0];
  EXPECT_NE(said[0].find("a fault of the code"), std::string::npos) << said[0];
}

// A timer of the failed case still fires: its next firing loads the case,
// which re-arms from the store.
TEST_F(FailedActor, AFailedCasesDeadlineStillFires) {
  ASSERT_TRUE(runtime_->request("c1", transfer(1)).ok);
  const CaseReply failed = request_with_faulty_check("c1", school_approves());
  ASSERT_FALSE(failed.ok);
  ASSERT_TRUE(runtime_->advance(at("2025-11-30T00:00:00+08:00")).ok());
  bool escalated = false;
  for (const auto& e : storage_->events_of("c1")) escalated |= e.type == "escalated";
  EXPECT_TRUE(escalated) << "the sending school's deadline passed with nothing decided";
}

// An engine actor that stops (here the case directory, a journal's load
// throwing in it) is not dropped and reloaded as a record's actor is:
// nothing restarts it, so the runtime says which stopped and why, for
// GET /readyz to answer 503. A record's actor that fails does not count.
TEST_F(FailedActor, ADirectoryThatStopsIsReportedAndARecordsActorIsNot) {
  ASSERT_TRUE(runtime_->request("c1", transfer(1)).ok);
  ASSERT_FALSE(request_with_faulty_check("c1", school_approves()).ok);
  EXPECT_EQ(runtime_->down(), std::nullopt) << "a record's actor is not the engine's";

  storage_->throw_on_case_loads();
  // The directory holding it stops; the request that waited for the load
  // is told why at once, not left to its wait's end.
  std::promise<CaseReply> answered;
  runtime_->submit("c2", transfer(2), [&answered](CaseReply r) { answered.set_value(r); });
  auto answer = answered.get_future();
  ASSERT_EQ(answer.wait_for(std::chrono::seconds(5)), std::future_status::ready);
  const CaseReply refused = answer.get();
  ASSERT_FALSE(refused.ok);
  EXPECT_EQ(refused.error.code, "engine_unavailable");
  EXPECT_NE(refused.error.message.find("a fault of the journal's code"), std::string::npos)
      << refused.error.message;
  for (int i = 0; i < 200 && !runtime_->down(); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  const auto down = runtime_->down();
  ASSERT_TRUE(down.has_value()) << "the case directory stopped unreported";
  EXPECT_NE(down->find("case directory"), std::string::npos) << *down;
  EXPECT_NE(down->find("a fault of the journal's code"), std::string::npos) << *down;
}

}  // namespace
}  // namespace xueji::test
