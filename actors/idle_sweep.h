#pragma once
// What the case and account directories share: an actor untouched since
// the previous sweep is put to sleep. Its state is on disk and its next
// instant in the scheduler's index, so nothing is lost; the directory drops
// it and will respawn it from the store on its next message.

#include <caf/all.hpp>

#include "actors/messages.h"

namespace xueji {

// `resident` maps a key to an entry with `actor` and `used_since_sweep`.
// Returns how many were passivated.
template <typename Self, typename Residents>
size_t passivate_idle(Self* self, Residents& resident) {
  size_t passivated = 0;
  for (auto it = resident.begin(); it != resident.end();) {
    if (it->second.used_since_sweep) {
      it->second.used_since_sweep = false;
      ++it;
    } else {
      self->send(it->second.actor, passivate_atom::value);
      it = resident.erase(it);
      ++passivated;
    }
  }
  return passivated;
}

// A directory's sweep: passivate what stayed idle, and when the directory
// sweeps by itself (`idle_seconds` > 0), come back in that many seconds.
// Operational housekeeping runs on real time, whatever the clock: an actor
// idle for one to two intervals is put to sleep. `self->state` has
// `resident`, `passivated` and `idle_seconds`.
template <typename Self>
void sweep_idle(Self* self) {
  auto& st = self->state;
  st.passivated += passivate_idle(self, st.resident);
  if (st.idle_seconds > 0) {
    self->delayed_send(self, std::chrono::seconds(st.idle_seconds), sweep_atom::value);
  }
}

}  // namespace xueji
