// Study abroad and return (Art. 20) over HTTP on PostgreSQL and SQLite: the
// school hands the record over, the county keeps it (status abroad); a
// school in another county receives the student back in the grade Guangxi's
// rule allows, its county approves, the record is enrolled there again under
// the same number, and the time abroad is marked on it. The family follows
// both cases with their progress codes.

#include "tests/http/api_fixture.h"

namespace xueji::test {
namespace {

using nlohmann::json;

class StudyAbroadHttp : public ApiFixture {
 protected:
  // The case id and its progress code.
  std::pair<std::string, std::string> open(const json& body, const std::string& as) {
    auto r = call("POST", "/v1/cases", body, as);
    EXPECT_EQ(r.status, 201) << r.body;
    return {r.json().value("id", ""), r.json().value("progress_code", "")};
  }
  void approve(const std::string& id, const std::string& step, const std::string& as) {
    auto r = call("POST", "/v1/cases/" + id + "/decisions",
                  {{"step", step}, {"decision", "approve"}}, as);
    EXPECT_EQ(r.status, 200) << step << " as " << as << ": " << r.body;
  }
  json read(const std::string& number, const std::string& as) {
    auto r = call("GET", "/v1/students/" + number, json(), as);
    EXPECT_EQ(r.status, 200) << r.body;
    return r.json();
  }
  json progress(const std::string& code) {
    auto r = call("GET", "/v1/progress/" + code, json(), "");
    EXPECT_EQ(r.status, 200) << r.body;
    return r.json();
  }
  static json returning(const std::string& number, int grade) {
    return {{"kind", "return_from_abroad"},
            {"student", number},
            {"to_school", "4501030002"},
            {"grade", grade}};
  }
};

TEST_P(StudyAbroadHttp, AbroadThenBackAtAnotherSchoolWithTheTimeAbroadMarked) {
  const std::string number = register_student(5, "4501020001");  // born 2013-09-15
  const std::string receiving = "4501030002";                    // in another county

  // Not abroad: no return (422, Art. 20), nothing opened.
  expect_problem(call("POST", "/v1/cases", returning(number, 5), reg(receiving)), 422,
                 "rule_refused");

  auto [abroad, abroad_code] =
      open({{"kind", "study_abroad"}, {"student", number}}, reg("4501020001"));
  const json waiting = progress(abroad_code);
  EXPECT_EQ(waiting.value("kind", ""), "study_abroad");
  EXPECT_EQ(waiting["now"].value("org", ""), "4501020001");
  EXPECT_EQ(waiting.value("student", ""), "李**");
  approve(abroad, "school", reg("4501020001"));
  EXPECT_EQ(progress(abroad_code)["now"].value("org", ""), "450102");
  approve(abroad, "county", reg("450102"));
  EXPECT_EQ(progress(abroad_code).value("status", ""), "closed");

  json kept = read(number, reg("450102"));
  EXPECT_EQ(kept.value("status", ""), "abroad");
  EXPECT_EQ(kept.value("kept_by", ""), "450102");
  EXPECT_EQ(kept.value("grade", 0), 5);
  ASSERT_EQ(kept["abroad_periods"].size(), 1u) << kept.dump();
  EXPECT_EQ(kept["abroad_periods"][0].value("left_by", ""), abroad);
  EXPECT_FALSE(kept["abroad_periods"][0].contains("to"));

  // Abroad already: neither a second departure nor a transfer (422).
  expect_problem(
      call("POST", "/v1/cases", {{"kind", "study_abroad"}, {"student", number}}, reg("4501020001")),
      422, "rule_refused");
  expect_problem(
      call("POST", "/v1/cases",
           {{"kind", "transfer"}, {"student", number}, {"to_school", receiving}}, reg(receiving)),
      422, "rule_refused");

  // Back in November: the receiving school finds the record the county
  // keeps (masked), and Guangxi places by age: grade 6 or one below, not 4.
  auto moved =
      call("POST", "/v1/clock/advance", {{"to", "2025-11-03T09:00:00+08:00"}}, admin("000000"));
  ASSERT_EQ(moved.status, 200) << moved.body;
  json found = read(number, reg(receiving));
  EXPECT_EQ(found.value("name", ""), "李**");
  EXPECT_FALSE(found.contains("history"));
  expect_problem(call("POST", "/v1/cases", returning(number, 4), reg(receiving)), 422,
                 "rule_refused");
  auto [back, back_code] = open(returning(number, 5), reg(receiving));
  const json pending = progress(back_code);
  EXPECT_EQ(pending.value("kind", ""), "return_from_abroad");
  EXPECT_EQ(pending["now"].value("org", ""), "450103");
  approve(back, "receiving_county", reg("450103"));

  json record = read(number, reg(receiving));
  EXPECT_EQ(record.value("registration_number", ""), number);  // Art. 8
  EXPECT_EQ(record.value("status", ""), "enrolled");
  EXPECT_EQ(record.value("school", ""), receiving);
  EXPECT_EQ(record.value("grade", 0), 5);  // placed in the grade he left in
  EXPECT_FALSE(record.contains("kept_by"));
  ASSERT_EQ(record["abroad_periods"].size(), 1u) << record.dump();
  const json& period = record["abroad_periods"][0];
  EXPECT_EQ(period.value("left_by", ""), abroad);
  EXPECT_EQ(period.value("returned_by", ""), back);
  EXPECT_EQ(period.value("returned_as", ""), "enrolled");
  EXPECT_LT(period.value("from", ""), period.value("to", ""));
  std::map<std::string, std::string> by_field;  // field -> "old>new", the return's rows
  for (const auto& h : record["history"]) {
    if (h.value("source", "") == back) {
      by_field[h.value("field", "")] = h.value("old_value", "") + ">" + h.value("new_value", "");
    }
  }
  EXPECT_EQ(by_field["status"], "abroad>enrolled");
  EXPECT_EQ(by_field["school"], "4501020001>" + receiving);
  EXPECT_EQ(by_field.count("grade"), 0u);  // unchanged: no row

  // The county that kept the record is told it left its keeping (备案).
  auto notices = call("GET", "/v1/orgs/450102/notices", json(), reg("450102"));
  ASSERT_EQ(notices.status, 200) << notices.body;
  EXPECT_NE(notices.body.find(back), std::string::npos) << notices.body;
  // Enrolled again: a second return, by another school, is refused.
  json again = returning(number, 5);
  again["to_school"] = "4501030001";
  expect_problem(call("POST", "/v1/cases", again, reg("4501030001")), 422, "rule_refused");
}

INSTANTIATE_TEST_SUITE_P(Backends, StudyAbroadHttp, ::testing::Values("postgresql", "sqlite"),
                         backend_name);

}  // namespace
}  // namespace xueji::test
