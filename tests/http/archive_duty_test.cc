// The archive's deadlines survive a stop (Art. 6, 7), on PostgreSQL and
// SQLite with the server over real HTTP: the step a registration or an
// approval owes is recorded in the operation's own commit; a duty a stop
// left without its case (the state a SIGKILL between the two commits
// leaves) gets its case at the next start, its period counted from when it
// was owed; and opening is idempotent: two starts, one case. While the
// server runs, the sweep opens a duty whose follow-up failed, without a
// restart.

#include <chrono>
#include <map>
#include <mutex>
#include <set>
#include <thread>

#include "actors/archive_duty_sweep.h"
#include "actors/archive_opening.h"
#include "adapters/store/sql_journal.h"
#include "tests/http/api_fixture.h"

namespace xueji::test {
namespace {

class ArchiveDuties : public ApiFixture {
 protected:
  std::vector<ArchiveDuty> owed() {
    auto store = TestStore::open(url_);
    EXPECT_TRUE(store.ok());
    auto duties = (*store)->journal().owed_archive_duties();
    EXPECT_TRUE(duties.ok()) << duties.error().message;
    return duties.ok() ? *duties : std::vector<ArchiveDuty>{};
  }

  // The cases of `kind` the record `number` has, by id.
  std::vector<CaseState> cases_of(const std::string& number, const std::string& kind) {
    auto store = TestStore::open(url_);
    EXPECT_TRUE(store.ok());
    std::vector<CaseState> out;
    auto cases = (*store)->reads.case_states_of(number);
    EXPECT_TRUE(cases.ok());
    for (const auto& c : cases.ok() ? *cases : std::vector<CaseState>{}) {
      if (c.kind == kind) out.push_back(c);
    }
    return out;
  }

  // What a stop between a registration's commit and its archive case's
  // leaves: the record and its duty, committed together, and no case.
  ArchiveDuty registered_without_case(const Student& s, Instant when,
                                      const std::string& case_id = "C00000000000dead1") {
    ArchiveDuty duty{case_id, "archive_build", s.registration_number, s.school, when};
    Transition registration;
    registration.records.registrations.push_back(s);
    registration.records.archive_owed.push_back(duty);
    auto store = TestStore::open(url_);
    EXPECT_TRUE(store.ok());
    auto committed = (*store)->commit({registration});
    EXPECT_TRUE(committed.ok()) << committed.error().message;
    return duty;
  }

  // How many archive_build cases the records `numbers` have in all, each
  // expected to have one (read on one connection: hundreds of records).
  size_t archive_cases_of(const std::vector<std::string>& numbers) {
    auto store = TestStore::open(url_);
    EXPECT_TRUE(store.ok());
    size_t built = 0;
    for (const auto& number : numbers) {
      auto cases = (*store)->reads.case_states_of(number);
      EXPECT_TRUE(cases.ok());
      size_t own = 0;
      for (const auto& c : cases.ok() ? *cases : std::vector<CaseState>{}) {
        own += c.kind == "archive_build" ? 1 : 0;
      }
      EXPECT_EQ(own, 1u) << number;
      built += own;
    }
    return built;
  }

  int audited_openings(const std::string& case_id) {
    int n = 0;
    for (const auto& e : audit_trail()) {
      if (e.action == "case.open" && e.target == "case:" + case_id) ++n;
    }
    return n;
  }
};

TEST_P(ArchiveDuties, ARegistrationsCaseOpensAtOnceAndSettlesItsDuty) {
  const std::string number = register_student(5, "4501020001");
  auto built = cases_of(number, "archive_build");
  ASSERT_EQ(built.size(), 1u);
  ASSERT_TRUE(built[0].opened_at.has_value());
  EXPECT_EQ(*built[0].opened_at, clock_->now());
  EXPECT_TRUE(owed().empty());  // settled in the opening's own transaction

  // Art. 7: the approved transfer owes an update, opened at once under the
  // id derived from the transfer's.
  const std::string transfer = open_transfer(number);
  approve_transfer(transfer);
  auto updates = cases_of(number, "archive_update");
  ASSERT_EQ(updates.size(), 1u);
  EXPECT_EQ(updates[0].id, archive_case_id(transfer, "archive_update"));
  ASSERT_NE(updates[0].active(), nullptr);
  EXPECT_EQ(updates[0].active()->holder, "4501030002");  // the school it moved to
  EXPECT_TRUE(owed().empty());
}

TEST_P(ArchiveDuties, ADutyLeftByAStopIsOpenedAtStartCountedFromWhenItWasOwed) {
  // A registration the server handled whole, at 09-26 09:00: its due date.
  const std::string reference = register_student(5, "4501020001");
  auto normal = cases_of(reference, "archive_build");
  ASSERT_EQ(normal.size(), 1u);
  ASSERT_NE(normal[0].active(), nullptr);
  const std::optional<Date> due = normal[0].active()->due;
  ASSERT_TRUE(due.has_value());

  // Another, at the same instant, whose archive case a kill prevented.
  stop();
  Student s = make_student("4501020001", 3, StudentStatus::enrolled, "20140101", "002");
  const ArchiveDuty duty = registered_without_case(s, at("2025-09-26T09:00:00+08:00"));
  ASSERT_EQ(owed().size(), 1u);
  EXPECT_TRUE(cases_of(s.registration_number, "archive_build").empty());

  // The server comes back two weeks later.
  clock_->set(at("2025-10-10T09:00:00+08:00"));
  start(clock_);
  auto opened = cases_of(s.registration_number, "archive_build");
  ASSERT_EQ(opened.size(), 1u);
  EXPECT_EQ(opened[0].id, duty.case_id);
  ASSERT_NE(opened[0].active(), nullptr);
  EXPECT_EQ(opened[0].active()->holder, "4501020001");
  // Art. 6: two months from the registration, not from the restart.
  EXPECT_EQ(opened[0].active()->due, due);
  EXPECT_EQ(*opened[0].opened_at, at("2025-10-10T09:00:00+08:00"));
  EXPECT_TRUE(owed().empty());
  // The opening is on the audit trail, by the engine, naming the duty.
  const auto trail = audit_trail();
  const auto entry = std::find_if(trail.begin(), trail.end(), [&](const AuditEntry& e) {
    return e.action == "case.open" && e.target == "case:" + duty.case_id;
  });
  ASSERT_NE(entry, trail.end());
  EXPECT_EQ(entry->account, "xueji");
  EXPECT_EQ(entry->outcome, "ok");
  EXPECT_NE(entry->detail.find("Art. 6"), std::string::npos) << entry->detail;
  // The school sees it among its pending steps.
  auto pending = call("GET", "/v1/orgs/4501020001/pending", nullptr, reg("4501020001"));
  ASSERT_EQ(pending.status, 200) << pending.body;
  EXPECT_NE(pending.body.find(duty.case_id), std::string::npos) << pending.body;
}

// What `xueji import` leaves: a term's entrants registered with their
// duties and no cases. The next start opens them side by side, so the
// openings share group commits (one after another, 10,000 entrants would
// hold the start for about half a minute).
TEST_P(ArchiveDuties, DutiesAnImportLeftAreOpenedAtStartInCommitsTheyShare) {
  constexpr int kEntrants = 300;
  stop();
  Transition import;
  std::vector<std::string> numbers;
  for (int i = 0; i < kEntrants; ++i) {
    char seq[8];
    std::snprintf(seq, sizeof seq, "%03d", i);
    Student s = make_student("4501020001", 1, StudentStatus::enrolled, "20190101", seq);
    numbers.push_back(s.registration_number);
    import.records.registrations.push_back(s);
    import.records.archive_owed.push_back(ArchiveDuty{"C0000000000" + std::string(seq) + "abc",
                                                      "archive_build", s.registration_number,
                                                      s.school, at("2025-09-26T09:00:00+08:00")});
  }
  {
    auto store = TestStore::open(url_);
    ASSERT_TRUE(store.ok());
    auto committed = (*store)->commit({import});
    ASSERT_TRUE(committed.ok()) << committed.error().message;
  }
  ASSERT_EQ(owed().size(), static_cast<size_t>(kEntrants));
  start(clock_);
  const RuntimeStats stats = engine_->stats();
  int64_t commits = 0;
  for (int64_t c : stats.batch_sizes) commits += c;
  EXPECT_LT(commits, kEntrants / 2);
  EXPECT_TRUE(owed().empty());
  // Opened, then put to sleep rather than held resident until the idle
  // sweep (a million after a province's intake).
  EXPECT_EQ(stats.cases.resident, 0u);
  EXPECT_EQ(stats.cases.passivated, static_cast<size_t>(kEntrants));
  auto store = TestStore::open(url_);
  ASSERT_TRUE(store.ok());
  for (const auto& number : numbers) {
    auto cases = (*store)->reads.case_states_of(number);
    ASSERT_TRUE(cases.ok()) << cases.error().message;
    EXPECT_EQ(cases->size(), 1u) << number;
  }
}

// As `xueji serve` starts: the duties an import left open behind the
// start, on a thread of their own (RuntimeOptions::
// open_left_duties_in_background), each once, what was done told once;
// a stop during that opening leaves the rest owed for the next start, and
// no duty gets two cases whichever moment the stop came.
TEST_P(ArchiveDuties, AServersStartOpensTheDutiesLeftOwedBehindItAndAStopLeavesTheRestOwed) {
  const std::shared_ptr<const Domain> data = engine_->data();
  stop();
  constexpr int kEntrants = 300;
  const auto owe = [&](char batch) {
    Transition import;
    std::vector<std::string> numbers;
    for (int i = 0; i < kEntrants; ++i) {
      char seq[8];
      std::snprintf(seq, sizeof seq, "%03d", i);
      Student s = make_student("4501020001", 1, StudentStatus::enrolled,
                               batch == 'a' ? "20190101" : "20190202", seq);
      numbers.push_back(s.registration_number);
      import.records.registrations.push_back(s);
      import.records.archive_owed.push_back(
          ArchiveDuty{"C000000000" + std::string(1, batch) + seq + "abc", "archive_build",
                      s.registration_number, s.school, at("2025-09-26T09:00:00+08:00")});
    }
    auto store = TestStore::open(url_);
    EXPECT_TRUE(store.ok());
    auto committed = (*store)->commit({import});
    EXPECT_TRUE(committed.ok()) << committed.error().message;
    return numbers;
  };
  RuntimeOptions options;
  options.open_left_duties_in_background = true;
  std::vector<LeftDutiesOpened> told;
  std::mutex told_mutex;
  options.left_duties_opened = [&](const LeftDutiesOpened& done) {
    std::lock_guard<std::mutex> lock(told_mutex);
    told.push_back(done);
  };

  const std::vector<std::string> first = owe('a');
  {
    auto engine = Runtime::start(options, data, store::sql_journal_factory(url_));
    ASSERT_TRUE(engine.ok()) << engine.error().message;
    const LeftDutiesOpened done = (*engine)->await_left_duties();
    ASSERT_TRUE(done.status) << done.status.error().message;
    EXPECT_EQ(done.owed, static_cast<size_t>(kEntrants));
    EXPECT_EQ(done.taken, static_cast<size_t>(kEntrants));
    EXPECT_EQ((*engine)->stats().cases.resident, 0u);  // put to sleep, as at start
  }
  ASSERT_EQ(told.size(), 1u);
  EXPECT_EQ(told[0].taken, static_cast<size_t>(kEntrants));
  EXPECT_TRUE(owed().empty());
  EXPECT_EQ(archive_cases_of(first), first.size());

  // Stopped at once: the opening may have begun or not.
  const std::vector<std::string> second = owe('b');
  {
    auto engine = Runtime::start(options, data, store::sql_journal_factory(url_));
    ASSERT_TRUE(engine.ok()) << engine.error().message;
  }
  ASSERT_EQ(told.size(), 2u);
  EXPECT_EQ(told[1].taken + owed().size(), static_cast<size_t>(kEntrants));
  start(clock_);  // the start that opens in start()
  EXPECT_TRUE(owed().empty());
  EXPECT_EQ(archive_cases_of(second), second.size());
  std::map<std::string, int> openings;
  for (const auto& e : audit_trail()) {
    if (e.action == "case.open" && e.target.find("case:C000000000b") == 0) ++openings[e.target];
  }
  EXPECT_EQ(openings.size(), second.size());
  for (const auto& [target, n] : openings) EXPECT_EQ(n, 1) << target;
}

// What the start and the sweep do, a few duties to a page: each read
// once, those picked opened once and put to sleep, the others left owed.
TEST_P(ArchiveDuties, LeftDutiesAreReadAndOpenedAPageAtATime) {
  constexpr int kOwed = 23;
  std::vector<ArchiveDuty> duties;
  for (int i = 0; i < kOwed; ++i) {
    char seq[8], id[24];
    std::snprintf(seq, sizeof seq, "%03d", i);
    std::snprintf(id, sizeof id, "C0000000000%03dbcd", i);
    Student s = make_student("4501020001", 1, StudentStatus::enrolled, "20190101", seq);
    duties.push_back(registered_without_case(s, at("2025-09-26T09:00:00+08:00"), id));
  }
  auto store = TestStore::open(url_);
  ASSERT_TRUE(store.ok());
  std::set<std::string> offered;
  size_t read_twice = 0;
  const LeftDutiesOpened done = open_left_duties(
      *engine_, (*store)->journal(),
      [&](const ArchiveDuty& duty) {
        read_twice += offered.insert(duty.case_id).second ? 0 : 1;
        return duty.case_id[13] != '7';  // all but the 7th and the 17th
      },
      5);
  ASSERT_TRUE(done.status) << done.status.error().message;
  EXPECT_EQ(done.owed, static_cast<size_t>(kOwed));
  EXPECT_EQ(done.taken, static_cast<size_t>(kOwed - 2));
  EXPECT_EQ(offered.size(), static_cast<size_t>(kOwed));
  EXPECT_EQ(read_twice, 0u);
  const auto left = owed();
  ASSERT_EQ(left.size(), 2u);
  for (const auto& duty : left) EXPECT_EQ(duty.case_id[13], '7') << duty.case_id;
  for (const auto& duty : duties) {
    const bool taken = duty.case_id[13] != '7';
    EXPECT_EQ(cases_of(duty.subject, "archive_build").size(), taken ? 1u : 0u) << duty.case_id;
    EXPECT_EQ(audited_openings(duty.case_id), taken ? 1 : 0) << duty.case_id;
  }
  EXPECT_EQ(engine_->stats().cases.resident, 0u);
}

TEST_P(ArchiveDuties, StartingTwiceOpensOneCase) {
  stop();
  Student s = make_student("4501020001", 3, StudentStatus::enrolled, "20140101", "002");
  const ArchiveDuty duty = registered_without_case(s, at("2025-09-26T09:00:00+08:00"));
  start(clock_);
  stop();
  start(clock_);
  EXPECT_EQ(cases_of(s.registration_number, "archive_build").size(), 1u);
  EXPECT_EQ(audited_openings(duty.case_id), 1);
  EXPECT_TRUE(owed().empty());

  // A duty still recorded although its case exists (as if its settling had
  // been lost) is only settled at start: no second case, no refusal.
  stop();
  {
    auto store = TestStore::open(url_);
    ASSERT_TRUE(store.ok());
    Transition again;
    again.records.archive_owed.push_back(duty);
    ASSERT_TRUE((*store)->commit({again}).ok());
  }
  ASSERT_EQ(owed().size(), 1u);
  start(clock_);
  EXPECT_EQ(cases_of(s.registration_number, "archive_build").size(), 1u);
  EXPECT_EQ(audited_openings(duty.case_id), 1);
  EXPECT_TRUE(owed().empty());
}

TEST_P(ArchiveDuties, ADutyOfARecordClosedMeanwhileIsRefusedOnceAndSettled) {
  stop();
  Student s = make_student("4501020001", 3, StudentStatus::enrolled, "20140101", "002");
  const ArchiveDuty duty = registered_without_case(s, at("2025-09-26T09:00:00+08:00"));
  {
    auto store = TestStore::open(url_);
    ASSERT_TRUE(store.ok());
    Transition death;
    death.student_changes.push_back(
        StudentChange{s.registration_number, "deceased", "", "", "test", {}, {}, {}});
    ASSERT_TRUE((*store)->commit({death}).ok());
  }
  start(clock_);
  EXPECT_TRUE(cases_of(s.registration_number, "archive_build").empty());
  EXPECT_TRUE(owed().empty());  // not retried at every start
  const auto trail = audit_trail();
  const auto entry = std::find_if(trail.begin(), trail.end(), [&](const AuditEntry& e) {
    return e.action == "case.open" && e.target == "case:" + duty.case_id;
  });
  ASSERT_NE(entry, trail.end());
  EXPECT_NE(entry->outcome, "ok");
}

// What a follow-up that failed while the server ran leaves (a store blip
// between the registration's commit and its case's): the duty, owed. The
// sweep leaves it at its first look, in case the follow-up is still
// opening it, and opens it at the second, counted from when it was owed.
TEST_P(ArchiveDuties, TheSweepOpensADutyAFailedFollowUpLeftAtItsSecondLook) {
  const std::string reference = register_student(5, "4501020001");
  auto normal = cases_of(reference, "archive_build");
  ASSERT_EQ(normal.size(), 1u);
  ASSERT_NE(normal[0].active(), nullptr);
  const std::optional<Date> due = normal[0].active()->due;

  Student s = make_student("4501020001", 3, StudentStatus::enrolled, "20140101", "002");
  const ArchiveDuty duty = registered_without_case(s, clock_->now());
  clock_->set(at("2025-10-10T09:00:00+08:00"));  // two weeks on, the server still running
  auto sweep = std::make_shared<ArchiveDutySweep>(*engine_, store::sql_journal_factory(url_));
  api_->set_archive_sweep(sweep);
  // /metrics shows what the last look read, and nothing before one has.
  auto owed_on_metrics = [&] {
    const std::string body = call("GET", "/metrics", nullptr, "").body;
    const std::string name = "\nxueji_archive_steps_owed ";
    const auto at = body.find(name);
    return at == std::string::npos ? -1 : std::stoi(body.substr(at + name.size()));
  };
  EXPECT_EQ(owed_on_metrics(), -1);
  const ArchiveDutySweep::Look first = sweep->look();
  ASSERT_TRUE(first.status) << first.status.error().message;
  EXPECT_EQ(first.owed, 1u);
  EXPECT_EQ(first.taken, 0u);
  EXPECT_TRUE(cases_of(s.registration_number, "archive_build").empty());
  EXPECT_EQ(owed_on_metrics(), 1);

  const ArchiveDutySweep::Look second = sweep->look();
  ASSERT_TRUE(second.status) << second.status.error().message;
  EXPECT_EQ(second.owed, 1u);
  EXPECT_EQ(second.taken, 1u);
  auto opened = cases_of(s.registration_number, "archive_build");
  ASSERT_EQ(opened.size(), 1u);
  EXPECT_EQ(opened[0].id, duty.case_id);
  ASSERT_NE(opened[0].active(), nullptr);
  EXPECT_EQ(opened[0].active()->due, due);  // Art. 6: from the registration
  EXPECT_EQ(*opened[0].opened_at, at("2025-10-10T09:00:00+08:00"));
  EXPECT_TRUE(owed().empty());
  EXPECT_EQ(audited_openings(duty.case_id), 1);

  const ArchiveDutySweep::Look third = sweep->look();
  EXPECT_EQ(third.owed, 0u);
  EXPECT_EQ(third.taken, 0u);
  EXPECT_EQ(audited_openings(duty.case_id), 1);
  EXPECT_EQ(owed_on_metrics(), 0);
  api_->set_archive_sweep(nullptr);
}

// A duty the sweep saw once and its follow-up then opened is not opened
// again, and one recorded after a look waits for the next.
TEST_P(ArchiveDuties, TheSweepTakesOnlyWhatStayedOwedSinceItsPreviousLook) {
  Student early = make_student("4501020001", 3, StudentStatus::enrolled, "20140101", "002");
  const ArchiveDuty first_duty = registered_without_case(early, clock_->now());
  ArchiveDutySweep sweep(*engine_, store::sql_journal_factory(url_));
  ASSERT_EQ(sweep.look().taken, 0u);
  // Its follow-up comes through after all.
  auto record = TestStore::open(url_);
  ASSERT_TRUE(record.ok());
  auto stored = (*record)->reads.find_student(early.registration_number);
  ASSERT_TRUE(stored.ok() && *stored);
  const Status followed = open_archive_duties(
      *engine_, {first_duty}, [&](const ArchiveDuty&) { return std::optional<Student>(**stored); },
      [&](const ArchiveDuty& d) { return archive_duty_entry(d, clock_->now()); },
      DutySource::just_recorded);
  ASSERT_TRUE(followed) << followed.error().message;
  Student late = make_student("4501020001", 3, StudentStatus::enrolled, "20140101", "003");
  const ArchiveDuty second_duty = registered_without_case(late, clock_->now(), "C00000000000dead2");

  const ArchiveDutySweep::Look look = sweep.look();
  ASSERT_TRUE(look.status) << look.status.error().message;
  EXPECT_EQ(look.owed, 1u);
  EXPECT_EQ(look.taken, 0u);  // the late one is new to it
  EXPECT_EQ(audited_openings(first_duty.case_id), 1);
  EXPECT_TRUE(cases_of(late.registration_number, "archive_build").empty());
  EXPECT_EQ(sweep.look().taken, 1u);
  EXPECT_EQ(cases_of(late.registration_number, "archive_build").size(), 1u);
  EXPECT_EQ(audited_openings(second_duty.case_id), 1);
}

// The sweep's own thread, as `xueji serve` starts it: a duty left owed is
// opened within two intervals and the look is reported.
TEST_P(ArchiveDuties, TheSweepsThreadOpensAnOwedDutyWithinTwoIntervals) {
  Student s = make_student("4501020001", 3, StudentStatus::enrolled, "20140101", "002");
  const ArchiveDuty duty = registered_without_case(s, clock_->now());
  std::mutex m;
  std::vector<ArchiveDutySweep::Look> reported;
  {
    ArchiveDutySweep sweep(*engine_, store::sql_journal_factory(url_));
    sweep.start(1, [&](const ArchiveDutySweep::Look& look) {
      std::lock_guard<std::mutex> lock(m);
      reported.push_back(look);
    });
    for (int i = 0; i < 300 && !owed().empty(); ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
  }  // stopped and joined here
  EXPECT_TRUE(owed().empty());
  EXPECT_EQ(cases_of(s.registration_number, "archive_build").size(), 1u);
  EXPECT_EQ(audited_openings(duty.case_id), 1);
  std::lock_guard<std::mutex> lock(m);
  ASSERT_EQ(reported.size(), 1u);  // the looks that found it new, or nothing, are not told
  EXPECT_TRUE(reported[0].status);
  EXPECT_EQ(reported[0].taken, 1u);
}

INSTANTIATE_TEST_SUITE_P(Backends, ArchiveDuties, ::testing::Values("postgresql", "sqlite"),
                         backend_name);

}  // namespace
}  // namespace xueji::test
