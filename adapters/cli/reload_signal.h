#pragma once
// SIGHUP on `xueji serve`: the rule and calendar files on disk put in force
// (actors/domain_reload.h), or the set in force kept and the bad file named;
// either way on the log and on the audit trail, as the system's own
// operation (the administrator's route records its caller instead).

#include "actors/domain.h"
#include "actors/runtime.h"

namespace xueji::cli {

void reload_on_signal(Runtime& engine, const DomainPaths& paths);

}  // namespace xueji::cli
