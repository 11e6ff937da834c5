// The engine's actors on a virtual clock, over a real PostgreSQL and a real
// SQLite file: escalation by silence, passivation, stale timers, recovery
// after a restart, and a commit that fails.

#include <gtest/gtest.h>

#include <soci/soci.h>
#include <future>

#include <thread>

#include "actors/submit_each.h"
#include "adapters/wiring/sql_runtime.h"
#include "tests/engine/case_fixture.h"
#include "tests/store/store_fixture.h"

namespace xueji::test {
namespace {

class EngineTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    url_ = fresh_database(GetParam());
    clock_ = std::make_shared<VirtualClock>(at("2025-09-26T09:00:00+08:00"));
    auto data = load_domain(DomainPaths::under(XUEJI_SOURCE_DIR), clock_);
    ASSERT_TRUE(data.ok()) << data.error().message;
    data_ = *data;
    start();
    auto store = TestStore::open(url_);
    ASSERT_TRUE(store.ok());
    store_ = std::move(*store);
    student_ = make_student("4501020001", 5);
    student_.birth_date = *Date::parse("2013-09-15");
    ASSERT_TRUE(store_->insert_student(student_).ok());
  }

  void start() {
    engine_.reset();
    auto engine = start_sql_runtime(SqlRuntimeOptions{url_, project_path("migrations")}, data_);
    ASSERT_TRUE(engine.ok()) << engine.error().message;
    engine_ = std::move(*engine);
  }

  OpenCase transfer() { return transfer_to_4501030002(student_); }

  std::vector<std::string> event_types(const std::string& case_id) {
    std::vector<std::string> out;
    auto events = store_->load_events(case_id);
    EXPECT_TRUE(events.ok());
    if (!events.ok()) return out;
    for (const auto& e : *events) out.emplace_back(to_string(e.type));
    return out;
  }

  std::string url_;
  std::shared_ptr<VirtualClock> clock_;
  std::shared_ptr<const Domain> data_;
  std::unique_ptr<Runtime> engine_;
  std::unique_ptr<TestStore> store_;
  Student student_;
};

TEST_P(EngineTest, SilentSendingSchoolIsEscalatedUpTheTree) {
  ASSERT_TRUE(engine_->advance(at("2025-09-26T10:00:00+08:00")).ok());
  auto opened = engine_->request("t1", transfer());
  ASSERT_TRUE(opened.ok) << opened.error.message;
  EXPECT_EQ(opened.events.size(), 2u);
  // What the engine acknowledged is on disk, with its effect on the student.
  EXPECT_EQ(event_types("t1"), (std::vector<std::string>{"opened", "step_activated"}));
  EXPECT_EQ((*store_->find_student(student_.registration_number))->status,
            StudentStatus::transfer_pending);
  EXPECT_EQ(engine_->stats().pending_timers, 1u);

  // Art. 15: 10 working days; nothing happens on 10-16, the reminder came on 10-14.
  auto fired = engine_->advance(at("2025-10-16T23:59:59+08:00"));
  ASSERT_TRUE(fired.ok()) << fired.error().message;
  EXPECT_EQ(*fired, 1u);
  EXPECT_EQ(event_types("t1").back(), "reminded");
  EXPECT_EQ(clock_->now(), at("2025-10-16T23:59:59+08:00"));
  // At 24:00 on the due day the county is told, with its own 5 working days.
  ASSERT_TRUE(engine_->advance(at("2025-10-17T00:00:00+08:00")).ok());
  auto county = store_->notices_for_org("450102");
  ASSERT_TRUE(county.ok());
  ASSERT_EQ(county->size(), 1u);
  EXPECT_EQ(county->front().kind, "escalation");
  EXPECT_EQ(county->front().due, "2025-10-23");
  // Then the city, the province, the ministry, each on its day; then nothing.
  ASSERT_EQ(*engine_->advance(at("2026-03-01T00:00:00+08:00")), 3u);
  for (const char* org : {"450100", "450000", "000000"}) {
    auto inbox = store_->notices_for_org(org);
    ASSERT_EQ(inbox->size(), 1u) << org;
    EXPECT_EQ(inbox->front().kind, "escalation");
  }
  EXPECT_EQ((*store_->notices_for_org("000000")).front().at, at("2025-11-07T00:00:00+08:00"));
  EXPECT_EQ(engine_->stats().pending_timers, 0u);
  // The county decides the escalated step.
  auto decided = engine_->request("t1", DecideStep{"sending_school", "450102", "approve", ""});
  ASSERT_TRUE(decided.ok) << decided.error.message;
  EXPECT_EQ(decided.state.active()->plan.step, "sending_county");
  EXPECT_EQ(engine_->stats().pending_timers, 1u);
}

TEST_P(EngineTest, PassivatedCasesWakeOnTime) {
  // One student cannot be in three transfers: each case its own student.
  for (const char* id : {"a", "b", "c"}) {
    student_.resident_id = make_resident_id("450102", "20130915", std::string("0") + id[0] + "1");
    student_.registration_number = "G" + student_.resident_id;
    auto r = engine_->request(id, transfer());
    ASSERT_TRUE(r.ok) << r.error.message;
  }
  EXPECT_EQ(engine_->stats().cases.resident, 3u);
  engine_->sweep();
  engine_->sweep();
  EXPECT_EQ(engine_->stats().cases.resident, 0u);
  EXPECT_EQ(engine_->stats().cases.passivated, 3u);
  EXPECT_EQ(engine_->stats().pending_timers, 3u);
  // Asleep, they still escalate on the day.
  ASSERT_EQ(*engine_->advance(at("2025-10-17T00:00:00+08:00")), 6u);  // 3 reminders, 3 escalations
  for (const char* id : {"a", "b", "c"}) EXPECT_EQ(event_types(id).back(), "escalated") << id;
  EXPECT_EQ(engine_->stats().cases.resident, 3u);
}

TEST_P(EngineTest, IdleCasesArePassivatedByThemselves) {
  SqlRuntimeOptions options{url_, project_path("migrations")};
  options.idle_seconds = 1;
  engine_.reset();
  auto engine = start_sql_runtime(options, data_);
  ASSERT_TRUE(engine.ok()) << engine.error().message;
  engine_ = std::move(*engine);
  ASSERT_TRUE(engine_->request("t1", transfer()).ok);
  EXPECT_EQ(engine_->stats().cases.resident, 1u);
  // Idle for one to two intervals: asleep, its timer still in the index.
  for (int i = 0; i < 40 && engine_->stats().cases.resident != 0; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  EXPECT_EQ(engine_->stats().cases.resident, 0u);
  EXPECT_EQ(engine_->stats().cases.passivated, 1u);
  EXPECT_EQ(engine_->stats().pending_timers, 1u);
  ASSERT_EQ(*engine_->advance(at("2025-10-17T00:00:00+08:00")), 2u);
  EXPECT_EQ(event_types("t1").back(), "escalated");
}

TEST_P(EngineTest, AStaleTimerDoesNothing) {
  auto opened = engine_->request("t1", transfer());
  ASSERT_TRUE(opened.ok);
  const Instant deadline = *opened.state.active()->holder_deadline;
  auto stale = engine_->fire("t1", deadline.plus_seconds(-1));
  EXPECT_FALSE(stale.ok);
  EXPECT_EQ(stale.error.code, "stale_timer");
  EXPECT_EQ(event_types("t1").size(), 2u);
  // A decision disarms the old deadline: firing it now is stale too.
  ASSERT_TRUE(engine_->request("t1", DecideStep{"sending_school", "4501020001", "approve", ""}).ok);
  auto old = engine_->fire("t1", deadline);
  EXPECT_FALSE(old.ok);
  EXPECT_EQ(event_types("t1").size(), 4u);
}

TEST_P(EngineTest, InstantsPassedWhileDownFireOnceInOrderAfterRestart) {
  ASSERT_TRUE(engine_->request("t1", transfer()).ok);
  engine_.reset();  // the engine is down
  clock_->set(at("2025-09-26T09:00:00+08:00"));
  start();
  EXPECT_EQ(engine_->stats().pending_timers, 1u);  // rebuilt from the store's deadline index
  ASSERT_EQ(*engine_->advance(at("2025-10-25T00:00:00+08:00")), 3u);
  EXPECT_EQ(event_types("t1"), (std::vector<std::string>{"opened", "step_activated", "reminded",
                                                         "escalated", "escalated"}));
  // Another restart fires nothing twice.
  engine_.reset();
  start();
  ASSERT_EQ(*engine_->advance(at("2025-10-25T00:00:00+08:00")), 0u);
  EXPECT_EQ(event_types("t1").size(), 5u);
  EXPECT_EQ(*store_->count_rows("notices"), 3);
  auto state = store_->load_case("t1");
  EXPECT_EQ((*state)->active()->holder, "450100");
}

TEST_P(EngineTest, ACommitThatFailsIsReportedAsFailed) {
  ASSERT_TRUE(engine_->request("t1", transfer()).ok);
  // Someone else took the next sequence number: the commit must fail.
  {
    soci::session sql(GetParam() == "sqlite" ? "sqlite3" : "postgresql",
                      store::parse_database_url(url_)->connect);
    sql << "INSERT INTO case_events (case_id, seq, type, at, body) VALUES ('t1', 2, 'x', 0, '{}')";
  }
  auto decided = engine_->request("t1", DecideStep{"sending_school", "4501020001", "approve", ""});
  EXPECT_FALSE(decided.ok);
  EXPECT_EQ(decided.error.code, "store_failed");
  EXPECT_EQ(decided.state.event_count, 2);  // nothing moved
  EXPECT_EQ(decided.state.active()->plan.step, "sending_school");
}

TEST_P(EngineTest, CompletionMovesTheStudentInTheSameCommit) {
  ASSERT_TRUE(engine_->request("t1", transfer()).ok);
  for (auto [step, by] : {std::pair{"sending_school", "4501020001"},
                          {"sending_county", "450102"},
                          {"receiving_county", "450103"}}) {
    auto r = engine_->request("t1", DecideStep{step, by, "approve", ""});
    ASSERT_TRUE(r.ok) << r.error.message;
  }
  auto s = store_->find_student(student_.registration_number);
  EXPECT_EQ((*s)->school, "4501030002");
  EXPECT_EQ((*s)->status, StudentStatus::enrolled);
  EXPECT_EQ((*store_->notices_for_org("4501030002")).back().kind, "completion");
}

TEST_P(EngineTest, RefusalsChangeNothing) {
  auto r = engine_->request("t1", DecideStep{"sending_school", "4501020001", "approve", ""});
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.error.code, "unknown_case");
  EXPECT_EQ(*store_->count_rows("cases"), 0);
  ASSERT_TRUE(engine_->request("t1", transfer()).ok);
  auto wrong = engine_->request("t1", DecideStep{"sending_school", "4501030002", "approve", ""});
  EXPECT_EQ(wrong.error.code, "wrong_party");
  EXPECT_EQ(*store_->count_rows("case_events"), 2);
}

TEST_P(EngineTest, SubmittedRequestsAnswerWithoutAWaitingThread) {
  // Chained as an adapter would: the decision is submitted from the
  // opening's callback, on the engine's own thread.
  std::promise<std::pair<CaseReply, CaseReply>> answers;
  engine_->submit("t1", transfer(), [&](CaseReply opened) {
    engine_->submit("t1", DecideStep{"sending_school", "4501020001", "approve", ""},
                    [&, opened](CaseReply decided) {
                      answers.set_value({opened, decided});
                    });
  });
  auto future = answers.get_future();
  ASSERT_EQ(future.wait_for(std::chrono::seconds(30)), std::future_status::ready);
  const auto [opened, decided] = future.get();
  ASSERT_TRUE(opened.ok) << opened.error.message;
  ASSERT_TRUE(decided.ok) << decided.error.message;
  EXPECT_EQ(decided.state.steps[0].status, StepStatus::approved);
  // Durable before the callback ran.
  EXPECT_EQ(event_types("t1"),
            (std::vector<std::string>{"opened", "step_activated", "decided", "step_activated"}));
  // A refusal comes back the same way, changing nothing.
  std::promise<CaseReply> refused;
  engine_->submit("t1", DecideStep{"sending_school", "4501020001", "approve", ""},
                  [&](CaseReply r) { refused.set_value(std::move(r)); });
  const CaseReply again = refused.get_future().get();
  EXPECT_FALSE(again.ok);
  EXPECT_EQ(again.error.code, "step_closed");
  EXPECT_EQ(event_types("t1").size(), 4u);
}

TEST_P(EngineTest, SubmitEachAnswersEveryRequestOnceWithAFewInFlight) {
  ASSERT_TRUE(engine_->request("t1", transfer()).ok);
  const auto entries_before = *store_->count_rows("audit_entries");
  // One decision that commits with its audit entry, and five for cases
  // that do not exist, refused and writing nothing: two asked at a time.
  std::vector<int> answers(6, 0);
  std::vector<std::string> codes(6);
  submit_each(
      *engine_, 6, 2,
      [&](size_t n) {
        if (n == 0) {
          return SubmittedCase{"t1", DecideStep{"sending_school", "4501020001", "approve", ""},
                               audit_entry(at("2025-09-26T09:00:00+08:00"), "reg.4501020001",
                                           "4501020001", "case.decide", "case:t1", "ok", "")};
        }
        return SubmittedCase{"x" + std::to_string(n),
                             DecideStep{"sending_school", "4501020001", "approve", ""},
                             std::nullopt};
      },
      [&](size_t n, const CaseReply& reply) {
        ++answers[n];
        codes[n] = reply.ok ? "ok" : reply.error.code;
      });
  EXPECT_EQ(answers, std::vector<int>(6, 1));
  EXPECT_EQ(codes, (std::vector<std::string>{"ok", "unknown_case", "unknown_case", "unknown_case",
                                             "unknown_case", "unknown_case"}));
  EXPECT_EQ(*store_->count_rows("audit_entries"), entries_before + 1);
  EXPECT_EQ(event_types("t1").size(), 4u);
}

INSTANTIATE_TEST_SUITE_P(Backends, EngineTest, ::testing::Values("postgresql", "sqlite"),
                         backend_name);

TEST(EngineStart, AnUnreachableStoreIsOneClearError) {
  auto data = std::make_shared<Domain>();
  data->clock = std::make_shared<SystemClock>();
  auto engine = start_sql_runtime(
      SqlRuntimeOptions{"postgresql://xueji@127.0.0.1:1/xueji", "migrations"}, data);
  ASSERT_FALSE(engine.ok());
  EXPECT_EQ(engine.error().code, "store_unavailable");
}

}  // namespace
}  // namespace xueji::test
