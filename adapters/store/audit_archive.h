#pragma once
// The months of the audit trail moved out of the store into files
// (migrations/0018_audit_archives.sql): which months, where each file's
// entries end, and the move itself: the month's row recorded and its
// entries deleted in one transaction, after the file is safely written.
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "adapters/store/connection_pool.h"
#include "engine/audit/audit_chain.h"

namespace xueji::store {

// One archived month ("2026-09", Beijing time).
struct ArchivedMonth {
  std::string month;
  int64_t first_seq = 0;
  int64_t last_seq = 0;
  std::string last_hash;
  int64_t entries = 0;
  std::string file;  // the file's name, relative to the archive directory
  std::string file_sha256;
  Instant archived_at;
};

class AuditArchive {
 public:
  explicit AuditArchive(std::shared_ptr<ConnectionPool> pool);

  // Every archived month, oldest first.
  Result<std::vector<ArchivedMonth>> months();

  // Where the entries still in the store chain from: the last archived
  // entry, or the genesis when nothing is archived.
  static ChainAnchor anchor(const std::vector<ArchivedMonth>& months);

  // Records `month` and deletes its entries (first_seq..last_seq), in one
  // transaction; refuses when an entry below first_seq is still in the
  // store (months are archived in order, so the chain never has a hole).
  Status record(const ArchivedMonth& month);

 private:
  std::shared_ptr<ConnectionPool> pool_;
};

}  // namespace xueji::store
