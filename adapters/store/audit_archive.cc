#include "adapters/store/audit_archive.h"

#include <soci/soci.h>

#include <stdexcept>

namespace xueji::store {

AuditArchive::AuditArchive(std::shared_ptr<ConnectionPool> pool) : pool_(std::move(pool)) {}

Result<std::vector<ArchivedMonth>> AuditArchive::months() {
  return pool_->run<std::vector<ArchivedMonth>>(
      "read the audit archives", [&](Connection& connection) {
        std::vector<ArchivedMonth> out;
        // A store not yet migrated to 0018 has archived nothing; reading it
        // (`audit verify` never migrates) must not fail for that.
        int tables = 0;
        if (pool_->backend() == DatabaseUrl::Backend::sqlite)
          connection.sql() << "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name "
                              "= 'audit_archives'",
              soci::into(tables);
        else
          connection.sql() << "SELECT COUNT(*) FROM information_schema.tables WHERE table_name "
                              "= 'audit_archives' AND table_schema = current_schema()",
              soci::into(tables);
        if (tables == 0) return out;
        soci::rowset<soci::row> rows =
            (connection.sql().prepare
             << "SELECT month, first_seq, last_seq, last_hash, entries, file, file_sha256, "
                "archived_at FROM audit_archives ORDER BY first_seq");
        for (const auto& r : rows) {
          ArchivedMonth m;
          m.month = r.get<std::string>(0);
          m.first_seq = r.get<long long>(1);
          m.last_seq = r.get<long long>(2);
          m.last_hash = r.get<std::string>(3);
          m.entries = r.get<long long>(4);
          m.file = r.get<std::string>(5);
          m.file_sha256 = r.get<std::string>(6);
          m.archived_at = Instant::from_unix_seconds(r.get<long long>(7));
          out.push_back(std::move(m));
        }
        return out;
      });
}

ChainAnchor AuditArchive::anchor(const std::vector<ArchivedMonth>& months) {
  if (months.empty()) return genesis_anchor();
  return ChainAnchor{months.back().last_seq, months.back().last_hash};
}

Status AuditArchive::record(const ArchivedMonth& month) {
  return pool_->run_status("archive the audit month " + month.month, [&](Connection& connection) {
    soci::session& sql = connection.sql();
    soci::transaction tr(sql);
    long long oldest = 0;
    soci::indicator none = soci::i_ok;
    sql << "SELECT MIN(seq) FROM audit_entries", soci::into(oldest, none);
    if (none == soci::i_ok && oldest < month.first_seq)
      throw std::runtime_error("entry " + std::to_string(oldest) +
                               " is older than the month and not archived");
    const long long first = month.first_seq, last = month.last_seq, entries = month.entries,
                    at = month.archived_at.unix_seconds();
    sql << "INSERT INTO audit_archives (month, first_seq, last_seq, last_hash, entries, file, "
           "file_sha256, archived_at) VALUES (:m, :f, :l, :h, :n, :file, :sha, :at)",
        soci::use(month.month), soci::use(first), soci::use(last), soci::use(month.last_hash),
        soci::use(entries), soci::use(month.file), soci::use(month.file_sha256), soci::use(at);
    sql << "DELETE FROM audit_entries WHERE seq >= :f AND seq <= :l", soci::use(first),
        soci::use(last);
    tr.commit();
  });
}

}  // namespace xueji::store
