#pragma once
// What the case and account directories share: an actor untouched since
// the previous sweep is put to sleep. Its state is on disk and its next
// instant in the scheduler's index, so nothing is lost; the directory drops
// it and will respawn it from the store on its next message.

#include <caf/all.hpp>

#include <string>
#include <vector>

#include "actors/messages.h"

namespace xueji {

// Puts the resident actor at `it` to sleep: it leaves once the messages
// already handed to it are answered, and the directory forgets it (its
// next message loads it again). Returns the entry after it.
template <typename Self, typename Residents>
typename Residents::iterator passivate(Self* self, Residents& resident,
                                       typename Residents::iterator it) {
  self->send(it->second.actor, passivate_atom::value);
  return resident.erase(it);
}

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
      it = passivate(self, resident, it);
      ++passivated;
    }
  }
  return passivated;
}

// Passivates the resident actors of `ids` now, used or not
// (Runtime::put_to_sleep). `self->state` has `resident` and `passivated`.
template <typename Self>
void passivate_each(Self* self, const std::vector<std::string>& ids) {
  auto& st = self->state;
  for (const auto& id : ids) {
    auto it = st.resident.find(id);
    if (it == st.resident.end()) continue;
    passivate(self, st.resident, it);
    st.passivated += 1;
  }
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
