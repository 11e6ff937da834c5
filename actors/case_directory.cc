#include "actors/case_directory.h"

#include "actors/case_actor.h"
#include "actors/directory.h"
#include "actors/undecided.h"

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

// Whether `reply` is a case's answer for good: it took the command or
// refused it on its merits. A store that failed or could not be read, or
// a commit whose outcome is unknown, leaves the command to be sent again.
bool answered_for_good(const CaseReply& reply) { return reply.ok || !undecided(reply.error.code); }

// An operator hears of what was not reached: the store failing under a
// closed record, which nothing else would show until the next start.
void tell_not_reached(directory_pointer self, const EndOpenCases& end, const std::string& why) {
  if (self->state.told_not_reached) self->state.told_not_reached(end.subject, end.by, why);
}

// Deletes the owed follow-up of `end`: every case it was sent to answered.
// A write that fails leaves it owed (the next start sends it again, and
// each case refuses it as stale).
void settle(directory_pointer self, const EndOpenCases& end) {
  Transition settled;
  settled.records.follow_ups_settled.push_back(end.owed->id);
  const std::string what =
      "the owed follow-up " + end.owed->id + " was delivered but not settled: ";
  self->request(self->state.wiring.writer, caf::infinite, std::move(settled))
      .then(
          [self, end, what](const WriteResult& written) {
            if (!written.ok) tell_not_reached(self, end, what + written.error);
          },
          [self, end, what](const caf::error& e) {
            tell_not_reached(self, end, what + self->system().render(e));
          });
}

// What `end` still waits for: the answers of the cases it was sent to, and
// whether each so far was for good.
struct Delivery {
  EndOpenCases end;
  size_t waiting = 0;
  bool for_good = true;
};

// Sends `command` to each of `open` but case `end.by`, through the
// directory as any command goes; a case it does not concern refuses it,
// unchanged. An owed follow-up is settled once each case answered for good.
void send_to_each(directory_pointer self, const std::vector<std::string>& open,
                  const EndOpenCases& end, const CaseCommand& command) {
  auto delivery = std::make_shared<Delivery>();
  delivery->end = end;
  for (const auto& id : open) delivery->waiting += id == end.by ? 0 : 1;
  if (delivery->waiting == 0) {
    if (end.owed) settle(self, end);
    return;
  }
  // Answers come back to this actor, one at a time: no lock.
  auto answered = [self, delivery](const std::string& id, const std::string& not_for_good) {
    if (!not_for_good.empty()) {
      delivery->for_good = false;
      tell_not_reached(self, delivery->end,
                       "case " + id + " did not answer for good: " + not_for_good);
    }
    if (--delivery->waiting == 0 && delivery->for_good && delivery->end.owed) {
      settle(self, delivery->end);
    }
  };
  for (const auto& id : open) {
    if (id == end.by) continue;
    self->request(caf::actor_cast<directory_actor>(self), caf::infinite,
                  CaseRequest{id, command, nullptr, std::nullopt})
        .then(
            [answered, id](const CaseReply& reply) {
              answered(id, answered_for_good(reply)
                               ? ""
                               : reply.error.code + ": " + reply.error.message);
            },
            [self, answered, id](const caf::error& e) { answered(id, self->system().render(e)); });
  }
}

// A closed record ends its student's other open cases: each is superseded
// through its own actor, as any command would be. A case that completes
// meanwhile refuses it (case_closed), which is as it should be; a journal
// that cannot be read leaves the cases to supersede themselves when they
// next try to change the record (the journal refuses that write).
// An owed follow-up (Art. 12, 16, 17) goes to each live case instead; one
// it does not concern refuses it as stale, changing nothing. A journal
// that cannot be read, or a case that could not answer for good, leaves
// it owed: the next start sends it again.
// Either way, what was not reached is told to told_not_reached.
void end_open_cases(directory_pointer self, const EndOpenCases& end) {
  using Open = Result<std::vector<std::string>>;
  auto open = std::make_shared<std::optional<Open>>();
  read_journal(
      self,
      [open, subject = end.subject](Journal& journal) {
        open->emplace(journal.open_cases(subject));
      },
      [self, open, end] {
        const Open& cases = **open;
        if (!cases) {
          return tell_not_reached(self, end,
                                  "its open cases could not be listed: " + cases.error().message);
        }
        if (end.owed) return send_to_each(self, *cases, end, as_case_command(*end.owed));
        const std::string why = "the record of " + end.subject +
                                (end.by.empty() ? " is closed" : " was closed by case " + end.by);
        send_to_each(self, *cases, end, SupersedeCase{why});
      },
      [self, end](const std::string& thrown) {
        tell_not_reached(self, end, "its open cases could not be listed: " + thrown);
      });
}

// Makes `id`'s actor resident at once, empty, when its caller drew the id
// afresh: an opening waits for no load, and the store is not asked for an
// id no record can have yet. An id already resident, loading or dropped
// unsettled goes the usual way.
void spawn_new(directory_pointer self, const std::string& id) {
  auto& st = self->state;
  if (st.resident.count(id) != 0 || st.waiting.count(id) != 0 || st.loading.count(id) != 0 ||
      st.unsettled.count(id) != 0) {
    return;
  }
  // One that fails to spawn is not resident: forward loads it and answers
  // the error as any load would.
  (void)make_resident<CaseActors>(self, id, std::nullopt, false);
}

directory_actor::behavior_type directory(directory_pointer self,
                                         std::shared_ptr<std::unique_ptr<Journal>> journal,
                                         CaseActors::wiring wiring, int idle_seconds,
                                         ActorFailed told_failed,
                                         CasesNotReached told_not_reached) {
  start_directory<CaseActors>(self, std::move(*journal), std::move(wiring), idle_seconds,
                              std::move(told_failed));
  self->state.told_not_reached = std::move(told_not_reached);
  return {
      [self](CaseRequest& request) {
        const std::string case_id = request.case_id;
        if (request.new_id) spawn_new(self, case_id);
        return forward<CaseActors>(self, case_id, std::move(request));
      },
      [self](const TimerFire& fire) { return forward<CaseActors>(self, fire.case_id, fire); },
      [self](const EndOpenCases& end) { end_open_cases(self, end); },
      [self](load_atom) { load_waiting<CaseActors>(self); },
      [self](unsettled_atom, const std::string& id) { drop_unsettled(self, id); },
      [self](sweep_atom) { sweep_idle(self); },
      [self](passivate_atom, const std::vector<std::string>& ids) { passivate_each(self, ids); },
      [self](stats_atom) {
        return DirectoryStats{self->state.resident.size(), self->state.passivated,
                              self->state.dropped_unsettled, self->state.failed};
      },
  };
}

}  // namespace

directory_actor spawn_directory(caf::actor_system& system, std::unique_ptr<Journal> journal,
                                std::shared_ptr<const CurrentDomain> data, writer_actor writer,
                                scheduler_actor scheduler, int idle_seconds,
                                ActorFailed told_failed, CasesNotReached told_not_reached) {
  // CAF copies spawn arguments: the journal travels in a shared holder.
  auto holder = std::make_shared<std::unique_ptr<Journal>>(std::move(journal));
  // On the engine's workers: it never blocks (its reader does).
  return system.spawn(
      directory, holder,
      ActorWiring{std::move(data), std::move(writer), std::move(scheduler), {}, nullptr},
      idle_seconds, std::move(told_failed), std::move(told_not_reached));
}

}  // namespace xueji
