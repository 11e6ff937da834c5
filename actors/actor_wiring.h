#pragma once
// What a case or an account actor is spawned with besides its record.

#include <memory>

#include "actors/accounts_seen.h"
#include "actors/current_domain.h"
#include "actors/messages.h"

namespace xueji {

struct ActorWiring {
  // The rules and the clock.
  std::shared_ptr<const CurrentDomain> data;
  // Where it writes.
  writer_actor writer;
  // Who wakes it.
  scheduler_actor scheduler;
  // The directory that spawned it, told when a write's outcome is unknown
  // (directory.h, drop_unsettled). Weak: a resident actor must not keep its
  // directory alive. Set by the directory itself.
  caf::actor_addr directory;
  // Where an account's actor shows the state it settled (accounts_seen.h);
  // null for a case's.
  std::shared_ptr<AccountsSeen> accounts_seen;
};

}  // namespace xueji
