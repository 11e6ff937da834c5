#pragma once
// Internal to the decider: decide() for each kind of command, in files by
// concern (opening, deciding, timers) so that new case kinds grow one concern
// without the others; decide() in decider.cc only dispatches. Each handler
// checks the command against the state and the rules and returns the events
// it causes, or the Error that says why not (see decider.h).

#include <vector>

#include "engine/case/case_command.h"
#include "engine/case/case_state.h"
#include "engine/case/decider.h"
#include "engine/core/result.h"

namespace xueji {

using Events = std::vector<CaseEvent>;

// An event of `type` at `at`; the caller fills the fields its type uses.
inline CaseEvent new_event(CaseEventType type, Instant at) {
  CaseEvent e;
  e.type = type;
  e.at = at;
  return e;
}

// The completed event with the effects planned at opening: on approval the
// new status, school, informed org and term; otherwise the status restored
// (but for "superseded": something else changed the record).
CaseEvent completion(const CaseState& state, const std::string& outcome, Instant now);

// Opens a case that does not exist yet: checks the subject, the fields, the
// initiator and the kind's preconditions, then plans every step (parties
// resolved to orgs, periods copied) and activates the first.
Result<Events> open_case(const CaseState& state, const OpenCase& cmd, Instant now,
                         const DecisionContext& ctx);

// The active step's holder approves (activating the next step, or completing
// the case after the last) or rejects (completing it).
Result<Events> decide_step(const CaseState& state, const DecideStep& cmd, Instant now,
                           const DecisionContext& ctx);

// The initiator takes a pending case back: it completes as "withdrawn".
Result<Events> withdraw_case(const CaseState& state, const WithdrawCase& cmd, Instant now);

// The record moved on under a pending case: it completes as "superseded"
// with the reason as its note, and the student's record is left as it is
// (the status it had while open is not restored: something else changed it).
Result<Events> supersede_case(const CaseState& state, const SupersedeCase& cmd, Instant now);
// engine/case/record_followed.cc: a case that ends when the record moves.
Result<Events> record_followed(const CaseState& state, const RecordFollowed& cmd, Instant now,
                               const DecisionContext& ctx);

// A step's deadline passed (it escalates to the holder's superior) or an
// approved case's term ended; a timer the state no longer expects is stale.
Result<Events> deadline_reached(const CaseState& state, const DeadlineReached& cmd, Instant now,
                                const DecisionContext& ctx);

// The reminder before a step's deadline; stale once the step moved on.
Result<Events> reminder_due(const CaseState& state, const ReminderDue& cmd, Instant now);

// Another case followed the leave up (FollowUpLeave): its end-of-term review
// completes, or its term ends now; "stale_follow_up" for any other case.
Result<Events> follow_up_leave(const CaseState& state, const FollowUpLeave& cmd, Instant now);

// The active step's provisional due date counted again on the calendars in
// force (engine/case/redating.cc).
Result<Events> redate_provisional(const CaseState& state, Instant now, const DecisionContext& ctx);

// A school the case names merged or closed (engine/case/school_hand_over.cc).
Result<Events> hand_over_school(const CaseState& state, const HandOverSchool& cmd, Instant now);

}  // namespace xueji
