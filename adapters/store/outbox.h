#pragma once
// The outbox: notices are written with the transition that causes them
// (the journal); the webhook dispatcher reads the ones not yet delivered
// and marks each delivered after its receiver's 2xx.
#include <memory>
#include <string>
#include <vector>

#include "adapters/store/connection_pool.h"
#include "engine/case/notice.h"

namespace xueji::store {

// The statement undelivered_notices runs for `orgs` orgs, bound in order
// as :o0, :o1, ...: served by migration 0031's index of undelivered
// notices.
std::string undelivered_notices_query(size_t orgs, size_t limit);
// The outbox's backlog, counted once at start (SqlJournal::count_backlog)
// from the same index.
extern const char* const kCountUndeliveredNotices;

class Outbox {
 public:
  explicit Outbox(std::shared_ptr<ConnectionPool> pool);

  // Notices addressed to `orgs` not yet delivered, oldest first.
  Result<std::vector<Notice>> undelivered_notices(const std::vector<std::string>& orgs,
                                                  size_t limit);
  // Marks the notice delivered at `at`; true when this marked it, false
  // when it was marked already (or is unknown), so whoever counts the
  // backlog counts each notice once.
  Result<bool> mark_delivered(const std::string& notice_id, Instant at);

 private:
  std::shared_ptr<ConnectionPool> pool_;
};

}  // namespace xueji::store
