// The actors on the in-memory journal (memory_journal.h): scheduling,
// stale timers, passivation, group commit and a failing transition, in
// milliseconds and without a database. The same journal contract holds for
// the SQL journal (tests/journal), which runtime_test.cc runs them on.

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <future>
#include <iterator>
#include <thread>

#include "actors/archive_opening.h"
#include "actors/runtime.h"
#include "actors/writer_actor.h"
#include "tests/actors/memory_journal.h"
#include "tests/actors/memory_runtime.h"
#include "tests/engine/case_fixture.h"

namespace xueji::test {
namespace {

class ActorsOnMemory : public ::testing::Test {
 protected:
  void SetUp() override {
    clock_ = std::make_shared<VirtualClock>(at("2025-09-26T09:00:00+08:00"));
    auto data = load_domain(DomainPaths::under(XUEJI_SOURCE_DIR), clock_);
    ASSERT_TRUE(data.ok()) << data.error().message;
    data_ = *data;
    storage_ = std::make_shared<MemoryStorage>();
    start();
  }
  void TearDown() override {
    storage_->open_gate();
    runtime_.reset();
  }

  void start() {
    runtime_.reset();
    auto runtime = Runtime::start(options_, data_, MemoryStorage::factory(storage_));
    ASSERT_TRUE(runtime.ok()) << runtime.error().message;
    runtime_ = std::move(*runtime);
  }

  // A transfer of the n-th student of school 4501020001.
  static OpenCase transfer(int n) { return memory_transfer(n); }

  // Submits without waiting; the answer arrives in the future.
  // A registrar of school 4501020001, last used the day the clock starts.
  Status create_registrar(const std::string& name) {
    Account account;
    account.name = name;
    account.org = "4501020001";
    account.last_used = *Date::parse("2025-09-26");
    Transition created;
    created.records.new_accounts.push_back(NewAccount{account, clock_->now()});
    return runtime_->commit(created);
  }
  std::future<CaseReply> submit(const std::string& id, CaseCommand command) {
    auto promise = std::make_shared<std::promise<CaseReply>>();
    runtime_->submit(id, std::move(command),
                     [promise](CaseReply reply) { promise->set_value(std::move(reply)); });
    return promise->get_future();
  }

  // The cases' transitions committed: not the start's own record of the
  // holiday schedules in force (actors/schedule_arrival.h).
  size_t transitions_committed() {
    size_t n = 0;
    for (const auto& batch : storage_->committed_batches()) {
      for (const auto& t : batch) n += t.case_id.empty() ? 0 : 1;
    }
    return n;
  }

  RuntimeOptions options_;
  std::shared_ptr<VirtualClock> clock_;
  std::shared_ptr<const Domain> data_;
  std::shared_ptr<MemoryStorage> storage_;
  std::unique_ptr<Runtime> runtime_;
};

TEST_F(ActorsOnMemory, TimersFireInTheOrderOfTheirInstants) {
  // Cases opened on different days, in an order unlike their deadlines'.
  const char* opened[] = {"2025-09-30T10:00:00+08:00", "2025-09-26T10:00:00+08:00",
                          "2025-09-29T10:00:00+08:00"};
  for (int i : {1, 2, 0}) {
    clock_->set(at(opened[i]));
    auto r = runtime_->request("c" + std::to_string(i), transfer(i));
    ASSERT_TRUE(r.ok) << r.error.message;
  }
  auto fired = runtime_->advance(at("2026-06-01T00:00:00+08:00"));
  ASSERT_TRUE(fired.ok()) << fired.error().message;
  EXPECT_GT(*fired, 9u);  // reminders and escalations up to the ministry
  int64_t last = 0;
  size_t timers = 0;
  for (const auto& batch : storage_->committed_batches()) {
    for (const auto& t : batch) {
      for (const auto& e : t.events) {
        if (e.type != "reminded" && e.type != "escalated") continue;
        EXPECT_GE(e.at, last) << t.case_id << " " << e.type;
        last = e.at;
        ++timers;
      }
    }
  }
  EXPECT_EQ(timers, *fired);
  EXPECT_EQ(runtime_->stats().pending_timers, 0u);
}

TEST_F(ActorsOnMemory, AStaleTimerChangesNothing) {
  ASSERT_TRUE(runtime_->request("c1", transfer(1)).ok);
  const size_t before = transitions_committed();
  auto stale = runtime_->fire("c1", at("2025-10-01T00:00:00+08:00"));
  EXPECT_FALSE(stale.ok);
  EXPECT_EQ(stale.error.code, "stale_timer");
  EXPECT_EQ(transitions_committed(), before);
  EXPECT_EQ(storage_->events_of("c1").size(), 2u);  // opened, step_activated
}

TEST_F(ActorsOnMemory, PassivatedCasesWakeForTheirTimers) {
  for (int i = 0; i < 3; ++i) {
    ASSERT_TRUE(runtime_->request("c" + std::to_string(i), transfer(i)).ok);
  }
  runtime_->sweep();
  runtime_->sweep();
  EXPECT_EQ(runtime_->stats().cases.resident, 0u);
  EXPECT_EQ(runtime_->stats().cases.passivated, 3u);
  ASSERT_EQ(*runtime_->advance(at("2025-10-17T00:00:00+08:00")), 6u);
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(storage_->events_of("c" + std::to_string(i)).back().type, "escalated");
  }
  EXPECT_EQ(runtime_->stats().cases.resident, 3u);
  // And after a restart, from the journal alone.
  start();
  EXPECT_EQ(runtime_->stats().pending_timers, 3u);
}

TEST_F(ActorsOnMemory, TransitionsQueuedDuringACommitShareTheNextOne) {
  storage_->close_gate();
  auto first = submit("c0", transfer(0));
  storage_->wait_for_commit_at_gate();
  std::vector<std::future<CaseReply>> queued;
  for (int i = 1; i <= 10; ++i) queued.push_back(submit("c" + std::to_string(i), transfer(i)));
  // Give the ten time to reach the writer's mailbox behind the held commit.
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  storage_->open_gate();
  EXPECT_TRUE(first.get().ok);
  for (auto& f : queued) EXPECT_TRUE(f.get().ok);
  const auto batches = storage_->committed_batches();
  EXPECT_EQ(transitions_committed(), 11u);
  size_t largest = 0;
  for (const auto& b : batches) largest = std::max(largest, b.size());
  EXPECT_GT(largest, 1u);
  EXPECT_LT(batches.size(), 11u);
}

// /metrics' xueji_commit_duration_seconds: a commit the store held is
// counted by how long it took, and every commit is counted once.
TEST_F(ActorsOnMemory, EachCommitIsCountedByHowLongTheStoreTook) {
  ASSERT_TRUE(submit("c0", transfer(0)).get().ok);
  storage_->close_gate();
  auto held = submit("c1", transfer(1));
  storage_->wait_for_commit_at_gate();
  std::this_thread::sleep_for(std::chrono::milliseconds(120));
  storage_->open_gate();
  ASSERT_TRUE(held.get().ok);
  const RuntimeStats stats = runtime_->stats();
  ASSERT_EQ(stats.commit_seconds.size(), std::size(WriterStats::kCommitSecondsBounds) + 1);
  int64_t counted = 0;
  for (int64_t n : stats.commit_seconds) counted += n;
  EXPECT_EQ(counted, stats.commits);
  EXPECT_GE(stats.commits, 2);  // and any the start made
  // The held one took at least 120 ms: above the 0.1 s bound.
  int64_t above_100ms = 0;
  for (size_t i = 0; i < stats.commit_seconds.size(); ++i) {
    if (i >= std::size(WriterStats::kCommitSecondsBounds) ||
        WriterStats::kCommitSecondsBounds[i] > 0.1) {
      above_100ms += stats.commit_seconds[i];
    }
  }
  EXPECT_EQ(above_100ms, 1);
  EXPECT_GE(stats.commit_seconds_sum, 0.12);
}

TEST_F(ActorsOnMemory, OneFailingTransitionDoesNotFailItsNeighbours) {
  storage_->fail_when([](const Transition& t) { return t.case_id == "bad"; });
  storage_->close_gate();
  auto held = submit("c0", transfer(0));
  storage_->wait_for_commit_at_gate();
  auto bad = submit("bad", transfer(1));
  std::vector<std::future<CaseReply>> good;
  for (int i = 2; i <= 4; ++i) good.push_back(submit("c" + std::to_string(i), transfer(i)));
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  storage_->open_gate();
  EXPECT_TRUE(held.get().ok);
  const CaseReply refused = bad.get();
  EXPECT_FALSE(refused.ok);
  EXPECT_EQ(refused.error.code, "store_failed");
  for (auto& f : good) EXPECT_TRUE(f.get().ok);
  EXPECT_TRUE(storage_->events_of("bad").empty());
  for (int i = 2; i <= 4; ++i) EXPECT_EQ(storage_->events_of("c" + std::to_string(i)).size(), 2u);
  // The refused case changed nothing in memory either: it opens once the
  // store takes it.
  storage_->fail_when(nullptr);
  EXPECT_TRUE(runtime_->request("bad", transfer(1)).ok);
}

// Issue 18: a COMMIT whose answer was lost may have committed. The case
// actor must not go on from the state before it: the county's decision,
// queued behind the lost one, is taken on the case as the store has it.
TEST_F(ActorsOnMemory, ACaseWhoseCommitAnswerWasLostGoesOnFromTheStore) {
  ASSERT_TRUE(runtime_->request("c1", transfer(1)).ok);
  // Only the school's decision, the first write after this, loses its answer.
  storage_->lose_answer_when([written = std::make_shared<int>(0)](const Transition& t) {
    return t.case_id == "c1" && (*written)++ == 0;
  });
  storage_->close_gate();
  auto school = submit("c1", DecideStep{"sending_school", "4501020001", "approve", ""});
  storage_->wait_for_commit_at_gate();
  auto county = submit("c1", DecideStep{"sending_county", "450102", "approve", ""});
  // Give the county's decision time to queue behind the school's write.
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  storage_->open_gate();
  const CaseReply lost = school.get();
  EXPECT_FALSE(lost.ok);
  EXPECT_EQ(lost.error.code, "outcome_unknown");
  const CaseReply taken = county.get();
  ASSERT_TRUE(taken.ok) << taken.error.code << ": " << taken.error.message;
  ASSERT_NE(taken.state.active(), nullptr);
  EXPECT_EQ(taken.state.active()->plan.step, "receiving_county");
  EXPECT_EQ(runtime_->stats().cases.dropped_unsettled, 1u);
  // The store holds each decision once.
  int decided = 0;
  for (const auto& e : storage_->events_of("c1")) decided += e.type == "decided" ? 1 : 0;
  EXPECT_EQ(decided, 2);
}

// Art. 7: an archive duty whose opening lost its commit's answer is not
// settled as refused. The opening may have committed (here it did); had it
// not, a refusal recorded would have dropped the duty for good. It stays
// owed, for the next start, and nothing more is committed.
TEST_F(ActorsOnMemory, AnArchiveDutyWhoseOpeningLostItsAnswerStaysOwed) {
  const Student record = transfer(1).student.value();
  const ArchiveDuty duty{"Cduty00000001", "archive_update", record.registration_number,
                         record.school, clock_->now()};
  storage_->lose_answer_when([](const Transition& t) { return t.case_id == "Cduty00000001"; });
  const size_t before = storage_->committed_batches().size();
  const Status opened = open_archive_duties(
      *runtime_, {duty}, [&](const ArchiveDuty&) { return std::optional<Student>(record); },
      [&](const ArchiveDuty& d) { return archive_duty_entry(d, clock_->now()); },
      DutySource::left_by_a_stop);
  ASSERT_FALSE(opened.ok());
  EXPECT_EQ(opened.error().code, "outcome_unknown");
  const auto batches = storage_->committed_batches();
  int openings = 0;
  for (size_t i = before; i < batches.size(); ++i) {
    for (const auto& t : batches[i]) {
      openings += t.case_id == duty.case_id ? 1 : 0;
      // No settlement of its own, which would record the refusal.
      if (t.case_id.empty()) {
        EXPECT_TRUE(t.records.archive_settled.empty());
      }
      for (const auto& entry : t.audit) EXPECT_EQ(entry.outcome, "ok") << entry.action;
    }
  }
  EXPECT_EQ(openings, 1);
}

// ... and its timers follow the store: the decision that lost its answer
// moved the case to the county, whose deadline fires though no message
// came to the case since.
TEST_F(ActorsOnMemory, ACaseWhoseCommitAnswerWasLostKeepsTheStoresDeadline) {
  ASSERT_TRUE(runtime_->request("c1", transfer(1)).ok);
  storage_->lose_answer_when([](const Transition& t) { return t.case_id == "c1"; });
  const CaseReply lost =
      runtime_->request("c1", DecideStep{"sending_school", "4501020001", "approve", ""});
  storage_->lose_answer_when(nullptr);
  EXPECT_EQ(lost.error.code, "outcome_unknown");
  ASSERT_TRUE(runtime_->advance(at("2025-11-30T00:00:00+08:00")).ok());
  std::vector<std::string> escalated;
  for (const auto& batch : storage_->committed_batches()) {
    for (const auto& t : batch) {
      for (const auto& e : t.events) {
        if (t.case_id == "c1" && e.type == "escalated") escalated.push_back(e.body);
      }
    }
  }
  ASSERT_FALSE(escalated.empty());
  EXPECT_NE(escalated.front().find("sending_county"), std::string::npos) << escalated.front();
}

// An account whose use lost its answer: the use is on disk and pushed the
// seal back, so the seal instant the actor knew before is stale.
TEST_F(ActorsOnMemory, AnAccountWhoseCommitAnswerWasLostGoesOnFromTheStore) {
  ASSERT_TRUE(create_registrar("registrar-1").ok());
  const AccountReply first = runtime_->use_account("registrar-1", at("2025-09-27T09:00:00+08:00"));
  ASSERT_TRUE(first.ok) << first.error.message;
  ASSERT_TRUE(first.seal_due.has_value());
  storage_->lose_answer_when([](const Transition& t) { return !t.account_changes.empty(); });
  const AccountReply lost = runtime_->use_account("registrar-1", at("2025-12-01T09:00:00+08:00"));
  storage_->lose_answer_when(nullptr);
  EXPECT_FALSE(lost.ok);
  const AccountReply fired = runtime_->fire_account("registrar-1", *first.seal_due);
  EXPECT_FALSE(fired.ok);
  EXPECT_EQ(fired.error.code, "stale_timer") << fired.error.message;
  EXPECT_FALSE(fired.account.sealed());
  EXPECT_EQ(fired.account.last_used, *Date::parse("2025-12-01"));
}

// A use on a day already recorded changes nothing, so it is answered from
// what the account's actor settled (accounts_seen.h) without waking it;
// a use on a new day, and any use of a sealed account, is the actor's.
TEST_F(ActorsOnMemory, AUseThatWritesNothingWakesNoAccountActor) {
  ASSERT_TRUE(create_registrar("registrar-1").ok());
  const AccountReply first = runtime_->use_account("registrar-1", at("2025-09-27T09:00:00+08:00"));
  ASSERT_TRUE(first.ok) << first.error.message;
  runtime_->sweep();
  runtime_->sweep();
  ASSERT_EQ(runtime_->stats().accounts.resident, 0u);
  const size_t writes = storage_->committed_batches().size();

  const AccountReply later = runtime_->use_account("registrar-1", at("2025-09-27T17:00:00+08:00"));
  ASSERT_TRUE(later.ok) << later.error.message;
  EXPECT_EQ(later.account.last_used, *Date::parse("2025-09-27"));
  EXPECT_EQ(later.seal_due, first.seal_due);
  EXPECT_EQ(runtime_->stats().accounts.resident, 0u) << "answered without the actor";
  EXPECT_EQ(storage_->committed_batches().size(), writes);

  const AccountReply next_day =
      runtime_->use_account("registrar-1", at("2025-09-28T08:00:00+08:00"));
  ASSERT_TRUE(next_day.ok) << next_day.error.message;
  EXPECT_EQ(next_day.account.last_used, *Date::parse("2025-09-28"));
  EXPECT_EQ(runtime_->stats().accounts.resident, 1u);
  EXPECT_GT(storage_->committed_batches().size(), writes);

  // Sealed six months on; the same day's uses after the seal are refused.
  const AccountReply sealed = runtime_->fire_account("registrar-1", *next_day.seal_due);
  ASSERT_TRUE(sealed.ok) << sealed.error.message;
  for (const char* when : {"2026-03-29T08:00:00+08:00", "2026-03-29T09:00:00+08:00"}) {
    const AccountReply refused = runtime_->use_account("registrar-1", at(when));
    EXPECT_FALSE(refused.ok) << when;
    EXPECT_EQ(refused.error.code, "account_sealed") << when;
  }
}

// An opening whose id was drawn afresh starts its case without reading the
// store; the case is then resident, and once passivated it loads as any
// other. A fresh id on a case already resident goes to that case, which
// refuses a second opening.
TEST_F(ActorsOnMemory, AnOpeningOfAFreshIdReadsNoCaseFromTheStore) {
  const size_t before = storage_->case_loads();
  std::promise<CaseReply> opened;
  runtime_->open_new_async("fresh-1", transfer(1), nullptr, std::nullopt, {},
                           [&opened](CaseReply r) { opened.set_value(std::move(r)); });
  const CaseReply reply = opened.get_future().get();
  ASSERT_TRUE(reply.ok) << reply.error.message;
  EXPECT_EQ(reply.state.id, "fresh-1");
  EXPECT_EQ(storage_->case_loads(), before) << "no read of the store for a fresh id";
  EXPECT_EQ(storage_->events_of("fresh-1").size(), reply.events.size());

  std::promise<CaseReply> again;
  runtime_->open_new_async("fresh-1", transfer(1), nullptr, std::nullopt, {},
                           [&again](CaseReply r) { again.set_value(std::move(r)); });
  const CaseReply twice = again.get_future().get();
  EXPECT_FALSE(twice.ok) << "the resident case took a second opening";
  EXPECT_EQ(storage_->events_of("fresh-1").size(), reply.events.size());

  runtime_->sweep();
  runtime_->sweep();
  const CaseReply read = runtime_->request("fresh-1", WithdrawCase{"4501030002"});
  ASSERT_TRUE(read.ok) << read.error.message;
  EXPECT_EQ(storage_->case_loads(), before + 1) << "a passivated case loads as any other";
  EXPECT_EQ(read.state.id, "fresh-1");
}

// The directory reads the store on a reader of its own and goes on
// meanwhile: while a load is held in the store, a resident case is
// answered; a second message for the case being loaded waits behind the
// first (the county's approval is taken only after the school's); a case
// named meanwhile goes out with the next load.
TEST_F(ActorsOnMemory, ALoadHeldInTheStoreHoldsOnlyTheCasesItLoads) {
  auto open = [this](const std::string& id, int n) {
    std::promise<CaseReply> opened;
    runtime_->open_new_async(id, transfer(n), nullptr, std::nullopt, {},
                             [&opened](CaseReply r) { opened.set_value(std::move(r)); });
    return opened.get_future().get();
  };
  ASSERT_TRUE(open("held", 1).ok);
  ASSERT_TRUE(open("next", 2).ok);
  runtime_->sweep();
  runtime_->sweep();
  ASSERT_EQ(runtime_->stats().cases.resident, 0u);
  ASSERT_TRUE(open("resident", 3).ok);
  const size_t loads = storage_->case_loads();

  storage_->close_load_gate();
  auto school = submit("held", DecideStep{"sending_school", "4501020001", "approve", ""});
  storage_->wait_for_load_at_gate();
  auto county = submit("held", DecideStep{"sending_county", "450102", "approve", ""});
  auto next = submit("next", DecideStep{"sending_school", "4501020001", "approve", ""});
  auto resident = submit("resident", DecideStep{"sending_school", "4501020001", "approve", ""});
  // The gateway hands the directory its messages in the order they came:
  // once the resident case has answered, the other two have reached it.
  ASSERT_EQ(resident.wait_for(std::chrono::seconds(10)), std::future_status::ready)
      << "a resident case waited for a load of others";
  EXPECT_TRUE(resident.get().ok);
  EXPECT_EQ(next.wait_for(std::chrono::milliseconds(100)), std::future_status::timeout)
      << "a case named while a load was out was answered before the load came back";
  storage_->open_load_gate();
  const CaseReply first = school.get();
  ASSERT_TRUE(first.ok) << first.error.message;
  const CaseReply second = county.get();
  ASSERT_TRUE(second.ok) << "the county's approval was not taken after the school's: "
                         << second.error.code << ": " << second.error.message;
  ASSERT_NE(second.state.active(), nullptr);
  EXPECT_EQ(second.state.active()->plan.step, "receiving_county");
  const CaseReply later = next.get();
  EXPECT_TRUE(later.ok) << later.error.message;
  EXPECT_EQ(storage_->case_loads(), loads + 2) << "each case loaded once";
}

// A reminder due while the store refuses every write (PostgreSQL away at
// midnight) is not dropped from the index: it fires again once the store
// is back, and the deadline after it comes on time.
TEST_F(ActorsOnMemory, ATimerTheStoreCouldNotRecordFiresWhenItIsBack) {
  options_.timer_retry_seconds = 1;
  start();
  ASSERT_TRUE(runtime_->request("c1", transfer(1)).ok);
  storage_->fail_when([](const Transition& t) { return t.case_id == "c1"; });
  const Instant reminded_by = at("2025-10-16T00:00:00+08:00");
  ASSERT_EQ(*runtime_->advance(reminded_by), 1u);
  ASSERT_EQ(storage_->events_of("c1").size(), 2u);  // the reminder was not recorded
  storage_->fail_when(nullptr);
  // The retry comes after a second of real time; the virtual clock does
  // not move, so the reminder fires at the instant it was due.
  for (int i = 0; i < 50 && storage_->events_of("c1").size() == 2u; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    ASSERT_TRUE(runtime_->advance(reminded_by).ok());
  }
  ASSERT_EQ(storage_->events_of("c1").back().type, "reminded");
  ASSERT_EQ(*runtime_->advance(at("2025-10-17T00:00:00+08:00")), 1u);
  EXPECT_EQ(storage_->events_of("c1").back().type, "escalated");
}

// The retry interval doubles while the store keeps failing, and starts
// again from the first as soon as any timer is recorded: here a seal that
// failed twice (retried after 1 s, then 2 s) and then found the store back,
// so the reminder that fails next is retried after 1 s, not 4 s.
TEST_F(ActorsOnMemory, ATimerRecordedAgainResetsTheRetryIntervalForEveryKind) {
  options_.timer_retry_seconds = 1;
  start();
  ASSERT_TRUE(create_registrar("registrar-1").ok());
  const AccountReply used = runtime_->use_account("registrar-1", at("2025-09-27T09:00:00+08:00"));
  ASSERT_TRUE(used.ok && used.seal_due.has_value());
  const Instant seal_due = *used.seal_due;
  auto seal_tries = std::make_shared<std::atomic<int>>(0);
  storage_->fail_when([seal_tries](const Transition& t) {
    return !t.account_changes.empty() && ++*seal_tries <= 2;
  });
  ASSERT_TRUE(runtime_->advance(seal_due).ok());
  for (int i = 0; i < 100 && *seal_tries < 3; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    ASSERT_TRUE(runtime_->advance(seal_due).ok());
  }
  ASSERT_EQ(*seal_tries, 3) << "the seal was recorded at its third try";
  storage_->fail_when(nullptr);

  const CaseReply opened = runtime_->request("c1", transfer(1));
  ASSERT_TRUE(opened.ok) << opened.error.message;
  const Instant reminder = opened.state.next_timer()->at;
  auto case_tries = std::make_shared<std::atomic<int>>(0);
  storage_->fail_when(
      [case_tries](const Transition& t) { return t.case_id == "c1" && ++*case_tries == 1; });
  ASSERT_TRUE(runtime_->advance(reminder).ok());
  ASSERT_EQ(*case_tries, 1);
  const auto failed_at = std::chrono::steady_clock::now();
  for (int i = 0; i < 100 && storage_->events_of("c1").back().type != "reminded"; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    ASSERT_TRUE(runtime_->advance(reminder).ok());
  }
  ASSERT_EQ(storage_->events_of("c1").back().type, "reminded");
  EXPECT_LT(std::chrono::steady_clock::now() - failed_at, std::chrono::seconds(3))
      << "retried after the first interval (1 s), not the doubled one (4 s)";
}

}  // namespace
}  // namespace xueji::test
