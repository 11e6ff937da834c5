#pragma once
// The audit trail as `xueji audit verify` and `xueji export` read it: the
// whole chain in order, and its head. Entries are appended through the
// journal, in the same transaction as what they record.
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

class AuditTrail {
 public:
  explicit AuditTrail(std::shared_ptr<ConnectionPool> pool);

  Result<std::vector<AuditEntry>> load_audit();
  Result<AuditHead> audit_head();

 private:
  std::shared_ptr<ConnectionPool> pool_;
};

}  // namespace xueji::store
