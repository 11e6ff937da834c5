#pragma once
// The supervisor's figures (Art. 25, 26: supervising and answering for how
// registrations are handled) as changes a transition makes, so that the
// store keeps them up to date at commit and a view reads a few rows instead
// of scanning cases. Every figure is rolled up at once to each org above
// the one it belongs to (its "scope": the org itself, its county, city,
// province and the ministry), so that an org's subtree is the scope's own
// rows.
//
// - A decided step counts for the party's org in the month (Beijing) of its
//   decision: on time when decided on or before the party's own due date,
//   and the working days it took on the party's calendar, from the day it
//   was activated (not counted) to the day of the decision.
// - An escalation counts as received by the org it climbed to, in its
//   month (Art. 15).
// - Open steps: a step counts while it is active, for its party's org; it
//   is overdue from its first escalation (its party's due date passed) until
//   it is decided or its case ends.

#include <cstdint>
#include <string>
#include <vector>

#include "engine/case/case_event.h"
#include "engine/case/case_state.h"
#include "engine/case/decider.h"

namespace xueji {

// Working days to decide are counted exactly up to this; more fall in one
// bucket, kLongDecision.
constexpr int kMaxCountedWorkingDays = 60;
constexpr int kLongDecision = kMaxCountedWorkingDays + 1;

// One scope's figures for a month ("YYYY-MM") and a case kind.
struct MonthlyFigures {
  std::string scope, month, kind;
  int64_t decided = 0;
  int64_t decided_on_time = 0;
  int64_t escalations_received = 0;
};

// Steps decided in `working_days` (0..kLongDecision), for the median.
struct DecisionDays {
  std::string scope, month, kind;
  int working_days = 0;
  int64_t decided = 0;
};

// Open and overdue steps of orgs at `level` under `scope`, for a kind: a
// gauge, so the changes are +1 and -1.
struct OpenStepsChange {
  std::string scope, level, kind;
  int64_t open = 0;
  int64_t overdue = 0;
};

struct StatisticsChanges {
  std::vector<MonthlyFigures> monthly;
  std::vector<DecisionDays> days;
  std::vector<OpenStepsChange> open_steps;
  bool empty() const { return monthly.empty() && days.empty() && open_steps.empty(); }
};

// The changes `events`, appended to a case, make to the figures; `after` is
// the case's state once they are folded (the steps they name, with their
// activation and due dates). Pure: the org tree and calendars come from
// `context`.
StatisticsChanges statistics_changes(const std::vector<CaseEvent>& events, const CaseState& after,
                                     const DecisionContext& context);

// "YYYY-MM" of a date.
std::string month_of(Date date);

}  // namespace xueji
