#include "actors/scheduler_actor.h"

#include <functional>
#include <map>
#include <set>

namespace xueji {
namespace {

struct Entry {
  int64_t version = -1;
  std::optional<Instant> at;
};

struct SchedulerState {
  std::shared_ptr<Clock> clock;
  directory_actor directory;
  std::map<std::string, Entry> by_case;
  std::set<std::pair<Instant, std::string>> due;  // the index, soonest first
  bool firing = false;                            // a firing round is under way
  std::optional<Instant> tick_armed_for;
  static inline const char* name = "scheduler";
};

using scheduler_pointer = scheduler_actor::stateful_pointer<SchedulerState>;

void apply(SchedulerState& st, const TimerArm& arm) {
  Entry& entry = st.by_case[arm.case_id];
  if (arm.version < entry.version) return;  // a late message: a newer one is in
  if (entry.at) st.due.erase({*entry.at, arm.case_id});
  entry.version = arm.version;
  entry.at = arm.at;
  if (arm.at) st.due.insert({*arm.at, arm.case_id});
}

// Fires, one after the other, every timer due up to `until`; then calls done.
void fire_until(scheduler_pointer self, Instant until, size_t fired,
                std::function<void(size_t)> done) {
  auto& st = self->state;
  if (st.due.empty() || st.due.begin()->first > until || !st.directory) {
    done(fired);
    return;
  }
  const auto [at, case_id] = *st.due.begin();
  st.due.erase(st.due.begin());
  st.by_case[case_id].at.reset();
  if (auto* v = dynamic_cast<VirtualClock*>(st.clock.get())) {
    if (v->now() < at) v->set(at);
  }
  self->request(st.directory, caf::infinite, TimerFire{case_id, at})
      .then(
          [self, until, fired, done](const CaseReply& reply) {
            // Arm from the answer too: the case's own TimerArm may still be on
            // its way, and the next firing must see it.
            if (reply.ok) {
              const auto next = reply.state.next_timer();
              apply(self->state, TimerArm{reply.state.id, reply.state.event_count,
                                          next ? std::optional<Instant>(next->at) : std::nullopt});
            }
            fire_until(self, until, fired + 1, done);
          },
          [self, until, fired, done](const caf::error&) {
            fire_until(self, until, fired + 1, done);
          });
}

// On the system clock: sleep until the earliest instant.
void arm_tick(scheduler_pointer self) {
  auto& st = self->state;
  if (st.clock->is_virtual() || st.due.empty() || st.firing) return;
  const Instant next = st.due.begin()->first;
  if (st.tick_armed_for && *st.tick_armed_for <= next) return;
  st.tick_armed_for = next;
  const int64_t wait = std::max<int64_t>(0, next.unix_seconds() - st.clock->now().unix_seconds());
  self->delayed_send(self, std::chrono::seconds(wait), tick_atom::value);
}

scheduler_actor::behavior_type scheduler(scheduler_pointer self, std::shared_ptr<Clock> clock,
                                         std::vector<store::PendingWake> initial) {
  self->state.clock = std::move(clock);
  for (const auto& wake : initial) apply(self->state, TimerArm{wake.case_id, 0, wake.at});
  return {
      [self](const TimerArm& arm) {
        apply(self->state, arm);
        arm_tick(self);
      },
      [self](advance_atom, Instant to) -> caf::typed_response_promise<size_t> {
        auto promise = self->make_response_promise<size_t>();
        auto* v = dynamic_cast<VirtualClock*>(self->state.clock.get());
        if (v == nullptr || self->state.firing || to < v->now()) {
          promise.deliver(caf::make_error(caf::sec::invalid_argument));
          return promise;
        }
        self->state.firing = true;
        fire_until(self, to, 0, [self, v, to, promise](size_t fired) mutable {
          v->set(to);
          self->state.firing = false;
          promise.deliver(fired);
        });
        return promise;
      },
      [self](tick_atom) {
        self->state.tick_armed_for.reset();
        if (self->state.firing) return;
        self->state.firing = true;
        fire_until(self, self->state.clock->now(), 0, [self](size_t) {
          self->state.firing = false;
          arm_tick(self);
        });
      },
      [self](pending_atom) { return self->state.due.size(); },
      [self](directory_actor directory) {
        self->state.directory = std::move(directory);
        if (!self->state.clock->is_virtual()) self->send(self, tick_atom::value);
      },
  };
}

}  // namespace

scheduler_actor spawn_scheduler(caf::actor_system& system, std::shared_ptr<Clock> clock,
                                std::vector<store::PendingWake> initial) {
  return system.spawn(scheduler, std::move(clock), std::move(initial));
}

void connect_scheduler(scheduler_actor scheduler, directory_actor directory) {
  caf::anon_send(scheduler, std::move(directory));
}

}  // namespace xueji
