#pragma once
// One account as an actor: its timer is the seal (封存). Six calendar months
// after its last successful use the account seals itself (engine
// seal_due()); every use pushes the seal back, an administrator of a higher
// level unseals it. Its state is persisted through the writer before it
// answers, and its seal instant is in the scheduler's index, so the seal
// comes on time across restarts and while the actor is passivated.

#include <memory>

#include "actors/engine_data.h"
#include "actors/messages.h"
#include "adapters/store/store.h"

namespace xueji {

account_actor spawn_account(caf::actor_system& system, store::StoredAccount initial,
                            std::shared_ptr<const EngineData> data, writer_actor writer,
                            scheduler_actor scheduler);

// The account directory: finds or spawns the actor of an account from the
// store, and passivates idle ones like the case directory does. Detached:
// loading an account blocks on its own store connection.
account_directory_actor spawn_account_directory(caf::actor_system& system,
                                                std::unique_ptr<store::Store> store,
                                                std::shared_ptr<const EngineData> data,
                                                writer_actor writer, scheduler_actor scheduler,
                                                int idle_seconds);

}  // namespace xueji
