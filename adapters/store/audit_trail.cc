#include "adapters/store/audit_trail.h"

#include <soci/soci.h>

#include "adapters/store/row_readers.h"

namespace xueji::store {

AuditTrail::AuditTrail(std::shared_ptr<ConnectionPool> pool) : pool_(std::move(pool)) {}

Result<std::vector<AuditEntry>> AuditTrail::load_audit() {
  return pool_->run<std::vector<AuditEntry>>("read the audit trail", [&](Connection& connection) {
    soci::session& sql = connection.sql();
    std::vector<AuditEntry> out;
    soci::rowset<soci::row> rows = (sql.prepare << std::string("SELECT ") + kAuditColumns +
                                                       " FROM audit_entries ORDER BY seq");
    for (const auto& r : rows) {
      out.push_back(audit_entry_from(r));
    }
    return out;
  });
}

Result<AuditHead> AuditTrail::audit_head() {
  return pool_->run<AuditHead>("read the audit trail's head", [&](Connection& connection) {
    soci::session& sql = connection.sql();
    AuditHead head;
    long long seq = 0;
    sql << "SELECT seq, hash FROM audit_head WHERE id = 1", soci::into(seq), soci::into(head.hash);
    if (!sql.got_data()) throw std::runtime_error("the audit trail has no head row");
    head.seq = seq;
    return head;
  });
}

}  // namespace xueji::store
