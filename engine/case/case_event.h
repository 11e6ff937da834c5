#pragma once
// What happened to a case. Events are the only source of a case's state:
// evolve() folds them in order, and replaying a case's events rebuilds it
// exactly. Every event carries absolute instants and dates computed when it
// was decided, so replay needs no clock and no calendar.
//
// One flat record per event keeps serialisation (store, JSON) trivial; each
// type uses the fields listed beside it.

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "engine/core/instant.h"
#include "engine/workflow/period.h"

namespace xueji {

enum class CaseEventType {
  opened,          // kind, rule_version, province, subject, by, fields, plan, effects,
                   // student_status, school, record
  step_activated,  // step, org, due, deadline, reminder_at, provisional
  reminded,        // step, org, due
  escalated,       // step, from_org, to_org, due, deadline (when a follow-up is armed)
  decided,         // step, org (the decider), decision, note
  completed,       // outcome, student_status, school, record, informed_org, term_ends,
                   // org (term), note (why, when superseded)
  term_ended,      // org (told to act), student
  redated,         // step, org (the holder), previous_due, due, deadline, reminder_at,
                   // provisional: a provisional due date once its year's schedule came
  handed_over,     // from_org (the school that merged or closed), to_org (its successor),
                   // school (where its records went, "" = kept in place), note (the change),
                   // step, org, due (the active step, when it was the school's: its
                   // holder now and that holder's date): Art. 12
};
std::string_view to_string(CaseEventType type);
std::optional<CaseEventType> parse_case_event_type(std::string_view text);

// A step of the case's plan, fixed when the case opens: its party resolved to
// an org, its periods copied from the rules. A later rule change never moves
// a running case.
struct PlannedStep {
  std::string step;
  std::string party;
  std::string org;
  Period deadline;
  std::optional<int> reminder_working_days_before;
  std::optional<Period> follow_up;
  std::string article;
};

// What completion does, fixed at opening like the plan.
struct PlannedEffects {
  std::string status_while_open;   // "" = the student's status is left alone while open
  std::string status_on_approval;  // "" = unchanged
  bool moves_school = false;       // approval moves the student to fields["to_school"]
  std::string informed_org;        // told of an approval (备案), "" = nobody
  std::string term_org;            // told when the term ends, "" = no term
  int term_months = 0;
  // Record fields approval writes from the case's fields of the same name
  // (engine/student/record_fields.h); a status among them is the status on
  // approval.
  std::vector<std::string> sets_record;
  // The day the term counts from, when not from the approval: a renewal's
  // from the end of the leave it renews, without a gap (Art. 16); a
  // deferral's from the intake it defers, so it ends at the next (Art. 11).
  std::optional<Date> term_from = std::nullopt;
  // The step the term's org gets when the term ends (a leave's review, Art.
  // 16), resolved at opening like the plan, so a reload of the rules never
  // changes what an open case owes; none when the kind has no review.
  std::optional<PlannedStep> term_review = std::nullopt;
};

struct CaseEvent {
  CaseEventType type = CaseEventType::opened;
  Instant at;
  // opened
  std::string kind;
  std::string rule_version;
  std::string province;
  std::string subject;  // registration number, or a child's resident ID
  std::string by;       // the org (or "guardian") that opened, decided or withdrew
  std::map<std::string, std::string> fields;
  std::vector<PlannedStep> plan;
  std::string student_status;        // opened: status before; completed: status after ("" = none)
  PlannedEffects effects;            // opened
  std::optional<Date> previous_due;  // redated: the due date the party had been told
  // step events
  std::string step;
  std::string org;
  std::string from_org;
  std::string to_org;
  std::optional<Date> due;
  std::optional<Instant> deadline;  // when the holder's time runs out; none = not armed
  std::optional<Instant> reminder_at;
  bool provisional = false;  // the due date rests on an unloaded year
  std::string decision;      // "approve" | "reject"
  std::string note;
  // completed
  std::string outcome;  // "approved" | "rejected" | "withdrawn" | "superseded"
  // opened: the student's school then; completed: the school after, when
  // the student moved.
  std::string school;
  std::string informed_org;
  std::optional<Instant> term_ends;
  // opened: the values the record held of the fields the case proposes
  // (what its completion rests on); completed: the values it writes.
  std::map<std::string, std::string> record;
};

}  // namespace xueji
