// The journal's contract for the archive steps owed (Art. 6, 7), on the
// in-memory journal and the SQL journal on PostgreSQL and SQLite: a duty
// commits in the same transaction as the operation that owes it (a
// registration, an approval that moves the student), or not at all; the
// opening of its case settles it in the opening's own transaction; what is
// left owed is what the runtime opens at start.

#include <gtest/gtest.h>

#include "tests/journal/journal_fixture.h"

namespace xueji::test {
namespace {

class ArchiveDutyContract : public JournalFixture {
 protected:
  std::vector<ArchiveDuty> owed() {
    auto duties = journal_->owed_archive_duties();
    EXPECT_TRUE(duties.ok()) << duties.error().message;
    return duties.ok() ? *duties : std::vector<ArchiveDuty>{};
  }

  static ArchiveDuty build_duty(const Student& s, const std::string& id, Instant since) {
    return ArchiveDuty{id, "archive_build", s.registration_number, s.school, since};
  }

  // Decides every step of case state_ as its holder, approving, from `now`
  // a day apart; the events appended, from the first decision on.
  std::vector<CaseEvent> approve_all(Instant now) {
    std::vector<CaseEvent> appended;
    while (const StepState* step = state_.active()) {
      auto r = run(DecideStep{step->plan.step, step->holder, "approve", ""}, now);
      EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().message);
      if (!r.ok()) break;
      appended.insert(appended.end(), r->begin(), r->end());
      now = Instant::from_unix_seconds(now.unix_seconds() + 86400);
    }
    return appended;
  }
};

TEST_P(ArchiveDutyContract, ARegistrationsDutyCommitsWithItOrNotAtAll) {
  const Student s = make_student("4501020001", 5);
  const Instant when = at("2025-09-26T10:00:00+08:00");
  Transition registration;
  registration.records.registrations.push_back(s);
  registration.records.archive_owed.push_back(build_duty(s, "Cbuild0000000001", when));
  ASSERT_TRUE(journal_->commit({registration}).ok());
  auto duties = owed();
  ASSERT_EQ(duties.size(), 1u);
  EXPECT_EQ(duties[0].case_id, "Cbuild0000000001");
  EXPECT_EQ(duties[0].kind, "archive_build");
  EXPECT_EQ(duties[0].subject, s.registration_number);
  EXPECT_EQ(duties[0].school, "4501020001");
  EXPECT_EQ(duties[0].owed_since, when);
  // The same student registered again fails whole: its duty is not kept.
  Transition again = registration;
  again.records.archive_owed[0].case_id = "Cbuild0000000002";
  ASSERT_FALSE(journal_->commit({again}).ok());
  EXPECT_EQ(owed().size(), 1u);
  // A duty's key is taken once: the same duty again fails its batch.
  Transition twice;
  twice.records.archive_owed.push_back(build_duty(s, "Cbuild0000000001", when));
  EXPECT_FALSE(journal_->commit({twice}).ok());
  EXPECT_EQ(owed().size(), 1u);
}

TEST_P(ArchiveDutyContract, AnApprovalThatMovesTheStudentOwesAnUpdateInItsOwnCommit) {
  const Student s = make_student("4501020001", 5);
  Transition registration;
  registration.records.registrations.push_back(s);
  ASSERT_TRUE(journal_->commit({registration}).ok());
  Transition opening = opened("c1", s, at("2025-09-26T10:00:00+08:00"));
  // Opening a transfer owes nothing: only its approval will.
  EXPECT_TRUE(opening.records.archive_owed.empty());
  ASSERT_TRUE(journal_->commit({opening}).ok());
  EXPECT_TRUE(owed().empty());
  const auto approvals = approve_all(at("2025-09-29T10:00:00+08:00"));
  ASSERT_EQ(state_.outcome, "approved");
  Transition approval =
      case_transition(static_cast<int64_t>(opening.events.size()), approvals, state_);
  ASSERT_EQ(approval.records.archive_owed.size(), 1u);
  // The approval's commit failing (its event numbers taken) keeps no duty.
  Transition broken = approval;
  broken.first_seq = 0;  // the opening's numbers: taken
  ASSERT_FALSE(journal_->commit({broken}).ok());
  EXPECT_TRUE(owed().empty());
  ASSERT_TRUE(journal_->commit({approval}).ok());
  auto duties = owed();
  ASSERT_EQ(duties.size(), 1u);
  EXPECT_EQ(duties[0].case_id, archive_case_id("c1", "archive_update"));
  EXPECT_EQ(duties[0].kind, "archive_update");
  EXPECT_EQ(duties[0].subject, s.registration_number);
  EXPECT_EQ(duties[0].school, "4501030002");  // where the student is now
  ASSERT_TRUE(state_.completed_at.has_value());
  EXPECT_EQ(duties[0].owed_since, *state_.completed_at);
  // The record moved in the same commit.
  EXPECT_EQ(
      journal_->load_students({s.registration_number})->at(s.registration_number).student.school,
      "4501030002");

  // The archive case's opening settles the duty in its own transaction.
  const Student moved =
      journal_->load_students({s.registration_number})->at(s.registration_number).student;
  state_ = CaseState();
  state_.id = duties[0].case_id;
  OpenCase update;
  update.kind = "archive_update";
  update.by = "4501030002";
  update.student = moved;
  update.since = duties[0].owed_since;
  auto events = open(update, at("2025-10-20T10:00:00+08:00"));
  ASSERT_FALSE(events.empty());
  Transition archive = case_transition(0, events, state_);
  ASSERT_EQ(archive.records.archive_settled.size(), 1u);
  ASSERT_TRUE(journal_->commit({archive}).ok());
  EXPECT_TRUE(owed().empty());
  EXPECT_EQ(journal_->load_cases({duties[0].case_id})->size(), 1u);
}

TEST_P(ArchiveDutyContract, ADutyOwedUnderATemporaryNumberNamesItsGNumber) {
  Student s = make_student("4501020001", 5);
  const std::string l = "L450102201309150000";
  s.registration_number = l;
  Transition registration;
  registration.records.registrations.push_back(s);
  registration.records.archive_owed.push_back(
      build_duty(s, "Cbuild0000000003", at("2025-09-26T10:00:00+08:00")));
  ASSERT_TRUE(journal_->commit({registration}).ok());
  Student verified = s;
  verified.registration_number = "G" + s.resident_id;
  Transition renumbering;
  renumbering.records.renumberings.push_back(
      Renumbering{l, verified, at("2025-09-27T10:00:00+08:00")});
  ASSERT_TRUE(journal_->commit({renumbering}).ok());
  auto duties = owed();
  ASSERT_EQ(duties.size(), 1u);
  EXPECT_EQ(duties[0].subject, verified.registration_number);
  // Settling a case id that owes nothing is no error.
  Transition settle;
  settle.records.archive_settled = {"Cnothing", "Cbuild0000000003"};
  ASSERT_TRUE(journal_->commit({settle}).ok());
  EXPECT_TRUE(owed().empty());
}

// A term's intake opened at start: one batch settles hundreds of duties
// over many transitions (the SQL journal deletes them 500 to a statement).
// Exactly those settled go; the one left out stays owed.
TEST_P(ArchiveDutyContract, OneBatchSettlesHundredsAndOnlyThose) {
  constexpr int kDuties = 1202;
  Transition intake;
  for (int i = 0; i < kDuties; ++i) {
    char seq[8], id[24];
    std::snprintf(seq, sizeof seq, "%03d", i % 1000);
    std::snprintf(id, sizeof id, "Cintake%010d", i);
    Student s = make_student("4501020001", 1, StudentStatus::enrolled,
                             i < 1000 ? "20190101" : "20190102", seq);
    intake.records.registrations.push_back(s);
    intake.records.archive_owed.push_back(build_duty(s, id, at("2025-09-26T10:00:00+08:00")));
  }
  ASSERT_TRUE(journal_->commit({intake}).ok());
  ASSERT_EQ(owed().size(), static_cast<size_t>(kDuties));
  // Every duty but the 700th, three to a transition, in one batch.
  std::vector<Transition> openings;
  for (int i = 0; i < kDuties; ++i) {
    if (i == 700) continue;
    if (openings.empty() || openings.back().records.archive_settled.size() == 3) {
      openings.emplace_back();
    }
    openings.back().records.archive_settled.push_back(intake.records.archive_owed[i].case_id);
  }
  ASSERT_TRUE(journal_->commit(openings).ok());
  auto left = owed();
  ASSERT_EQ(left.size(), 1u);
  EXPECT_EQ(left[0].case_id, "Cintake0000000700");
}

// The start and the sweep read what is owed a page at a time (a million
// after an intake's import): the pages, each after the last duty of the
// one before, give every duty once, oldest first and then by case id, as
// one read gives them, and duties settled between pages do not shift the
// rest.
TEST_P(ArchiveDutyContract, PagesAfterAnIdGiveEveryDutyOnceInOrder) {
  constexpr int kDuties = 11;
  Transition intake;
  for (int i = 0; i < kDuties; ++i) {
    char seq[8], id[24];
    std::snprintf(seq, sizeof seq, "%03d", i);
    // Ids not in the order of registration, nor of owed_since; two
    // duties to each instant, one pair split by a page's end.
    std::snprintf(id, sizeof id, "Cpage%02dx%08d", (i * 7) % kDuties, i);
    Student s = make_student("4501020001", 1, StudentStatus::enrolled, "20190101", seq);
    intake.records.registrations.push_back(s);
    const Instant since = Instant::from_unix_seconds(
        at("2025-09-26T10:00:00+08:00").unix_seconds() + 3600 * ((kDuties - i) / 2));
    intake.records.archive_owed.push_back(build_duty(s, id, since));
  }
  ASSERT_TRUE(journal_->commit({intake}).ok());
  const std::vector<ArchiveDuty> whole = owed();
  ASSERT_EQ(whole.size(), static_cast<size_t>(kDuties));
  for (size_t i = 1; i < whole.size(); ++i) {
    const auto& a = whole[i - 1];
    const auto& b = whole[i];
    EXPECT_TRUE(a.owed_since < b.owed_since ||
                (a.owed_since == b.owed_since && a.case_id < b.case_id))
        << a.case_id << " before " << b.case_id;
  }
  ASSERT_EQ(whole[3].owed_since, whole[4].owed_since);  // the pair a page's end splits

  std::vector<std::string> paged;
  std::optional<ArchiveDuty> after;
  int pages = 0;
  for (;;) {
    auto page = journal_->owed_archive_duties_after(after, 4);
    ASSERT_TRUE(page.ok()) << page.error().message;
    if (page->empty()) break;
    ASSERT_LE(page->size(), 4u);
    ++pages;
    for (const auto& duty : *page) paged.push_back(duty.case_id);
    after = page->back();
    // The first of the next page settled meanwhile: the page after the
    // last id read still starts at the one after it.
    if (pages == 1) {
      Transition settle;
      settle.records.archive_settled.push_back(whole[4].case_id);
      ASSERT_TRUE(journal_->commit({settle}).ok());
    }
  }
  EXPECT_EQ(pages, 3);
  std::vector<std::string> expected;
  for (const auto& duty : whole) {
    if (duty.case_id != whole[4].case_id) expected.push_back(duty.case_id);
  }
  EXPECT_EQ(paged, expected);
  // One past the last id gives none; a page keeps each duty's fields.
  auto past = journal_->owed_archive_duties_after(whole.back(), 4);
  ASSERT_TRUE(past.ok());
  EXPECT_TRUE(past->empty());
  auto first = journal_->owed_archive_duties_after(std::nullopt, 1);
  ASSERT_TRUE(first.ok());
  ASSERT_EQ(first->size(), 1u);
  EXPECT_EQ(first->front().case_id, whole[0].case_id);
  EXPECT_EQ(first->front().subject, whole[0].subject);
  EXPECT_EQ(first->front().owed_since, whole[0].owed_since);
}

INSTANTIATE_TEST_SUITE_P(Journals, ArchiveDutyContract,
                         ::testing::Values("memory", "postgresql", "sqlite"), backend_name);

}  // namespace
}  // namespace xueji::test
