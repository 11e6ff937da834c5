#pragma once
// One account as an actor: its timer is the seal (封存). Six calendar months
// after its last successful use the account seals itself (engine
// seal_due()); every use pushes the seal back, an administrator of a higher
// level unseals it. Its state is persisted through the writer before it
// answers, and its seal instant is in the scheduler's index, so the seal
// comes on time across restarts and while the actor is passivated.

#include <memory>

#include "actors/current_domain.h"
#include "actors/messages.h"
#include "actors/port/journal.h"

namespace xueji {

account_actor spawn_account(caf::actor_system& system, StoredAccount initial,
                            std::shared_ptr<const CurrentDomain> data, writer_actor writer,
                            scheduler_actor scheduler);

}  // namespace xueji
