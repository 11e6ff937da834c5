#pragma once
// Plays a scenario on a virtual clock: every request on the timeline at its
// instant, and every reminder, deadline and term end that falls due in
// between, in time order, through the same decide()/evolve() the engine runs
// in production. The rule author's workbench behind `xueji simulate`.

#include <map>
#include <set>
#include <string>
#include <vector>

#include "engine/calendar/calendar_set.h"
#include "engine/case/decider.h"
#include "engine/simulation/scenario.h"
#include "engine/student/student_registry.h"
#include "engine/student/student_run.h"

namespace xueji {

// A run applied (Art. 7 promotion, Art. 19 graduation): the records it
// changed, and those it would have taken but left to their open case.
struct SimulatedRun {
  std::string id;
  std::string kind;
  int64_t changed = 0;
  int64_t skipped = 0;
};

// What a run or a promotion's correction did to one record.
struct SimulatedRecordChange {
  std::string run;  // the run's id
  std::string student;
  int previous_grade = 0;
  int grade = 0;
  std::string previous_status{};  // "" when the status stayed
  std::string status{};
  bool correction = false;  // a correction's, not the run's own change
  std::string reason{};     // a correction's
};

// One line of the simulation's output: a case event, a registration, a run
// and each record it changed, a correction, or a refused request with its
// reason.
struct SimulationLine {
  Instant at;
  std::string case_ref;
  std::optional<CaseEvent> event;
  std::string registered;  // registration number, for a register action
  std::optional<Error> refusal;
  std::optional<SimulatedRun> run{};
  std::optional<SimulatedRecordChange> change{};
  bool reopened = false;  // the register action reopened a closed record (Art. 8)
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
  // Registers a new student, or reopens a returning person's closed record
  // (Art. 8), and opens the archive step it owes (Art. 6, 7).
  void register_student(const ScenarioAction& action, std::vector<SimulationLine>& out);
  // Opens case `ref` (erased again if the opening is refused).
  void open_case(const std::string& ref, const Instant& now, const OpenCase& open,
                 std::vector<SimulationLine>& out);
  // Opens the archive step `kind` owed on record `number` since `since`, as
  // case `ref` (or `ref`.2, .3... when taken); the scenario decides on it
  // by that ref.
  void open_archive_step(const std::string& kind, const std::string& number, const std::string& ref,
                         Instant since, std::vector<SimulationLine>& out);
  // A run over the registry, as a journal applies it (run_batch) in one go.
  void run_students(const ScenarioAction& action, std::vector<SimulationLine>& out);
  // A school undoes a promotion's step for one record (Art. 7).
  void correct(const ScenarioAction& action, std::vector<SimulationLine>& out);
  // Whether a case of `number`'s holds its record back from `run`
  // (holds_back(), student_run.h).
  bool held_back(const StudentRun& run, const std::string& number) const;
  // The earliest pending timer over all cases, if any.
  std::optional<std::pair<DueTimer, std::string>> next_timer() const;

  DecisionContext context_;
  StudentRegistry students_;
  std::map<std::string, CaseState> cases_;
  // Every registration number the simulation issued, in number order: the
  // order a run goes in.
  std::set<std::string> numbers_;
  std::map<std::string, StudentRun> runs_;  // by id, once applied
  // (run id, registration number): one correction per record and run.
  std::set<std::pair<std::string, std::string>> corrected_;
};

}  // namespace xueji
