#include "actors/case_actor.h"

#include "actors/fault_reason.h"
#include "engine/case/leave_follow_up.h"
#include "engine/case/packed_case.h"
#include "engine/case/step_statistics.h"

namespace xueji {
namespace {

// Between messages the state is kept packed (engine/case/packed_case.h):
// a few hundred bytes instead of about two kilobytes, so a million pending
// cases can stay resident. Each message unfolds it, at a few microseconds.
struct CaseActorState {
  std::string packed;
  std::shared_ptr<const CurrentDomain> data;
  writer_actor writer;
  scheduler_actor scheduler;
  caf::actor_addr directory;
  // A write's outcome went unknown: the store may be ahead of `packed`, so
  // the actor decides nothing more and hands its messages back.
  bool unsettled = false;
  static inline const char* name = "case";
};

using case_pointer = case_actor::stateful_pointer<CaseActorState>;

CaseReply refused(Error error, const CaseState& state) {
  CaseReply r;
  r.error = std::move(error);
  r.state = state;
  return r;
}

// The case's state, unfolded. Only bytes pack_case() made are ever kept,
// so a failure here is a bug, reported as such rather than acted on.
Result<CaseState> current(const CaseActorState& st) {
  auto state = unpack_case(st.packed);
  if (!state)
    return make_error("case_unavailable", "case state unreadable: " + state.error().message);
  return state;
}

// The state before the command, as last committed (for a refusal's answer).
CaseState committed(const CaseActorState& st) {
  auto state = current(st);
  return state ? std::move(*state) : CaseState();
}

// The store may hold a transition this actor does not know of: it asks its
// directory to drop it (directory.h, drop_unsettled), and the case's next
// message loads it as the store has it. Left as it was, it would decide
// the next command on the state before, refusing a step the store has
// already moved to.
void unsettle(case_pointer self) {
  auto& st = self->state;
  if (st.unsettled) return;
  st.unsettled = true;
  auto state = current(st);
  if (auto directory = caf::actor_cast<directory_actor>(st.directory); directory && state) {
    self->send(directory, unsettled_atom::value, state->id);
  }
}

// A transition the writer did not record: the case stays as last committed.
// One whose COMMIT went unanswered is "outcome_unknown", never a failure:
// it may be on disk, and its requester must retry with the same key. So
// is one whose writer went down under it (the writer's own error).
CaseReply not_recorded(case_pointer self, const std::string& why,
                       const std::string& code = "store_failed") {
  const bool unknown = code == "outcome_unknown";
  if (unknown) unsettle(self);
  return refused(make_error(unknown ? code : "store_failed", why), committed(self->state));
}

// A message reaching an unsettled actor goes back to the directory, which
// loads the case afresh (it dropped this actor before the message returns).
template <typename Message>
caf::typed_response_promise<CaseReply> hand_back(case_pointer self, Message message) {
  auto promise = self->make_response_promise<CaseReply>();
  if (auto directory = caf::actor_cast<directory_actor>(self->state.directory)) {
    promise.delegate(directory, std::move(message));
  } else {
    CaseReply r;
    r.error = make_error("case_unavailable", "the case is being reloaded; retry");
    promise.deliver(std::move(r));
  }
  return promise;
}

// `events` folded into `state`, and the transition that records them.
Transition fold(CaseState& state, const std::vector<CaseEvent>& events,
                const DecisionContext& context) {
  const int64_t first_seq = state.event_count;
  auto before = counted_row(state);
  for (const auto& e : events) state = evolve(std::move(state), e);
  Transition t = case_transition(first_seq, events, state);
  t.before = std::move(before);
  t.statistics = statistics_changes(events, state, context);
  if (t.row.has_active_step) t.row.active_authority = context.orgs.authority_over(t.row.active_org);
  return t;
}

// Whether the transition closes its student's record (a death, a
// withdrawal): the student's other open cases then end.
bool closes_record(const Transition& t) {
  for (const auto& change : t.student_changes) {
    auto status = parse_student_status(change.status);
    if (status && is_closed(*status)) return true;
  }
  return false;
}

// The school the transition moved the student's record from, and to: a
// transfer approved (籍随人走, Art. 12). None for any other transition.
std::optional<RecordFollowed> moves_record(const Transition& t, const std::string& case_id) {
  for (const auto& change : t.student_changes) {
    if (!change.school.empty() && !change.if_school.empty() && change.school != change.if_school) {
      return RecordFollowed{change.if_school, change.school, case_id};
    }
  }
  return std::nullopt;
}

// Keeps `after` as the case's state once its events are durable, and arms
// the scheduler for its next instant.
void keep(case_pointer self, const CaseState& after) {
  self->state.packed = pack_case(after);
  const auto next = after.next_timer();
  self->send(self->state.scheduler,
             TimerArm{after.id, after.event_count,
                      next ? std::optional<Instant>(next->at) : std::nullopt});
}

// The student's record moved on under the case (the journal refused its
// compare-and-set): the case ends as superseded, and the requester learns
// why with the case as it now is.
void supersede(case_pointer self, caf::typed_response_promise<CaseReply> promise, CaseState state,
               const std::string& why, std::vector<CaseEvent> rejected_by_record,
               std::optional<AuditEntry> audit) {
  auto& st = self->state;
  const Error changed = make_error("student_changed", why);
  const auto data = st.data->get();
  auto events = decide(state, SupersedeCase{why, std::move(rejected_by_record)}, data->clock->now(),
                       data->context());
  if (!events) {
    promise.deliver(refused(changed, state));
    return;
  }
  Transition transition = fold(state, *events, data->context());
  if (audit) {
    transition.audit.push_back(std::move(*audit));
    transition.audit.back().outcome = "superseded";
  }
  self->request(st.writer, caf::infinite, std::move(transition))
      .await(
          [self, promise, changed, after = std::move(state)](const WriteResult& written) mutable {
            if (!written.ok) {
              promise.deliver(not_recorded(self, "not recorded: " + written.error, written.code));
              return;
            }
            keep(self, after);
            promise.deliver(refused(changed, after));
          },
          [self, promise](const caf::error& e) mutable {
            promise.deliver(not_recorded(self, "writer unavailable: " + self->system().render(e),
                                         "outcome_unknown"));
          });
}

caf::typed_response_promise<CaseReply> handle(case_pointer self, CaseState state,
                                              const CaseCommand& command,
                                              const std::shared_ptr<const AnswerRecipe>& answer,
                                              const std::optional<AuditEntry>& audit = std::nullopt,
                                              RecordWrites records = {}) {
  auto promise = self->make_response_promise<CaseReply>();
  auto& st = self->state;
  const bool was_in_review = in_term_end_review(state);
  // One domain for the whole decision, even if a reload lands meanwhile.
  const auto data = st.data->get();
  auto events = decide(state, command, data->clock->now(), data->context());
  if (!events) {
    promise.deliver(refused(events.error(), state));
    return promise;
  }
  // Folded in place: the state before is kept packed, not copied.
  Transition transition = fold(state, *events, data->context());
  const bool closing = closes_record(transition);
  // Art. 12, 16, 17: what the commit owes the student's other cases is
  // recorded with it, so a stop before its delivery loses nothing. A
  // closed record ends them all instead.
  if (!closing) {
    const Instant now = data->clock->now();
    if (auto follow_up = leave_follow_up(was_in_review, state, *events)) {
      transition.records.follow_ups_owed.push_back(
          owe_follow_up(state.subject, state.id, transition.first_seq, now, *follow_up));
    }
    if (auto followed = moves_record(transition, state.id)) {
      transition.records.follow_ups_owed.push_back(
          owe_follow_up(state.subject, state.id, transition.first_seq, now, *followed));
    }
  }
  std::vector<OwedFollowUp> owed = transition.records.follow_ups_owed;
  if (answer) {
    transition.answer = RecordedAnswer{answer->key, answer->status, answer->content_type,
                                       answer->render(state, *events)};
  }
  if (audit) {
    transition.audit.push_back(*audit);
    transition.audit.back().outcome = "ok";
  }
  append_records(transition.records, std::move(records));
  // await: no other message is taken until the store has answered.
  self->request(st.writer, caf::infinite, std::move(transition))
      .await(
          [self, promise, closing, owed = std::move(owed), audit, events = std::move(*events),
           after = std::move(state)](const WriteResult& written) mutable {
            if (!written.ok && written.code == "student_changed") {
              supersede(self, promise, committed(self->state), written.error, std::move(events),
                        audit);
              return;
            }
            if (!written.ok) {
              promise.deliver(not_recorded(self, "not recorded: " + written.error, written.code));
              return;
            }
            keep(self, after);
            // The scheduler routes it to the directory (no handle per case).
            if (closing) self->send(self->state.scheduler, EndOpenCases{after.subject, after.id});
            // Art. 16: a resume or a renewal follows the student's leave
            // up; Art. 12, 17: the record followed the student, and a
            // follow-up of the school it left is done.
            for (auto& o : owed) {
              self->send(self->state.scheduler,
                         EndOpenCases{after.subject, after.id, std::move(o)});
            }
            promise.deliver(CaseReply{true, Error{}, std::move(events), std::move(after)});
          },
          [self, promise](const caf::error& e) mutable {
            promise.deliver(not_recorded(self, "writer unavailable: " + self->system().render(e),
                                         "outcome_unknown"));
          });
  return promise;
}

caf::typed_response_promise<CaseReply> unavailable(case_pointer self, Error error) {
  auto promise = self->make_response_promise<CaseReply>();
  CaseReply r;
  r.error = std::move(error);
  promise.deliver(std::move(r));
  return promise;
}

// A request its caller's check refused: nothing changes. A case never
// opened goes back to sleep at once, so requests naming unknown ids leave
// no actors resident until the idle sweep.
caf::typed_response_promise<CaseReply> not_admitted(case_pointer self, const CaseState& state,
                                                    const Status& refusal) {
  if (state.event_count == 0) {
    if (auto directory = caf::actor_cast<directory_actor>(self->state.directory)) {
      self->send(directory, passivate_atom::value, std::vector<std::string>{state.id});
    }
  }
  auto promise = self->make_response_promise<CaseReply>();
  promise.deliver(refused(refusal.error(), state));
  return promise;
}

case_actor::behavior_type case_behavior(case_pointer self, std::string packed, ActorWiring wiring) {
  self->state.packed = std::move(packed);
  self->state.data = std::move(wiring.data);
  self->state.writer = std::move(wiring.writer);
  self->state.scheduler = std::move(wiring.scheduler);
  self->state.directory = std::move(wiring.directory);
  self->set_exception_handler(fault_reason);
  return {
      [self](const CaseRequest& request) -> caf::typed_response_promise<CaseReply> {
        if (self->state.unsettled) return hand_back(self, request);
        auto state = current(self->state);
        if (!state) return unavailable(self, state.error());
        if (request.admit) {
          if (Status may = request.admit(*state); !may) return not_admitted(self, *state, may);
        }
        return handle(self, std::move(*state), request.command, request.answer, request.audit,
                      request.records);
      },
      [self](const TimerFire& fire) -> caf::typed_response_promise<CaseReply> {
        if (self->state.unsettled) return hand_back(self, fire);
        auto state = current(self->state);
        if (!state) return unavailable(self, state.error());
        // The timer names its instant; the step is the one the case armed
        // for it. Anything else is stale and changes nothing.
        const auto next = state->next_timer();
        if (!next || next->at != fire.at) {
          auto promise = self->make_response_promise<CaseReply>();
          promise.deliver(refused(
              make_error("stale_timer",
                         "case " + fire.case_id + " has no timer at " + fire.at.to_string()),
              *state));
          return promise;
        }
        if (next->kind == DueTimer::Kind::reminder) {
          return handle(self, std::move(*state), ReminderDue{next->step, next->at}, nullptr);
        }
        return handle(self, std::move(*state), DeadlineReached{next->step, next->at}, nullptr);
      },
      // Its state is on disk: leave quietly (a normal exit does not take
      // the directory down, directory.h).
      [self](passivate_atom) { self->quit(); },
  };
}

}  // namespace

case_actor spawn_case(caf::actor_system& system, CaseState initial, const ActorWiring& wiring,
                      bool reloaded) {
  if (reloaded) {
    // The scheduler's index may hold a timer the store has moved past (or
    // lack the one it moved to): the loaded state is the truth.
    const auto next = initial.next_timer();
    caf::anon_send(wiring.scheduler,
                   TimerArm{initial.id, initial.event_count,
                            next ? std::optional<Instant>(next->at) : std::nullopt});
  }
  // Packed here, on the spawning thread: the unfolded state never travels
  // into the actor, and its memory is freed where it was taken.
  return system.spawn(case_behavior, pack_case(initial), wiring);
}

}  // namespace xueji
