#pragma once
// The messages between Xueji's actors and their typed interfaces: a message
// an actor does not declare fails to compile at the sender.

#include <caf/all.hpp>

#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "adapters/store/store.h"
#include "engine/case/case_command.h"
#include "engine/case/case_state.h"

namespace xueji {

// How an adapter's answer to a command is written with the command's own
// transition (idempotency): rendered from the state and events it caused.
struct AnswerRecipe {
  std::string key;
  int status = 200;
  std::string content_type;
  std::function<std::string(const CaseState& after, const std::vector<CaseEvent>& events)> render;
};

// A command for one case, from outside (the API, a test).
struct CaseRequest {
  std::string case_id;
  CaseCommand command;
  std::shared_ptr<const AnswerRecipe> answer;  // none: nothing to record
};

// The answer to a CaseRequest or a TimerFire: the events that are now
// durable and the case's state after them, or why nothing happened.
struct CaseReply {
  bool ok = false;
  Error error;
  std::vector<CaseEvent> events;
  CaseState state;
};

// Wakes a case for the timer it armed for `at`. The case checks it against
// its own next timer (step and instant); a stale one changes nothing.
struct TimerFire {
  std::string case_id;
  Instant at;
};

// A case's next timer, versioned by its event count so that a late message
// never overrides a newer one.
struct TimerArm {
  std::string case_id;
  int64_t version = 0;
  std::optional<Instant> at;  // none: nothing to wake for
};

struct WriteResult {
  bool ok = false;
  std::string error;
};

// The directory's view of itself.
struct DirectoryStats {
  size_t resident = 0;    // case actors alive
  size_t passivated = 0;  // cases put to sleep since start
};

using flush_atom = caf::atom_constant<caf::atom("flush")>;
using advance_atom = caf::atom_constant<caf::atom("advance")>;
using tick_atom = caf::atom_constant<caf::atom("tick")>;
using sweep_atom = caf::atom_constant<caf::atom("sweep")>;
using stats_atom = caf::atom_constant<caf::atom("stats")>;
using pending_atom = caf::atom_constant<caf::atom("pending")>;
using passivate_atom = caf::atom_constant<caf::atom("passivate")>;

// Groups transitions from many cases into one commit.
using writer_actor = caf::typed_actor<caf::replies_to<store::Transition>::with<WriteResult>,
                                      caf::reacts_to<flush_atom>>;

// One pending case.
using case_actor =
    caf::typed_actor<caf::replies_to<CaseRequest>::with<CaseReply>,
                     caf::replies_to<TimerFire>::with<CaseReply>, caf::reacts_to<passivate_atom>>;

// Spawns or finds the actor of a case; passivates idle ones.
using directory_actor =
    caf::typed_actor<caf::replies_to<CaseRequest>::with<CaseReply>,
                     caf::replies_to<TimerFire>::with<CaseReply>, caf::reacts_to<sweep_atom>,
                     caf::replies_to<stats_atom>::with<DirectoryStats>>;

// Holds the deadline index and wakes cases when their instant comes; learns
// the directory once, at boot.
using scheduler_actor =
    caf::typed_actor<caf::reacts_to<TimerArm>, caf::replies_to<advance_atom, Instant>::with<size_t>,
                     caf::reacts_to<tick_atom>, caf::replies_to<pending_atom>::with<size_t>,
                     caf::reacts_to<directory_actor>>;

}  // namespace xueji

CAF_ALLOW_UNSAFE_MESSAGE_TYPE(xueji::CaseRequest)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(xueji::CaseReply)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(xueji::CaseCommand)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(xueji::TimerFire)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(xueji::TimerArm)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(xueji::WriteResult)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(xueji::DirectoryStats)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(xueji::store::Transition)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(xueji::Instant)
