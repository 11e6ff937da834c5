#include "actors/case_directory.h"

#include <functional>
#include <map>
#include <unordered_map>

#include "actors/case_actor.h"
#include "actors/idle_sweep.h"

namespace xueji {
namespace {

struct Resident {
  case_actor actor;
  bool used_since_sweep = true;
};

// What a message for a case that is not resident waits for: its actor,
// once the case is loaded, or the store's error.
using Waiter = std::function<void(const Result<case_actor>&)>;

struct DirectoryState {
  std::unique_ptr<store::Store> store;
  std::shared_ptr<const EngineData> data;
  writer_actor writer;
  scheduler_actor scheduler;
  std::unordered_map<std::string, Resident> resident;
  // Messages for cases being loaded, by case, in arrival order.
  std::map<std::string, std::vector<Waiter>> waiting;
  bool load_scheduled = false;
  size_t passivated = 0;
  int idle_seconds = 0;  // 0: sweeps only when asked
  static inline const char* name = "case-directory";
};

using directory_pointer = directory_actor::stateful_pointer<DirectoryState>;

// Loads every case the queued messages name in one query, spawns their
// actors and hands each its messages in the order they came. A new case
// (no row) starts empty.
void load_waiting(directory_pointer self) {
  auto& st = self->state;
  st.load_scheduled = false;
  auto waiting = std::move(st.waiting);
  st.waiting.clear();
  std::vector<std::string> ids;
  ids.reserve(waiting.size());
  for (const auto& entry : waiting) ids.push_back(entry.first);
  auto stored = st.store->load_cases(ids);
  for (auto& [case_id, waiters] : waiting) {
    if (!stored) {
      for (auto& w : waiters) w(stored.error());
      continue;
    }
    CaseState initial;
    if (auto it = stored->find(case_id); it != stored->end()) {
      initial = std::move(it->second);
    } else {
      initial.id = case_id;
    }
    auto actor = spawn_case(self->system(), std::move(initial), st.data, st.writer, st.scheduler);
    // Linked: when the directory goes down, its cases go with it.
    self->link_to(actor);
    st.resident.emplace(case_id, Resident{actor, true});
    for (auto& w : waiters) w(actor);
  }
}

template <typename Message>
caf::typed_response_promise<CaseReply> forward(directory_pointer self, const std::string& case_id,
                                               Message message) {
  auto promise = self->make_response_promise<CaseReply>();
  auto& st = self->state;
  if (auto it = st.resident.find(case_id); it != st.resident.end()) {
    it->second.used_since_sweep = true;
    // Delegated: the case answers the requester itself, and the directory
    // goes on with other cases at once (one thread wake fewer per request).
    promise.delegate(it->second.actor, std::move(message));
    return promise;
  }
  // Not resident: wait for the next load, which takes every case named in
  // the meantime in one query (the load message queues behind what is
  // already in the mailbox, as the writer's flush does).
  st.waiting[case_id].push_back(
      [promise, message = std::move(message)](const Result<case_actor>& actor) mutable {
        if (!actor) {
          CaseReply r;
          r.error = make_error("store_unavailable", actor.error().message);
          promise.deliver(std::move(r));
        } else {
          promise.delegate(*actor, std::move(message));
        }
      });
  if (!st.load_scheduled) {
    st.load_scheduled = true;
    self->send(self, load_atom::value);
  }
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
      [self](load_atom) { load_waiting(self); },
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
