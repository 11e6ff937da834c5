// The yearly promotion over HTTP (Art. 7) and its month of corrections, and
// registration refusing a grade the school's type does not teach (Art. 2),
// on PostgreSQL and SQLite.

#include <soci/soci.h>

#include "tests/http/api_fixture.h"

namespace xueji::test {
namespace {

class Promotion : public ApiFixture {
 protected:
  // A child born `birth` (YYYYMMDD) registered at `school` in `grade`.
  HttpAnswer enrol(const std::string& school, int grade, const std::string& birth,
                   const std::string& seq) {
    return call("POST", "/v1/students",
                {{"id", make_resident_id("450102", birth, seq)},
                 {"name", "学生" + seq},
                 {"school", school},
                 {"grade", grade}},
                reg(school));
  }
  std::string enrolled(const std::string& school, int grade, const std::string& birth,
                       const std::string& seq) {
    auto r = enrol(school, grade, birth, seq);
    EXPECT_EQ(r.status, 201) << r.body;
    return r.json().value("registration_number", "");
  }

  int grade_of(const std::string& number) {
    auto store = TestStore::open(url_);
    EXPECT_TRUE(store.ok());
    auto found = (*store)->find_student(number);
    EXPECT_TRUE(found.ok() && found->has_value()) << number;
    return found.ok() && *found ? (*found)->grade : -1;
  }

  HttpAnswer promote(const std::string& scope, int year, const std::string& account) {
    return call("POST", "/v1/promotions", {{"scope", scope}, {"year", year}}, account);
  }

  HttpAnswer correct(const std::string& run, const std::string& number, int grade,
                     const std::string& account) {
    return call("POST", "/v1/promotions/" + run + "/corrections",
                {{"registration_number", number}, {"grade", grade}, {"reason", "留级"}}, account);
  }

  // The rows of `number`'s history, as "field old->new source".
  std::vector<std::string> history(const std::string& number) {
    auto store = TestStore::open(url_);
    EXPECT_TRUE(store.ok());
    std::vector<std::string> out;
    soci::rowset<soci::row> rows =
        ((*store)->journal().connection().sql().prepare
             << "SELECT field, old_value, new_value, source FROM student_history "
                "WHERE registration_number = :n ORDER BY version",
         soci::use(number));
    for (const auto& r : rows) {
      out.push_back(r.get<std::string>(0) + " " + r.get<std::string>(1) + "->" +
                    r.get<std::string>(2) + " " + r.get<std::string>(3));
    }
    return out;
  }
};

TEST_P(Promotion, RegistrationRefusesAGradeTheSchoolDoesNotTeach) {
  auto primary = enrol("4501020001", 7, "20120915", "011");
  expect_problem(primary, 422, "rule_refused");
  for (const char* part : {"4501020001", "是小学", "不含 7 年级", "第二条"}) {
    EXPECT_NE(primary.body.find(part), std::string::npos) << primary.body;
  }
  expect_problem(enrol("4501020003", 9, "20100915", "012"), 422, "rule_refused");
  // A nine-year school run by the city (Art. 5) teaches 7.
  auto nine_year = enrol("4501000001", 7, "20120915", "013");
  EXPECT_EQ(nine_year.status, 201) << nine_year.body;
  // Refused, nothing registered.
  auto store = TestStore::open(url_);
  ASSERT_TRUE(store.ok());
  EXPECT_EQ(*(*store)->count_rows("students"), 1);
}

TEST_P(Promotion, RunsOverTheSchoolsUnderAnOrgAndReadsBack) {
  const std::string five = enrolled("4501020001", 5, "20150915", "021");
  const std::string six = enrolled("4501020002", 6, "20140915", "022");
  const std::string nine_year_six = enrolled("4501000001", 6, "20140915", "023");
  const std::string other_city = enrolled("4503020001", 2, "20180915", "024");

  // A school's account runs no promotion; nor does an org outside the scope.
  expect_problem(promote("450102", 2025, reg("4501020001")), 403, "role_forbidden");
  expect_problem(promote("450100", 2025, reg("450300")), 403, "out_of_jurisdiction");
  expect_problem(promote("4501020001", 2025, reg("450100")), 422, "invalid_field");
  expect_problem(promote("459999", 2025, reg("450100")), 404, "unknown_org");
  EXPECT_EQ(grade_of(five), 5);

  auto run = promote("450100", 2025, reg("450100"));
  ASSERT_EQ(run.status, 201) << run.body;
  const nlohmann::json j = run.json();
  EXPECT_EQ(j.value("id", ""), "promotion-2025-450100");
  EXPECT_EQ(j.value("kind", ""), "promotion");
  EXPECT_EQ(j.value("scope", ""), "450100");
  EXPECT_EQ(j.value("year", 0), 2025);
  // Without `at`, Guangxi's own date (workflows/provinces/450000/school_year.yaml).
  EXPECT_EQ(j.value("at", ""), "2025-08-28");
  EXPECT_EQ(j.value("changed", 0), 2);
  EXPECT_TRUE(j.value("finished", false));
  EXPECT_EQ(j.value("corrections_until", ""), "2025-09-28");
  // Art. 7: 5 -> 6; a primary school's 6 waits for graduation; a nine-year
  // school's 6 -> 7; another city's school is not in the run.
  EXPECT_EQ(grade_of(five), 6);
  EXPECT_EQ(grade_of(six), 6);
  EXPECT_EQ(grade_of(nine_year_six), 7);
  EXPECT_EQ(grade_of(other_city), 2);

  // The same year and scope again: the same run, nobody moved twice.
  auto again = promote("450100", 2025, admin("450000"));
  ASSERT_EQ(again.status, 200) << again.body;
  EXPECT_EQ(again.json(), j);
  EXPECT_EQ(grade_of(five), 6);
  EXPECT_EQ(grade_of(nine_year_six), 7);

  auto read = call("GET", "/v1/promotions/promotion-2025-450100", nullptr, admin("450000"));
  ASSERT_EQ(read.status, 200) << read.body;
  EXPECT_EQ(read.json(), j);
  expect_problem(call("GET", "/v1/promotions/promotion-2025-450100", nullptr, reg("450300")), 403,
                 "out_of_jurisdiction");
  expect_problem(call("GET", "/v1/promotions/promotion-2024-450100", nullptr, reg("450100")), 404,
                 "not_found");

  int runs = 0, reads = 0, refused = 0;
  for (const auto& e : audit_trail()) {
    if (e.action == "promotion.run" && e.target == "promotion:promotion-2025-450100" &&
        e.outcome == "ok") {
      ++runs;
    }
    if (e.action == "promotion.read" && e.outcome == "ok") ++reads;
    if (e.action == "promotion.run" && e.outcome != "ok") ++refused;
  }
  EXPECT_EQ(runs, 2);
  EXPECT_EQ(reads, 1);
  EXPECT_EQ(refused, 4);
}

TEST_P(Promotion, ASchoolCorrectsARepeaterWithinTheMonthOnly) {
  const std::string repeater = enrolled("4501020001", 5, "20150915", "031");
  const std::string late = enrolled("4501020002", 3, "20170915", "032");
  auto run = promote("450102", 2025, reg("450102"));
  ASSERT_EQ(run.status, 201) << run.body;
  const std::string id = run.json().value("id", "");
  ASSERT_EQ(grade_of(repeater), 6);
  // A school reads the run that moved its students.
  auto read = call("GET", "/v1/promotions/" + id, nullptr, reg("4501020001"));
  EXPECT_EQ(read.status, 200) << read.body;

  // Only the undoing of the step: grade 4 is a grade_change case.
  auto wrong = correct(id, repeater, 4, reg("4501020001"));
  expect_problem(wrong, 422, "rule_refused");
  EXPECT_NE(wrong.body.find("升级、留级（降级）"), std::string::npos) << wrong.body;
  // Another county's school may not.
  expect_problem(correct(id, repeater, 5, reg("4501030001")), 403, "out_of_jurisdiction");
  expect_problem(correct("promotion-2025-450103", repeater, 5, reg("450103")), 404, "not_found");
  EXPECT_EQ(grade_of(repeater), 6);

  auto corrected = correct(id, repeater, 5, reg("4501020001"));
  ASSERT_EQ(corrected.status, 200) << corrected.body;
  EXPECT_EQ(corrected.json().value("grade", 0), 5);
  EXPECT_EQ(corrected.json().value("previous_grade", 0), 6);
  EXPECT_EQ(grade_of(repeater), 5);
  EXPECT_EQ(history(repeater), std::vector<std::string>{"grade 6->5 correction:" + id});
  // Once per student and run.
  expect_problem(correct(id, repeater, 4, reg("450102")), 409, "already_corrected");
  EXPECT_EQ(grade_of(repeater), 5);
  bool audited = false;
  for (const auto& e : audit_trail()) {
    if (e.action == "promotion.correct" && e.target == "student:" + repeater && e.outcome == "ok") {
      audited = e.detail.find("留级") != std::string::npos;
    }
  }
  EXPECT_TRUE(audited);

  // 2025-09-28 (Guangxi's 08-28 plus a month) was the last day.
  ASSERT_TRUE(engine_->advance(at("2025-10-02T09:00:00+08:00")).ok());
  auto after = correct(id, late, 3, reg("4501020002"));
  expect_problem(after, 422, "rule_refused");
  EXPECT_NE(after.body.find("第七条"), std::string::npos) << after.body;
  EXPECT_NE(after.body.find("升级、留级（降级）"), std::string::npos) << after.body;
  EXPECT_EQ(grade_of(late), 4);
  EXPECT_TRUE(history(late).empty());
}

INSTANTIATE_TEST_SUITE_P(Backends, Promotion, ::testing::Values("postgresql", "sqlite"),
                         backend_name);

}  // namespace
}  // namespace xueji::test
