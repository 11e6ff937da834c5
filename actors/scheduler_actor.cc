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

// What a timer wakes: a case (its statutory deadlines) or an account (its
// seal). At the same instant, cases go first.
enum class Target { case_file = 0, account = 1 };
using Key = std::pair<Target, std::string>;

struct SchedulerState {
  std::shared_ptr<Clock> clock;
  directory_actor directory;
  account_directory_actor accounts;
  std::map<Key, Entry> by_key;
  std::set<std::pair<Instant, Key>> due;  // the index, soonest first
  bool firing = false;                    // a firing round is under way
  std::optional<Instant> tick_armed_for;
  static inline const char* name = "scheduler";
};

using scheduler_pointer = scheduler_actor::stateful_pointer<SchedulerState>;

void apply(SchedulerState& st, const Key& key, int64_t version, std::optional<Instant> at) {
  Entry& entry = st.by_key[key];
  if (version < entry.version) return;  // a late message: a newer one is in
  if (entry.at) st.due.erase({*entry.at, key});
  entry.version = version;
  entry.at = at;
  if (at) st.due.insert({*at, key});
}

void apply(SchedulerState& st, const TimerArm& arm) {
  apply(st, Key{Target::case_file, arm.case_id}, arm.version, arm.at);
}

void apply(SchedulerState& st, const AccountArm& arm) {
  apply(st, Key{Target::account, arm.name}, arm.version, arm.at);
}

// Fires, one after the other, every timer due up to `until`; then calls done.
void fire_until(scheduler_pointer self, Instant until, size_t fired,
                std::function<void(size_t)> done) {
  auto& st = self->state;
  if (st.due.empty() || st.due.begin()->first > until || !st.directory || !st.accounts) {
    done(fired);
    return;
  }
  const auto [at, key] = *st.due.begin();
  st.due.erase(st.due.begin());
  st.by_key[key].at.reset();
  if (auto* v = dynamic_cast<VirtualClock*>(st.clock.get())) {
    if (v->now() < at) v->set(at);
  }
  if (key.first == Target::account) {
    // A sealed account arms nothing further; a stale fire changes nothing.
    self->request(st.accounts, caf::infinite, AccountFire{key.second, at})
        .then([self, until, fired,
               done](const AccountReply&) { fire_until(self, until, fired + 1, done); },
              [self, until, fired, done](const caf::error&) {
                fire_until(self, until, fired + 1, done);
              });
    return;
  }
  const std::string case_id = key.second;
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
                                         std::vector<store::PendingWake> cases,
                                         std::vector<store::PendingWake> accounts) {
  self->state.clock = std::move(clock);
  for (const auto& wake : cases) apply(self->state, TimerArm{wake.case_id, 0, wake.at});
  for (const auto& wake : accounts) apply(self->state, AccountArm{wake.case_id, 0, wake.at});
  return {
      [self](const TimerArm& arm) {
        apply(self->state, arm);
        arm_tick(self);
      },
      [self](const AccountArm& arm) {
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
      // Cases' timers only: what recovery must have re-armed.
      [self](pending_atom) {
        size_t n = 0;
        for (const auto& entry : self->state.due) n += entry.second.first == Target::case_file;
        return n;
      },
      [self](directory_actor directory) {
        self->state.directory = std::move(directory);
        if (!self->state.clock->is_virtual() && self->state.accounts) {
          self->send(self, tick_atom::value);
        }
      },
      [self](account_directory_actor accounts) {
        self->state.accounts = std::move(accounts);
        if (!self->state.clock->is_virtual() && self->state.directory) {
          self->send(self, tick_atom::value);
        }
      },
  };
}

}  // namespace

scheduler_actor spawn_scheduler(caf::actor_system& system, std::shared_ptr<Clock> clock,
                                std::vector<store::PendingWake> cases,
                                std::vector<store::PendingWake> accounts) {
  return system.spawn(scheduler, std::move(clock), std::move(cases), std::move(accounts));
}

void connect_scheduler(scheduler_actor scheduler, directory_actor directory,
                       account_directory_actor accounts) {
  caf::anon_send(scheduler, std::move(directory));
  caf::anon_send(scheduler, std::move(accounts));
}

}  // namespace xueji
