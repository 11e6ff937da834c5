#pragma once
// The audit trail as `xueji audit verify` and `xueji audit archive` read
// it: the chain in order, a page at a time, and its head. Entries are
// appended through the journal, in the same transaction as what they record.
#include <functional>
#include <memory>
#include <vector>

#include "adapters/store/connection_pool.h"
#include "engine/audit/audit_chain.h"

namespace xueji::store {

// The trail's head: the last entry's number and hash.
struct AuditHead {
  int64_t seq = 0;
  std::string hash;
};

// The page the audit commands read the trail in: some 10 MB of entries.
constexpr size_t kAuditPage = 10000;

class AuditTrail {
 public:
  explicit AuditTrail(std::shared_ptr<ConnectionPool> pool);

  // The whole trail in order: for tests, whose trails are short.
  Result<std::vector<AuditEntry>> load_audit();
  Result<AuditHead> audit_head();

  // The entries numbered after `after` and up to `through`, in order,
  // `batch` at a time by the primary key: a page is read, the connection
  // given back, then `each` called on its entries, so that `each` may use
  // the store (the archive deletes the months it has written) and the
  // caller holds a page, not the trail (a province's year is tens of
  // millions of entries, Art. 24). Stops early when `each` answers false.
  // The number of entries handed to `each`.
  Result<int64_t> each_entry(int64_t after, int64_t through, size_t batch,
                             const std::function<bool(const AuditEntry&)>& each);

 private:
  std::shared_ptr<ConnectionPool> pool_;
};

}  // namespace xueji::store
