// The month of corrections after a promotion (Art. 7) and the run's schools
// and grades by school type (Art. 2): the engine's rules, without a store.

#include <gtest/gtest.h>

#include "engine/org/org_tree.h"
#include "engine/student/promotion_correction.h"

namespace xueji {
namespace {

Org school(const std::string& code, const std::string& parent, SchoolType type) {
  Org o{code, "school " + code, OrgLevel::school, parent};
  o.school_type = type;
  return o;
}

OrgTree tree() {
  auto built = OrgTree::build({Org{"450000", "广西", OrgLevel::province, ""},
                               Org{"450100", "南宁市", OrgLevel::city, "450000"},
                               Org{"450102", "兴宁区", OrgLevel::county, "450100"},
                               school("9999000001", "450102", SchoolType::primary),
                               school("4501000001", "450100", SchoolType::nine_year),
                               school("4501000002", "450100", SchoolType::twelve_year)});
  EXPECT_TRUE(built.ok()) << built.error().message;
  return built.ok() ? std::move(*built) : OrgTree();
}

Student at(const std::string& school, int grade, StudentStatus status = StudentStatus::enrolled) {
  Student s;
  s.registration_number = "G450102201309150019";
  s.school = school;
  s.grade = grade;
  s.status = status;
  return s;
}

const Date kInMonth = *Date::parse("2026-10-01");

StudentRun run_of(const OrgTree& orgs, const std::string& scope) {
  auto run = promotion_run(orgs, scope, 2026, start_of_beijing_day(*Date::parse("2026-09-01")));
  EXPECT_TRUE(run.ok());
  return run.ok() ? *run : StudentRun();
}

TEST(PromotionRun, ListsTheTreesSchoolsAndTheGradesEachCarriesAcrossAStage) {
  const OrgTree orgs = tree();
  const StudentRun run = run_of(orgs, "450100");
  EXPECT_EQ(run.id, "promotion-2026-450100");
  EXPECT_TRUE(run.listed);
  // The county's school shares no digits with it: the tree says it is there.
  EXPECT_EQ(run.schools, (std::vector<std::string>{"4501000001", "4501000002", "9999000001"}));
  EXPECT_TRUE(takes_grade(run, "4501000001", 6));
  EXPECT_FALSE(takes_grade(run, "4501000001", 9));
  EXPECT_TRUE(takes_grade(run, "4501000002", 9));
  EXPECT_FALSE(takes_grade(run, "9999000001", 6));
  EXPECT_TRUE(takes_grade(run, "9999000001", 5));
  EXPECT_FALSE(takes_grade(run, "4501020001", 5));  // not in the tree
  EXPECT_EQ(run_year(run.id), 2026);
  // A scope the tree does not know is a code prefix.
  const StudentRun prefix = run_of(orgs, "45");
  EXPECT_FALSE(prefix.listed);
  EXPECT_TRUE(covers(prefix, "4501020001"));
  EXPECT_FALSE(covers(prefix, "9999000001"));
  EXPECT_FALSE(promotion_run(orgs, "45a", 2026, Instant()).ok());
}

// Where the codes' digits name exactly the tree's schools under the scope
// (a province's first 2, a city's 4), the run goes by the prefix; a school
// whose code says otherwise keeps the list.
TEST(PromotionRun, GoesByTheCodesDigitsWhenTheyNameTheSameSchools) {
  auto built = OrgTree::build({Org{"450000", "广西", OrgLevel::province, ""},
                               Org{"450100", "南宁市", OrgLevel::city, "450000"},
                               Org{"450102", "兴宁区", OrgLevel::county, "450100"},
                               Org{"440000", "广东", OrgLevel::province, ""},
                               school("4501020001", "450102", SchoolType::primary),
                               school("4501000001", "450100", SchoolType::nine_year),
                               school("4500000001", "450000", SchoolType::twelve_year),
                               school("4501990001", "440000", SchoolType::primary)});
  ASSERT_TRUE(built.ok()) << built.error().message;
  const StudentRun province = run_of(*built, "450000");
  // 4501990001 starts with 45 but lies in Guangdong: the list stays.
  EXPECT_TRUE(province.listed);
  EXPECT_FALSE(covers(province, "4501990001"));
  EXPECT_TRUE(covers(province, "4500000001"));
  const StudentRun county = run_of(*built, "450102");
  EXPECT_FALSE(county.listed);
  EXPECT_EQ(county.prefix, "450102");
  EXPECT_TRUE(county.schools.empty());
  EXPECT_TRUE(covers(county, "4501020001"));
  EXPECT_FALSE(covers(county, "4501000001"));
  const StudentRun guangdong = run_of(*built, "440000");
  EXPECT_TRUE(guangdong.listed);  // its school's code does not start with 44
  EXPECT_TRUE(covers(guangdong, "4501990001"));
  EXPECT_FALSE(covers(guangdong, "4401030001"));
  auto plain = OrgTree::build({Org{"450000", "广西", OrgLevel::province, ""},
                               Org{"450100", "南宁市", OrgLevel::city, "450000"},
                               school("4501000001", "450100", SchoolType::nine_year),
                               school("4500000001", "450000", SchoolType::primary)});
  ASSERT_TRUE(plain.ok());
  const StudentRun by_digits = run_of(*plain, "450000");
  EXPECT_FALSE(by_digits.listed);
  EXPECT_EQ(by_digits.prefix, "45");
  EXPECT_TRUE(takes_grade(by_digits, "4501000001", 6));   // nine-year: 6 -> 7
  EXPECT_FALSE(takes_grade(by_digits, "4500000001", 6));  // primary: graduation
  EXPECT_FALSE(covers(by_digits, "4401030001"));
}

TEST(PromotionCorrection, TheMonthEndsOneCalendarMonthAfterTheRun) {
  EXPECT_EQ(corrections_until(start_of_beijing_day(*Date::parse("2026-09-01"))).to_string(),
            "2026-10-01");
  EXPECT_EQ(corrections_until(start_of_beijing_day(*Date::parse("2026-01-31"))).to_string(),
            "2026-02-28");
}

TEST(PromotionCorrection, OnlyUndoesTheStepWithinTheMonth) {
  const OrgTree orgs = tree();
  const StudentRun run = run_of(orgs, "450100");
  EXPECT_TRUE(check_grade_correction(run, orgs, at("9999000001", 6), 5, kInMonth).ok());
  EXPECT_TRUE(check_grade_correction(run, orgs, at("4501000001", 7), 6, kInMonth).ok());
  auto refused = [&](const Student& s, int grade, Date today, const std::string& says) {
    auto r = check_grade_correction(run, orgs, s, grade, today);
    ASSERT_FALSE(r.ok()) << says;
    EXPECT_EQ(r.error().code, "rule_refused");
    EXPECT_NE(r.error().message.find(says), std::string::npos) << r.error().message;
  };
  refused(at("9999000001", 6), 5, kInMonth.plus_days(1), "Art. 7");
  refused(at("9999000001", 6), 5, kInMonth.plus_days(1), "grade_change");
  refused(at("9999000001", 6), 4, kInMonth, "grade_change");
  refused(at("9999000001", 6), 7, kInMonth, "grade_change");
  refused(at("9999000001", 6, StudentStatus::withdrawn), 5, kInMonth, "withdrawn");
  // A primary school's 7 was never a grade the run moved there: 6 -> 7 is
  // not a promotion at a primary school.
  refused(at("9999000001", 7), 6, kInMonth, "did not move grade 6");
  // A nine-year school's 10 back to 9: the run does not move 9 there.
  refused(at("4501000001", 10), 9, kInMonth, "did not move grade 9");
  // The run moved 7 -> 8 at the primary school (a record its type does not
  // teach, from before types): 7 is no grade of a primary school (Art. 2).
  refused(at("9999000001", 8), 7, kInMonth, "Art. 2");
  // A school the run did not cover.
  const StudentRun county = run_of(orgs, "450102");
  auto outside = check_grade_correction(county, orgs, at("4501000001", 7), 6, kInMonth);
  ASSERT_FALSE(outside.ok());
  EXPECT_NE(outside.error().message.find("not one"), std::string::npos);
}

}  // namespace
}  // namespace xueji
