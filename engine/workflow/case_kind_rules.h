#pragma once
// The rules of one case kind (transfer, leave, ...) as a province applies
// them: the national defaults from workflows/national/<kind>.yaml with the
// province's overlay from workflows/provinces/<code>/<kind>.yaml, if any.
// Plain data, produced and validated by the rule loader.

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "engine/workflow/overlay_precondition.h"
#include "engine/workflow/period.h"
#include "engine/workflow/return_placement.h"

namespace xueji {

// Who answers a step, resolved to an org when the case opens:
//   sending_school / receiving_school      the student's school / the school moved to
//   sending_county / receiving_county      their counties, and likewise _city, _province
//   school, county, city, province         the student's school and its ancestors
//   household_county                       the county of household registration (deferral)
//   superior                               the superior of the previous step's org
bool is_known_party(const std::string& party);

// A step runs only for some cases: a cross-province transfer's extra step;
// the county's approval of a change to a base field (Art. 13) or to the
// special-needs mark (Art. 14); the superior's approval of a case that runs
// the special-education variant (Art. 14: 交由上级学籍管理部门审批).
enum class StepCondition {
  always,
  cross_province,
  same_province,
  base_field_change,
  special_education
};

struct StepRule {
  std::string step;   // unique within the kind, e.g. "sending_school"
  std::string party;  // see is_known_party
  Period deadline;
  // Reminder that many working days before the deadline; none when absent.
  std::optional<int> reminder_working_days_before;
  // After the deadline the step escalates to the holder's superior (never
  // silent expiry); the superior gets this follow-up period, after which the
  // step climbs again, up to the ministry. No follow-up: escalate once only.
  std::optional<Period> follow_up;
  StepCondition when = StepCondition::always;
  std::string article;  // e.g. "Art. 15", for notices and reviewers
};

// A refusal at opening: the case kind does not apply to this student.
struct Precondition {
  std::vector<std::string> student_status;  // allowed statuses; empty = any
  int min_grade = 0;                        // 0 = no bound
  int max_grade = 0;
  std::string reason;  // the refusal, e.g. "withdrawal is refused in compulsory education"
  std::string article;
};

// After approval some kinds run a term (leave: at most one year, Art. 16;
// deferral: one school year, Art. 11) whose end tells `notify` to act.
struct TermRule {
  int default_months = 12;
  int max_months = 12;
  std::string notify;  // a party
  // Deferral (Art. 11: one school year): the term runs from the province's
  // intake the child defers to the next one, not from the approval.
  bool ends_at_intake = false;
  // Leave (Art. 16): the step the term's end gives `notify` (resume the
  // student or take a renewal), with its deadline and escalation; none =
  // the end is only told.
  std::optional<StepRule> review;
};

// Art. 14: the special-education variant of a kind that sets the grade
// (engine/case/special_education.h): the fields naming the expert
// committee's assessment, required of a special-education school's student.
struct SpecialEducationVariant {
  std::vector<std::string> required_fields;
  std::string article;
};

struct CaseKindRules {
  std::string kind;   // "transfer"
  std::string title;  // "转学"
  std::string article;
  std::string province;  // "" for the national defaults
  // The subject of a case: a registered student, a child with no
  // registration yet (deferral, Art. 11), or a school (its termly check of
  // its roster, Art. 25), named by the field `school`.
  enum class Subject { student, child, school } subject = Subject::student;
  // Who may open (and withdraw) it: a party, or "guardian" (through the
  // parents' app or in person at the school).
  std::vector<std::string> initiators;
  std::vector<std::string> required_fields;  // e.g. "to_school", "household_county"
  // A reported date among the fields (engine/case/reported_dates.h) the
  // first step's period counts from instead of the opening: a death's
  // learned_on (Art. 21). "" = from the opening.
  std::string counts_from;
  std::vector<Precondition> preconditions;
  // The province's own, from its overlay's vocabulary (overlay_precondition.h),
  // checked after the national ones: they only add refusals.
  std::vector<OverlayPrecondition> added_preconditions;
  std::vector<StepRule> steps;
  std::optional<TermRule> term;
  std::string status_while_open;   // "" = unchanged; e.g. "transfer_pending"
  std::string status_on_approval;  // "" = unchanged; e.g. "on_leave"
  std::string move_to_field;       // approval moves the student to this field's school
  std::string inform_on_approval;  // a party informed on approval (备案, Art. 18)
  // Record fields (engine/student/record_fields.h) the case proposes by
  // name among its fields and approval writes: an info_change's new name
  // (Art. 13), a grade_change's grade (Art. 7), graduation's status (Art. 19).
  std::vector<std::string> sets_record;
  // The values a proposed field may take, when the kind narrows them
  // (graduation: graduated, completed or incomplete); none = any valid one.
  std::map<std::string, std::vector<std::string>> allowed_values;
  // Art. 20: the grade a student back from abroad re-enters, by the
  // receiving province's rule (return_placement.h); Art. 11: likewise back
  // from a specialised school at their own. Only a kind that sets the
  // grade has one. The grade it proposes may be
  // the one the record holds: a placement, not a change.
  std::optional<ReturnPlacement> return_grade;
  std::optional<SpecialEducationVariant> special_education;
  // The case ends when the student's record moves to another school (a
  // transfer approved): its purpose is met (the dropout follow-up of
  // Art. 17: a 人籍分离 resolved, 籍随人走). engine/case/record_followed.cc.
  bool ends_when_record_moves = false;

  const StepRule* find_step(const std::string& name) const {
    for (const auto& s : steps) {
      if (s.step == name) return &s;
    }
    return nullptr;
  }
};

}  // namespace xueji
