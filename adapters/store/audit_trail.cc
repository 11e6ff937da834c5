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

Result<int64_t> AuditTrail::each_entry(int64_t after, int64_t through, size_t batch,
                                       const std::function<bool(const AuditEntry&)>& each) {
  if (batch == 0) return make_error("invalid_batch", "a trail is read at least an entry at a time");
  const std::string query = std::string("SELECT ") + kAuditColumns +
                            " FROM audit_entries WHERE seq > :after AND seq <= :through ORDER BY "
                            "seq LIMIT :batch";
  int64_t handed = 0;
  long long from = after;
  const long long to = through, size = static_cast<long long>(batch);
  while (from < to) {
    auto page =
        pool_->run<std::vector<AuditEntry>>("read the audit trail", [&](Connection& connection) {
          std::vector<AuditEntry> out;
          out.reserve(batch);
          soci::rowset<soci::row> rows =
              (connection.sql().prepare << query, soci::use(from), soci::use(to), soci::use(size));
          for (const auto& r : rows) out.push_back(audit_entry_from(r));
          return out;
        });
    if (!page) return page.error();
    for (const AuditEntry& e : *page) {
      ++handed;
      if (!each(e)) return handed;
    }
    if (page->size() < batch) break;
    from = page->back().seq;
  }
  return handed;
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
