#pragma once
#include <memory>

#include "actors/accounts_seen.h"
#include "actors/current_domain.h"
#include "actors/messages.h"
#include "actors/port/journal.h"

namespace xueji {

// The account directory (directory.h): finds or spawns the actor of an
// account from the journal, in batches, and passivates idle ones like the
// case directory does. Detached: loading accounts blocks on its journal.
// Each account's actor shows what it settled in `seen`; one that fails is
// dropped and `told_failed` told.
account_directory_actor spawn_account_directory(
    caf::actor_system& system, std::unique_ptr<Journal> journal,
    std::shared_ptr<const CurrentDomain> data, writer_actor writer, scheduler_actor scheduler,
    int idle_seconds, std::shared_ptr<AccountsSeen> seen, ActorFailed told_failed = nullptr);

}  // namespace xueji
