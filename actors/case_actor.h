#pragma once
// One pending case as an actor: a thin shell around the engine's decider.
// Command in -> decide -> events to the writer -> only once they are durable:
// evolve, reply, and arm the scheduler for the case's next instant. While a
// write is in flight the actor takes no other message, so every command sees
// the state the previous one left. When the journal refuses the write
// because the student's record moved on under the case, the case ends as
// superseded instead; when its write closes the record, the student's
// other open cases are ended (through the scheduler, which knows the
// directory).

#include <memory>

#include "actors/current_domain.h"
#include "actors/messages.h"

namespace xueji {

case_actor spawn_case(caf::actor_system& system, CaseState initial,
                      std::shared_ptr<const CurrentDomain> data, writer_actor writer,
                      scheduler_actor scheduler);

}  // namespace xueji
