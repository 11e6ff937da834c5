// A student's record over HTTP, on PostgreSQL and SQLite: one number for
// life (Art. 8) when a person whose record is closed is registered again,
// and reading a record back.

#include "tests/http/api_fixture.h"

namespace xueji::test {
namespace {

class StudentRecord : public ApiFixture {
 protected:
  // Closes the record as `status` through the journal, as a case would.
  void close_record(const std::string& number, const char* status) {
    auto store = TestStore::open(url_);
    ASSERT_TRUE(store.ok());
    Transition t;
    t.student_changes.push_back(StudentChange{number, status, "", "", "test", {}, {}, {}});
    auto committed = (*store)->journal().commit({t});
    ASSERT_TRUE(committed.ok()) << committed.error().message;
  }

  std::optional<Student> stored(const std::string& number) {
    auto store = TestStore::open(url_);
    EXPECT_TRUE(store.ok());
    auto found = (*store)->find_student(number);
    EXPECT_TRUE(found.ok());
    return found.ok() ? *found : std::nullopt;
  }

  HttpAnswer register_again(const std::string& school, int grade) {
    return call(
        "POST", "/v1/students",
        {{"id", "450102201309150019"}, {"name", "李小明"}, {"school", school}, {"grade", grade}},
        reg(school));
  }

  // Registers, closes as `closed`, registers again elsewhere: the record
  // comes back with its number, enrolled at the new school and grade.
  void expect_reopened_after(const char* closed) {
    const std::string number = register_student(5, "4501020001");
    close_record(number, closed);
    auto again = register_again("4501020002", 6);
    ASSERT_EQ(again.status, 201) << again.body;
    EXPECT_EQ(again.json().value("registration_number", ""), number);
    EXPECT_EQ(again.json().value("school", ""), "4501020002");
    EXPECT_EQ(again.json().value("status", ""), "enrolled");
    const auto record = stored(number);
    ASSERT_TRUE(record.has_value());
    EXPECT_EQ(record->school, "4501020002");
    EXPECT_EQ(record->grade, 6);
    EXPECT_EQ(record->status, StudentStatus::enrolled);
    // Live again: another registration is refused, naming where.
    auto third = register_again("4501020001", 6);
    expect_problem(third, 409, "duplicate_registration");
    EXPECT_NE(third.body.find("4501020002"), std::string::npos) << third.body;
  }
};

// Issue 15's second defect: registering again a resident ID whose record
// is closed collided on the primary key and answered 503 with SQL text.
TEST_P(StudentRecord, AWithdrawnPersonWhoReturnsKeepsTheNumber) {
  expect_reopened_after("withdrawn");
}

// Records closed before deceased and withdrawn were told apart.
TEST_P(StudentRecord, ARecordClosedAsDeregisteredReopensToo) {
  expect_reopened_after("deregistered");
}

TEST_P(StudentRecord, ADeceasedPersonIsNotRegisteredAgain) {
  const std::string number = register_student(5, "4501020001");
  close_record(number, "deceased");
  auto again = register_again("4501020002", 6);
  expect_problem(again, 409, "record_closed");
  EXPECT_NE(again.body.find("第二十一条"), std::string::npos) << again.body;
  const auto record = stored(number);
  ASSERT_TRUE(record.has_value());
  EXPECT_EQ(record->status, StudentStatus::deceased);
  EXPECT_EQ(record->school, "4501020001");
}

// Issue 15's third defect: a student's school could not be read back.
TEST_P(StudentRecord, ARecordIsReadByItsSchoolItsSuperiorsAndTheOtherPartiesMasked) {
  const std::string number = register_student(5, "4501020001");
  auto own = call("GET", "/v1/students/" + number, nullptr, reg("4501020001"));
  ASSERT_EQ(own.status, 200) << own.body;
  EXPECT_EQ(own.json().value("name", ""), "李小明");
  EXPECT_EQ(own.json().value("school", ""), "4501020001");
  EXPECT_EQ(own.json().value("grade", 0), 5);
  EXPECT_EQ(own.json().value("stage", ""), "primary");
  EXPECT_EQ(own.json().value("status", ""), "enrolled");
  // Art. 6: the registration gave the school two months to build the archive.
  ASSERT_EQ(own.json()["open_cases"].size(), 1u) << own.body;
  EXPECT_EQ(own.json()["open_cases"][0].value("kind", ""), "archive_build");
  EXPECT_EQ(own.json()["open_cases"][0].value("holder", ""), "4501020001");

  const std::string transfer = open_transfer(number);
  // The receiving school, a party of the open transfer: the name masked.
  auto party = call("GET", "/v1/students/" + number, nullptr, reg("4501030002"));
  ASSERT_EQ(party.status, 200) << party.body;
  EXPECT_EQ(party.json().value("name", ""), "李**");
  EXPECT_FALSE(party.json().contains("birth_date"));
  EXPECT_EQ(party.json().value("status", ""), "transfer_pending");
  ASSERT_EQ(party.json()["open_cases"].size(), 2u) << party.body;  // and the archive's
  const nlohmann::json open = party.json()["open_cases"];
  const auto it = std::find_if(open.begin(), open.end(),
                               [&](const auto& c) { return c.value("id", "") == transfer; });
  ASSERT_NE(it, open.end()) << party.body;
  EXPECT_EQ(it->value("step", ""), "sending_school");
  // The county reads all of it.
  auto county = call("GET", "/v1/students/" + number, nullptr, reg("450102"));
  ASSERT_EQ(county.status, 200) << county.body;
  EXPECT_EQ(county.json().value("name", ""), "李小明");
  EXPECT_EQ(county.json()["cases"].size(), 2u);  // the transfer and the archive's
  // Anyone else: 403; no such record: 404.
  expect_problem(call("GET", "/v1/students/" + number, nullptr, reg("4501020002")), 403,
                 "out_of_jurisdiction");
  expect_problem(call("GET", "/v1/students/G000000000000000000", nullptr, reg("450102")), 404,
                 "unknown_student");
  // Every read is in the audit trail.
  int reads = 0, refused = 0;
  for (const auto& e : audit_trail()) {
    if (e.action != "student.read" || e.target != "student:" + number) continue;
    (e.outcome == "ok" ? reads : refused) += 1;
  }
  EXPECT_EQ(reads, 3);
  EXPECT_EQ(refused, 1);
}

TEST_P(StudentRecord, ARecordIsFoundByResidentIdWithinJurisdiction) {
  const std::string number = register_student(5, "4501020001");
  const std::string path = "/v1/students/by-resident-id/450102201309150019";
  auto found = call("GET", path, nullptr, reg("450102"));
  ASSERT_EQ(found.status, 200) << found.body;
  EXPECT_EQ(found.json().value("registration_number", ""), number);
  EXPECT_EQ(found.json().value("school", ""), "4501020001");
  expect_problem(call("GET", path, nullptr, reg("4501030002")), 403, "out_of_jurisdiction");
  expect_problem(
      call("GET", "/v1/students/by-resident-id/450102201405050018", nullptr, reg("450102")), 404,
      "unknown_student");
  // A closed record is still found: its number is for life.
  close_record(number, "withdrawn");
  auto closed = call("GET", path, nullptr, reg("4501020001"));
  ASSERT_EQ(closed.status, 200) << closed.body;
  EXPECT_EQ(closed.json().value("status", ""), "withdrawn");
  int reads = 0;
  for (const auto& e : audit_trail()) {
    if (e.action == "student.read" && e.target == "student:" + number && e.outcome == "ok") ++reads;
  }
  EXPECT_EQ(reads, 2);
}

INSTANTIATE_TEST_SUITE_P(Backends, StudentRecord, ::testing::Values("postgresql", "sqlite"),
                         backend_name);

}  // namespace
}  // namespace xueji::test
