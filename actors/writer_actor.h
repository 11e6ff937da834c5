#pragma once
// The store's group-commit writer. Transitions from many cases queue in its
// mailbox; it commits everything queued in one transaction and only then
// answers each requester, so a transition is acknowledged only once it is
// durable.
//
// The commits run on committers: detached actors, each with its own journal
// (one connection), so a commit blocks its own thread, no one else's. With
// two, one batch's statements run while the batch before waits for its
// flush to disk, which a single connection spends idle (issue 17: the
// engine alone reached 0.43 of what PostgreSQL takes from four). Two
// batches in flight never hold one case's transitions: a case sends its
// next only once its last is answered (case_actor.cc awaits the writer).
// What they may share, a student's row or the audit trail's head, the store
// orders by its row locks; a student change that no longer fits after the
// other batch is refused as it would be one batch after the other.

#include <iterator>
#include <memory>
#include <vector>

#include "actors/backlog_counts.h"
#include "actors/messages.h"
#include "actors/port/journal.h"

namespace xueji {

struct WriterStats {
  std::atomic<int64_t> commits{0};
  std::atomic<int64_t> transitions{0};
  std::atomic<int64_t> largest_batch{0};
  // Commits by the number of transitions in them: batch_sizes[i] counts
  // those of at most kBatchSizeBounds[i] and more than the bound before;
  // the last slot those over every bound.
  static constexpr int64_t kBatchSizeBounds[] = {1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024};
  std::atomic<int64_t> batch_sizes[std::size(kBatchSizeBounds) + 1] = {};
  // Commits by how long the store took over them (the transaction's
  // statements and its flush to disk), in seconds, bounded alike; and their
  // sum in microseconds. Every requester of a batch waits this long, and a
  // transition that arrives while every committer is busy waits for one.
  static constexpr double kCommitSecondsBounds[] = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
                                                    0.1,   0.25,   0.5,   1,    2.5};
  std::atomic<int64_t> commit_seconds[std::size(kCommitSecondsBounds) + 1] = {};
  std::atomic<int64_t> commit_microseconds{0};
  // Moved by every transition once durable (actors/backlog_counts.h); may
  // be null.
  std::shared_ptr<BacklogCounts> backlog;
};

// Takes ownership of `journals`, one committer each (at least one; pass
// more only where journals[0]->commits_side_by_side()). `stats` may be
// null. A committer that fails (an exception out of its journal) answers
// its batch "outcome_unknown", the queued transitions "engine_unavailable",
// and stops the writer with the fault's reason.
writer_actor spawn_writer(caf::actor_system& system, std::vector<std::unique_ptr<Journal>> journals,
                          std::shared_ptr<WriterStats> stats);

}  // namespace xueji
