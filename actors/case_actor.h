#pragma once
// One pending case as an actor: a thin shell around the engine's decider.
// Command in -> decide -> events to the writer -> only once they are durable:
// evolve, reply, and arm the scheduler for the case's next instant. While a
// write is in flight the actor takes no other message, so every command sees
// the state the previous one left. When the journal refuses the write
// because the student's record moved on under the case, the case ends as
// superseded instead; when its write closes the record, the student's
// other open cases are ended (through the scheduler, which knows the
// directory). When a write's outcome is unknown (its COMMIT unanswered),
// the actor no longer trusts its state: its directory drops it and the
// case's next message loads it from the store (directory.h).

#include <memory>

#include "actors/actor_wiring.h"
#include "actors/messages.h"

namespace xueji {

// `reloaded`: loaded after its actor before was dropped unsettled; it
// re-arms the scheduler from `initial`.
case_actor spawn_case(caf::actor_system& system, CaseState initial, const ActorWiring& wiring,
                      bool reloaded = false);

}  // namespace xueji
