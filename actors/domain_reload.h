#pragma once
// Reloading the rules and calendars of a running engine (`xueji serve` on
// SIGHUP, or an administrator's POST /v1/rules/reload), all or nothing:
// every file is read and checked first, as `xueji workflows check` and the
// start do, and only a set that loads whole is put in force. On any error
// the set in force stays and the error names the file and line.
//
// What a reload changes: the rules new cases open under, the calendars
// every deadline from now on counts on, and the password rules every
// sign-in and password change from now on is checked against (Art. 24).
// When the calendars bring a year's national schedule that was not loaded
// before, every open step whose due date was counted on that year's
// provisional calendar is counted again and re-dated, never earlier than
// the date its party was told (engine/case/redating.cc). What it never
// changes: an open case's plan and
// end-of-term review, fixed at its opening under the version it records
// (engine/workflow/rule_set.h); nor the org tree and the clock, which stay
// the running ones (a school's opening, merger or closure is an operation
// of its own, Art. 12, not a file edit).

#include <string>
#include <vector>

#include "actors/domain.h"
#include "actors/runtime.h"

namespace xueji {

struct DomainReload {
  std::string previous_version;  // the rules' version before
  std::string version;           // the rules' version now in force
  std::string previous_calendars;
  std::string calendars;  // the calendars' version now in force
  std::vector<int> national_years;
  std::vector<int> arrived_years;  // national schedules the set in force lacked
  size_t redated = 0;              // open steps whose provisional due date was counted again
  size_t redating = 0;             // cases asked in the background, when the caller did not wait
  bool password_rules_changed = false;
  bool changed() const {
    return previous_version != version || previous_calendars != calendars || password_rules_changed;
  }
  // "rules A -> B, calendars C -> D", for the log and the audit trail.
  std::string summary() const {
    return "rules " + previous_version + " -> " + version + ", calendars " + previous_calendars +
           " -> " + calendars + ", " + std::to_string(redated) + " provisional due dates re-dated" +
           (redating > 0 ? ", " + std::to_string(redating) + " cases re-dating in the background"
                         : std::string()) +
           (password_rules_changed ? ", password rules changed" : "");
  }
};

// Loads `paths.rules_dir` and `paths.calendars_dir` and puts them in force
// in `engine`. Refused ("reload_refused", nothing changed): a file that
// does not load, or a set without a kind the running one has (open cases
// and accounts' capabilities name it). Two reloads at once run one after
// the other. With `wait` false, the re-dating of the years that arrived
// runs in the background (Runtime::redate_in_background) and the answer
// comes once the set is in force, `redating` naming the cases asked.
Result<DomainReload> reload_domain(Runtime& engine, const DomainPaths& paths, bool wait = true);

}  // namespace xueji
