#pragma once
// The audit trail's head as this process's writers last left it, shared by
// the journals of one factory (issue 17). With it, a batch that only adds
// audit entries (every read over HTTP has one) chains them from memory and
// writes them, moving the head, in one statement of its own: the head's
// row moves only if it still holds what this process left there. Without
// it such a batch took four round trips (BEGIN, the head's locking read,
// the entries, COMMIT), each a sleep and a wake of the committer's thread.
//
// The cache is a guess, never an authority: a head moved by anyone else
// (another process, a batch that rolled back after this one chained from
// it) fails the statement's condition, nothing is written, and the batch
// takes the locking path, which reads the head from the store.

#include <mutex>
#include <optional>
#include <vector>

#include "engine/audit/audit_chain.h"

namespace xueji::store {

class AuditHeadCache {
 public:
  struct Chained {
    AuditEntry from;                  // the head the entries chain from
    std::vector<AuditEntry> entries;  // chained, in order
  };
  // `entries` chained from the head as last left, and the head moved on to
  // the last of them, so that a batch chained next follows this one;
  // nothing while the head is unknown.
  std::optional<Chained> chain(const std::vector<AuditEntry>& entries);
  // `last` was written as the head under the head's lock, its batch
  // committed: later batches chain from it, unless one already chained
  // past it.
  void learned(const AuditEntry& last);
  // The head is unknown until a batch learns it again: a statement that
  // chained from memory failed, or found the head moved.
  void forget();

 private:
  std::mutex mutex_;
  std::optional<AuditEntry> head_;
};

}  // namespace xueji::store
