#pragma once
// A case decider fixture on the shipped rules, calendars and demo org tree:
// the exact data `xueji simulate` and the server run with.

#include <gtest/gtest.h>

#include <cstdio>
#include <string>

#include "engine/calendar/calendar_loader.h"
#include "engine/case/decider.h"
#include "engine/org/org_tree.h"
#include "engine/student/resident_id.h"
#include "engine/workflow/rule_loader.h"
#include "tests/engine/test_data.h"

namespace xueji::test {

inline Instant at(const char* rfc3339) { return *Instant::parse(rfc3339); }
inline Date day(const char* text) { return *Date::parse(text); }

// A valid resident ID for the division and birth date, with sequence `seq`.
inline std::string make_resident_id(const std::string& division, const std::string& birth,
                                    const std::string& seq = "001") {
  const std::string first17 = division + birth + seq;
  return first17 + resident_id_check_char(first17);
}

// Entrant `seq`'s three-digit sequence (modulo 1,000; odd: a boy), and its
// resident ID: a child of division 450102 born 2015-03-02, as the intake
// tests' files name their rows.
inline std::string entrant_sequence(int seq) {
  char sequence[16];
  std::snprintf(sequence, sizeof sequence, "%03d", seq % 1000);
  return sequence;
}
inline std::string entrant_id(int seq) {
  return make_resident_id("450102", "20150302", entrant_sequence(seq));
}

// A registered student at `school`, with a valid resident ID of its county.
inline Student make_student(const std::string& school, int grade,
                            StudentStatus status = StudentStatus::enrolled,
                            const std::string& birth = "20130915", const std::string& seq = "001") {
  Student s;
  s.resident_id = make_resident_id(school.substr(0, 6), birth, seq);
  s.registration_number = "G" + s.resident_id;
  s.name = "李小明";
  s.school = school;
  s.grade = grade;
  s.status = status;
  // As a registration sets them: from the ID.
  auto id = validate_resident_id(s.resident_id, Date::from_days(40000));
  if (id) {
    s.birth_date = id->birth_date;
    s.gender = id->gender;
  }
  return s;
}

// The transfer of `s` to school 4501030002, filed by the receiving school.
inline OpenCase transfer_to_4501030002(const Student& s) {
  OpenCase c;
  c.kind = "transfer";
  c.by = "4501030002";
  c.fields["to_school"] = "4501030002";
  c.student = s;
  return c;
}

class CaseFixture : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto rules = load_rules(project_path("workflows"));
    ASSERT_TRUE(rules.ok()) << rules.error().message;
    rules_ = new RuleSet(std::move(*rules));
    auto calendars = load_calendars(project_path("config/calendars"));
    ASSERT_TRUE(calendars.ok()) << calendars.error().message;
    calendars_ = new CalendarSet(std::move(*calendars));
    auto orgs = load_org_file(project_path("config/demo/orgs.yaml"));
    ASSERT_TRUE(orgs.ok()) << orgs.error().message;
    orgs_ = new OrgTree(std::move(*orgs));
  }
  static void TearDownTestSuite() {
    delete rules_;
    delete calendars_;
    delete orgs_;
  }

  DecisionContext context() const { return DecisionContext{*rules_, *orgs_, *calendars_}; }

  static Student student(const std::string& school, int grade,
                         StudentStatus status = StudentStatus::enrolled) {
    return make_student(school, grade, status);
  }

  // Runs one command against the case, folding the events in on success.
  Result<std::vector<CaseEvent>> run(const CaseCommand& command, Instant now) {
    auto events = decide(state_, command, now, context());
    if (events) {
      for (const auto& e : *events) {
        state_ = evolve(std::move(state_), e);
        history_.push_back(e);
      }
    }
    return events;
  }

  std::vector<CaseEvent> open(OpenCase command, Instant now) {
    auto events = run(command, now);
    EXPECT_TRUE(events.ok()) << (events.ok() ? "" : events.error().message);
    return events.ok() ? *events : std::vector<CaseEvent>{};
  }

  // Fires every timer due up to `until`, as the case actor's timers would.
  std::vector<CaseEvent> run_timers_until(Instant until) {
    std::vector<CaseEvent> fired;
    while (auto t = state_.next_timer()) {
      if (t->at > until) break;
      CaseCommand c = t->kind == DueTimer::Kind::reminder
                          ? CaseCommand(ReminderDue{t->step, t->at})
                          : CaseCommand(DeadlineReached{t->step, t->at});
      auto events = run(c, t->at);
      EXPECT_TRUE(events.ok()) << (events.ok() ? "" : events.error().message);
      if (!events.ok()) break;
      fired.insert(fired.end(), events->begin(), events->end());
    }
    return fired;
  }

  // The case: a six-month leave of a Guangdong student (national rules),
  // approved on 2025-09-03, in its term to 2026-03-03 (Art. 16).
  void approved_leave() {
    OpenCase c{"leave", "guardian", {{"months", "6"}}, student("4401030001", 4), ""};
    open(c, at("2025-09-01T10:00:00+08:00"));
    ASSERT_TRUE(
        run(DecideStep{"school", "4401030001", "approve", ""}, at("2025-09-02T10:00:00+08:00"))
            .ok());
    ASSERT_TRUE(
        run(DecideStep{"county", "440103", "approve", ""}, at("2025-09-03T10:00:00+08:00")).ok());
    ASSERT_EQ(state_.status, CaseStatus::in_term);
  }

  static RuleSet* rules_;
  static CalendarSet* calendars_;
  static OrgTree* orgs_;
  CaseState state_ = [] {
    CaseState s;
    s.id = "c1";
    return s;
  }();
  std::vector<CaseEvent> history_;
};

inline RuleSet* CaseFixture::rules_ = nullptr;
inline CalendarSet* CaseFixture::calendars_ = nullptr;
inline OrgTree* CaseFixture::orgs_ = nullptr;

}  // namespace xueji::test
