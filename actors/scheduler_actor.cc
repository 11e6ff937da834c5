#include "actors/scheduler_actor.h"

#include <functional>
#include <string>
#include <vector>

#include "actors/fault_reason.h"
#include "actors/undecided.h"

namespace xueji {
namespace {

// Cases' deadlines and accounts' seals are kept apart (a passivated case
// costs one entry of its own index and no more); at the same instant,
// cases go first.
struct SchedulerState {
  std::shared_ptr<Clock> clock;
  std::shared_ptr<TimerLateness> lateness;
  directory_actor directory;
  account_directory_actor accounts;
  DeadlineIndex cases;
  DeadlineIndex seals;
  bool firing = false;  // a firing round is under way
  std::optional<Instant> tick_armed_for;
  // The round under way: every timer due up to `until` fires. Timers due
  // at one instant fire together, up to `window` in flight, so their
  // transitions share the writer's group commits; a case has one timer in
  // the index, so its own timers still fire one after the other.
  struct Round {
    Instant until;
    size_t fired = 0;
    size_t in_flight = 0;
    std::optional<Instant> current;  // the instant being fired
    std::function<void(size_t)> done;
  };
  std::optional<Round> round;
  size_t window = 512;
  // Timers whose firing failed (the store away): put back into the index
  // after `retry_seconds` of real time, doubling while they keep failing,
  // up to kLongestRetry. A deadline the store could not record is late,
  // never lost.
  struct Failed {
    bool seal;
    std::string id;
    int64_t version;
    Instant at;
  };
  std::vector<Failed> failed;
  bool retry_armed = false;
  int first_retry_seconds = 5;
  int retry_seconds = 5;
  static constexpr int kLongestRetry = 300;
  static inline const char* name = "scheduler";
};

using scheduler_pointer = scheduler_actor::stateful_pointer<SchedulerState>;

void apply(SchedulerState& st, const TimerArm& arm) {
  st.cases.apply(arm.case_id, arm.version, arm.at);
}

void apply(SchedulerState& st, const AccountArm& arm) {
  st.seals.apply(arm.name, arm.version, arm.at);
}

// The soonest instant of either index.
std::optional<Instant> next_instant(const SchedulerState& st) {
  const auto a = st.cases.next(), b = st.seals.next();
  if (!a) return b;
  if (!b) return a;
  return std::min(*a, *b);
}

// The kind of timer a case's answer shows it fired, for the lateness
// histogram; a stale fire (nothing happened) is "stale".
std::string timer_kind(const CaseReply& reply) {
  for (const auto& event : reply.events) {
    switch (event.type) {
      case CaseEventType::reminded:
        return "reminder";
      case CaseEventType::escalated:
        return "deadline";
      case CaseEventType::term_ended:
      case CaseEventType::completed:
        return "term_end";
      default:
        break;
    }
  }
  return "stale";
}

void pump(scheduler_pointer self);

// Keeps a failed timer for the next retry.
void retry_later(scheduler_pointer self, bool seal, const std::string& id, int64_t version,
                 Instant at) {
  auto& st = self->state;
  st.failed.push_back(SchedulerState::Failed{seal, id, version, at});
  if (st.retry_armed) return;
  st.retry_armed = true;
  self->delayed_send(self, std::chrono::seconds(st.retry_seconds), retry_atom::value);
}

void arm_tick(scheduler_pointer self);

// The failed timers go back into their indexes, due at once; the next
// round (a tick, or advance() on a virtual clock) fires them. Should they
// fail again, the next retry waits twice as long.
void retry_failed(scheduler_pointer self) {
  auto& st = self->state;
  st.retry_armed = false;
  if (st.failed.empty()) return;
  for (const auto& f : st.failed) (f.seal ? st.seals : st.cases).restore(f.id, f.version, f.at);
  st.failed.clear();
  st.retry_seconds = std::min(st.retry_seconds * 2, SchedulerState::kLongestRetry);
  arm_tick(self);
}

// One fire has answered: record how late it was and fill the window again.
void fired_one(scheduler_pointer self, Instant due, const std::string& kind) {
  auto& st = self->state;
  if (st.lateness) {
    st.lateness->record(kind,
                        static_cast<double>(st.clock->now().unix_seconds() - due.unix_seconds()));
  }
  st.round->in_flight -= 1;
  st.round->fired += 1;
  pump(self);
}

// Sends one due timer (the soonest) to its case or account.
void send_one(scheduler_pointer self) {
  auto& st = self->state;
  const auto case_at = st.cases.next(), seal_at = st.seals.next();
  const bool seal = seal_at && (!case_at || *seal_at < *case_at);
  const auto [at, id, version] = seal ? st.seals.pop() : st.cases.pop();
  st.round->in_flight += 1;
  if (seal) {
    // A sealed account arms nothing further; a stale fire changes nothing.
    self->request(st.accounts, caf::infinite, AccountFire{id, at})
        .then(
            [self, at = at, id = id, version](const AccountReply& reply) {
              const bool failed = !reply.ok && undecided(reply.error.code);
              if (failed) retry_later(self, true, id, version, at);
              // The store answers again: the next failure waits the first
              // interval, whichever kind of timer found it back.
              if (reply.ok) self->state.retry_seconds = self->state.first_retry_seconds;
              fired_one(self, at, failed ? "failed" : "account_seal");
            },
            [self, at = at, id = id, version](const caf::error&) {
              retry_later(self, true, id, version, at);
              fired_one(self, at, "failed");
            });
    return;
  }
  self->request(st.directory, caf::infinite, TimerFire{id, at})
      .then(
          [self, at = at, id = id, version](const CaseReply& reply) {
            // Arm from the answer too: the case's own TimerArm may still be on
            // its way, and the next firing must see it.
            if (reply.ok) {
              const auto armed = reply.state.next_timer();
              apply(self->state,
                    TimerArm{reply.state.id, reply.state.event_count,
                             armed ? std::optional<Instant>(armed->at) : std::nullopt});
              self->state.retry_seconds = self->state.first_retry_seconds;
            } else if (undecided(reply.error.code)) {
              retry_later(self, false, id, version, at);
            }
            fired_one(self, at, reply.ok ? timer_kind(reply) : "failed");
          },
          [self, at = at, id = id, version](const caf::error&) {
            retry_later(self, false, id, version, at);
            fired_one(self, at, "failed");
          });
}

// Keeps the window full with timers due at the round's current instant;
// moves to the next instant only once the current one has all answered (the
// virtual clock steps to each instant on the way); ends the round when
// nothing due is left.
void pump(scheduler_pointer self) {
  auto& st = self->state;
  auto& round = *st.round;
  while (round.in_flight < st.window) {
    const auto next = next_instant(st);
    if (!next || *next > round.until || !st.directory || !st.accounts) break;
    if (round.current && *next != *round.current && round.in_flight > 0) break;
    round.current = *next;
    if (auto* v = st.clock->movable()) {
      if (v->now() < *next) v->set(*next);
    }
    send_one(self);
  }
  if (round.in_flight == 0) {
    auto done = std::move(round.done);
    const size_t fired = round.fired;
    st.round.reset();
    done(fired);
  }
}

// Fires every timer due up to `until`, then calls done with how many fired.
void fire_until(scheduler_pointer self, Instant until, std::function<void(size_t)> done) {
  self->state.round = SchedulerState::Round{until, 0, 0, std::nullopt, std::move(done)};
  pump(self);
}

// On the system clock: sleep until the earliest instant.
void arm_tick(scheduler_pointer self) {
  auto& st = self->state;
  const auto soonest = next_instant(st);
  if (st.clock->is_virtual() || !soonest || st.firing) return;
  const Instant next = *soonest;
  if (st.tick_armed_for && *st.tick_armed_for <= next) return;
  st.tick_armed_for = next;
  const int64_t wait = std::max<int64_t>(0, next.unix_seconds() - st.clock->now().unix_seconds());
  self->delayed_send(self, std::chrono::seconds(wait), tick_atom::value);
}

scheduler_actor::behavior_type scheduler(scheduler_pointer self, std::shared_ptr<Clock> clock,
                                         std::shared_ptr<DeadlineIndex> cases,
                                         std::shared_ptr<DeadlineIndex> accounts,
                                         std::shared_ptr<TimerLateness> lateness,
                                         int retry_seconds) {
  self->set_exception_handler(fault_reason);
  self->state.clock = std::move(clock);
  self->state.first_retry_seconds = self->state.retry_seconds = std::max(1, retry_seconds);
  self->state.lateness = std::move(lateness);
  // Moved, not copied: the timelines point into the maps' nodes.
  self->state.cases = std::move(*cases);
  self->state.seals = std::move(*accounts);
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
        auto* v = self->state.clock->movable();
        if (v == nullptr || self->state.firing || to < v->now()) {
          promise.deliver(caf::make_error(caf::sec::invalid_argument));
          return promise;
        }
        self->state.firing = true;
        fire_until(self, to, [self, v, to, promise](size_t fired) mutable {
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
        fire_until(self, self->state.clock->now(), [self](size_t) {
          self->state.firing = false;
          arm_tick(self);
        });
      },
      [self](retry_atom) { retry_failed(self); },
      [self](const EndOpenCases& end) {
        if (self->state.directory) self->send(self->state.directory, end);
      },
      // Cases' timers only: what recovery must have re-armed.
      [self](pending_atom) { return self->state.cases.size(); },
      // The cases whose next timer is at or after `from`, soonest first.
      [self](pending_atom, Instant from) { return self->state.cases.due_from(from); },
      [self](directory_actor found) {
        self->state.directory = std::move(found);
        if (!self->state.clock->is_virtual() && self->state.accounts) {
          self->send(self, tick_atom::value);
        }
      },
      [self](account_directory_actor known) {
        self->state.accounts = std::move(known);
        if (!self->state.clock->is_virtual() && self->state.directory) {
          self->send(self, tick_atom::value);
        }
      },
  };
}

}  // namespace

scheduler_actor spawn_scheduler(caf::actor_system& system, std::shared_ptr<Clock> clock,
                                DeadlineIndex cases, DeadlineIndex accounts,
                                std::shared_ptr<TimerLateness> lateness, int retry_seconds) {
  // CAF copies a spawn's arguments; an index is moved in through a pointer.
  return system.spawn(
      scheduler, std::move(clock), std::make_shared<DeadlineIndex>(std::move(cases)),
      std::make_shared<DeadlineIndex>(std::move(accounts)), std::move(lateness), retry_seconds);
}

void connect_scheduler(scheduler_actor scheduler, directory_actor directory,
                       account_directory_actor accounts) {
  caf::anon_send(scheduler, std::move(directory));
  caf::anon_send(scheduler, std::move(accounts));
}

}  // namespace xueji
