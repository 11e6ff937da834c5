#pragma once
// The state of one case, as folded from its events by evolve(). Plain data:
// the store snapshots it, the actor holds it, decide() reads it.

#include <optional>
#include <string>
#include <vector>

#include "engine/case/case_event.h"

namespace xueji {

enum class CaseStatus {
  none,     // not opened yet
  open,     // a step is waiting on its party
  in_term,  // approved; a term (leave, deferral) runs until term_ends
  closed,   // completed, nothing further will happen
};
std::string_view to_string(CaseStatus status);

enum class StepStatus { waiting, active, approved, rejected, cancelled };
std::string_view to_string(StepStatus status);

struct StepState {
  PlannedStep plan;
  StepStatus status = StepStatus::waiting;
  std::optional<Instant> activated_at;
  std::optional<Date> due;  // the party's own last day
  bool provisional = false;
  std::optional<Instant> reminder_at;
  bool reminded = false;
  // Who must answer now: the party's org, or after escalation its superior.
  std::string holder;
  std::optional<Date> holder_due;
  std::optional<Instant> holder_deadline;  // none = nothing further will fire
  // After an escalation: the day the holder's follow-up counts from (the
  // due date it missed), and whether that follow-up's date was counted on
  // a provisional calendar (engine/case/redating.cc re-dates it).
  std::optional<Date> holder_from;
  bool holder_provisional = false;
  std::vector<std::string> escalated_to;  // the chain, in order
  std::string decision;
  std::string decided_by;
  std::optional<Instant> decided_at;
};

// The next thing a case's timer must wake it for.
struct DueTimer {
  enum class Kind { reminder, deadline, term_end } kind;
  std::string step;  // "" for term_end
  Instant at;
};

struct CaseState {
  std::string id;
  CaseStatus status = CaseStatus::none;
  std::string kind;
  std::string rule_version;
  std::string province;
  std::string subject;
  std::string opened_by;
  std::map<std::string, std::string> fields;
  std::optional<Instant> opened_at;
  std::string student_status_before;
  std::string student_school_before;  // "" for a subject with no record
  // The values the record held of the fields the case proposes, at opening:
  // its completion writes them only if the record still holds these.
  std::map<std::string, std::string> record_before;
  PlannedEffects effects;
  std::vector<StepState> steps;
  int active_step = -1;  // index into steps, -1 when none is active
  std::string outcome;
  std::optional<Instant> completed_at;
  std::optional<Instant> term_ends;
  int64_t event_count = 0;  // events folded in: the next event's sequence number

  const StepState* find_step(const std::string& name) const;
  const StepState* active() const { return active_step >= 0 ? &steps[active_step] : nullptr; }
  // The earliest instant at which a timer must fire, if any.
  std::optional<DueTimer> next_timer() const;

  friend bool operator==(const CaseState& a, const CaseState& b);
};

}  // namespace xueji
