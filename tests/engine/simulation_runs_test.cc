// The simulator's runs and archive steps (issue 15): a promotion (Art. 7)
// and a graduation (Art. 19) over its registry, the month of corrections
// after a promotion, and the archive_build / archive_update cases it opens
// by itself after a registration, a reopening and an approval (Art. 6, 7),
// on the shipped rules, calendars and demo org tree.

#include <gtest/gtest.h>

#include "engine/simulation/simulation.h"
#include "engine/student/promotion_correction.h"
#include "tests/engine/case_fixture.h"

namespace xueji::test {
namespace {

// Students of the demo tree: a primary school, another in the same county,
// the nine-year school the city runs (Art. 5).
const std::string kPrimary = "4501020001";
const std::string kOtherPrimary = "4501020002";
const std::string kNineYear = "4501000001";

class SimulationRunsTest : public CaseFixture {
 protected:
  // Parses `yaml` as a scenario and plays it; the test fails on a refusal.
  std::vector<SimulationLine> play(const std::string& yaml) {
    auto scenario = parse_scenario("test.yaml", yaml);
    EXPECT_TRUE(scenario.ok()) << scenario.error().message;
    if (!scenario.ok()) return {};
    simulation_ = std::make_unique<Simulation>(*rules_, *orgs_, *calendars_);
    auto lines = simulation_->run(*scenario);
    EXPECT_TRUE(lines.ok()) << lines.error().message;
    return lines.ok() ? *lines : std::vector<SimulationLine>{};
  }

  const Student& record(const std::string& number) const {
    const Student* s = simulation_->students().find(number);
    EXPECT_NE(s, nullptr) << number;
    static const Student none;
    return s != nullptr ? *s : none;
  }

  static std::vector<const SimulationLine*> refusals(const std::vector<SimulationLine>& lines) {
    std::vector<const SimulationLine*> out;
    for (const auto& l : lines) {
      if (l.refusal) out.push_back(&l);
    }
    return out;
  }

  std::unique_ptr<Simulation> simulation_;
};

// A student entry; `seq` keeps resident IDs apart.
std::string student_entry(const std::string& school, int grade, const std::string& seq,
                          const std::string& birth = "20130915") {
  return "  - {id: \"" + make_resident_id(school.substr(0, 6), birth, seq) +
         "\", name: x, school: \"" + school + "\", grade: " + std::to_string(grade) + "}\n";
}

std::string number_of(const std::string& school, const std::string& seq,
                      const std::string& birth = "20130915") {
  return "G" + make_resident_id(school.substr(0, 6), birth, seq);
}

TEST(ScenarioRuns, ParsesRunsAndCorrections) {
  auto s = parse_scenario("t.yaml",
                          "timeline:\n"
                          "  - at: \"2026-09-01T08:00:00+08:00\"\n"
                          "    run: {kind: promotion, scope: \"450100\", year: 2026}\n"
                          "  - at: \"2026-07-03T08:00:00+08:00\"\n"
                          "    run: {kind: graduation, school: \"4501020001\", year: 2026, grade: "
                          "6, except: [G1, G2]}\n"
                          "  - at: \"2026-09-10T08:00:00+08:00\"\n"
                          "    correct: {run: promotion-2026-450100, student: G3, grade: 4, by: "
                          "\"4501020001\", reason: repeats}\n"
                          "run_until: \"2026-12-31T00:00:00+08:00\"\n");
  ASSERT_TRUE(s.ok()) << s.error().message;
  ASSERT_EQ(s->timeline.size(), 3u);
  // Sorted by instant: the July graduation comes first.
  const ScenarioAction& g = s->timeline[0];
  EXPECT_EQ(g.kind, ScenarioAction::Kind::run);
  EXPECT_EQ(g.run_kind, "graduation");
  EXPECT_EQ(g.scope, "4501020001");
  EXPECT_EQ(g.grade, 6);
  EXPECT_EQ(g.except, (std::vector<std::string>{"G1", "G2"}));
  const ScenarioAction& p = s->timeline[1];
  EXPECT_EQ(p.run_kind, "promotion");
  EXPECT_EQ(p.scope, "450100");
  EXPECT_EQ(p.year, 2026);
  EXPECT_EQ(p.grade, 0);
  const ScenarioAction& c = s->timeline[2];
  EXPECT_EQ(c.kind, ScenarioAction::Kind::correct);
  EXPECT_EQ(c.run_id, "promotion-2026-450100");
  EXPECT_EQ(c.student, "G3");
  EXPECT_EQ(c.grade, 4);
  EXPECT_EQ(c.by, "4501020001");
  EXPECT_EQ(c.reason, "repeats");
}

TEST(ScenarioRuns, RefusesAMalformedRunOrCorrectionWithItsLine) {
  struct Bad {
    std::string entry;
    std::string says;
  };
  const std::vector<Bad> bad = {
      {"run: {kind: census, scope: \"450100\", year: 2026}", "unknown run kind 'census'"},
      {"run: {kind: promotion, school: \"4501020001\", year: 2026}",
       "a promotion takes no 'school'"},
      {"run: {kind: graduation, scope: \"450100\", year: 2026}", "names its 'school'"},
      {"run: {kind: promotion, scope: \"450100\", year: 1999}", "'year'"},
      {"run: {kind: promotion, scope: \"450100\"}", "missing 'year'"},
      {"correct: {run: r, student: G1, grade: 4, by: \"4501020001\"}", "missing 'reason'"},
      {"correct: {run: r, student: G1, grade: 13, by: \"4501020001\", reason: x}", "'grade'"},
      {"run: {kind: promotion, scope: \"450100\", year: 2026}\n    correct: {run: r, student: G1, "
       "grade: 4, by: x, reason: y}",
       "exactly one of"},
  };
  for (const auto& b : bad) {
    auto s = parse_scenario("t.yaml", "timeline:\n  - at: \"2026-09-01T08:00:00+08:00\"\n    " +
                                          b.entry + "\nrun_until: \"2026-12-31T00:00:00+08:00\"\n");
    ASSERT_FALSE(s.ok()) << b.entry;
    EXPECT_NE(s.error().message.find("t.yaml:"), std::string::npos) << s.error().message;
    EXPECT_NE(s.error().message.find(b.says), std::string::npos) << s.error().message;
  }
}

TEST_F(SimulationRunsTest, APromotionMovesEveryLiveRecordUpAndShowsEach) {
  const auto lines = play("students:\n" + student_entry(kPrimary, 5, "001") +
                          student_entry(kPrimary, 6, "002") + student_entry(kNineYear, 6, "003") +
                          "  - {id: \"" + make_resident_id("450102", "20130915", "004") +
                          "\", name: x, school: \"" + kOtherPrimary +
                          "\", grade: 3, status: withdrawn}\n"
                          "timeline:\n"
                          "  - at: \"2026-09-01T08:00:00+08:00\"\n"
                          "    run: {kind: promotion, scope: \"450100\", year: 2026}\n"
                          "  - at: \"2026-09-01T09:00:00+08:00\"\n"
                          "    run: {kind: promotion, scope: \"450100\", year: 2026}\n"
                          "run_until: \"2026-09-02T00:00:00+08:00\"\n");
  ASSERT_EQ(lines.size(), 4u);
  ASSERT_TRUE(lines[0].run);
  EXPECT_EQ(lines[0].run->id, "promotion-2026-450100");
  EXPECT_EQ(lines[0].run->kind, "promotion");
  EXPECT_EQ(lines[0].run->changed, 2);
  // In number order (the nine-year school's division code comes first),
  // each with the grade it left and the one it reached.
  ASSERT_TRUE(lines[1].change && lines[2].change);
  EXPECT_EQ(lines[1].change->student, number_of(kNineYear, "003"));
  EXPECT_EQ(lines[1].change->previous_grade, 6);
  EXPECT_EQ(lines[1].change->grade, 7);  // across the stage inside its school (Art. 7)
  EXPECT_FALSE(lines[1].change->correction);
  EXPECT_EQ(lines[2].change->student, number_of(kPrimary, "001"));
  EXPECT_EQ(lines[2].change->previous_grade, 5);
  EXPECT_EQ(lines[2].change->grade, 6);
  EXPECT_EQ(record(number_of(kPrimary, "001")).grade, 6);
  EXPECT_EQ(record(number_of(kPrimary, "002")).grade, 6);  // the stage's last grade
  EXPECT_EQ(record(number_of(kNineYear, "003")).grade, 7);
  EXPECT_EQ(record(number_of(kOtherPrimary, "004")).grade, 3);  // closed: left alone
  // The same run again changes nothing.
  ASSERT_TRUE(lines[3].run);
  EXPECT_EQ(lines[3].run->changed, 0);
  EXPECT_EQ(record(number_of(kPrimary, "001")).grade, 6);
}

TEST_F(SimulationRunsTest, APromotionStartsFromTheGradeACaseSet) {
  const std::string number = number_of(kPrimary, "001");
  const auto lines =
      play("students:\n" + student_entry(kPrimary, 4, "001") +
           "timeline:\n"
           "  - at: \"2026-06-01T10:00:00+08:00\"\n"
           "    open: {ref: r1, kind: grade_change, student: \"" +
           number + "\", by: \"" + kPrimary +
           "\", grade: 3}\n"
           "  - at: \"2026-06-02T10:00:00+08:00\"\n"
           "    decide: {case: r1, step: school, by: \"" +
           kPrimary +
           "\", decision: approve}\n"
           "  - at: \"2026-06-03T10:00:00+08:00\"\n"
           "    decide: {case: r1, step: county, by: \"450102\", decision: approve}\n"
           "  - at: \"2026-09-01T08:00:00+08:00\"\n"
           "    run: {kind: promotion, scope: \"450102\", year: 2026}\n"
           "run_until: \"2026-09-02T00:00:00+08:00\"\n");
  EXPECT_TRUE(refusals(lines).empty());
  EXPECT_EQ(record(number).grade, 4);  // 4 -> 3 by the case, 3 -> 4 by the run
  const SimulationLine& last = lines.back();
  ASSERT_TRUE(last.change);
  EXPECT_EQ(last.change->previous_grade, 3);
}

TEST_F(SimulationRunsTest, AGraduationClosesTheCohortButNotExceptionsOrOpenCases) {
  const std::string graduate = number_of(kPrimary, "001");
  const std::string pending = number_of(kPrimary, "002");
  const std::string excepted = number_of(kPrimary, "003");
  const std::string younger = number_of(kPrimary, "004");
  const auto lines =
      play("students:\n" + student_entry(kPrimary, 6, "001") + student_entry(kPrimary, 6, "002") +
           student_entry(kPrimary, 6, "003") + student_entry(kPrimary, 5, "004") +
           "timeline:\n"
           "  - at: \"2026-07-01T10:00:00+08:00\"\n"
           "    open: {ref: c1, kind: info_change, student: \"" +
           pending +
           "\", by: guardian, name: y}\n"
           "  - at: \"2026-07-03T10:00:00+08:00\"\n"
           "    run: {kind: graduation, school: \"" +
           kPrimary + "\", year: 2026, except: [\"" + excepted +
           "\"]}\n"
           "  - at: \"2026-07-03T11:00:00+08:00\"\n"
           "    run: {kind: graduation, school: \"" +
           kNineYear +
           "\", year: 2026, grade: 6}\n"
           "run_until: \"2026-07-04T00:00:00+08:00\"\n");
  const SimulationLine* run = nullptr;
  for (const auto& l : lines) {
    if (l.run) run = &l;
  }
  ASSERT_NE(run, nullptr);
  EXPECT_EQ(run->run->id, "graduation-2026-" + kPrimary);
  EXPECT_EQ(run->run->changed, 1);
  EXPECT_EQ(run->run->skipped, 1);  // the pupil whose info_change is open
  EXPECT_EQ(record(graduate).status, StudentStatus::graduated);
  EXPECT_EQ(record(graduate).grade, 6);
  EXPECT_EQ(record(pending).status, StudentStatus::enrolled);
  EXPECT_EQ(record(excepted).status, StudentStatus::enrolled);
  EXPECT_EQ(record(younger).status, StudentStatus::enrolled);
  const SimulationLine& change = *(run + 1);
  ASSERT_TRUE(change.change);
  EXPECT_EQ(change.change->student, graduate);
  EXPECT_EQ(change.change->previous_status, "enrolled");
  EXPECT_EQ(change.change->status, "graduated");
  // Art. 7: the nine-year school's grade 6 moves up; it does not graduate.
  const auto refused = refusals(lines);
  ASSERT_EQ(refused.size(), 1u);
  EXPECT_EQ(refused[0]->refusal->code, "rule_refused");
  EXPECT_NE(refused[0]->refusal->message.find("Art. 19"), std::string::npos);
}

TEST_F(SimulationRunsTest, ACorrectionUndoesTheStepOnceWithinTheMonth) {
  const std::string repeats = number_of(kOtherPrimary, "001");
  const std::string other = number_of(kPrimary, "002");
  const auto correct = [](const std::string& when, const std::string& run,
                          const std::string& number, int grade, const std::string& by) {
    return "  - at: \"" + when + "T10:00:00+08:00\"\n    correct: {run: " + run + ", student: \"" +
           number + "\", grade: " + std::to_string(grade) + ", by: \"" + by + "\", reason: r}\n";
  };
  const std::string run = "promotion-2026-450102";
  const auto lines = play(
      "students:\n" + student_entry(kOtherPrimary, 3, "001") + student_entry(kPrimary, 2, "002") +
      "timeline:\n"
      "  - at: \"2026-09-01T08:00:00+08:00\"\n"
      "    run: {kind: promotion, scope: \"450102\", year: 2026}\n" +
      correct("2026-09-05", run, other, 1, kPrimary) +    // two grades back
      correct("2026-09-06", run, repeats, 3, kPrimary) +  // another school
      correct("2026-09-07", "promotion-2025-450102", repeats, 3, kOtherPrimary) +
      correct("2026-09-08", run, repeats, 3, kOtherPrimary) +  // accepted
      correct("2026-09-09", run, repeats, 3, kOtherPrimary) +  // a second time
      correct("2026-10-02", run, other, 2, "450102") +         // after the month
      "run_until: \"2026-10-03T00:00:00+08:00\"\n");
  const auto refused = refusals(lines);
  ASSERT_EQ(refused.size(), 5u);
  EXPECT_EQ(refused[0]->refusal->code, "rule_refused");
  EXPECT_NE(refused[0]->refusal->message.find("grade_change"), std::string::npos);
  EXPECT_EQ(refused[1]->refusal->code, "out_of_jurisdiction");
  EXPECT_EQ(refused[2]->refusal->code, "unknown_run");
  EXPECT_EQ(refused[3]->refusal->code, "already_corrected");
  EXPECT_EQ(refused[4]->refusal->code, "rule_refused");
  EXPECT_NE(refused[4]->refusal->message.find("2026-10-01"), std::string::npos);
  // The engine's own words, unchanged.
  const StudentRun promotion =
      *promotion_run(*orgs_, "450102", 2026, at("2026-09-01T08:00:00+08:00"));
  Student late = record(other);
  EXPECT_EQ(refused[4]->refusal->message,
            check_grade_correction(promotion, *orgs_, late, 2, day("2026-10-02")).error().message);
  // Only the accepted one changed a record.
  EXPECT_EQ(record(repeats).grade, 3);
  EXPECT_EQ(record(other).grade, 3);
  const SimulationLine* corrected = nullptr;
  for (const auto& l : lines) {
    if (l.change && l.change->correction) {
      EXPECT_EQ(corrected, nullptr) << "a second correction";
      corrected = &l;
    }
  }
  ASSERT_NE(corrected, nullptr);
  EXPECT_EQ(corrected->change->student, repeats);
  EXPECT_EQ(corrected->change->previous_grade, 4);
  EXPECT_EQ(corrected->change->grade, 3);
  EXPECT_EQ(corrected->change->run, run);
  EXPECT_EQ(corrected->change->reason, "r");
}

// The case events of `ref` in `lines`.
std::vector<CaseEvent> events_of(const std::vector<SimulationLine>& lines, const std::string& ref) {
  std::vector<CaseEvent> out;
  for (const auto& l : lines) {
    if (l.case_ref == ref && l.event) out.push_back(*l.event);
  }
  return out;
}

TEST_F(SimulationRunsTest, ARegistrationOpensArchiveBuildAndAReopeningArchiveUpdate) {
  const std::string id = make_resident_id("450102", "20130915", "001");
  const std::string number = "G" + id;
  const auto lines = play("students:\n" + student_entry(kPrimary, 6, "002") +
                          "timeline:\n"
                          "  - at: \"2026-03-02T10:00:00+08:00\"\n"
                          "    register: {id: \"" +
                          id + "\", name: x, school: \"" + kPrimary +
                          "\", grade: 6}\n"
                          "  - at: \"2026-03-09T10:00:00+08:00\"\n"
                          "    decide: {case: " +
                          number + ".archive_build, step: school, by: \"" + kPrimary +
                          "\", decision: approve}\n"
                          "  - at: \"2026-07-03T10:00:00+08:00\"\n"
                          "    run: {kind: graduation, school: \"" +
                          kPrimary +
                          "\", year: 2026}\n"
                          "  - at: \"2026-09-02T10:00:00+08:00\"\n"
                          "    register: {id: \"" +
                          id + "\", name: x, school: \"" + kNineYear +
                          "\", grade: 7}\n"
                          "run_until: \"2026-09-03T00:00:00+08:00\"\n");
  // Art. 6: two months for the new record's archive, at its school.
  const auto build = events_of(lines, number + ".archive_build");
  ASSERT_GE(build.size(), 2u);
  EXPECT_EQ(build[0].kind, "archive_build");
  EXPECT_EQ(build[0].subject, number);
  EXPECT_EQ(build[0].by, kPrimary);
  EXPECT_EQ(build[0].at, at("2026-03-02T10:00:00+08:00"));
  ASSERT_TRUE(build[1].due);
  EXPECT_EQ(build[1].due->to_string(), "2026-05-02");
  EXPECT_EQ(simulation_->cases().at(number + ".archive_build").status, CaseStatus::closed);
  // Art. 8: the graduate comes back with the same number, enrolled at the
  // new school; Art. 7: one month to update the archive.
  const SimulationLine* reopened = nullptr;
  for (const auto& l : lines) {
    if (l.reopened) reopened = &l;
  }
  ASSERT_NE(reopened, nullptr);
  EXPECT_EQ(reopened->registered, number);
  EXPECT_EQ(record(number).status, StudentStatus::enrolled);
  EXPECT_EQ(record(number).school, kNineYear);
  EXPECT_EQ(record(number).grade, 7);
  const auto update = events_of(lines, number + ".archive_update");
  ASSERT_GE(update.size(), 2u);
  EXPECT_EQ(update[0].kind, "archive_update");
  EXPECT_EQ(update[0].by, kNineYear);
  ASSERT_TRUE(update[1].due);
  EXPECT_EQ(update[1].due->to_string(), "2026-10-02");
  EXPECT_EQ(simulation_->cases().count(number + ".archive_build.2"), 0u);
}

TEST_F(SimulationRunsTest, AnApprovalThatWritesTheRecordOpensArchiveUpdateAndARejectionNot) {
  const std::string a = number_of(kPrimary, "001");
  const std::string b = number_of(kPrimary, "002");
  auto info_change = [](const std::string& ref, const std::string& number, const std::string& day,
                        const std::string& decision) {
    return "  - at: \"" + day + "T09:00:00+08:00\"\n    open: {ref: " + ref +
           ", kind: info_change, student: \"" + number +
           "\", by: guardian, name: y}\n"
           "  - at: \"" +
           day + "T10:00:00+08:00\"\n    decide: {case: " + ref +
           ", step: school, by: \"4501020001\", decision: " + decision +
           "}\n"
           "  - at: \"" +
           day + "T11:00:00+08:00\"\n    decide: {case: " + ref +
           ", step: county, by: \"450102\", decision: " + decision + "}\n";
  };
  const auto lines = play(
      "students:\n" + student_entry(kPrimary, 5, "001") + student_entry(kPrimary, 5, "002") +
      "timeline:\n" + info_change("i1", a, "2026-03-02", "approve") +
      info_change("i2", b, "2026-03-03", "reject") + "run_until: \"2026-03-04T00:00:00+08:00\"\n");
  const auto update = events_of(lines, "i1.archive_update");
  ASSERT_GE(update.size(), 1u);
  EXPECT_EQ(update[0].subject, a);
  EXPECT_EQ(update[0].at, at("2026-03-02T11:00:00+08:00"));  // at the approval
  EXPECT_EQ(simulation_->cases().count("i2.archive_update"), 0u);
  EXPECT_TRUE(events_of(lines, "i2.archive_update").empty());
}

}  // namespace
}  // namespace xueji::test
