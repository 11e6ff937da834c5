// The preconditions a province's overlay may add (issue 16, "Bounds";
// engine/workflow/overlay_precondition.h): each predicate holding and
// refusing, and the loader refusing an unknown name, a bad parameter, a
// missing article and anything that would loosen a national precondition,
// with file:line.

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "engine/workflow/overlay_precondition.h"
#include "engine/workflow/rule_loader.h"
#include "tests/engine/test_data.h"

namespace xueji {
namespace {

Date day(const char* text) { return *Date::parse(text); }

Student in_grade(int grade) {
  Student s;
  s.registration_number = "G450102201309150019";
  s.school = "4501020001";
  s.grade = grade;
  return s;
}

OverlayPrecondition named(OverlayPrecondition::Name name) {
  OverlayPrecondition pre;
  pre.name = name;
  pre.file = "p/transfer.yaml";
  pre.line = 9;
  pre.province = "330000";
  pre.article = "Art. 15";
  return pre;
}

// The message of the refusal, or "" when `pre` holds.
std::string check(const OverlayPrecondition& pre, const OpeningFacts& facts) {
  Status s = check_overlay_precondition(pre, facts);
  if (s) return "";
  EXPECT_EQ(s.error().code, "rule_refused");
  return s.error().message;
}

using Name = OverlayPrecondition::Name;

TEST(OverlayPrecondition, FinalTermOfTheGraduatingGrade) {
  OverlayPrecondition pre = named(Name::not_in_final_term_of_graduating_grade);
  pre.spring_term_from = {2, 1};
  const Student grade9 = in_grade(9);
  OpeningFacts facts;
  facts.student = &grade9;
  facts.school_grades = GradeRange{7, 9};  // a junior school: grade 9 graduates
  facts.school_year_start = {9, 1};
  facts.today = day("2026-03-10");
  EXPECT_EQ(check(pre, facts),
            "not in the last term of the graduating grade: grade 9 ends its stage at 4501020001 "
            "and 2026-03-10 is in its last term (2026-02-01 to 2026-08-31) (precondition "
            "not_in_final_term_of_graduating_grade of 330000, p/transfer.yaml:9, Art. 15)");
  // Its first and last day are in the term; the day before and after are not.
  facts.today = day("2026-02-01");
  EXPECT_NE(check(pre, facts), "");
  facts.today = day("2026-08-31");
  EXPECT_NE(check(pre, facts), "");
  facts.today = day("2026-01-31");
  EXPECT_EQ(check(pre, facts), "");
  facts.today = day("2026-09-01");
  EXPECT_EQ(check(pre, facts), "");
  // The province's school year ends earlier: Guangxi promotes on 28 August.
  facts.school_year_start = {8, 28};
  facts.today = day("2026-08-28");
  EXPECT_EQ(check(pre, facts), "");
  facts.today = day("2026-08-27");
  EXPECT_NE(check(pre, facts), "");
}

TEST(OverlayPrecondition, OnlyTheGraduatingGradeIsHeld) {
  OverlayPrecondition pre = named(Name::not_in_final_term_of_graduating_grade);
  pre.spring_term_from = {2, 1};
  OpeningFacts facts;
  facts.today = day("2026-03-10");
  facts.school_year_start = {9, 1};
  const Student grade8 = in_grade(8);
  facts.student = &grade8;
  EXPECT_EQ(check(pre, facts), "");
  // Grade 6 at a primary school graduates; at a nine-year school it goes on
  // to grade 7 in the same school (Art. 7), so it is not held.
  const Student grade6 = in_grade(6);
  facts.student = &grade6;
  facts.school_grades = GradeRange{1, 6};
  EXPECT_NE(check(pre, facts), "");
  facts.school_grades = GradeRange{1, 9};
  EXPECT_EQ(check(pre, facts), "");
  // A school with no type: the stage's end is taken as the graduation.
  facts.school_grades.reset();
  EXPECT_NE(check(pre, facts), "");
  const Student grade12 = in_grade(12);
  facts.student = &grade12;
  facts.school_grades = GradeRange{1, 12};
  EXPECT_NE(check(pre, facts), "");
}

TEST(OverlayPrecondition, DaysOfATermsEnd) {
  OverlayPrecondition pre = named(Name::not_within_days_of_term_end);
  pre.days = 10;
  pre.term_ends = {{1, 20}};
  OpeningFacts facts;
  facts.school_year_start = {9, 1};  // the school year's last day: 31 August
  facts.today = day("2026-08-22");   // 9 days before it
  EXPECT_EQ(check(pre, facts),
            "not within 10 days of a term's end: 2026-08-22 is 9 days before the term's last "
            "day 2026-08-31 (precondition not_within_days_of_term_end of 330000, "
            "p/transfer.yaml:9, Art. 15)");
  facts.today = day("2026-08-31");
  EXPECT_NE(check(pre, facts), "");
  facts.today = day("2026-08-21");  // 10 days before: held
  EXPECT_EQ(check(pre, facts), "");
  facts.today = day("2026-09-01");
  EXPECT_EQ(check(pre, facts), "");
  // A term end the overlay names, across the new year.
  facts.today = day("2026-12-30");
  EXPECT_EQ(check(pre, facts), "");
  facts.today = day("2027-01-15");
  EXPECT_NE(check(pre, facts), "");
  pre.days = 1;
  facts.today = day("2027-01-20");
  EXPECT_NE(check(pre, facts), "");
  facts.today = day("2027-01-19");
  EXPECT_EQ(check(pre, facts), "");
}

TEST(OverlayPrecondition, GradeIn) {
  OverlayPrecondition pre = named(Name::grade_in);
  pre.grades = {10, 11};
  pre.reason = "只限高一高二";
  OpeningFacts facts;
  const Student grade11 = in_grade(11);
  facts.student = &grade11;
  EXPECT_EQ(check(pre, facts), "");
  const Student grade12 = in_grade(12);
  facts.student = &grade12;
  EXPECT_EQ(check(pre, facts),
            "只限高一高二: the student is in grade 12, not one of 10, 11 (precondition grade_in of "
            "330000, p/transfer.yaml:9, Art. 15)");
}

TEST(OverlayPrecondition, RequiresFields) {
  OverlayPrecondition pre = named(Name::requires_fields);
  pre.fields = {"reason_code", "evidence_ref"};
  std::map<std::string, std::string> fields = {{"to_school", "4501030002"}, {"reason_code", "R01"}};
  OpeningFacts facts;
  facts.fields = &fields;
  EXPECT_EQ(check(pre, facts),
            "the province requires more fields: the opening has no 'evidence_ref' (precondition "
            "requires_fields of 330000, p/transfer.yaml:9, Art. 15)");
  fields["evidence_ref"] = "";  // empty is not given
  EXPECT_NE(check(pre, facts), "");
  fields["evidence_ref"] = "ZJ-2026-0001";
  EXPECT_EQ(check(pre, facts), "");
}

// Every shipped national file, with `overlay` as `file`: the load's error
// message, or "" when it loads.
std::string load_with(const std::string& file, const std::string& overlay) {
  std::vector<RuleSource> sources;
  for (const auto& entry :
       std::filesystem::directory_iterator(test::project_path("workflows/national"))) {
    std::ifstream in(entry.path());
    std::stringstream text;
    text << in.rdbuf();
    sources.push_back({"national/" + entry.path().filename().string(), text.str()});
  }
  sources.push_back({file, overlay});
  auto r = load_rules(sources);
  return r.ok() ? std::string() : r.error().message;
}

std::string transfer_overlay(const std::string& preconditions) {
  return "province: \"330000\"\nkind: transfer\npreconditions:\n" + preconditions;
}

TEST(OverlayPreconditionLoader, ReadsEachPredicate) {
  EXPECT_EQ(
      load_with("p/t.yaml",
                transfer_overlay("  - not_in_final_term_of_graduating_grade: "
                                 "{spring_term_from: \"02-01\"}\n    article: Art. 15\n"
                                 "  - not_within_days_of_term_end: 10\n    article: Art. 15\n"
                                 "  - not_within_days_of_term_end: {days: 5, term_ends: "
                                 "[\"01-20\"]}\n    article: Art. 15\n"
                                 "  - {grade_in: [1, 2, 3], article: Art. 15}\n"
                                 "  - {requires_fields: [reason_code], article: 浙教基 1号}\n")),
      "");
  auto shipped = load_rules(test::project_path("workflows"));
  ASSERT_TRUE(shipped.ok()) << shipped.error().message;
  const CaseKindRules* zj = shipped->find("transfer", "330000");
  ASSERT_NE(zj, nullptr);
  ASSERT_EQ(zj->added_preconditions.size(), 1u);
  const OverlayPrecondition& pre = zj->added_preconditions[0];
  EXPECT_EQ(pre.name, Name::not_in_final_term_of_graduating_grade);
  EXPECT_EQ(pre.spring_term_from, (PromotionDate{2, 1}));
  EXPECT_EQ(pre.province, "330000");
  EXPECT_EQ(pre.article, "Art. 15, 29");
  EXPECT_NE(pre.file.find("provinces/330000/transfer.yaml"), std::string::npos) << pre.file;
  // The national rules and the other provinces' have none.
  EXPECT_TRUE(shipped->find("transfer", "450000")->added_preconditions.empty());
  EXPECT_TRUE(shipped->find("transfer", "")->added_preconditions.empty());
}

TEST(OverlayPreconditionLoader, RefusesAnUnknownPredicate) {
  EXPECT_EQ(load_with("p/t.yaml", transfer_overlay("  - {no_transfer_on_fridays: true, "
                                                   "article: Art. 15}\n")),
            "p/t.yaml:4: unknown precondition 'no_transfer_on_fridays' (known: "
            "not_in_final_term_of_graduating_grade, not_within_days_of_term_end, grade_in, "
            "requires_fields)");
}

TEST(OverlayPreconditionLoader, RefusesBadParameters) {
  EXPECT_EQ(load_with("p/t.yaml", transfer_overlay("  - not_in_final_term_of_graduating_grade: "
                                                   "{spring_term_from: \"02-30\"}\n"
                                                   "    article: Art. 15\n")),
            "p/t.yaml:4: spring_term_from '02-30' is not a day of every year");
  EXPECT_EQ(load_with("p/t.yaml", transfer_overlay("  - not_in_final_term_of_graduating_grade: "
                                                   "{spring_term_from: \"09-15\"}\n"
                                                   "    article: Art. 15\n")),
            "p/t.yaml:4: spring_term_from 09-15 is not before the school year's end (the "
            "promotion, August or September)");
  EXPECT_EQ(load_with("p/t.yaml", transfer_overlay("  - {grade_in: [3, 13], article: Art. 15}\n")),
            "p/t.yaml:4: a grade of grade_in must be between 1 and 12, not 13");
  EXPECT_EQ(load_with("p/t.yaml", transfer_overlay("  - {grade_in: [], article: Art. 15}\n")),
            "p/t.yaml:4: grade_in takes a non-empty list of grades (1-12)");
  EXPECT_EQ(load_with("p/t.yaml",
                      transfer_overlay("  - {requires_fields: [guardian_phone], article: x}\n")),
            "p/t.yaml:4: unknown field 'guardian_phone' (an overlay may require: reason_code, "
            "evidence_ref)");
  EXPECT_EQ(
      load_with("p/t.yaml", transfer_overlay("  - {not_within_days_of_term_end: 0, article: x}\n")),
      "p/t.yaml:4: not_within_days_of_term_end days must be between 1 and 60, not 0");
  EXPECT_EQ(load_with("p/t.yaml", transfer_overlay("  - {grade_in: [1], requires_fields: "
                                                   "[reason_code], article: x}\n")),
            "p/t.yaml:4: a precondition names one predicate, not 'grade_in' and 'requires_fields'");
  EXPECT_EQ(load_with("p/t.yaml", transfer_overlay("  - {grade_in: [1]}\n")),
            "p/t.yaml:4: precondition grade_in needs the article or province rule it enforces "
            "('article')");
}

// Preconditions only add refusals: nothing an overlay writes may read as
// allowing what the national rule refuses.
TEST(OverlayPreconditionLoader, RefusesWhatWouldWeakenTheNationalRule) {
  // Withdrawal is refused in grades 1-9 (Art. 18): listing grade 8 would
  // read as allowing it there.
  EXPECT_EQ(load_with("p/w.yaml",
                      "province: \"330000\"\nkind: withdrawal\npreconditions:\n"
                      "  - {grade_in: [8, 10], article: Art. 18}\n"),
            "p/w.yaml:4: grade_in lists grade 8, which the national withdrawal refuses "
            "(withdrawal (退学) is not allowed in compulsory education (grades 1-9), Art. 18): "
            "an overlay's precondition only adds refusals");
  EXPECT_EQ(load_with("p/w.yaml",
                      "province: \"330000\"\nkind: withdrawal\npreconditions:\n"
                      "  - {grade_in: [12], article: Art. 18}\n"),
            "");
  // The national preconditions' own keys cannot be rewritten by an overlay.
  EXPECT_EQ(load_with("p/t.yaml",
                      transfer_overlay("  - {student_status: [enrolled, on_leave], reason: x}\n")),
            "p/t.yaml:4: 'student_status' is a national precondition's, which an overlay cannot "
            "change (Art. 29); an overlay adds one of: not_in_final_term_of_graduating_grade, "
            "not_within_days_of_term_end, grade_in, requires_fields");
  // Nor dropped.
  const std::string dropped =
      load_with("p/t.yaml", "province: \"330000\"\nkind: transfer\ndrop_preconditions: [0]\n");
  EXPECT_EQ(dropped.rfind("p/t.yaml:3:", 0), 0u) << dropped;
  EXPECT_NE(dropped.find("unknown key 'drop_preconditions'"), std::string::npos) << dropped;
  // A grade precondition on a kind about a child with no record.
  EXPECT_EQ(load_with("p/d.yaml",
                      "province: \"330000\"\nkind: deferral\npreconditions:\n"
                      "  - {grade_in: [1], article: Art. 11}\n"),
            "p/d.yaml:4: grade_in checks a student's grade, and a deferral is about a child with "
            "no record yet (Art. 11)");
}

}  // namespace
}  // namespace xueji
