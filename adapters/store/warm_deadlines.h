#pragma once
// A hot standby's warm copy of the cases' deadline index (issue 18;
// docs/reliability.md, "A hot standby"). While it stands by, the standby
// reads the index whole once, then at each refresh only the case rows
// written since: every batch marks the rows it writes with its transaction
// (cases.written_xid, migration 0022), and a refresh reads the rows of
// every transaction not finished when the previous read began. At
// takeover one last refresh brings the copy to what is stored, so the
// takeover reads seconds of changes, not the whole index. PostgreSQL only.
//
// Sound only while every holder of the lease marks its rows; a server
// from before migration 0022 does not. The lease row says whether the
// epoch's holder marks (LeaseRow::marked). The copy is dropped, and the
// index read whole at takeover as a first start does, when an unmarked
// epoch held the lease, or an epoch came and went between two refreshes.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "adapters/store/deadline_copy.h"
#include "adapters/store/sql_journal.h"

namespace xueji::store {

class WarmDeadlines {
 public:
  // Its own connection to `url`, which must be PostgreSQL.
  static Result<std::unique_ptr<WarmDeadlines>> open(const std::string& url);

  // Reads what was written since the last refresh: the whole index the
  // first time, or after the copy was dropped. An error (the database
  // away) keeps the copy as it was, to be caught up by the next refresh.
  Status refresh();

  // Once this server has taken the lease at `epoch`: the index as stored,
  // soonest first, from the copy and a last refresh; none when the copy
  // cannot be trusted (then the caller reads it whole). Ends the copy.
  std::optional<std::vector<PendingWake>> take_over(int64_t epoch);

  // Whether a copy is held; its entries read whole, and changes since.
  bool warm() const { return since_.has_value(); }
  size_t base_size() const { return copy_.base_size(); }
  size_t changes() const { return copy_.changes(); }

 private:
  explicit WarmDeadlines(std::unique_ptr<SqlJournal> store) : store_(std::move(store)) {}
  void drop() { since_.reset(); }

  // Its whole read is the journal's (wakes), as a start's is; the lease
  // and the changes are read on the journal's connection.
  std::unique_ptr<SqlJournal> store_;
  DeadlineCopy copy_;
  // The oldest transaction not finished when the last read began (an
  // xid8, as text): rows it or a later one wrote are read again.
  std::optional<std::string> since_;
  int64_t epoch_ = 0;  // the lease's epoch at the last refresh
};

}  // namespace xueji::store
