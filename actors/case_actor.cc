#include "actors/case_actor.h"

#include "engine/case/notice.h"
#include "engine/case/student_effect.h"

namespace xueji {
namespace {

struct CaseActorState {
  CaseState state;
  std::shared_ptr<const EngineData> data;
  writer_actor writer;
  scheduler_actor scheduler;
  static inline const char* name = "case";
};

using case_pointer = case_actor::stateful_pointer<CaseActorState>;

CaseReply refused(Error error, const CaseState& state) {
  CaseReply r;
  r.error = std::move(error);
  r.state = state;
  return r;
}

caf::typed_response_promise<CaseReply> handle(
    case_pointer self, const CaseCommand& command,
    const std::shared_ptr<const AnswerRecipe>& answer,
    const std::optional<AuditEntry>& audit = std::nullopt) {
  auto promise = self->make_response_promise<CaseReply>();
  auto& st = self->state;
  auto events = decide(st.state, command, st.data->clock->now(), st.data->context());
  if (!events) {
    promise.deliver(refused(events.error(), st.state));
    return promise;
  }
  CaseState after = st.state;
  for (const auto& e : *events) after = evolve(std::move(after), e);
  store::Transition transition = make_transition(st.state, *events, after);
  if (answer) {
    transition.answer = store::RecordedAnswer{answer->key, answer->status, answer->content_type,
                                              answer->render(after, *events)};
  }
  if (audit) {
    transition.audit.push_back(*audit);
    transition.audit.back().outcome = "ok";
  }
  // await: no other message is taken until the store has answered.
  self->request(st.writer, caf::infinite, std::move(transition))
      .await(
          [self, promise, events = *events, after](const WriteResult& written) mutable {
            if (!written.ok) {
              promise.deliver(refused(make_error("store_failed", "not recorded: " + written.error),
                                      self->state.state));
              return;
            }
            self->state.state = after;
            const auto next = after.next_timer();
            self->send(self->state.scheduler,
                       TimerArm{after.id, after.event_count,
                                next ? std::optional<Instant>(next->at) : std::nullopt});
            promise.deliver(CaseReply{true, Error{}, std::move(events), after});
          },
          [self, promise](const caf::error& e) mutable {
            promise.deliver(refused(
                make_error("store_failed", "writer unavailable: " + self->system().render(e)),
                self->state.state));
          });
  return promise;
}

case_actor::behavior_type case_behavior(case_pointer self, CaseState initial,
                                        std::shared_ptr<const EngineData> data, writer_actor writer,
                                        scheduler_actor scheduler) {
  self->state.state = std::move(initial);
  self->state.data = std::move(data);
  self->state.writer = std::move(writer);
  self->state.scheduler = std::move(scheduler);
  return {
      [self](const CaseRequest& request) {
        return handle(self, request.command, request.answer, request.audit);
      },
      [self](const TimerFire& fire) -> caf::typed_response_promise<CaseReply> {
        // The timer names its instant; the step is the one the case armed
        // for it. Anything else is stale and changes nothing.
        const auto next = self->state.state.next_timer();
        if (!next || next->at != fire.at) {
          auto promise = self->make_response_promise<CaseReply>();
          promise.deliver(refused(
              make_error("stale_timer",
                         "case " + fire.case_id + " has no timer at " + fire.at.to_string()),
              self->state.state));
          return promise;
        }
        if (next->kind == DueTimer::Kind::reminder) {
          return handle(self, ReminderDue{next->step, next->at}, nullptr);
        }
        return handle(self, DeadlineReached{next->step, next->at}, nullptr);
      },
      // Its state is on disk: leave quietly (a normal exit does not take
      // the linked directory down).
      [self](passivate_atom) { self->quit(); },
  };
}

}  // namespace

store::Transition make_transition(const CaseState& before, const std::vector<CaseEvent>& events,
                                  const CaseState& after) {
  store::Transition t;
  t.case_id = after.id;
  t.first_seq = before.event_count;
  t.events = events;
  t.state = after;
  for (size_t i = 0; i < events.size(); ++i) {
    const CaseEvent& e = events[i];
    auto notices =
        notices_for(after.id, before.event_count + static_cast<int64_t>(i), e, after.opened_by);
    t.notices.insert(t.notices.end(), notices.begin(), notices.end());
    // What the case does to the student's record commits with it.
    if (auto effect = student_effect(e, after.subject)) t.student_changes.push_back(*effect);
  }
  return t;
}

case_actor spawn_case(caf::actor_system& system, CaseState initial,
                      std::shared_ptr<const EngineData> data, writer_actor writer,
                      scheduler_actor scheduler) {
  return system.spawn(case_behavior, std::move(initial), std::move(data), std::move(writer),
                      std::move(scheduler));
}

}  // namespace xueji
