#pragma once
// The case directory: finds the actor of a case, spawning it from the store
// when it is not resident, and passivates actors that stayed idle between
// two sweeps: their state is already on disk, and the scheduler's deadline
// index wakes them when their next instant comes. A case asleep for 60
// working days costs a row, not an actor. Runs detached: loading a case
// blocks on the store.

#include <memory>

#include "actors/engine_data.h"
#include "actors/messages.h"

namespace xueji {

// `store` is the directory's own connection, for loading cases. With
// `idle_seconds` > 0 it sweeps by itself every that many seconds, so a case
// idle for one to two intervals is passivated; with 0, only when asked.
directory_actor spawn_directory(caf::actor_system& system, std::unique_ptr<store::Store> store,
                                std::shared_ptr<const EngineData> data, writer_actor writer,
                                scheduler_actor scheduler, int idle_seconds);

}  // namespace xueji
