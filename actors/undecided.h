#pragma once
// Whether a command's refusal says it was not decided: the store failed or
// could not be read, the case was being reloaded (an unsettled actor's
// successor), the commit's outcome is unknown, or the engine did not
// answer. Nothing was refused on its merits, so whoever owes the command
// (the scheduler its timer, the directory an owed follow-up, the start an
// archive duty) keeps it and sends it again.

#include <string>

namespace xueji {

inline bool undecided(const std::string& code) {
  return code == "store_failed" || code == "store_unavailable" || code == "outcome_unknown" ||
         code == "case_unavailable" || code == "engine_unavailable";
}

}  // namespace xueji
