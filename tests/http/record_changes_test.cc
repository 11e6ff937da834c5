// The kinds that change the record itself, over HTTP on PostgreSQL and
// SQLite: an information change and the history it leaves (Art. 13), a
// grade change a promotion overtook (Art. 7), graduation (Art. 19), the
// next stage's school taking the record over under the same number (Art. 14)
// and the special-needs mark (随班就读, Art. 14).

#include "tests/http/api_fixture.h"

namespace xueji::test {
namespace {

class RecordChanges : public ApiFixture {
 protected:
  std::string open(const nlohmann::json& body, const std::string& as) {
    auto r = call("POST", "/v1/cases", body, as);
    EXPECT_EQ(r.status, 201) << r.body;
    return r.json().value("id", "");
  }
  void approve(const std::string& id, const std::string& step, const std::string& as) {
    auto r = call("POST", "/v1/cases/" + id + "/decisions",
                  {{"step", step}, {"decision", "approve"}}, as);
    EXPECT_EQ(r.status, 200) << step << " as " << as << ": " << r.body;
  }
  nlohmann::json read(const std::string& number, const std::string& as) {
    auto r = call("GET", "/v1/students/" + number, nlohmann::json(), as);
    EXPECT_EQ(r.status, 200) << r.body;
    return r.json();
  }
  std::string outcome(const std::string& id) {
    return call("GET", "/v1/cases/" + id, nlohmann::json(), reg("450102"))
        .json()
        .value("outcome", "");
  }
};

TEST_P(RecordChanges, AnInformationChangeKeepsTheValueItReplaced) {
  const std::string number = register_student(5, "4501020001");
  // Refused, changing nothing: a field the kind does not change, nothing to
  // change, a resident ID that is another live registration's.
  auto grade =
      call("POST", "/v1/cases",
           {{"kind", "info_change"}, {"student", number}, {"by", "guardian"}, {"grade", 4}},
           reg("4501020001"));
  expect_problem(grade, 422, "invalid_field");
  auto nothing =
      call("POST", "/v1/cases", {{"kind", "info_change"}, {"student", number}, {"by", "guardian"}},
           reg("4501020001"));
  expect_problem(nothing, 400, "missing_field");
  auto other =
      call("POST", "/v1/students",
           {{"id", "450102201405050018"}, {"name", "王五"}, {"school", "4501020002"}, {"grade", 4}},
           reg("4501020002"));
  ASSERT_EQ(other.status, 201) << other.body;
  auto taken = call("POST", "/v1/cases",
                    {{"kind", "info_change"},
                     {"student", number},
                     {"by", "guardian"},
                     {"resident_id", "450102201405050018"},
                     {"birth_date", "2014-05-05"}},
                    reg("4501020001"));
  expect_problem(taken, 409, "duplicate_registration");
  EXPECT_NE(taken.body.find("4501020002"), std::string::npos) << taken.body;

  const std::string id =
      open({{"kind", "info_change"}, {"student", number}, {"by", "guardian"}, {"name", "李晓明"}},
           reg("4501020001"));
  approve(id, "school", reg("4501020001"));
  approve(id, "county", reg("450102"));  // Art. 13: a base field needs the county
  EXPECT_EQ(outcome(id), "approved");
  const auto record = read(number, reg("4501020001"));
  EXPECT_EQ(record.value("name", ""), "李晓明");
  ASSERT_EQ(record["history"].size(), 1u) << record.dump();
  const auto& entry = record["history"][0];
  EXPECT_EQ(entry.value("field", ""), "name");
  EXPECT_EQ(entry.value("old_value", ""), "李小明");
  EXPECT_EQ(entry.value("new_value", ""), "李晓明");
  EXPECT_EQ(entry.value("source", ""), id);
  // Another case's party sees neither the name nor its history.
  open_transfer(number);
  const auto masked = read(number, reg("4501030002"));
  EXPECT_EQ(masked.value("name", ""), "李**");
  EXPECT_FALSE(masked.contains("history"));
}

TEST_P(RecordChanges, TheSpecialNeedsMarkRestsOnTheAssessmentAndIsShownToTheSchoolOnly) {
  // A registration cannot carry the mark past the assessment and the county.
  auto marked = call("POST", "/v1/students",
                     {{"id", "450102201309150027"},
                      {"name", "王小明"},
                      {"school", "4501020001"},
                      {"grade", 5},
                      {"special_needs", true}},
                     reg("4501020001"));
  expect_problem(marked, 422, "invalid_field");
  EXPECT_NE(marked.body.find("info_change"), std::string::npos) << marked.body;
  EXPECT_EQ(call("GET", "/v1/students/by-resident-id/450102201309150027", nlohmann::json(),
                 reg("4501020001"))
                .status,
            404);

  const std::string number = register_student(5, "4501020001");
  auto unassessed = call("POST", "/v1/cases",
                         {{"kind", "info_change"}, {"student", number}, {"special_needs", true}},
                         reg("4501020001"));
  expect_problem(unassessed, 400, "missing_field");
  EXPECT_NE(unassessed.body.find("assessment_ref"), std::string::npos) << unassessed.body;
  EXPECT_FALSE(read(number, reg("4501020001")).contains("special_needs"));

  const std::string id = open({{"kind", "info_change"},
                               {"student", number},
                               {"special_needs", true},
                               {"assessment_ref", "兴残教专评〔2026〕3号"}},
                              reg("4501020001"));
  approve(id, "school", reg("4501020001"));
  approve(id, "county", reg("450102"));  // Art. 14: 交由上级学籍管理部门审批
  EXPECT_EQ(outcome(id), "approved");
  const auto record = read(number, reg("4501020001"));
  EXPECT_EQ(record.value("special_needs", false), true) << record.dump();
  ASSERT_EQ(record["history"].size(), 1u) << record.dump();
  EXPECT_EQ(record["history"][0].value("field", ""), "special_needs");
  EXPECT_EQ(record["history"][0].value("old_value", ""), "false");
  EXPECT_EQ(record["history"][0].value("new_value", ""), "true");
  // The county's roster shows it too; another case's party does not see it.
  EXPECT_EQ(read(number, reg("450102")).value("special_needs", false), true);
  open_transfer(number);
  EXPECT_FALSE(read(number, reg("4501030002")).contains("special_needs"));
}

TEST_P(RecordChanges, AGradeChangeOvertakenByAPromotionIsSuperseded) {
  const std::string number = register_student(5, "4501020001");
  const std::string id =
      open({{"kind", "grade_change"}, {"student", number}, {"grade", 4}}, reg("4501020001"));
  approve(id, "school", reg("4501020001"));
  {
    // September's promotion moves the record on while the case waits.
    auto store = TestStore::open(url_);
    ASSERT_TRUE(store.ok());
    Transition promotion;
    promotion.student_changes.push_back(
        StudentChange{number, "", "", "", "promotion", {{"grade", "6"}}, {{"grade", "5"}}, {}});
    ASSERT_TRUE((*store)->journal().commit({promotion}).ok());
  }
  call("POST", "/v1/cases/" + id + "/decisions", {{"step", "county"}, {"decision", "approve"}},
       reg("450102"));
  EXPECT_EQ(outcome(id), "superseded");
  EXPECT_EQ(read(number, reg("4501020001")).value("grade", 0), 6);  // not written back to 4
}

TEST_P(RecordChanges, TheNextStageTakesOverAGraduateUnderTheSameNumber) {
  const std::string number = register_student(6, "4501020001");
  const std::string graduation = open(
      {{"kind", "graduation"}, {"student", number}, {"status", "graduated"}}, reg("4501020001"));
  approve(graduation, "school", reg("4501020001"));
  approve(graduation, "county", reg("450102"));
  EXPECT_EQ(read(number, reg("4501020001")).value("status", ""), "graduated");

  // Art. 14: a school of the next stage, outside the county, finds the
  // graduate by resident ID and sees what the handover needs.
  const std::string next = "4501000001";  // a nine-year school the city runs
  auto found =
      call("GET", "/v1/students/by-resident-id/450102201309150019", nlohmann::json(), reg(next));
  ASSERT_EQ(found.status, 200) << found.body;
  EXPECT_EQ(found.json().value("registration_number", ""), number);
  EXPECT_EQ(found.json().value("name", ""), "李**");
  EXPECT_FALSE(found.json().contains("history"));
  auto skipped =
      call("POST", "/v1/cases",
           {{"kind", "stage_handover"}, {"student", number}, {"to_school", next}, {"grade", 8}},
           reg(next));
  expect_problem(skipped, 422, "rule_refused");
  const std::string handover =
      open({{"kind", "stage_handover"}, {"student", number}, {"to_school", next}, {"grade", 7}},
           reg(next));
  approve(handover, "receiving_school", reg(next));
  const auto record = read(number, reg(next));
  EXPECT_EQ(record.value("registration_number", ""), number);  // Art. 8: one number for life
  EXPECT_EQ(record.value("status", ""), "enrolled");
  EXPECT_EQ(record.value("school", ""), next);
  EXPECT_EQ(record.value("grade", 0), 7);
  EXPECT_EQ(record.value("stage", ""), "junior");
  // One record for life: the graduation's status, then the handover's.
  ASSERT_EQ(record["history"].size(), 4u) << record.dump();
  const auto& graduated = record["history"][0];
  EXPECT_EQ(graduated.value("source", ""), graduation);
  EXPECT_EQ(graduated.value("field", ""), "status");
  EXPECT_EQ(graduated.value("new_value", ""), "graduated");
  std::map<std::string, std::pair<std::string, std::string>> changed;
  for (size_t i = 1; i < record["history"].size(); ++i) {
    const auto& h = record["history"][i];
    EXPECT_EQ(h.value("source", ""), handover);
    changed[h.value("field", "")] = {h.value("old_value", ""), h.value("new_value", "")};
  }
  EXPECT_EQ(changed["status"], std::make_pair(std::string("graduated"), std::string("enrolled")));
  EXPECT_EQ(changed["school"], std::make_pair(std::string("4501020001"), next));
  EXPECT_EQ(changed["grade"], std::make_pair(std::string("6"), std::string("7")));
  // Live again: a second registration is refused, naming the new school.
  auto again = call(
      "POST", "/v1/students",
      {{"id", "450102201309150019"}, {"name", "李小明"}, {"school", "4503000001"}, {"grade", 7}},
      reg("4503000001"));
  EXPECT_EQ(again.status, 409) << again.body;
  EXPECT_NE(again.body.find(next), std::string::npos) << again.body;
}

INSTANTIATE_TEST_SUITE_P(Backends, RecordChanges, ::testing::Values("postgresql", "sqlite"),
                         backend_name);

}  // namespace
}  // namespace xueji::test
