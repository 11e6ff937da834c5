#pragma once
// Plays a scenario on a virtual clock: every request on the timeline at its
// instant, and every reminder, deadline and term end that falls due in
// between, in time order, through the same decide()/evolve() the engine runs
// in production. The rule author's workbench behind `xueji simulate`.

#include <map>
#include <string>
#include <vector>

#include "engine/calendar/calendar_set.h"
#include "engine/case/decider.h"
#include "engine/simulation/scenario.h"
#include "engine/student/student_registry.h"

namespace xueji {

// One line of the simulation's output: a case event, a registration, or a
// refused request with its reason.
struct SimulationLine {
  Instant at;
  std::string case_ref;
  std::optional<CaseEvent> event;
  std::string registered;  // registration number, for a register action
  std::optional<Error> refusal;
};

class Simulation {
 public:
  Simulation(const RuleSet& rules, const OrgTree& orgs, const CalendarSet& calendars);

  // Registers the scenario's students (an invalid one refuses the scenario,
  // naming its line) and plays the timeline up to run_until.
  Result<std::vector<SimulationLine>> run(const Scenario& scenario);

  const std::map<std::string, CaseState>& cases() const { return cases_; }
  const StudentRegistry& students() const { return students_; }

 private:
  void apply(const std::string& ref, const Instant& now, const CaseCommand& command,
             std::vector<SimulationLine>& out);
  // Whether the student changes `events` make still fit the registry.
  Status check_effects(const CaseState& before, const std::vector<CaseEvent>& events) const;
  void perform(const ScenarioAction& action, std::vector<SimulationLine>& out);
  // The earliest pending timer over all cases, if any.
  std::optional<std::pair<DueTimer, std::string>> next_timer() const;

  DecisionContext context_;
  StudentRegistry students_;
  std::map<std::string, CaseState> cases_;
};

}  // namespace xueji
