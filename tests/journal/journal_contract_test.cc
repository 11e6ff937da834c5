// The journal's contract (actors/port/journal.h), one suite on all three
// implementations: the in-memory journal the actor tests use, and the SQL
// journal on PostgreSQL and on SQLite. The memory journal cannot drift from
// the real ones without a test here failing.

#include <gtest/gtest.h>

#include "tests/journal/journal_fixture.h"

namespace xueji::test {
namespace {

class JournalContract : public JournalFixture {
 protected:
  static Account account(const std::string& name, Date last_used) {
    Account a;
    a.name = name;
    a.org = "450102";
    a.role = Role::registrar;
    a.password_hash = "hash";
    a.password_changed = last_used;
    a.last_used = last_used;
    return a;
  }
};

TEST_P(JournalContract, CommittedCasesLoadBackAsTheyWereEncoded) {
  Transition t = opened("c1", make_student("4501020001", 5), at("2025-09-26T10:00:00+08:00"));
  const CaseState after = state_;
  ASSERT_TRUE(journal_->commit({t}).ok());
  auto loaded = journal_->load_cases({"nope", "c1"});
  ASSERT_TRUE(loaded.ok()) << loaded.error().message;
  ASSERT_EQ(loaded->size(), 1u);
  EXPECT_EQ(loaded->at("c1"), after);
  // Another journal on the same storage sees it: a connection of its own.
  auto other = journals_();
  ASSERT_TRUE(other.ok());
  EXPECT_EQ((*other)->load_cases({"c1"})->size(), 1u);
  EXPECT_TRUE(journal_->load_cases({})->empty());
}

TEST_P(JournalContract, ABatchWithATakenEventNumberWritesNothing) {
  const Transition first =
      opened("c1", make_student("4501020001", 5), at("2025-09-26T10:00:00+08:00"));
  ASSERT_TRUE(journal_->commit({first}).ok());
  const Transition other =
      opened("c2", make_student("4501020001", 4, StudentStatus::enrolled, "20140101"),
             at("2025-09-26T11:00:00+08:00"));
  auto failed = journal_->commit({other, first});  // c1's events again
  ASSERT_FALSE(failed.ok());
  EXPECT_EQ(failed.error().code, "store_failed") << failed.error().message;
  EXPECT_TRUE(journal_->load_cases({"c2"})->empty());
  ASSERT_TRUE(journal_->commit({other}).ok());
  EXPECT_EQ(journal_->load_cases({"c1", "c2"})->size(), 2u);
}

TEST_P(JournalContract, TheLatestTransitionOfACaseInABatchWins) {
  Transition open = opened("c1", make_student("4501020001", 5), at("2025-09-26T10:00:00+08:00"));
  auto decided = run(DecideStep{"sending_school", "4501020001", "approve", ""},
                     at("2025-09-29T10:00:00+08:00"));
  ASSERT_TRUE(decided.ok()) << decided.error().message;
  Transition next = case_transition(static_cast<int64_t>(open.events.size()), *decided, state_);
  ASSERT_TRUE(journal_->commit({open, next}).ok());
  EXPECT_EQ(journal_->load_cases({"c1"})->at("c1"), state_);
}

TEST_P(JournalContract, WakesComeByWindowSoonestFirst) {
  // Three cases opened on three days: their first timers fall on three
  // different instants.
  const char* opened_at[] = {"2025-09-26T10:00:00+08:00", "2025-09-29T10:00:00+08:00",
                             "2025-09-30T10:00:00+08:00"};
  std::vector<Instant> timers;
  for (int i = 2; i >= 0; --i) {
    Transition t = opened("c" + std::to_string(i),
                          make_student("4501020001", 5, StudentStatus::enrolled, "20130915",
                                       "00" + std::to_string(i + 1)),
                          at(opened_at[i]));
    ASSERT_TRUE(t.row.next_instant.has_value());
    timers.insert(timers.begin(), Instant::from_unix_seconds(*t.row.next_instant));
    ASSERT_TRUE(journal_->commit({t}).ok());
  }
  ASSERT_TRUE(timers[0] < timers[1] && timers[1] < timers[2]);
  auto all =
      journal_->wakes(WakeIndex::cases, Instant::from_unix_seconds(0), timers[2].plus_seconds(1));
  ASSERT_TRUE(all.ok()) << all.error().message;
  ASSERT_EQ(all->size(), 3u);
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ((*all)[i].id, "c" + std::to_string(i));
    EXPECT_EQ((*all)[i].at, timers[i]);
  }
  // [from, until): the lower bound is in, the upper bound out.
  auto middle = journal_->wakes(WakeIndex::cases, timers[1], timers[2]);
  ASSERT_EQ(middle->size(), 1u);
  EXPECT_EQ(middle->front().id, "c1");
  EXPECT_TRUE(
      journal_->wakes(WakeIndex::accounts, Instant::from_unix_seconds(0), timers[2].plus_seconds(1))
          ->empty());
}

TEST_P(JournalContract, AccountsAndTheirSealsLoadBack) {
  Transition created;
  created.records.new_accounts.push_back(
      NewAccount{account("reg.a", day("2025-09-01")), at("2025-09-01T09:00:00+08:00")});
  created.records.new_accounts.push_back(
      NewAccount{account("reg.b", day("2025-10-01")), at("2025-10-01T09:00:00+08:00")});
  ASSERT_TRUE(journal_->commit({created}).ok());
  auto loaded = journal_->load_accounts({"reg.b", "nobody", "reg.a"});
  ASSERT_TRUE(loaded.ok()) << loaded.error().message;
  ASSERT_EQ(loaded->size(), 2u);
  EXPECT_EQ(loaded->at("reg.a").seal_due, seal_due(day("2025-09-01")));
  EXPECT_EQ(loaded->at("reg.a").account.org, "450102");
  EXPECT_EQ(loaded->at("reg.a").created_at, at("2025-09-01T09:00:00+08:00"));

  // reg.a is sealed: out of the seal index; reg.b used later: its seal moves.
  Transition changed;
  changed.account_changes.push_back(
      AccountChange{"reg.a", day("2025-09-01"), std::nullopt, at("2026-03-02T00:00:00+08:00")});
  changed.account_changes.push_back(
      AccountChange{"reg.b", day("2025-12-01"), seal_due(day("2025-12-01")), std::nullopt});
  ASSERT_TRUE(journal_->commit({changed}).ok());
  auto seals = journal_->wakes(WakeIndex::accounts, Instant::from_unix_seconds(0),
                               at("2030-01-01T00:00:00+08:00"));
  ASSERT_EQ(seals->size(), 1u);
  EXPECT_EQ(seals->front().id, "reg.b");
  EXPECT_EQ(seals->front().at, seal_due(day("2025-12-01")));
  auto a = journal_->load_accounts({"reg.a"})->at("reg.a");
  EXPECT_EQ(a.account.sealed_at, at("2026-03-02T00:00:00+08:00"));
  EXPECT_FALSE(a.seal_due.has_value());
}

TEST_P(JournalContract, ATakenNameOrNumberFailsItsBatch) {
  Transition first;
  first.records.new_accounts.push_back(
      NewAccount{account("reg.a", day("2025-09-01")), at("2025-09-01T09:00:00+08:00")});
  first.records.registrations.push_back(make_student("4501020001", 5));
  ASSERT_TRUE(journal_->commit({first}).ok());
  Transition again_account;
  again_account.records.new_accounts = first.records.new_accounts;
  EXPECT_FALSE(journal_->commit({again_account}).ok());
  Transition again_student;
  again_student.records.registrations = first.records.registrations;
  // With a case in the same batch: nothing of it is written.
  Transition c = opened("c9", make_student("4501020001", 3, StudentStatus::enrolled, "20150101"),
                        at("2025-09-26T10:00:00+08:00"));
  EXPECT_FALSE(journal_->commit({c, again_student}).ok());
  EXPECT_TRUE(journal_->load_cases({"c9"})->empty());
}

TEST_P(JournalContract, AStudentChangeIsACompareAndSetOnTheFieldsItNames) {
  const Student s = make_student("4501020001", 5);
  Transition registration;
  registration.records.registrations.push_back(s);
  ASSERT_TRUE(journal_->commit({registration}).ok());
  const std::string n = s.registration_number;
  auto change = [&n](const char* status, const char* school, const char* if_school) {
    Transition t;
    t.student_changes.push_back(StudentChange{n, status, school, if_school, "cX", {}, {}, {}});
    return t;
  };
  auto load = [&](const std::string& number) {
    return journal_->load_students({number})->at(number);
  };
  ASSERT_EQ(load(n).version, 0);

  // Opening a transfer marks the student, conditioned on the school it was
  // opened at; the case is now among the student's open ones.
  ASSERT_TRUE(journal_->commit({opened("c1", s, at("2025-09-26T10:00:00+08:00"))}).ok());
  EXPECT_EQ(load(n).student.status, StudentStatus::transfer_pending);
  EXPECT_EQ(load(n).version, 1);
  EXPECT_EQ(*journal_->open_cases(n), std::vector<std::string>{"c1"});

  // A change resting on another school, or one the status machine forbids
  // from the status held now, fails its whole batch and names why.
  const Transition c2 =
      opened("c2", make_student("4501020001", 4, StudentStatus::enrolled, "20140101"),
             at("2025-09-26T11:00:00+08:00"));
  auto elsewhere = journal_->commit({c2, change("enrolled", "4501030002", "4501020002")});
  ASSERT_FALSE(elsewhere.ok());
  EXPECT_EQ(elsewhere.error().code, "student_changed");
  EXPECT_NE(elsewhere.error().message.find(n), std::string::npos) << elsewhere.error().message;
  EXPECT_TRUE(journal_->load_cases({"c2"})->empty());
  auto forbidden = journal_->commit({change("on_leave", "", "4501020001")});
  ASSERT_FALSE(forbidden.ok());
  EXPECT_EQ(forbidden.error().code, "student_changed");
  EXPECT_NE(forbidden.error().message.find("transfer_pending"), std::string::npos)
      << forbidden.error().message;
  EXPECT_EQ(load(n).version, 1);

  // A death is bound to no school; only the fields named change.
  ASSERT_TRUE(journal_->commit({change("deceased", "", "4501099999")}).ok());
  const StoredStudent dead = load(n);
  EXPECT_EQ(dead.student.status, StudentStatus::deceased);
  EXPECT_EQ(dead.student.school, "4501020001");
  EXPECT_EQ(dead.student.grade, 5);
  EXPECT_EQ(dead.version, 2);
  EXPECT_EQ(journal_->commit({change("enrolled", "4501030002", "4501020001")}).error().code,
            "student_changed");

  // Two changes of one student in one batch apply in order, the second
  // checked against what the first left; a batch whose second no longer
  // fits writes neither.
  const Student t = make_student("4501020001", 3, StudentStatus::enrolled, "20150101");
  Transition second;
  second.records.registrations.push_back(t);
  ASSERT_TRUE(journal_->commit({second}).ok());
  auto of_t = [&t](const char* status, const char* school, const char* if_school) {
    Transition x;
    x.student_changes.push_back(
        StudentChange{t.registration_number, status, school, if_school, "cY", {}, {}, {}});
    return x;
  };
  ASSERT_TRUE(journal_
                  ->commit({of_t("transfer_pending", "", "4501020001"),
                            of_t("enrolled", "4501030002", "4501020001")})
                  .ok());
  EXPECT_EQ(load(t.registration_number).student.school, "4501030002");
  EXPECT_EQ(load(t.registration_number).version, 2);
  EXPECT_FALSE(
      journal_->commit({of_t("on_leave", "", "4501030002"), of_t("on_leave", "", "4501030002")})
          .ok());
  EXPECT_EQ(load(t.registration_number).student.status, StudentStatus::enrolled);
  EXPECT_EQ(load(t.registration_number).version, 2);
  // A change for a subject with no record (a child not yet registered) is
  // no change.
  Transition nobody;
  nobody.student_changes.push_back(StudentChange{"Gnobody", "enrolled", "", "", "cZ", {}, {}, {}});
  EXPECT_TRUE(journal_->commit({nobody}).ok());
  EXPECT_TRUE(journal_->load_students({"Gnobody"})->empty());
}

TEST_P(JournalContract, APromotionRunMovesEachLiveRecordUpOnceInBatches) {
  const std::vector<Student> students = {
      make_student("4501020001", 1, StudentStatus::enrolled, "20190901", "001"),
      make_student("4501020001", 5, StudentStatus::on_leave, "20150901", "002"),
      make_student("4501020001", 6, StudentStatus::enrolled, "20140901", "003"),  // last of a stage
      make_student("4501020002", 8, StudentStatus::transfer_pending, "20120901", "004"),
      make_student("4501020002", 3, StudentStatus::withdrawn, "20170901", "005"),  // closed
      make_student("4501030002", 2, StudentStatus::enrolled, "20180901", "006"),   // other county
      make_student("4501020003", 11, StudentStatus::enrolled, "20090901", "007")};
  Transition registration;
  registration.records.registrations = students;
  ASSERT_TRUE(journal_->commit({registration}).ok());
  auto run = promotion_run(*orgs_, "450102", 2026, at("2026-09-01T00:00:00+08:00"));
  ASSERT_TRUE(run.ok()) << run.error().message;
  run->batch = 2;
  auto run_to_end = [this](const StudentRun& r) {
    RunProgress p;
    int batches = 0;
    while (!p.finished && batches < 20) {
      auto next = journal_->run_batch(r);
      EXPECT_TRUE(next.ok()) << next.error().message;
      if (!next.ok()) break;
      p = *next;
      ++batches;
    }
    return std::make_pair(p, batches);
  };
  // One batch, then a new journal (a crash and a restart): the run resumes
  // where it stopped.
  auto first = journal_->run_batch(*run);
  ASSERT_TRUE(first.ok()) << first.error().message;
  EXPECT_EQ(first->changed, 2);
  EXPECT_FALSE(first->finished);
  auto reopened = journals_();
  ASSERT_TRUE(reopened.ok());
  journal_ = std::move(*reopened);
  auto [done, batches] = run_to_end(*run);
  EXPECT_TRUE(done.finished);
  EXPECT_EQ(done.changed, 4);
  EXPECT_EQ(batches, 2);  // the second pair, then the end found
  std::vector<std::string> numbers;
  for (const auto& s : students) numbers.push_back(s.registration_number);
  auto after = *journal_->load_students(numbers);
  const std::vector<int> grades = {2, 6, 6, 9, 3, 2, 12};
  for (size_t i = 0; i < students.size(); ++i) {
    const StoredStudent& s = after.at(students[i].registration_number);
    EXPECT_EQ(s.student.grade, grades[i]) << i;
    EXPECT_EQ(s.version, s.student.grade == students[i].grade ? 0 : 1) << i;
    EXPECT_EQ(s.student.status, students[i].status) << i;
  }
  // Run again: it is finished and promotes no one twice.
  auto again = journal_->run_batch(*run);
  ASSERT_TRUE(again.ok());
  EXPECT_TRUE(again->finished);
  EXPECT_EQ(again->changed, 4);
  EXPECT_EQ(journal_->load_students({numbers[0]})->at(numbers[0]).student.grade, 2);
}

// Art. 7: inside a nine-year school 6 -> 7 is a promotion, inside a
// twelve-year school 6 -> 7 and 9 -> 10; at a primary school grade 6 waits
// for graduation, at a nine-year school grade 9 too. A province's run
// covers the schools its cities run directly (Art. 5).
TEST_P(JournalContract, APromotionMovesAcrossAStageOnlyInsideASchoolTeachingBoth) {
  const std::vector<Student> students = {
      make_student("4501000001", 6, StudentStatus::enrolled, "20140901", "101"),  // nine-year
      make_student("4501020001", 6, StudentStatus::enrolled, "20140901", "102"),  // primary
      make_student("4501000001", 9, StudentStatus::enrolled, "20110901", "103"),  // nine-year
      make_student("4503000001", 6, StudentStatus::on_leave, "20140901", "104"),  // twelve-year
      make_student("4503000001", 9, StudentStatus::enrolled, "20110901", "105"),  // twelve-year
      make_student("4503000001", 12, StudentStatus::enrolled, "20080901", "106"),
      make_student("4401000001", 6, StudentStatus::enrolled, "20140901", "107")};  // Guangdong
  Transition registration;
  registration.records.registrations = students;
  ASSERT_TRUE(journal_->commit({registration}).ok());
  auto run = promotion_run(*orgs_, "450000", 2026, at("2026-09-01T00:00:00+08:00"));
  ASSERT_TRUE(run.ok()) << run.error().message;
  run->batch = 3;
  RunProgress p;
  for (int batches = 0; !p.finished && batches < 20; ++batches) {
    auto next = journal_->run_batch(*run);
    ASSERT_TRUE(next.ok()) << next.error().message;
    p = *next;
  }
  EXPECT_EQ(p.changed, 3);
  std::vector<std::string> numbers;
  for (const auto& s : students) numbers.push_back(s.registration_number);
  auto after = *journal_->load_students(numbers);
  const std::vector<int> grades = {7, 6, 9, 7, 10, 12, 6};
  for (size_t i = 0; i < students.size(); ++i) {
    EXPECT_EQ(after.at(numbers[i]).student.grade, grades[i]) << i;
  }
}

// An opening that comes with records and a trail entry (every opening over
// HTTP does: its progress code, Art. 15, and its audit entry) marks the
// student by the same compare-and-set as a bare one: a student whose
// record moved fails the whole batch, its records and its entry included.
TEST_P(JournalContract, AnOpeningWithRecordsAndAnEntryIsStillACompareAndSet) {
  const Student a = make_student("4501020001", 5);
  const Student b = make_student("4501020001", 4, StudentStatus::enrolled, "20140101");
  Transition registration;
  registration.records.registrations.push_back(a);
  ASSERT_TRUE(journal_->commit({registration}).ok());
  auto entry = [](const char* target) {
    return audit_entry(at("2025-09-26T10:00:00+08:00"), "registrar-1", "4501030002", "case.open",
                       target);
  };

  // The opening of a, with b's registration, a code and an entry: a is
  // marked once, b registered in the same batch.
  Transition first = opened("c1", a, at("2025-09-26T10:00:00+08:00"));
  first.records.registrations.push_back(b);
  first.records.progress_codes.push_back(ProgressCode{"c1", std::string(64, 'a')});
  first.audit.push_back(entry("case:c1"));
  ASSERT_TRUE(journal_->commit({first}).ok());
  const auto loaded = *journal_->load_students({a.registration_number, b.registration_number});
  EXPECT_EQ(loaded.at(a.registration_number).student.status, StudentStatus::transfer_pending);
  EXPECT_EQ(loaded.at(a.registration_number).version, 1);
  EXPECT_EQ(loaded.at(b.registration_number).student.status, StudentStatus::enrolled);
  EXPECT_EQ(*journal_->open_cases(a.registration_number), std::vector<std::string>{"c1"});

  // a is pending already: a second opening of a, in a batch with a third
  // student's registration, a code and an entry, writes none of them.
  const Student c = make_student("4501020001", 3, StudentStatus::enrolled, "20150101");
  Transition second = opened("c2", a, at("2025-09-26T11:00:00+08:00"));
  second.records.registrations.push_back(c);
  second.records.progress_codes.push_back(ProgressCode{"c2", std::string(64, 'b')});
  second.audit.push_back(entry("case:c2"));
  auto refused = journal_->commit({second});
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, "student_changed") << refused.error().message;
  EXPECT_NE(refused.error().message.find(a.registration_number), std::string::npos)
      << refused.error().message;
  EXPECT_TRUE(journal_->load_cases({"c2"})->empty());
  EXPECT_TRUE(journal_->load_students({c.registration_number})->empty());
  EXPECT_EQ(journal_->load_students({a.registration_number})->at(a.registration_number).version, 1);

  // Two openings whose codes hash alike fail together, both marks undone.
  Transition d1 = opened("d1", b, at("2025-09-26T12:00:00+08:00"));
  d1.records.progress_codes.push_back(ProgressCode{"d1", std::string(64, 'c')});
  Transition d2 = opened("d2", make_student("4501020001", 6, StudentStatus::enrolled, "20120101"),
                         at("2025-09-26T12:00:00+08:00"));
  d2.records.registrations.push_back(
      make_student("4501020001", 6, StudentStatus::enrolled, "20120101"));
  d2.records.progress_codes.push_back(ProgressCode{"d2", std::string(64, 'c')});
  EXPECT_FALSE(journal_->commit({d1, d2}).ok());
  EXPECT_TRUE(journal_->load_cases({"d1", "d2"})->empty());
  EXPECT_EQ(
      journal_->load_students({b.registration_number})->at(b.registration_number).student.status,
      StudentStatus::enrolled);
}

// Art. 7: a correction after the promotion is a compare-and-set on the
// record's version; a stale one changes nothing.
TEST_P(JournalContract, AGradeCorrectionIsACompareAndSetOnTheVersion) {
  const Student s = make_student("4501020001", 5, StudentStatus::enrolled, "20150901", "201");
  Transition registration;
  registration.records.registrations = {s};
  ASSERT_TRUE(journal_->commit({registration}).ok());
  const Instant when = at("2026-09-10T10:00:00+08:00");
  Transition corrected;
  corrected.records.grade_corrections.push_back(
      GradeCorrection{s.registration_number, 0, 5, 4, "correction:promotion-2026-450102", when});
  ASSERT_TRUE(journal_->commit({corrected}).ok());
  auto loaded = journal_->load_students({s.registration_number})->at(s.registration_number);
  EXPECT_EQ(loaded.student.grade, 4);
  EXPECT_EQ(loaded.version, 1);
  // The same correction again rests on version 0: refused, nothing written.
  auto again = journal_->commit({corrected});
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, "student_changed");
  loaded = journal_->load_students({s.registration_number})->at(s.registration_number);
  EXPECT_EQ(loaded.student.grade, 4);
  EXPECT_EQ(loaded.version, 1);
}

TEST_P(JournalContract, AnEmptyBatchIsNothing) {
  EXPECT_TRUE(journal_->commit({}).ok());
  EXPECT_TRUE(journal_
                  ->wakes(WakeIndex::cases, Instant::from_unix_seconds(0),
                          Instant::from_unix_seconds(253402300800))
                  ->empty());
}

INSTANTIATE_TEST_SUITE_P(Journals, JournalContract,
                         ::testing::Values("memory", "postgresql", "sqlite"), backend_name);

}  // namespace
}  // namespace xueji::test
