#pragma once
// A case state with every field set, for the tests of its encodings: a field
// an encoding forgot shows up as an inequality.

#include "engine/case/case_state.h"

namespace xueji::test {

// Every field away from its default, optionals both set and unset, strings
// repeated across fields (the compact form writes a repeat as a reference).
inline CaseState every_field_set() {
  const auto at = [](int64_t s) { return Instant::from_unix_seconds(s); };
  CaseState c;
  c.id = "case-42";
  c.status = CaseStatus::in_term;
  c.kind = "leave";
  c.rule_version = "r7";
  c.province = "450000";
  c.subject = "G450102201309150019";
  c.opened_by = "guardian";
  c.fields = {{"months", "3"}, {"reason", "养病 \"rest\""}};
  c.opened_at = at(1766196000);
  c.student_status_before = "enrolled";
  c.student_school_before = "4501020001";
  c.record_before = {{"grade", "4"}, {"name", "张三"}};
  c.effects = PlannedEffects{"on_leave",
                             "suspended",
                             true,
                             "450103",
                             "4501020001",
                             6,
                             {"grade", "name"},
                             Date::from_ymd(2026, 3, 1).value()};
  StepState school;
  school.plan = PlannedStep{"school",
                            "school",
                            "4501020001",
                            Period{Period::Unit::working_days, 5},
                            2,
                            Period{Period::Unit::months, 1},
                            "Art. 26"};
  school.status = StepStatus::approved;
  school.activated_at = at(1766196000);
  school.due = Date::from_days(20450);
  school.provisional = true;
  school.reminder_at = at(1766800000);
  school.reminded = true;
  school.holder = "450102";
  school.holder_due = Date::from_days(20460);
  school.holder_deadline = at(1767800000);
  school.escalated_to = {"450102", "450000"};
  school.decision = "approve";
  school.decided_by = "450102";
  school.decided_at = at(1768200000);
  StepState county;
  county.plan = PlannedStep{"county",     "county",     "450102", Period{Period::Unit::months, -2},
                            std::nullopt, std::nullopt, ""};
  county.status = StepStatus::active;
  c.steps = {school, county};
  c.active_step = 1;
  c.outcome = "approved";
  c.completed_at = at(1768300000);
  c.term_ends = at(1784000000);
  c.event_count = 9;
  return c;
}

}  // namespace xueji::test
