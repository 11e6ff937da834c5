#include "actors/case_directory.h"

#include "actors/case_actor.h"
#include "actors/directory.h"

namespace xueji {
namespace {

// Cases in the generic directory: a case with no row is new and starts
// empty.
struct CaseActors {
  using handle = case_actor;
  using stored = CaseState;
  using reply = CaseReply;
  using wiring = ActorWiring;
  static constexpr const char* name = "case-directory";

  static Result<std::map<std::string, CaseState>> load(Journal& journal,
                                                       const std::vector<std::string>& ids) {
    return journal.load_cases(ids);
  }
  static Result<case_actor> spawn(caf::actor_system& system, const std::string& id,
                                  std::optional<CaseState> found, const wiring& w) {
    CaseState initial = found ? std::move(*found) : CaseState();
    initial.id = id;
    return spawn_case(system, std::move(initial), w.data, w.writer, w.scheduler);
  }
};

using directory_pointer = directory_actor::stateful_pointer<DirectoryState<CaseActors>>;

directory_actor::behavior_type directory(directory_pointer self,
                                         std::shared_ptr<std::unique_ptr<Journal>> journal,
                                         CaseActors::wiring wiring, int idle_seconds) {
  start_directory<CaseActors>(self, std::move(*journal), std::move(wiring), idle_seconds);
  return {
      [self](CaseRequest& request) {
        const std::string case_id = request.case_id;
        return forward<CaseActors>(self, case_id, std::move(request));
      },
      [self](const TimerFire& fire) { return forward<CaseActors>(self, fire.case_id, fire); },
      [self](load_atom) { load_waiting<CaseActors>(self); },
      [self](sweep_atom) { sweep_idle(self); },
      [self](stats_atom) {
        return DirectoryStats{self->state.resident.size(), self->state.passivated};
      },
  };
}

}  // namespace

directory_actor spawn_directory(caf::actor_system& system, std::unique_ptr<Journal> journal,
                                std::shared_ptr<const Domain> data, writer_actor writer,
                                scheduler_actor scheduler, int idle_seconds) {
  // CAF copies spawn arguments: the journal travels in a shared holder.
  auto holder = std::make_shared<std::unique_ptr<Journal>>(std::move(journal));
  return system.spawn<caf::detached>(
      directory, holder, ActorWiring{std::move(data), std::move(writer), std::move(scheduler)},
      idle_seconds);
}

}  // namespace xueji
