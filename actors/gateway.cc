#include "actors/gateway.h"

#include <optional>

#include "actors/fault_reason.h"
#include "actors/reply_deadlines.h"

namespace xueji {

Error no_answer_in_time(const char* timeout_code) {
  return make_error(timeout_code, "no durable answer in time; the write may still commit");
}

Error no_answer(caf::actor_system& system, const caf::error& e, const char* timeout_code) {
  if (e == caf::sec::request_timeout) return no_answer_in_time(timeout_code);
  return make_error("engine_unavailable", system.render(e));
}

namespace {

struct GatewayState {
  std::optional<ReplyDeadlines> deadlines;  // none when every wait is unbounded
  bool ticking = false;                     // a tick is on its way
};

using gateway_pointer = gateway_actor::stateful_pointer<GatewayState>;

// Has the gateway look at its waits a tick from now, unless a tick is
// already coming.
void tick_later(gateway_pointer self) {
  auto& st = self->state;
  if (st.ticking) return;
  st.ticking = true;
  self->delayed_send(self, st.deadlines->tick(), tick_atom::value);
}

// Bounds `done`'s wait when the gateway bounds waits.
template <typename Answer>
std::function<void(Answer)> bounded(gateway_pointer self, std::function<void(Answer)> done,
                                    std::function<Answer()> late) {
  auto& st = self->state;
  if (!st.deadlines) return done;
  auto answer =
      st.deadlines->await<Answer>(ReplyDeadlines::Clock::now(), std::move(done), std::move(late));
  tick_later(self);
  return answer;
}

gateway_actor::behavior_type gateway(gateway_pointer self, directory_actor directory,
                                     writer_actor writer, int reply_seconds) {
  self->set_exception_handler(fault_reason);
  if (reply_seconds > 0) self->state.deadlines.emplace(std::chrono::seconds(reply_seconds));
  return {
      [self, directory](SubmittedRequest& submitted) {
        std::function<void(CaseReply)> done = std::move(submitted.done);
        if (submitted.bounded) {
          done = bounded<CaseReply>(self, std::move(done), [] {
            CaseReply late;
            late.error = no_answer_in_time();
            return late;
          });
        }
        self->request(directory, caf::infinite, std::move(submitted.request))
            .then([done](CaseReply& reply) { done(std::move(reply)); },
                  [self, done](const caf::error& e) {
                    CaseReply reply;
                    reply.error = no_answer(self->system(), e);
                    done(std::move(reply));
                  });
      },
      [self, writer](SubmittedCommit& submitted) {
        auto done = bounded<Status>(self, std::move(submitted.done),
                                    [] { return Status(no_answer_in_time()); });
        self->request(writer, caf::infinite, std::move(submitted.transition))
            .then(
                [done](const WriteResult& w) {
                  done(w.ok
                           ? Status()
                           : Status(make_error(w.code.empty() ? "store_failed" : w.code, w.error)));
                },
                [self, done](const caf::error& e) { done(no_answer(self->system(), e)); });
      },
      [self](tick_atom) {
        self->state.ticking = false;
        if (self->state.deadlines->expire(ReplyDeadlines::Clock::now())) tick_later(self);
      },
  };
}

}  // namespace

gateway_actor spawn_gateway(caf::actor_system& system, directory_actor directory,
                            writer_actor writer, int reply_seconds) {
  return system.spawn(gateway, std::move(directory), std::move(writer), reply_seconds);
}

}  // namespace xueji
