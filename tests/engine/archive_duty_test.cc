// Which closed cases owe the archive an update (Art. 7;
// engine/case/archive_duty.h): an approved move or change of the record
// does, at the school the student is at afterwards; a rejection does not,
// nor an approval that closes the record (Art. 19: the archive goes on at
// the next stage's school).

#include <gtest/gtest.h>

#include "engine/case/archive_duty.h"
#include "tests/engine/case_fixture.h"

namespace xueji::test {
namespace {

using ArchiveDutyTest = CaseFixture;

TEST_F(ArchiveDutyTest, AnApprovedTransferOwesTheReceivingSchoolAnUpdate) {
  OpenCase c;
  c.kind = "transfer";
  c.by = "4501030002";
  c.fields["to_school"] = "4501030002";
  c.student = student("4501020001", 5);
  open(c, at("2025-09-26T10:00:00+08:00"));
  EXPECT_FALSE(archive_duty_of(state_).has_value());  // still open
  ASSERT_TRUE(run(DecideStep{"sending_school", "4501020001", "approve", ""},
                  at("2025-09-29T10:00:00+08:00"))
                  .ok());
  ASSERT_TRUE(
      run(DecideStep{"sending_county", "450102", "approve", ""}, at("2025-09-30T10:00:00+08:00"))
          .ok());
  ASSERT_TRUE(
      run(DecideStep{"receiving_county", "450103", "approve", ""}, at("2025-10-09T10:00:00+08:00"))
          .ok());
  const auto duty = archive_duty_of(state_);
  ASSERT_TRUE(duty.has_value());
  EXPECT_EQ(duty->kind, "archive_update");
  EXPECT_EQ(duty->school, "4501030002");
  EXPECT_EQ(duty->owed_since, at("2025-10-09T10:00:00+08:00"));
  EXPECT_EQ(duty->case_id, archive_case_id(state_.id, "archive_update"));
}

TEST_F(ArchiveDutyTest, AGraduationClosesTheRecordAndOwesNoUpdate) {
  OpenCase c;
  c.kind = "graduation";
  c.by = "4501020001";
  c.fields["status"] = "graduated";
  c.student = student("4501020001", 6);
  open(c, at("2026-06-20T10:00:00+08:00"));
  ASSERT_TRUE(
      run(DecideStep{"school", "4501020001", "approve", ""}, at("2026-06-22T10:00:00+08:00")).ok());
  auto done = run(DecideStep{"county", "450102", "approve", ""}, at("2026-06-23T10:00:00+08:00"));
  ASSERT_TRUE(done.ok()) << done.error().message;
  ASSERT_EQ(state_.outcome, "approved");
  EXPECT_FALSE(archive_duty_of(state_).has_value());
}

TEST_F(ArchiveDutyTest, ARejectedGradeChangeOwesNothing) {
  OpenCase c;
  c.kind = "grade_change";
  c.by = "4501020001";
  c.fields["grade"] = "4";
  c.student = student("4501020001", 5);
  open(c, at("2025-09-26T10:00:00+08:00"));
  ASSERT_TRUE(
      run(DecideStep{"school", "4501020001", "reject", ""}, at("2025-09-29T10:00:00+08:00")).ok());
  ASSERT_EQ(state_.outcome, "rejected");
  EXPECT_FALSE(archive_duty_of(state_).has_value());
}

}  // namespace
}  // namespace xueji::test
