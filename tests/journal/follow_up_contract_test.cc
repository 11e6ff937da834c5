// The journal's contract for the follow-ups a case's commit owes the
// student's other cases (Art. 12, 16, 17; engine/case/owed_follow_up.h),
// on the in-memory journal and the SQL journal on PostgreSQL and SQLite:
// one commits in the same transaction as the case's events, or not at all;
// a later transition settles it; what is left owed, oldest first, is what
// the runtime delivers at start, the command read back as it was written.

#include <gtest/gtest.h>

#include "tests/journal/journal_fixture.h"

namespace xueji::test {
namespace {

class FollowUpContract : public JournalFixture {
 protected:
  std::vector<OwedFollowUp> owed() {
    auto found = journal_->owed_follow_ups();
    EXPECT_TRUE(found.ok()) << found.error().message;
    return found.ok() ? *found : std::vector<OwedFollowUp>{};
  }
};

TEST_P(FollowUpContract, AFollowUpCommitsWithItsCaseOrNotAtAllAndSettlesLater) {
  const Student s = make_student("4501020001", 5);
  Transition registration;
  registration.records.registrations.push_back(s);
  ASSERT_TRUE(journal_->commit({registration}).ok());
  const Instant when = at("2025-09-26T10:00:00+08:00");
  Transition t = opened("c1", s, when);
  const FollowUpLeave leave{"c1", "resume", true, when};
  t.records.follow_ups_owed.push_back(owe_follow_up(s.registration_number, "c1", 0, when, leave));
  t.records.follow_ups_owed.push_back(owe_follow_up(
      s.registration_number, "c1", 0, when, RecordFollowed{"4501020001", "4501030002", "c1"}));
  ASSERT_TRUE(journal_->commit({t}).ok());

  auto found = owed();
  ASSERT_EQ(found.size(), 2u);
  EXPECT_EQ(found[0].id, "c1#0#follow_up_leave");
  EXPECT_EQ(found[0].subject, s.registration_number);
  EXPECT_EQ(found[0].by_case, "c1");
  EXPECT_EQ(found[0].owed_since, when);
  const auto* back = std::get_if<FollowUpLeave>(&found[0].command);
  ASSERT_NE(back, nullptr);
  EXPECT_EQ(back->by_case, "c1");
  EXPECT_EQ(back->kind, "resume");
  EXPECT_TRUE(back->approved);
  EXPECT_EQ(back->by_opened, when);
  const auto* moved = std::get_if<RecordFollowed>(&found[1].command);
  ASSERT_NE(moved, nullptr);
  EXPECT_EQ(moved->left_school, "4501020001");
  EXPECT_EQ(moved->to_school, "4501030002");

  // The same commit again fails whole: its events and the follow-ups both.
  Transition twice = opened("c2", s, when);
  twice.records.follow_ups_owed.push_back(found[0]);
  EXPECT_FALSE(journal_->commit({twice}).ok());
  auto none = journal_->load_cases({"c2"});
  ASSERT_TRUE(none.ok());
  EXPECT_TRUE(none->empty());
  EXPECT_EQ(owed().size(), 2u);

  // Settling an id that owes nothing is no error.
  Transition settle;
  settle.records.follow_ups_settled = {"nothing", "c1#0#follow_up_leave"};
  ASSERT_TRUE(journal_->commit({settle}).ok());
  found = owed();
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].id, "c1#0#record_followed");
}

TEST_P(FollowUpContract, AFollowUpOwedUnderATemporaryNumberNamesItsGNumber) {
  Student s = make_student("4501020001", 5);
  const std::string l = "L450102201309150000";
  s.registration_number = l;
  Transition registration;
  registration.records.registrations.push_back(s);
  const Instant when = at("2025-09-26T10:00:00+08:00");
  registration.records.follow_ups_owed.push_back(
      owe_follow_up(l, "c9", 3, when, FollowUpLeave{"c9", "leave", false}));
  ASSERT_TRUE(journal_->commit({registration}).ok());
  Student verified = s;
  verified.registration_number = "G" + s.resident_id;
  Transition renumbering;
  renumbering.records.renumberings.push_back(
      Renumbering{l, verified, at("2025-09-27T10:00:00+08:00")});
  ASSERT_TRUE(journal_->commit({renumbering}).ok());
  auto found = owed();
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].subject, verified.registration_number);
  EXPECT_FALSE(std::get<FollowUpLeave>(found[0].command).by_opened.has_value());
}

INSTANTIATE_TEST_SUITE_P(Journals, FollowUpContract,
                         ::testing::Values("memory", "postgresql", "sqlite"), backend_name);

}  // namespace
}  // namespace xueji::test
