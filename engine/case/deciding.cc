// A party's answer to the active step, and the initiator's withdrawal: the
// commands that move a case forward or close it before its term.

#include <algorithm>
#include <string>

#include "engine/case/command_handlers.h"
#include "engine/case/leave_follow_up.h"
#include "engine/case/step_activation.h"

namespace xueji {
namespace {

std::string describe_holder(const StepState& s) {
  std::string text = s.plan.party + " " + s.plan.org;
  if (!s.escalated_to.empty()) {
    text += " (escalated to";
    for (const auto& org : s.escalated_to) text += " " + org;
    text += ")";
  }
  return text;
}

Error closed_case_error(const CaseState& state) {
  if (state.status == CaseStatus::none) {
    return make_error("unknown_case", "case '" + state.id + "' has not been opened");
  }
  return make_error("case_closed", "case '" + state.id + "' is already completed (" +
                                       state.outcome + "); nothing more can be decided on it");
}

}  // namespace

CaseEvent completion(const CaseState& state, const std::string& outcome, Instant now) {
  CaseEvent done = new_event(CaseEventType::completed, now);
  done.outcome = outcome;
  const PlannedEffects& fx = state.effects;
  if (outcome == "approved") {
    done.student_status = !fx.status_on_approval.empty()  ? fx.status_on_approval
                          : !fx.status_while_open.empty() ? state.student_status_before
                                                          : "";
    // A renewal gives the status the student already has (Art. 16): the
    // record is left as it is, not changed to itself.
    if (fx.status_while_open.empty() && done.student_status == state.student_status_before) {
      done.student_status.clear();
    }
    if (fx.moves_school) done.school = state.fields.at("to_school");
    for (const auto& field : fx.sets_record) {
      auto proposed = state.fields.find(field);
      if (proposed == state.fields.end()) continue;
      if (field == "status") {
        done.student_status = proposed->second;  // graduation's ending (Art. 19)
      } else {
        done.record[field] = proposed->second;
      }
    }
    done.informed_org = fx.informed_org;
    if (!fx.term_org.empty()) {
      done.org = fx.term_org;
      const Date from = fx.term_from ? *fx.term_from : now.beijing_date();
      done.term_ends = start_of_beijing_day(from.plus_months(fx.term_months));
    }
  } else if (!fx.status_while_open.empty() && outcome != "superseded") {
    done.student_status = state.student_status_before;  // the case changed nothing
  }
  return done;
}

namespace {

// `cmd` names the active step, its holder (or one it escalated to) decides,
// and the decision is one the step takes.
Status check_decision(const CaseState& state, const DecideStep& cmd) {
  const StepState* step = state.find_step(cmd.step);
  if (step == nullptr) {
    std::string known;
    for (const auto& s : state.steps) known += (known.empty() ? "" : ", ") + s.plan.step;
    return make_error("unknown_step", "case '" + state.id + "' has no step '" + cmd.step +
                                          "' (its steps: " + known + ")");
  }
  if (step->status == StepStatus::approved || step->status == StepStatus::rejected) {
    return make_error("step_closed", "step '" + cmd.step + "' is already decided (" +
                                         step->decision + " by " + step->decided_by + ")");
  }
  if (step->status != StepStatus::active) {
    const StepState* active = state.active();
    return make_error(
        "step_not_active",
        "step '" + cmd.step + "' is not active; the case waits on step '" +
            (active ? active->plan.step + "' for " + describe_holder(*active) : std::string("'")));
  }
  const bool may_decide = cmd.by == step->plan.org ||
                          std::find(step->escalated_to.begin(), step->escalated_to.end(), cmd.by) !=
                              step->escalated_to.end();
  if (!may_decide) {
    return make_error("wrong_party", "step '" + cmd.step + "' is for " + describe_holder(*step) +
                                         "; '" + cmd.by + "' is not that party");
  }
  if (cmd.decision != "approve" && cmd.decision != "reject") {
    return make_error("invalid_decision",
                      "decision must be 'approve' or 'reject', not '" + cmd.decision + "'");
  }
  return Status();
}

// Art. 16: a leave's end-of-term review is answered by what the school
// does for the student (a resume or a renewal opened), not by a decision or
// a withdrawal on the leave itself.
Error review_not_decided(const CaseState& state) {
  return make_error("rule_refused", "case '" + state.id + "': the leave's term has ended; " +
                                        "its review is met by opening a resume or a renewal " +
                                        "for " + state.subject + " (Art. 16)");
}

}  // namespace

bool in_term_end_review(const CaseState& state) {
  return state.status == CaseStatus::open && state.outcome == "approved" &&
         state.term_ends.has_value();
}

namespace {

// The review met: the step is decided for its holder and the case closes,
// changing nothing on the record (the other case does).
Events review_met(const CaseState& state, const FollowUpLeave& cmd, Instant now) {
  const StepState& step = *state.active();
  CaseEvent decided = new_event(CaseEventType::decided, now);
  decided.step = step.plan.step;
  decided.org = step.holder;
  decided.decision = "approve";
  decided.note = cmd.kind + " case " + cmd.by_case + (cmd.approved ? " approved" : " opened");
  CaseEvent done = new_event(CaseEventType::completed, now);
  done.outcome = "approved";
  done.note = decided.note;
  return Events{decided, done};
}

}  // namespace

Result<Events> follow_up_leave(const CaseState& state, const FollowUpLeave& cmd, Instant now) {
  if (opened_after(state, cmd)) {
    return make_error("stale_follow_up", "case '" + state.id + "' opened after case " +
                                             cmd.by_case + ", which it does not follow up");
  }
  if (cmd.by_case != state.id && in_term_end_review(state) && state.active() != nullptr) {
    return review_met(state, cmd, now);
  }
  // A renewal approved continues this leave's term; a resume approved ends
  // it early: either way the term ends now, with nothing to review.
  if (cmd.by_case != state.id && cmd.approved && state.status == CaseStatus::in_term &&
      !state.effects.status_on_approval.empty()) {
    CaseEvent ended = new_event(CaseEventType::term_ended, now);
    ended.org = state.effects.term_org;
    ended.subject = state.subject;
    ended.note = cmd.kind == "leave" ? "renewed by case " + cmd.by_case
                                     : "the student resumed by case " + cmd.by_case;
    return Events{ended};
  }
  return make_error("stale_follow_up", "case '" + state.id + "' has nothing for case " +
                                           cmd.by_case + " to follow up");
}

Result<Events> decide_step(const CaseState& state, const DecideStep& cmd, Instant now,
                           const DecisionContext& ctx) {
  if (state.status != CaseStatus::open) return closed_case_error(state);
  if (in_term_end_review(state)) return review_not_decided(state);
  if (Status s = check_decision(state, cmd); !s) return s.error();
  CaseEvent decided = new_event(CaseEventType::decided, now);
  decided.step = cmd.step;
  decided.org = cmd.by;
  decided.decision = cmd.decision;
  decided.note = cmd.note;
  Events events{decided};
  if (cmd.decision == "reject") {
    events.push_back(completion(state, "rejected", now));
  } else if (static_cast<size_t>(state.active_step + 1) < state.steps.size()) {
    events.push_back(activate_step(state.steps[state.active_step + 1].plan, now, ctx));
  } else {
    events.push_back(completion(state, "approved", now));
  }
  return events;
}

Result<Events> withdraw_case(const CaseState& state, const WithdrawCase& cmd, Instant now) {
  if (state.status != CaseStatus::open) return closed_case_error(state);
  if (in_term_end_review(state)) return review_not_decided(state);
  if (cmd.by != state.opened_by) {
    return make_error("not_initiator", "only the initiator " + state.opened_by +
                                           " may withdraw case '" + state.id + "', not '" + cmd.by +
                                           "'");
  }
  return Events{completion(state, "withdrawn", now)};
}

Result<Events> supersede_case(const CaseState& state, const SupersedeCase& cmd, Instant now) {
  if (state.status == CaseStatus::in_term) {
    // The record closed while the term ran (a death during a leave): the
    // term ends now, with nothing for the school to act on.
    CaseEvent ended = new_event(CaseEventType::term_ended, now);
    ended.org = state.effects.term_org;
    ended.subject = state.subject;
    ended.note = cmd.reason;
    return Events{ended};
  }
  if (state.status != CaseStatus::open) return closed_case_error(state);
  Events events;
  CaseState decided = state;
  for (const auto& e : cmd.refused) {
    if (e.type != CaseEventType::decided) continue;
    events.push_back(e);
    decided = evolve(std::move(decided), e);
  }
  CaseEvent done = completion(decided, "superseded", now);
  done.note = cmd.reason;
  events.push_back(done);
  return events;
}

}  // namespace xueji
