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

}  // namespace xueji
