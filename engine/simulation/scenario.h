#pragma once
// A rule author's rehearsal: orgs, students and a timeline of requests,
// played on a virtual clock by Simulation. Parsed from YAML (see
// docs/workflows.md, "Simulating a scenario"); a malformed scenario is
// refused with file, line and reason.

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "engine/core/instant.h"
#include "engine/core/result.h"
#include "engine/org/org_tree.h"

namespace xueji {

struct ScenarioStudent {
  std::string resident_id;
  std::string name;
  std::string school;
  int grade = 0;
  std::string status;  // "" = enrolled
  int line = 0;
};

// One request on the timeline, at its instant.
struct ScenarioAction {
  enum class Kind { open, decide, withdraw, register_student, run, correct } kind = Kind::open;
  Instant at;
  int line = 0;
  std::string case_ref;  // open: ref; decide/withdraw: case
  // open
  std::string case_kind;
  std::string student;  // a registration number
  std::string child;    // a resident ID (deferral)
  std::map<std::string, std::string> fields;
  // decide / withdraw / open
  std::string by;
  std::string step;
  std::string decision;
  std::string note;
  // register
  ScenarioStudent new_student;
  // run: a promotion over `scope` (Art. 7) or a graduation at `scope`, a
  // school (Art. 19), of `year`; a graduation's `grade` (0: the school's
  // last) and the records it leaves to a graduation case (`except`)
  std::string run_kind;
  std::string scope;
  int year = 0;
  int grade = 0;  // also correct: the grade the record goes back to
  std::vector<std::string> except;
  // correct: the record `student` after the promotion `run_id`, by `by`
  // (its school or an org above it), for `reason`
  std::string run_id;
  std::string reason;
};

struct Scenario {
  std::string file;
  std::string rules_dir = "workflows";
  std::string calendars_dir = "config/calendars";
  std::string orgs_file = "config/demo/orgs.yaml";  // used when no inline orgs
  std::optional<OrgTree> inline_orgs;
  std::vector<ScenarioStudent> students;
  std::vector<ScenarioAction> timeline;  // sorted by instant, stable
  Instant run_until;
};

Result<Scenario> parse_scenario(const std::string& file, const std::string& text);
Result<Scenario> load_scenario(const std::string& path);

}  // namespace xueji
