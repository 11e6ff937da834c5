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
                                  std::optional<CaseState> found, const wiring& w, bool reloaded) {
    CaseState initial = found ? std::move(*found) : CaseState();
    initial.id = id;
    return spawn_case(system, std::move(initial), w, reloaded);
  }
};

using directory_pointer = directory_actor::stateful_pointer<DirectoryState<CaseActors>>;

// Sends `command` to each of `open` but case `by`, through the directory as
// any command goes; a case it does not concern refuses it, unchanged.
void send_to_each(directory_pointer self, const std::vector<std::string>& open,
                  const std::string& by, const CaseCommand& command) {
  for (const auto& id : open) {
    if (id == by) continue;
    self->request(caf::actor_cast<directory_actor>(self), caf::infinite,
                  CaseRequest{id, command, nullptr, std::nullopt})
        .then([](const CaseReply&) {}, [](const caf::error&) {});
  }
}

// A closed record ends its student's other open cases: each is superseded
// through its own actor, as any command would be. A case that completes
// meanwhile refuses it (case_closed), which is as it should be; a journal
// that cannot be read leaves the cases to supersede themselves when they
// next try to change the record (the journal refuses that write).
void end_open_cases(directory_pointer self, const EndOpenCases& end) {
  auto open = self->state.journal->open_cases(end.subject);
  if (!open) return;
  // Art. 12, 17: the record moved; only a case that ends then takes it.
  if (end.followed) {
    send_to_each(self, *open, end.by, *end.followed);
    return;
  }
  if (end.follow_up) {
    // Art. 16: the student's leave is followed up; a case it does not
    // concern refuses it as stale, changing nothing. Not atomic with the
    // follow-up's own commit: a stop in between leaves the review to run
    // to its deadline and escalate, which a reviewer sees and closes.
    send_to_each(self, *open, end.by, *end.follow_up);
    return;
  }
  const std::string why = "the record of " + end.subject +
                          (end.by.empty() ? " is closed" : " was closed by case " + end.by);
  send_to_each(self, *open, end.by, SupersedeCase{why});
}

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
      [self](const EndOpenCases& end) { end_open_cases(self, end); },
      [self](load_atom) { load_waiting<CaseActors>(self); },
      [self](unsettled_atom, const std::string& id) { drop_unsettled(self, id); },
      [self](sweep_atom) { sweep_idle(self); },
      [self](stats_atom) {
        return DirectoryStats{self->state.resident.size(), self->state.passivated,
                              self->state.dropped_unsettled};
      },
  };
}

}  // namespace

directory_actor spawn_directory(caf::actor_system& system, std::unique_ptr<Journal> journal,
                                std::shared_ptr<const CurrentDomain> data, writer_actor writer,
                                scheduler_actor scheduler, int idle_seconds) {
  // CAF copies spawn arguments: the journal travels in a shared holder.
  auto holder = std::make_shared<std::unique_ptr<Journal>>(std::move(journal));
  return system.spawn<caf::detached>(
      directory, holder, ActorWiring{std::move(data), std::move(writer), std::move(scheduler), {}},
      idle_seconds);
}

}  // namespace xueji
