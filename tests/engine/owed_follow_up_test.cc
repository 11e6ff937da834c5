// An owed follow-up's body (engine/case/owed_follow_up.h): what the
// engine writes it reads back, and a body it did not write is refused
// naming what is wrong, never read as some other command.

#include <gtest/gtest.h>

#include "engine/case/owed_follow_up.h"

namespace xueji::test {
namespace {

TEST(OwedFollowUpBody, ReadsBackWhatItWrote) {
  const Instant opened = Instant::from_unix_seconds(1758852000);
  auto owed = owe_follow_up("G1", "c1", 4, opened, FollowUpLeave{"c1", "leave", false, opened});
  EXPECT_EQ(owed.id, "c1#4#follow_up_leave");
  auto back = follow_up_command(follow_up_body(owed));
  ASSERT_TRUE(back.ok()) << back.error().message;
  const auto& leave = std::get<FollowUpLeave>(*back);
  EXPECT_EQ(leave.kind, "leave");
  EXPECT_FALSE(leave.approved);
  EXPECT_EQ(leave.by_opened, opened);
  auto moved = owe_follow_up("G1", "c2", 7, opened, RecordFollowed{"s1", "s2", "c2"});
  back = follow_up_command(follow_up_body(moved));
  ASSERT_TRUE(back.ok()) << back.error().message;
  EXPECT_EQ(std::get<RecordFollowed>(*back).to_school, "s2");
  EXPECT_EQ(as_case_command(moved).index(), CaseCommand(RecordFollowed{}).index());
}

TEST(OwedFollowUpBody, ABodyItDidNotWriteIsRefusedNamingWhatIsWrong) {
  const std::vector<std::pair<std::string, std::string>> bodies = {
      {"not json", "not a JSON object"},
      {"[1]", "not a JSON object"},
      {R"({"type":"follow_up_leave","kind":"leave","approved":true})", "'by_case'"},
      {R"({"type":"follow_up_leave","by_case":"c","kind":"leave","approved":"yes"})", "'approved'"},
      {R"({"type":"follow_up_leave","by_case":"c","kind":"leave","approved":true,"by_opened":1.5})",
       "'by_opened'"},
      {R"({"type":"record_followed","by_case":"c","left_school":"s"})", "'to_school'"},
      {R"({"type":"supersede","by_case":"c"})", "unknown type 'supersede'"},
  };
  for (const auto& [body, named] : bodies) {
    auto read = follow_up_command(body);
    ASSERT_FALSE(read.ok()) << body;
    EXPECT_EQ(read.error().code, "corrupt_follow_up") << body;
    EXPECT_NE(read.error().message.find(named), std::string::npos) << read.error().message;
  }
}

}  // namespace
}  // namespace xueji::test
