#include "engine/case/case_state.h"

#include <tuple>

namespace xueji {
namespace {

auto tie_plan(const PlannedStep& p) {
  return std::tie(p.step, p.party, p.org, p.deadline, p.reminder_working_days_before, p.follow_up,
                  p.article);
}

bool same_plan(const PlannedStep& a, const PlannedStep& b) { return tie_plan(a) == tie_plan(b); }

auto tie_effects(const PlannedEffects& e) {
  return std::tie(e.status_while_open, e.status_on_approval, e.moves_school, e.informed_org,
                  e.term_org, e.term_months, e.sets_record, e.term_from);
}

bool same_effects(const PlannedEffects& a, const PlannedEffects& b) {
  if (tie_effects(a) != tie_effects(b)) return false;
  if (a.term_review.has_value() != b.term_review.has_value()) return false;
  return !a.term_review || same_plan(*a.term_review, *b.term_review);
}

bool same_step(const StepState& a, const StepState& b) {
  return same_plan(a.plan, b.plan) &&
         std::tie(a.status, a.activated_at, a.due, a.provisional, a.reminder_at, a.reminded,
                  a.holder, a.holder_due, a.holder_deadline, a.escalated_to, a.decision,
                  a.decided_by, a.decided_at, a.holder_from, a.holder_provisional) ==
             std::tie(b.status, b.activated_at, b.due, b.provisional, b.reminder_at, b.reminded,
                      b.holder, b.holder_due, b.holder_deadline, b.escalated_to, b.decision,
                      b.decided_by, b.decided_at, b.holder_from, b.holder_provisional);
}

}  // namespace

std::string_view to_string(CaseStatus status) {
  switch (status) {
    case CaseStatus::none:
      return "none";
    case CaseStatus::open:
      return "open";
    case CaseStatus::in_term:
      return "in_term";
    case CaseStatus::closed:
      return "closed";
  }
  return "?";
}

std::string_view to_string(StepStatus status) {
  switch (status) {
    case StepStatus::waiting:
      return "waiting";
    case StepStatus::active:
      return "active";
    case StepStatus::approved:
      return "approved";
    case StepStatus::rejected:
      return "rejected";
    case StepStatus::cancelled:
      return "cancelled";
  }
  return "?";
}

std::string_view to_string(CaseEventType type) {
  switch (type) {
    case CaseEventType::opened:
      return "opened";
    case CaseEventType::step_activated:
      return "step_activated";
    case CaseEventType::reminded:
      return "reminded";
    case CaseEventType::escalated:
      return "escalated";
    case CaseEventType::decided:
      return "decided";
    case CaseEventType::completed:
      return "completed";
    case CaseEventType::term_ended:
      return "term_ended";
    case CaseEventType::redated:
      return "redated";
    case CaseEventType::handed_over:
      return "handed_over";
  }
  return "?";
}

std::optional<CaseEventType> parse_case_event_type(std::string_view text) {
  for (auto t : {CaseEventType::opened, CaseEventType::step_activated, CaseEventType::reminded,
                 CaseEventType::escalated, CaseEventType::decided, CaseEventType::completed,
                 CaseEventType::term_ended, CaseEventType::redated, CaseEventType::handed_over}) {
    if (to_string(t) == text) return t;
  }
  return std::nullopt;
}

const StepState* CaseState::find_step(const std::string& name) const {
  for (const auto& s : steps) {
    if (s.plan.step == name) return &s;
  }
  return nullptr;
}

std::optional<DueTimer> CaseState::next_timer() const {
  if (status == CaseStatus::in_term && term_ends) {
    return DueTimer{DueTimer::Kind::term_end, "", *term_ends};
  }
  const StepState* s = active();
  if (status != CaseStatus::open || s == nullptr) return std::nullopt;
  std::optional<DueTimer> next;
  if (s->reminder_at && !s->reminded) {
    next = DueTimer{DueTimer::Kind::reminder, s->plan.step, *s->reminder_at};
  }
  if (s->holder_deadline && (!next || *s->holder_deadline < next->at)) {
    next = DueTimer{DueTimer::Kind::deadline, s->plan.step, *s->holder_deadline};
  }
  return next;
}

bool operator==(const CaseState& a, const CaseState& b) {
  if (a.steps.size() != b.steps.size()) return false;
  for (size_t i = 0; i < a.steps.size(); ++i) {
    if (!same_step(a.steps[i], b.steps[i])) return false;
  }
  return std::tie(a.id, a.status, a.kind, a.rule_version, a.province, a.subject, a.opened_by,
                  a.fields, a.opened_at, a.student_status_before, a.student_school_before,
                  a.record_before, a.active_step, a.outcome, a.completed_at, a.term_ends,
                  a.event_count) == std::tie(b.id, b.status, b.kind, b.rule_version, b.province,
                                             b.subject, b.opened_by, b.fields, b.opened_at,
                                             b.student_status_before, b.student_school_before,
                                             b.record_before, b.active_step, b.outcome,
                                             b.completed_at, b.term_ends, b.event_count) &&
         same_effects(a.effects, b.effects);
}

}  // namespace xueji
