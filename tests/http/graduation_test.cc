// A school's graduation run over HTTP (Art. 19), on PostgreSQL and SQLite:
// the cohort in the school's last grade graduates as one recorded run, its
// exceptions and the records under a live case are left for a case each,
// every record keeps the status it replaced, and the run is read back.

#include "tests/http/api_fixture.h"

namespace xueji::test {
namespace {

class Graduation : public ApiFixture {
 protected:
  std::string enrolled(const std::string& school, int grade, const std::string& birth,
                       const std::string& seq) {
    auto r = call("POST", "/v1/students",
                  {{"id", make_resident_id("450102", birth, seq)},
                   {"name", "学生" + seq},
                   {"school", school},
                   {"grade", grade}},
                  reg(school));
    EXPECT_EQ(r.status, 201) << r.body;
    return r.json().value("registration_number", "");
  }
  HttpAnswer graduate(const nlohmann::json& body, const std::string& as) {
    return call("POST", "/v1/graduations", body, as);
  }
  nlohmann::json record(const std::string& number) {
    auto r = call("GET", "/v1/students/" + number, nlohmann::json(), reg("4501020001"));
    EXPECT_EQ(r.status, 200) << r.body;
    return r.json();
  }
};

TEST_P(Graduation, TheCohortGraduatesAndTheRestAreNamed) {
  const std::string a = enrolled("4501020001", 6, "20140901", "051");
  const std::string b = enrolled("4501020001", 6, "20140902", "052");
  const std::string excepted = enrolled("4501020001", 6, "20140903", "053");
  const std::string moving = enrolled("4501020001", 6, "20140904", "054");
  const std::string fifth = enrolled("4501020001", 5, "20150901", "055");
  const std::string other = enrolled("4501020002", 6, "20140905", "056");
  open_transfer(moving);  // a pending transfer decides first

  // Refused, changing nothing: another school's registrar, a county, a
  // grade the school does not graduate, a malformed body.
  const nlohmann::json cohort = {{"school", "4501020001"}, {"year", 2026}, {"except", {excepted}}};
  expect_problem(graduate(cohort, reg("4501020002")), 403, "out_of_jurisdiction");
  expect_problem(graduate({{"school", "450102"}, {"year", 2026}}, reg("450102")), 404,
                 "unknown_org");
  auto untaught = graduate({{"school", "4501020001"}, {"year", 2026}, {"grade", 9}}, reg("450102"));
  expect_problem(untaught, 422, "rule_refused");
  EXPECT_NE(untaught.body.find("第二条"), std::string::npos) << untaught.body;
  expect_problem(graduate({{"school", "4501020001"}}, reg("450102")), 400, "missing_field");
  expect_problem(
      graduate({{"school", "4501020001"}, {"year", 2026}, {"except", "G1"}}, reg("450102")), 400,
      "malformed_json");
  auto bad_number =
      graduate({{"school", "4501020001"}, {"year", 2026}, {"except", {"X1"}}}, reg("450102"));
  expect_problem(bad_number, 422, "invalid_field");
  EXPECT_EQ(record(a).value("status", ""), "enrolled");

  auto run = graduate(cohort, reg("4501020001"));
  ASSERT_EQ(run.status, 201) << run.body;
  const nlohmann::json j = run.json();
  EXPECT_EQ(j.value("id", ""), "graduation-2026-4501020001");
  EXPECT_EQ(j.value("kind", ""), "graduation");
  EXPECT_EQ(j.value("grade", 0), 6);
  EXPECT_EQ(j.value("changed", 0), 2);
  EXPECT_TRUE(j.value("finished", false));
  EXPECT_FALSE(j.contains("corrections_until"));
  EXPECT_EQ(j["not_graduated"], (nlohmann::json{excepted, moving}));

  EXPECT_EQ(record(a).value("status", ""), "graduated");
  EXPECT_EQ(record(b).value("status", ""), "graduated");
  EXPECT_EQ(record(excepted).value("status", ""), "enrolled");
  EXPECT_EQ(record(moving).value("status", ""), "transfer_pending");
  EXPECT_EQ(record(fifth).value("status", ""), "enrolled");
  auto elsewhere = call("GET", "/v1/students/" + other, nlohmann::json(), reg("4501020002"));
  EXPECT_EQ(elsewhere.json().value("status", ""), "enrolled");
  // One record for life (Art. 8, 19): the status replaced, with the run.
  const auto history = record(a)["history"];
  ASSERT_EQ(history.size(), 1u) << history.dump();
  EXPECT_EQ(history[0].value("field", ""), "status");
  EXPECT_EQ(history[0].value("old_value", ""), "enrolled");
  EXPECT_EQ(history[0].value("new_value", ""), "graduated");
  EXPECT_EQ(history[0].value("source", ""), "graduation-2026-4501020001");

  // The same school and year again: the same run, nobody graduated twice.
  auto again = graduate(cohort, reg("450102"));
  ASSERT_EQ(again.status, 200) << again.body;
  EXPECT_EQ(again.json().value("changed", 0), 2);
  EXPECT_EQ(record(a)["history"].size(), 1u);

  auto read = call("GET", "/v1/graduations/graduation-2026-4501020001", nullptr, reg("450102"));
  ASSERT_EQ(read.status, 200) << read.body;
  EXPECT_EQ(read.json().value("changed", 0), 2);
  EXPECT_EQ(
      call("GET", "/v1/graduations/graduation-2026-4501020001", nullptr, reg("4501020001")).status,
      200);
  expect_problem(
      call("GET", "/v1/graduations/graduation-2026-4501020001", nullptr, reg("4501030002")), 403,
      "out_of_jurisdiction");
  expect_problem(
      call("GET", "/v1/graduations/graduation-2025-4501020001", nullptr, reg("4501020001")), 404,
      "not_found");

  int runs = 0, refused = 0;
  for (const auto& e : audit_trail()) {
    if (e.action == "graduation.run" && e.outcome == "ok") ++runs;
    if (e.action == "graduation.run" && e.outcome != "ok") ++refused;
  }
  EXPECT_EQ(runs, 2);
  EXPECT_EQ(refused, 6);
}

INSTANTIATE_TEST_SUITE_P(Backends, Graduation, ::testing::Values("postgresql", "sqlite"),
                         backend_name);

}  // namespace
}  // namespace xueji::test
