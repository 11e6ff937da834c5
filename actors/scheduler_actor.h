#pragma once
// The scheduler: the in-memory deadline index (seeded from the store's on
// start) and the only thing that wakes cases for their timers and accounts
// for their seals.
//
// On the system clock it sleeps until the earliest instant and fires every
// timer due by now, in instant order. On a virtual clock nothing moves until
// `advance(to)`: then every timer due up to `to` fires in order, the clock
// stepping to each instant on the way and finally to `to`.
//
// The timers due at one instant (a midnight's deadlines: every statutory
// deadline falls at 24:00 Beijing time) fire together, a bounded window of
// them in flight, so their transitions share group commits; each case has
// one timer in the index and re-arms from its answer, so a case's own
// timers still fire one at a time and in order. How late each fired is
// recorded in `lateness`.
//
// A timer whose firing fails because the store is away (a PostgreSQL
// restart at midnight) is put back after `retry_seconds` of real time,
// then after twice that while it keeps failing: late, never lost.

#include <memory>
#include <vector>

#include "actors/clock.h"
#include "actors/deadline_index.h"
#include "actors/messages.h"
#include "actors/port/journal.h"
#include "actors/timer_lateness.h"

namespace xueji {

// `directory` is set after spawning (the two know each other) by sending the
// scheduler a directory_actor handle; see Runtime.
// `cases` and `accounts` are the store's two indexes, filled (an account's
// timers are named by the account).
scheduler_actor spawn_scheduler(caf::actor_system& system, std::shared_ptr<Clock> clock,
                                DeadlineIndex cases, DeadlineIndex accounts,
                                std::shared_ptr<TimerLateness> lateness, int retry_seconds = 5);

// Tells the scheduler where cases and accounts live. Must be sent before
// any timer is due.
void connect_scheduler(scheduler_actor scheduler, directory_actor directory,
                       account_directory_actor accounts);

}  // namespace xueji
