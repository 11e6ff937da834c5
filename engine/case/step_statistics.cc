#include "engine/case/step_statistics.h"

#include <algorithm>

#include "engine/case/step_activation.h"

namespace xueji {
namespace {

// The org and every org above it, up to the ministry.
std::vector<std::string> scopes_of(const std::string& org, const OrgTree& orgs) {
  std::vector<std::string> out{org};
  for (const Org* up = orgs.superior(org); up != nullptr; up = orgs.superior(up->code)) {
    out.push_back(up->code);
  }
  return out;
}

std::string level_of(const std::string& org, const OrgTree& orgs) {
  const Org* found = orgs.find(org);
  return found == nullptr ? std::string("unknown") : std::string(to_string(found->level));
}

// The step that was active when a `completed` event in this batch found
// one and no event of the batch named it: completion cancels the active
// step, and only completion cancels, so it is the cancelled step that had
// been activated and not decided (the latest, should there be two).
std::string cancelled_active_step(const CaseState& after) {
  const StepState* found = nullptr;
  for (const auto& s : after.steps) {
    if (s.status != StepStatus::cancelled || !s.activated_at || s.decided_at) continue;
    if (found == nullptr || *found->activated_at <= *s.activated_at) found = &s;
  }
  return found == nullptr ? std::string() : found->plan.step;
}

class Changes {
 public:
  Changes(const CaseState& after, const DecisionContext& ctx) : after_(after), ctx_(ctx) {}

  void step_opened(const StepState& step, int64_t open, int64_t overdue) {
    open_at(step.plan.org, open, overdue);
  }

  // Art. 12: an open step of a school that merged or closed is counted at
  // its successor from now on.
  void handed_over(const StepState& step, const CaseEvent& e) {
    const int64_t overdue = step.escalated_to.empty() ? 0 : 1;
    open_at(e.from_org, -1, -overdue);
    open_at(e.to_org, 1, overdue);
  }

  // A step leaves the open ones: decided, or cancelled with its case.
  void step_closed(const StepState& step) {
    step_opened(step, -1, step.escalated_to.empty() ? 0 : -1);
  }

  void decided(const StepState& step, const CaseEvent& e) {
    const Date day = e.at.beijing_date();
    const bool on_time = !step.due || day <= *step.due;
    int64_t days = 0;
    if (step.activated_at) {
      days = calendar_for(step.plan.org, ctx_)
                 .working_days_between(step.activated_at->beijing_date(), day)
                 .days;
    }
    const int bucket = static_cast<int>(std::clamp<int64_t>(days, 0, kLongDecision));
    const std::string month = month_of(day);
    for (auto& scope : scopes_of(step.plan.org, ctx_.orgs)) {
      out_.monthly.push_back(MonthlyFigures{scope, month, after_.kind, 1, on_time ? 1 : 0, 0});
      out_.days.push_back(DecisionDays{scope, month, after_.kind, bucket, 1});
    }
  }

  // Art. 15: the step climbed to `e.to_org`, which receives it.
  void escalated(const StepState& step, const CaseEvent& e) {
    const std::string month = month_of(e.at.beijing_date());
    for (auto& scope : scopes_of(e.to_org, ctx_.orgs)) {
      out_.monthly.push_back(MonthlyFigures{scope, month, after_.kind, 0, 0, 1});
    }
    // The first climb is the party's due date passing: the step is overdue.
    if (e.from_org == step.plan.org) step_opened(step, 0, 1);
  }

  StatisticsChanges take() { return std::move(out_); }

 private:
  void open_at(const std::string& org, int64_t open, int64_t overdue) {
    const std::string level = level_of(org, ctx_.orgs);
    for (auto& scope : scopes_of(org, ctx_.orgs)) {
      out_.open_steps.push_back(OpenStepsChange{scope, level, after_.kind, open, overdue});
    }
  }

  const CaseState& after_;
  const DecisionContext& ctx_;
  StatisticsChanges out_;
};

}  // namespace

std::string month_of(Date date) { return date.to_string().substr(0, 7); }

StatisticsChanges statistics_changes(const std::vector<CaseEvent>& events, const CaseState& after,
                                     const DecisionContext& context) {
  Changes changes(after, context);
  // The step active as the events unfold; before the first one names a
  // step, the one a completion cancelled, if any.
  std::string active = cancelled_active_step(after);
  for (const CaseEvent& e : events) {
    const StepState* step = e.step.empty() ? nullptr : after.find_step(e.step);
    switch (e.type) {
      case CaseEventType::step_activated:
        if (step != nullptr) changes.step_opened(*step, 1, 0);
        active = e.step;
        break;
      case CaseEventType::escalated:
        if (step != nullptr) changes.escalated(*step, e);
        break;
      case CaseEventType::decided:
        if (step != nullptr) {
          changes.step_closed(*step);
          changes.decided(*step, e);
        }
        active.clear();
        break;
      case CaseEventType::handed_over:
        if (step != nullptr) changes.handed_over(*step, e);
        break;
      case CaseEventType::completed:
        if (const StepState* cancelled = active.empty() ? nullptr : after.find_step(active)) {
          if (cancelled->status == StepStatus::cancelled) changes.step_closed(*cancelled);
        }
        active.clear();
        break;
      default:
        break;
    }
  }
  return changes.take();
}

}  // namespace xueji
