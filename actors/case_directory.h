#pragma once
// The case directory (directory.h): finds the actor of a case, spawning it
// from the journal when it is not resident, and passivates actors that stayed idle between
// two sweeps: their state is already on disk, and the scheduler's deadline
// index wakes them when their next instant comes. A case asleep for 60
// working days costs a row, not an actor. Runs detached: loading a case
// blocks on the journal.

#include <memory>

#include "actors/current_domain.h"
#include "actors/messages.h"
#include "actors/port/journal.h"

namespace xueji {

// `journal` is the directory's own, for loading cases. With
// `idle_seconds` > 0 it sweeps by itself every that many seconds, so a case
// idle for one to two intervals is passivated; with 0, only when asked.
// A case actor that fails is dropped and `told_failed` told (directory.h);
// a closed record's open cases not all reached are told to
// `told_not_reached`.
directory_actor spawn_directory(caf::actor_system& system, std::unique_ptr<Journal> journal,
                                std::shared_ptr<const CurrentDomain> data, writer_actor writer,
                                scheduler_actor scheduler, int idle_seconds,
                                ActorFailed told_failed = nullptr,
                                CasesNotReached told_not_reached = nullptr);

}  // namespace xueji
