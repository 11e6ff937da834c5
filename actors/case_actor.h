#pragma once
// One pending case as an actor: a thin shell around the engine's decider.
// Command in -> decide -> events to the writer -> only once they are durable:
// evolve, reply, and arm the scheduler for the case's next instant. While a
// write is in flight the actor takes no other message, so every command sees
// the state the previous one left.

#include <memory>

#include "actors/engine_data.h"
#include "actors/messages.h"

namespace xueji {

case_actor spawn_case(caf::actor_system& system, CaseState initial,
                      std::shared_ptr<const EngineData> data, writer_actor writer,
                      scheduler_actor scheduler);

// The transition a case's new events make, with their notices and what they
// do to the student's record; shared by the actor and the tests.
// `first_seq` is the number of the first new event (the event count before).
store::Transition make_transition(int64_t first_seq, const std::vector<CaseEvent>& events,
                                  const CaseState& after);

}  // namespace xueji
