#pragma once
// What may be asked of a case. The caller (simulator, actor, HTTP adapter)
// looks up the student and passes its record in; decide() itself touches no
// store.

#include <map>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "engine/case/case_event.h"
#include "engine/core/instant.h"
#include "engine/student/student.h"

namespace xueji {

struct OpenCase {
  std::string kind;
  std::string by;                             // the initiating org's code, or "guardian"
  std::map<std::string, std::string> fields;  // to_school, household_county, months
  // The subject: a registered student, or for a child with no registration
  // yet (deferral) the child's resident ID.
  std::optional<Student> student;
  std::string child_resident_id;
  // When the first step's period began, if before the opening: an archive
  // step owed since an operation whose case opens only now, after a stop
  // (Art. 6, 7: the school's time counts from the operation, not from the
  // restart). Set by the engine, never by a party.
  std::optional<Instant> since = std::nullopt;
  // The student's leave a new leave renews (Art. 16: a renewal while on
  // leave is a new leave): its case and the end of its term, which the
  // renewal's term continues from. Looked up by the caller among the
  // student's cases, never given by a party.
  std::string renews_case = {};
  std::optional<Instant> renews_term_ends = std::nullopt;
  // The school years the child was deferred already (Art. 11: a deferral
  // ended, 应重新提出申请): its entry age allows a year more for each.
  // Counted by the caller among the child's cases (deferral_history.h),
  // never given by a party.
  int deferred_years = 0;
};

struct DecideStep {
  std::string step;
  std::string by;        // the deciding org
  std::string decision;  // "approve" | "reject"
  std::string note;
};

// The initiator takes the case back while it is pending.
struct WithdrawCase {
  std::string by;
};

// The student's record moved on under the case (another case closed it or
// changed the school it rests on): the case ends as "superseded", changing
// nothing, and tells its initiator why; a case in its term (a leave) has
// its term ended early instead, as a death ends it (Art. 21). Sent by the
// engine itself, never by a party.
struct SupersedeCase {
  std::string reason;
  // The events of the transition the record refused: the party decisions
  // among them are kept (a decision was made, even if its effect could
  // not be), the rest dropped.
  std::vector<CaseEvent> refused = {};
};

// Another case of the student follows a leave up (Art. 16): a resume or a
// renewal opened (`approved` false) or approved (true). A leave in its
// end-of-term review is satisfied either way; a leave still in its term
// ends when the other is approved (the renewal's term continues from it,
// or the student is back). Sent by the engine itself, never by a party;
// refused as stale by any case it does not concern.
// A leave opened after case `by_case` is none of its business: a follow-up
// delivered again after a stop (owed_follow_up.h) must not end a later
// renewal's term.
struct FollowUpLeave {
  std::string by_case;
  std::string kind;  // "resume" | "leave"
  bool approved = false;
  std::optional<Instant> by_opened = std::nullopt;  // when case by_case opened
};

// Timer commands name the step and instant they were armed for; one that no
// longer matches the state (the party decided meanwhile) is stale and refused.
struct DeadlineReached {
  std::string step;  // "" for the end of a term
  Instant armed_for;
};

struct ReminderDue {
  std::string step;
  Instant armed_for;
};

// A year's holiday schedule arrived (a reload, actors/domain_reload.h): a
// step whose due date was counted on a provisional calendar is counted
// again on the calendar in force. Sent by the engine itself; refused as
// "not_provisional" by a case with nothing provisional, changing nothing.
struct RedateProvisional {};
// The student's record followed them to another school (籍随人走, Art. 12:
// a transfer approved by case `by_case`). A case whose kind ends when the
// record moves (CaseKindRules::ends_when_record_moves: the dropout
// follow-up of Art. 17, whose 人籍分离 a transfer resolves) and that rests
// on the school the record left completes as superseded, naming the case
// and the new school. Sent by the engine itself; refused as
// "stale_follow_up" by any other case, changing nothing.
struct RecordFollowed {
  std::string left_school;
  std::string to_school;
  std::string by_case;
};

// A school the case names merged or closed (Art. 12, engine/org/org_change.h):
// `successor` acts for it from now on. The case's steps, holder and fields
// that named the school name the successor; a transfer into a school that
// closed, its records kept by the department above it, ends as superseded
// (nobody can move into it), as does the school's own termly check. Sent
// by the engine itself; refused as
// "not_concerned" by a case that does not name the school, changing nothing.
struct HandOverSchool {
  std::string school;
  std::string successor;
  // Where the school's records go: the successor when it is a school, ""
  // when the department above keeps them in place (records_move_to).
  std::string records_to;
  std::string change;  // "merge" | "close", for the notice
};

using CaseCommand =
    std::variant<OpenCase, DecideStep, WithdrawCase, SupersedeCase, DeadlineReached, ReminderDue,
                 FollowUpLeave, RedateProvisional, RecordFollowed, HandOverSchool>;

}  // namespace xueji
