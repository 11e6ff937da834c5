// The simulator writes a case's change to its registry as a journal does
// (student_effect.h): every field at once, so a later case that rests on
// a field the first changed sees it changed, and is superseded as the
// server would supersede it; and the resident-ID index follows a change
// of the ID (Art. 9: one live registration per ID).

#include <gtest/gtest.h>

#include "engine/simulation/simulation.h"
#include "tests/engine/case_fixture.h"

namespace xueji::test {
namespace {

class SimulationRecord : public CaseFixture {
 protected:
  std::vector<SimulationLine> play(const std::string& yaml) {
    auto scenario = parse_scenario("test.yaml", yaml);
    EXPECT_TRUE(scenario.ok()) << scenario.error().message;
    if (!scenario.ok()) return {};
    simulation_ = std::make_unique<Simulation>(*rules_, *orgs_, *calendars_);
    auto lines = simulation_->run(*scenario);
    EXPECT_TRUE(lines.ok()) << lines.error().message;
    return lines.ok() ? *lines : std::vector<SimulationLine>{};
  }

  // The outcome of case `ref`'s completion in `lines`, "" when none.
  static std::string outcome(const std::vector<SimulationLine>& lines, const std::string& ref) {
    for (const auto& l : lines) {
      if (l.case_ref == ref && l.event && l.event->type == CaseEventType::completed) {
        return l.event->outcome;
      }
    }
    return "";
  }

  std::unique_ptr<Simulation> simulation_;
};

const char* kTwoNameChanges = R"(
students:
  - {id: "450102201309150019", name: "李小明", school: "4501020001", grade: 5}
timeline:
  - at: "2026-03-02T10:00:00+08:00"
    open: {ref: i1, kind: info_change, student: "G450102201309150019", by: guardian, name: "李晓明"}
  - at: "2026-03-02T11:00:00+08:00"
    open: {ref: i2, kind: info_change, student: "G450102201309150019", by: guardian, name: "李筱明"}
  - at: "2026-03-03T10:00:00+08:00"
    decide: {case: i1, step: school, by: "4501020001", decision: approve}
  - at: "2026-03-04T10:00:00+08:00"
    decide: {case: i1, step: county, by: "450102", decision: approve}
  - at: "2026-03-05T10:00:00+08:00"
    decide: {case: i2, step: school, by: "4501020001", decision: approve}
  - at: "2026-03-06T10:00:00+08:00"
    decide: {case: i2, step: county, by: "450102", decision: approve}
run_until: "2026-03-31T00:00:00+08:00"
)";

TEST_F(SimulationRecord, ASecondNameChangeOpenedOnTheOldNameIsSupersededAsTheServerDoes) {
  auto lines = play(kTwoNameChanges);
  EXPECT_EQ(outcome(lines, "i1"), "approved");
  // Before, the simulator wrote only the grade and the special-needs mark:
  // the name stayed 李小明 and the second change was approved.
  EXPECT_EQ(outcome(lines, "i2"), "superseded");
  const Student* s = simulation_->students().find("G450102201309150019");
  ASSERT_NE(s, nullptr);
  EXPECT_EQ(s->name, "李晓明");
}

TEST(StudentRegistryReplace, TheResidentIdIndexFollowsAndADuplicateChangesNothing) {
  StudentRegistry registry;
  const Date today = *Date::parse("2025-09-26");
  const auto pupil = [](const std::string& id, const std::string& name) {
    NewStudent n;
    n.resident_id = id;
    n.name = name;
    n.school = "4501020001";
    n.grade = 5;
    return n;
  };
  auto a = registry.register_student(pupil("450102201309150019", "甲"), today);
  auto b = registry.register_student(pupil("450102201309150027", "乙"), today);
  ASSERT_TRUE(a.ok() && b.ok());
  Student changed = *a;
  changed.resident_id = "450102201309150035";
  changed.name = "甲一";
  ASSERT_TRUE(registry.replace(changed).ok());
  EXPECT_EQ(registry.find_by_resident_id("450102201309150019"), nullptr);
  ASSERT_NE(registry.find_by_resident_id("450102201309150035"), nullptr);
  EXPECT_EQ(registry.find_by_resident_id("450102201309150035")->name, "甲一");
  // The other record's ID is live: refused, and nothing moved.
  Student clash = *b;
  clash.resident_id = "450102201309150035";
  clash.grade = 6;
  auto refused = registry.replace(clash);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, "duplicate_registration");
  EXPECT_EQ(registry.find(b->registration_number)->grade, 5);
  EXPECT_EQ(registry.find_by_resident_id("450102201309150027")->registration_number,
            b->registration_number);
}

}  // namespace
}  // namespace xueji::test
