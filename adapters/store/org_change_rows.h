#pragma once
// The org changes a store keeps (Art. 12; migration 0023): written with the
// transition that records them (batch_rows.h: write_org_changes), read at
// a start to rebuild the tree in force from the org file, and marked
// finished once a merger's or closure's hand-over has run to its end.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "actors/port/transition.h"
#include "adapters/store/connection_pool.h"
#include "adapters/store/database.h"
#include "engine/org/org_tree.h"

namespace xueji::store {

struct StoredOrgChange {
  int64_t seq = 0;  // its place in the order changes were made
  OrgChangeRecord record;
  std::optional<Instant> finished_at;  // set at once for an opening or renaming
};

// Every change, in order (a start reads them on its own connection).
Result<std::vector<StoredOrgChange>> read_org_changes(Connection& connection);

// The tree of the org file `from_file` with every stored change applied in
// order: the tree a start puts in force. A change that no longer applies
// (an org file edited under the store) is "invalid_org" naming its seq.
Result<OrgTree> tree_with_changes(const OrgTree& from_file,
                                  const std::vector<StoredOrgChange>& changes);

// The org changes as the routes and a hand-over reach them, over the pool.
class OrgChangeStore {
 public:
  explicit OrgChangeStore(std::shared_ptr<ConnectionPool> pool) : pool_(std::move(pool)) {}

  // Every change, in order.
  Result<std::vector<StoredOrgChange>> changes();
  // The last change made to `school`, if any.
  Result<std::optional<StoredOrgChange>> last_change_of(const std::string& school);
  // Records that change `seq`'s hand-over ran to its end.
  Status finish(int64_t seq, Instant at);
  // The cases still live (a step waiting, a term running) that may name
  // `school`: those whose opening or a hand-over named it (a superset: each
  // case decides whether it does, engine/case/school_hand_over.h), by id.
  Result<std::vector<std::string>> live_cases_naming(const std::string& school);

 private:
  std::shared_ptr<ConnectionPool> pool_;
};

}  // namespace xueji::store
