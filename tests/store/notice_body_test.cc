// A notice's stored body (adapters/store/row_readers.h): what it was
// written with is what it reads back, and a `redated` notice stored before
// the body kept its dates has them read from its English line, so the
// inbox and webhooks show every redated notice alike.

#include <gtest/gtest.h>

#include "adapters/store/row_readers.h"

namespace xueji::store {
namespace {

Notice redated(const std::string& text) {
  Notice n;
  n.kind = "redated";
  n.step = "sending_school";
  n.due = "2026-03-06";
  n.text = text;
  return n;
}

TEST(NoticeBody, ARedatedNoticeKeepsBothDates) {
  Notice written = redated(
      "case C1: step sending_school is due 2026-03-06 instead of 2026-03-05 "
      "(still provisional)");
  written.previous_due = "2026-03-05";
  written.provisional = true;
  Notice read;
  read.kind = "redated";
  read_notice_body(notice_body(written), read);
  EXPECT_EQ(read.due, "2026-03-06");
  EXPECT_EQ(read.previous_due, "2026-03-05");
  EXPECT_TRUE(read.provisional);
  EXPECT_EQ(read.text, written.text);
}

TEST(NoticeBody, OtherNoticesHaveNoPreviousDate) {
  Notice reminder;
  reminder.kind = "reminder";
  reminder.step = "county";
  reminder.due = "2025-10-23";
  reminder.text = "case C1: step county is due 2025-10-23 instead of never";
  const std::string body = notice_body(reminder);
  EXPECT_EQ(body.find("previous_due"), std::string::npos) << body;
  Notice read;
  read.kind = "reminder";
  read_notice_body(body, read);
  EXPECT_EQ(read.previous_due, "");
  EXPECT_FALSE(read.provisional);
}

TEST(NoticeBody, AnOlderRedatedBodyHasItsDatesReadFromItsText) {
  Notice moved;
  moved.kind = "redated";
  read_notice_body(
      R"x({"step":"sending_school","due":"2026-03-06","text":"case C1: step sending_school is due )x"
      R"x(2026-03-06 instead of 2026-03-05 (the year's schedule is published)"})x",
      moved);
  EXPECT_EQ(moved.previous_due, "2026-03-05");
  EXPECT_FALSE(moved.provisional);

  Notice stands;
  stands.kind = "redated";
  read_notice_body(
      R"x({"step":"county","due":"2027-02-01","text":"case C2: step county is due 2027-02-01, )x"
      R"x(as told before (still provisional)"})x",
      stands);
  EXPECT_EQ(stands.previous_due, "2027-02-01");
  EXPECT_TRUE(stands.provisional);
}

}  // namespace
}  // namespace xueji::store
