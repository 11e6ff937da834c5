#pragma once
// Art. 16 across a student's cases: a renewal while on leave is a new leave
// continuing the current one's term, and a leave whose term has ended waits
// on the school until a resume or a renewal opens. The decider sees one case
// at a time; whoever runs cases (the runtime, the simulator, the HTTP
// adapter opening a case) asks these functions what one case owes another.

#include <optional>
#include <string>
#include <vector>

#include "engine/case/case_command.h"
#include "engine/case/case_event.h"
#include "engine/case/case_state.h"

namespace xueji {

// Whether `state` is a leave whose term ended and whose end-of-term review
// step waits on the school (Art. 16): open again after its approval.
bool in_term_end_review(const CaseState& state);

// The leave a new leave for a student on leave renews: among `cases` (the
// student's), the one in its term or in its end-of-term review with the
// latest term end; none when the student has no such leave.
struct RenewedLeave {
  std::string case_id;
  Instant term_ends;
};
std::optional<RenewedLeave> leave_to_renew(const std::vector<CaseState>& cases);

// Sets `open`'s renews_case and renews_term_ends from leave_to_renew(cases)
// (the opening uses them only for a renewal); leaves them when none.
void set_renewed_leave(OpenCase& open, const std::vector<CaseState>& cases);

// Whether `follow` is for `other` (one of the student's cases): a leave in
// its end-of-term review, or on an approval a leave in its term. The others
// would refuse it as stale.
// A leave opened after the follow-up's case is not concerned.
bool concerns(const FollowUpLeave& follow, const CaseState& other);

// Whether `other` opened after the case `follow` comes from.
bool opened_after(const CaseState& other, const FollowUpLeave& follow);

// What `events` (just committed to a case, now `after`; `was_in_review`
// whether it was in its end-of-term review before) owe the student's other
// cases: a case that takes a student on leave back or keeps them on leave
// (a resume, a renewal) follows their leave up when it opens and when it is
// approved. None otherwise.
std::optional<FollowUpLeave> leave_follow_up(bool was_in_review, const CaseState& after,
                                             const std::vector<CaseEvent>& events);

}  // namespace xueji
