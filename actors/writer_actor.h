#pragma once
// The store's group-commit writer. Transitions from many cases queue in its
// mailbox; it commits everything queued in one transaction and only then
// answers each requester, so a transition is acknowledged only once it is
// durable. Runs detached: a commit blocks its own thread, no one else's.

#include <memory>

#include "actors/messages.h"
#include "actors/port/journal.h"

namespace xueji {

struct WriterStats {
  std::atomic<int64_t> commits{0};
  std::atomic<int64_t> transitions{0};
  std::atomic<int64_t> largest_batch{0};
};

// Takes ownership of `journal`. `stats` may be null.
writer_actor spawn_writer(caf::actor_system& system, std::unique_ptr<Journal> journal,
                          std::shared_ptr<WriterStats> stats);

}  // namespace xueji
