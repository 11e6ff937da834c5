#include "engine/case/leave_follow_up.h"

namespace xueji {
namespace {

// A case whose approval puts the student on leave (a leave; its effects say
// so, not its kind's name).
bool gives_leave(const CaseState& c) { return c.effects.status_on_approval == "on_leave"; }

}  // namespace

std::optional<RenewedLeave> leave_to_renew(const std::vector<CaseState>& cases) {
  std::optional<RenewedLeave> found;
  for (const auto& c : cases) {
    const bool current = c.status == CaseStatus::in_term || in_term_end_review(c);
    if (!gives_leave(c) || !current || !c.term_ends) continue;
    if (!found || found->term_ends < *c.term_ends) found = RenewedLeave{c.id, *c.term_ends};
  }
  return found;
}

void set_renewed_leave(OpenCase& open, const std::vector<CaseState>& cases) {
  if (auto current = leave_to_renew(cases)) {
    open.renews_case = current->case_id;
    open.renews_term_ends = current->term_ends;
  }
}

bool opened_after(const CaseState& other, const FollowUpLeave& follow) {
  return other.opened_at && follow.by_opened && *follow.by_opened < *other.opened_at;
}

bool concerns(const FollowUpLeave& follow, const CaseState& other) {
  if (other.id == follow.by_case || opened_after(other, follow)) return false;
  return in_term_end_review(other) ||
         (follow.approved && other.status == CaseStatus::in_term && gives_leave(other));
}

std::optional<FollowUpLeave> leave_follow_up(bool was_in_review, const CaseState& after,
                                             const std::vector<CaseEvent>& events) {
  // Only a case opened for a student on leave that resumes them or renews
  // the leave; a review met is no follow-up of anything else.
  const std::string& to = after.effects.status_on_approval;
  if (was_in_review || after.student_status_before != "on_leave" ||
      (to != "enrolled" && to != "on_leave")) {
    return std::nullopt;
  }
  for (const auto& e : events) {
    if (e.type == CaseEventType::opened) {
      return FollowUpLeave{after.id, after.kind, false, after.opened_at};
    }
    if (e.type == CaseEventType::completed && e.outcome == "approved") {
      return FollowUpLeave{after.id, after.kind, true, after.opened_at};
    }
  }
  return std::nullopt;
}

}  // namespace xueji
