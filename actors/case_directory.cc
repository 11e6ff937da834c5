#include "actors/case_directory.h"

#include <unordered_map>

#include "actors/case_actor.h"
#include "actors/idle_sweep.h"

namespace xueji {
namespace {

struct Resident {
  case_actor actor;
  bool used_since_sweep = true;
};

struct DirectoryState {
  std::unique_ptr<store::Store> store;
  std::shared_ptr<const EngineData> data;
  writer_actor writer;
  scheduler_actor scheduler;
  std::unordered_map<std::string, Resident> resident;
  size_t passivated = 0;
  int idle_seconds = 0;  // 0: sweeps only when asked
  static inline const char* name = "case-directory";
};

using directory_pointer = directory_actor::stateful_pointer<DirectoryState>;

// The actor of `case_id`: resident, or spawned from its stored state, or for
// a new case spawned empty. A store that cannot be read is an error.
Result<case_actor> find_or_spawn(directory_pointer self, const std::string& case_id) {
  auto& st = self->state;
  auto it = st.resident.find(case_id);
  if (it != st.resident.end()) {
    it->second.used_since_sweep = true;
    return it->second.actor;
  }
  auto stored = st.store->load_case(case_id);
  if (!stored) return stored.error();
  CaseState initial;
  if (stored->has_value()) {
    initial = std::move(**stored);
  } else {
    initial.id = case_id;
  }
  auto actor = spawn_case(self->system(), std::move(initial), st.data, st.writer, st.scheduler);
  // Linked: when the directory goes down, its cases go with it.
  self->link_to(actor);
  st.resident.emplace(case_id, Resident{actor, true});
  return actor;
}

template <typename Message>
caf::typed_response_promise<CaseReply> forward(directory_pointer self, const std::string& case_id,
                                               Message message) {
  auto promise = self->make_response_promise<CaseReply>();
  auto actor = find_or_spawn(self, case_id);
  if (!actor) {
    CaseReply r;
    r.error = make_error("store_unavailable", actor.error().message);
    promise.deliver(std::move(r));
    return promise;
  }
  // Delegated: the case answers the requester itself, and the directory
  // goes on with other cases at once (one thread wake fewer per request).
  promise.delegate(*actor, std::move(message));
  return promise;
}

directory_actor::behavior_type directory(directory_pointer self,
                                         std::shared_ptr<std::unique_ptr<store::Store>> store,
                                         std::shared_ptr<const EngineData> data,
                                         writer_actor writer, scheduler_actor scheduler,
                                         int idle_seconds) {
  self->state.idle_seconds = idle_seconds;
  if (idle_seconds > 0) {
    self->delayed_send(self, std::chrono::seconds(idle_seconds), sweep_atom::value);
  }
  self->state.store = std::move(*store);
  self->state.data = std::move(data);
  self->state.writer = std::move(writer);
  self->state.scheduler = std::move(scheduler);
  return {
      [self](CaseRequest& request) {
        const std::string case_id = request.case_id;
        return forward(self, case_id, std::move(request));
      },
      [self](const TimerFire& fire) { return forward(self, fire.case_id, fire); },
      [self](sweep_atom) { sweep_idle(self); },
      [self](stats_atom) {
        return DirectoryStats{self->state.resident.size(), self->state.passivated};
      },
  };
}

}  // namespace

directory_actor spawn_directory(caf::actor_system& system, std::unique_ptr<store::Store> store,
                                std::shared_ptr<const EngineData> data, writer_actor writer,
                                scheduler_actor scheduler, int idle_seconds) {
  auto holder = std::make_shared<std::unique_ptr<store::Store>>(std::move(store));
  return system.spawn<caf::detached>(directory, holder, std::move(data), std::move(writer),
                                     std::move(scheduler), idle_seconds);
}

}  // namespace xueji
