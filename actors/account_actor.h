#pragma once
// One account as an actor: its timer is the seal (封存). Six calendar months
// after its last successful use the account seals itself (engine
// seal_due()); every use pushes the seal back, an administrator of a higher
// level unseals it. Its state is persisted through the writer before it
// answers, and its seal instant is in the scheduler's index, so the seal
// comes on time across restarts and while the actor is passivated. After a
// write whose outcome is unknown its directory drops it, and the next
// message loads the account as the store has it (directory.h).

#include <memory>

#include "actors/actor_wiring.h"
#include "actors/messages.h"
#include "actors/port/journal.h"

namespace xueji {

// `reloaded`: loaded after its actor before was dropped unsettled (a
// write's outcome unknown); it re-arms the scheduler from `initial`.
account_actor spawn_account(caf::actor_system& system, StoredAccount initial,
                            const ActorWiring& wiring, bool reloaded = false);

}  // namespace xueji
