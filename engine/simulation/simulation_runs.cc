// A scenario's runs over many records (engine/student/student_run.h): the
// September promotion, a school's graduation and the month of corrections
// after a promotion (Art. 7, 19), as the server's run routes make them.

#include "engine/simulation/simulation.h"
#include "engine/student/promotion_correction.h"

namespace xueji {

bool Simulation::held_back(const StudentRun& run, const std::string& number) const {
  for (const auto& [ref, state] : cases_) {
    if (state.subject == number &&
        holds_back(run, state.kind, std::string(to_string(state.status)))) {
      return true;
    }
  }
  return false;
}

void Simulation::run_students(const ScenarioAction& a, std::vector<SimulationLine>& out) {
  auto run = a.run_kind == "promotion"
                 ? promotion_run(context_.orgs, a.scope, a.year, a.at)
                 : graduation_run(context_.orgs, a.scope, a.year, a.grade, a.except, a.at);
  if (!run) {
    out.push_back(SimulationLine{a.at, "", {}, {}, run.error()});
    return;
  }
  SimulatedRun done{run->id, run->kind};
  std::vector<SimulatedRecordChange> changes;
  // The same id is the same run: once applied, running it again changes
  // nothing, as a journal's finished run (student_run.h).
  const bool again = runs_.count(run->id) != 0;
  for (const auto& number : again ? std::set<std::string>() : numbers_) {
    const Student* s = students_.find(number);
    if (s == nullptr || !takes(*run, *s)) continue;
    // A run that closes records leaves one under a pending case to it
    // (Art. 19: the case decides first), as the journal does.
    if (held_back(*run, number)) {
      ++done.skipped;
      continue;
    }
    SimulatedRecordChange change{run->id, number, s->grade, s->grade + run->grade_step};
    if (run->grade_step != 0) {
      auto moved = students_.set_grade(number, change.grade);
      if (!moved) {
        out.push_back(SimulationLine{a.at, "", {}, {}, moved.error()});
        continue;
      }
    }
    if (run->to_status) {
      change.previous_status = std::string(to_string(s->status));
      change.status = std::string(to_string(*run->to_status));
      auto closed = students_.change_status(number, *run->to_status);
      if (!closed) {
        out.push_back(SimulationLine{a.at, "", {}, {}, closed.error()});
        continue;
      }
    }
    changes.push_back(std::move(change));
  }
  runs_.emplace(run->id, *run);
  done.changed = static_cast<int64_t>(changes.size());
  out.push_back(SimulationLine{a.at, "", {}, {}, {}, done, {}});
  for (auto& change : changes) {
    out.push_back(SimulationLine{a.at, "", {}, {}, {}, {}, std::move(change)});
  }
}

void Simulation::correct(const ScenarioAction& a, std::vector<SimulationLine>& out) {
  auto refuse = [&](Error e) { out.push_back(SimulationLine{a.at, "", {}, {}, std::move(e)}); };
  auto run = runs_.find(a.run_id);
  if (run == runs_.end() || run->second.kind != "promotion") {
    refuse(make_error("unknown_run", "no promotion '" + a.run_id + "' has run"));
    return;
  }
  const Student* s = students_.find(a.student);
  if (s == nullptr) {
    refuse(make_error("unknown_student", "no registration '" + a.student + "'"));
    return;
  }
  // A record's change is its school's, or an org's above it.
  if (!context_.orgs.contains(a.by, s->school)) {
    refuse(make_error("out_of_jurisdiction",
                      "org " + a.by + " may not correct a record of school " + s->school));
    return;
  }
  if (corrected_.count({a.run_id, a.student}) != 0) {
    refuse(make_error("already_corrected", "registration " + a.student +
                                               " was already corrected after " + a.run_id +
                                               "; open a grade_change case (Art. 7)"));
    return;
  }
  if (Status fits =
          check_grade_correction(run->second, context_.orgs, *s, a.grade, a.at.beijing_date());
      !fits) {
    refuse(fits.error());
    return;
  }
  const int previous = s->grade;
  auto set = students_.set_grade(a.student, a.grade);
  if (!set) {
    refuse(set.error());
    return;
  }
  corrected_.insert({a.run_id, a.student});
  out.push_back(SimulationLine{
      a.at,
      "",
      {},
      {},
      {},
      {},
      SimulatedRecordChange{a.run_id, a.student, previous, a.grade, "", "", true, a.reason}});
}

}  // namespace xueji
