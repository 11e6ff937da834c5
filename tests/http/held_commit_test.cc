// Issue 17, "no blocked workers": a case command or a registration waits
// on the engine without holding a handler thread, and a batch waits on a
// long worker of its own. The server has one handler thread; the
// test holds a lock on case_events from its own connection, so the
// decisions' commit blocks for real in PostgreSQL. While three decisions
// wait there, a probe is still answered, and when the lock goes each
// decision gets its own answer, once.

#include <soci/soci.h>

#include <atomic>
#include <chrono>
#include <future>
#include <set>
#include <thread>

#include "tests/http/api_fixture.h"

namespace xueji::test {
namespace {

class HeldCommit : public ApiFixture {
 protected:
  void SetUp() override {
    handler_threads_ = 1;
    ApiFixture::SetUp();
  }

  // Whether a statement of the server's waits on a lock the test holds.
  bool a_commit_waits(soci::session& sql) {
    int waiting = 0;
    sql << "SELECT COUNT(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
           "AND pid <> pg_backend_pid()",
        soci::into(waiting);
    return waiting > 0;
  }

  // POSTs `body` to `path` as `token` on a thread of its own (JSON unless
  // `type` says otherwise); `answered` counts the answer once it came.
  std::future<HttpAnswer> post_counted(const std::string& path, std::string body,
                                       const std::string& token, std::atomic<int>& answered,
                                       const std::string& type = "application/json") {
    return std::async(
        std::launch::async, [this, path, body = std::move(body), token, type, &answered] {
          auto answer = http_call(server_->port(), "POST", path, body,
                                  {{"Authorization", "Bearer " + token}, {"Content-Type", type}});
          ++answered;
          return answer;
        });
  }

  // The resident ID of pupil `n` of the held registrations, born 2013-09-15.
  static std::string pupil_id(char n) {
    std::string id = std::string("45010220130915") + "0" + n + "1";
    id.push_back(resident_id_check_char(id));
    return id;
  }

  // What the test saw while `lock` held its transaction: whether a commit
  // of the server's came to wait on it, whether a probe (/healthz) was
  // answered meanwhile and with what status, and how many of the held
  // requests (`answered`) had an answer by then. Commits `lock` whatever
  // it saw, so nothing stays blocked.
  struct WhileHeld {
    bool reached = false;
    bool probe_answered = false;
    int probe_status = 0;
    int answered_then = 0;
  };
  WhileHeld probe_while_held(soci::session& lock, soci::session& watcher,
                             const std::atomic<int>& answered) {
    WhileHeld seen;
    for (int tries = 0; tries < 1000 && !a_commit_waits(watcher); ++tries) {
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    seen.reached = a_commit_waits(watcher);
    std::future<HttpAnswer> probe;
    if (seen.reached) {
      // The one handler thread is free: the probe is answered while every
      // held request still waits for its commit.
      probe = std::async(std::launch::async,
                         [&] { return http_call(server_->port(), "GET", "/healthz"); });
      seen.probe_answered = probe.wait_for(std::chrono::seconds(30)) == std::future_status::ready;
    }
    seen.answered_then = answered.load();
    lock << "COMMIT";
    if (seen.probe_answered) seen.probe_status = probe.get().status;
    return seen;
  }

  // Whether `seen` shows the held `requests` waiting without the one
  // handler thread: their commit reached the lock, the probe was answered
  // with 200 meanwhile, and none of them had an answer yet.
  static ::testing::AssertionResult waited_without_a_thread(const WhileHeld& seen,
                                                            const std::string& requests) {
    if (!seen.reached)
      return ::testing::AssertionFailure() << "no " << requests << " reached the store";
    if (!seen.probe_answered) {
      return ::testing::AssertionFailure() << "the " << requests << " held the handler thread";
    }
    if (seen.probe_status != 200) {
      return ::testing::AssertionFailure() << "the probe answered " << seen.probe_status;
    }
    if (seen.answered_then != 0) {
      return ::testing::AssertionFailure()
             << seen.answered_then << " " << requests << " answered before the lock went";
    }
    return ::testing::AssertionSuccess();
  }
};

TEST_P(HeldCommit, ADecisionWaitingOnTheStoreHoldsNoHandlerThread) {
  std::vector<std::string> ids;
  for (char n : {'1', '2', '3'}) ids.push_back(open_transfer(register_pupil(n)));
  const std::string school = reg("4501020001");
  const std::string token = sign_in(school).json().value("token", "");
  auto lock = own_session();
  *lock << "BEGIN";
  *lock << "LOCK TABLE case_events IN EXCLUSIVE MODE";

  std::atomic<int> decided{0};
  std::vector<std::future<HttpAnswer>> decisions;
  for (const auto& id : ids) {
    decisions.push_back(
        post_counted("/v1/cases/" + id + "/decisions",
                     nlohmann::json{{"step", "sending_school"}, {"decision", "approve"}}.dump(),
                     token, decided));
  }
  auto watcher = own_session();
  const WhileHeld seen = probe_while_held(*lock, *watcher, decided);
  ASSERT_TRUE(waited_without_a_thread(seen, "decisions"));

  for (auto& decision : decisions) {
    auto answer = decision.get();
    ASSERT_EQ(answer.status, 200) << answer.body;
    EXPECT_EQ(answer.json()["steps"][0]["status"], "approved") << answer.body;
  }
  for (const auto& id : ids) {
    auto read = call("GET", "/v1/cases/" + id, {}, school);
    ASSERT_EQ(read.status, 200) << read.body;
    // Decided once: no decision ran twice.
    int decided_events = 0;
    const nlohmann::json stored = read.json();
    for (const auto& event : stored["history"]) decided_events += event["type"] == "decided";
    EXPECT_EQ(decided_events, 1) << read.body;
    EXPECT_EQ(stored["steps"][0]["status"], "approved") << read.body;
  }
}

// A registration too: its commit (and, when its serial was taken, the next
// serial's) waits without a thread, and each answer comes once.
TEST_P(HeldCommit, ARegistrationWaitingOnTheStoreHoldsNoHandlerThread) {
  const std::string school = reg("4501020001");
  const std::string token = sign_in(school).json().value("token", "");
  auto lock = own_session();
  *lock << "BEGIN";
  *lock << "LOCK TABLE students IN EXCLUSIVE MODE";  // reads pass, writes wait

  std::atomic<int> registered{0};
  std::vector<std::future<HttpAnswer>> registrations;
  for (char n : {'4', '5', '6'}) {
    const std::string body = nlohmann::json{
        {"id", pupil_id(n)},
        {"name", "王小红"},
        {"school", "4501020001"},
        {"grade", 5}}.dump();
    registrations.push_back(post_counted("/v1/students", body, token, registered));
  }
  auto watcher = own_session();
  const WhileHeld seen = probe_while_held(*lock, *watcher, registered);
  ASSERT_TRUE(waited_without_a_thread(seen, "registrations"));

  std::set<std::string> numbers;
  for (auto& registration : registrations) {
    auto answer = registration.get();
    ASSERT_EQ(answer.status, 201) << answer.body;
    numbers.insert(answer.json().value("registration_number", ""));
  }
  EXPECT_EQ(numbers.size(), 3u);  // three records, three numbers
  for (const auto& number : numbers) {
    auto read = call("GET", "/v1/students/" + number, {}, school);
    ASSERT_EQ(read.status, 200) << read.body;
    EXPECT_EQ(read.json()["school"], "4501020001") << read.body;
  }
  int stored = 0;
  *watcher << "SELECT COUNT(*) FROM students", soci::into(stored);
  EXPECT_EQ(stored, 3);  // each registered once
}

// A batch of registrations runs on the Api's long workers (route_table.h,
// kLong): while its commit waits, the one handler thread still answers,
// and once the lock goes every row is registered, once.
TEST_P(HeldCommit, ABatchWaitingOnTheStoreHoldsNoHandlerThread) {
  const std::string school = reg("4501020001");
  const std::string token = sign_in(school).json().value("token", "");
  auto lock = own_session();
  *lock << "BEGIN";
  *lock << "LOCK TABLE students IN EXCLUSIVE MODE";

  std::string ndjson;
  for (char n : {'4', '5', '6'}) {
    ndjson +=
        nlohmann::json{
            {"id", pupil_id(n)}, {"name", "王小红"}, {"school", "4501020001"}, {"grade", 5}}
            .dump() +
        "\n";
  }
  std::atomic<int> answered{0};
  auto batch = post_counted("/v1/students/batch", ndjson, token, answered, "application/x-ndjson");
  auto watcher = own_session();
  const WhileHeld seen = probe_while_held(*lock, *watcher, answered);
  ASSERT_TRUE(waited_without_a_thread(seen, "batch"));

  auto answer = batch.get();
  ASSERT_EQ(answer.status, 200) << answer.body;
  EXPECT_EQ(answer.json()["registered"], 3) << answer.body;
  int stored = 0;
  *watcher << "SELECT COUNT(*) FROM students", soci::into(stored);
  EXPECT_EQ(stored, 3);
}

// The lock is PostgreSQL's: SQLite has one writer and no table locks.
INSTANTIATE_TEST_SUITE_P(Backends, HeldCommit, ::testing::Values("postgresql"), backend_name);

}  // namespace
}  // namespace xueji::test
