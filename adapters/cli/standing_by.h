#pragma once
// What `xueji serve` does as a hot standby until it holds the engine lease
// (docs/reliability.md, "A hot standby"): it waits, watching for a stop
// signal, and keeps a warm copy of the cases' deadline index
// (adapters/store/warm_deadlines.h), refreshed every renew interval, so
// that its takeover does not read the whole index.

#include <signal.h>

#include <optional>
#include <string>
#include <vector>

#include "actors/port/journal.h"
#include "adapters/cli/lease_keeper.h"

namespace xueji::cli {

struct Takeover {
  // The cases' deadline index from the warm copy; none when it could not
  // be trusted or kept (Runtime::start then reads it whole).
  std::optional<std::vector<PendingWake>> case_wakes;
};

// Until `keeper` holds the lease (the takeover), or one of `stop_signals`
// arrives first (none). `db` is the store the copy is read from.
std::optional<Takeover> stand_by(LeaseKeeper& keeper, const std::string& db, int refresh_ms,
                                 const sigset_t& stop_signals);

}  // namespace xueji::cli
