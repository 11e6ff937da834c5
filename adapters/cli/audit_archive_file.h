#pragma once
// An archived month of the audit trail on disk: one JSON object per line,
// every field of every entry with its hashes, so the file verifies on its
// own and, chained from the month before, back to the genesis. Written to a
// temporary name, flushed to disk and renamed, so a file under its final
// name is whole. Both ways an entry at a time: a month of a province's
// operations is millions of entries (Art. 24), more than a node holds twice.
#include <functional>
#include <memory>
#include <string>

#include "engine/audit/audit_chain.h"
#include "engine/core/result.h"
#include "engine/core/sha256.h"

namespace xueji::cli {

// Writes a month's file an entry at a time to `path`.partial; finish()
// flushes it to disk and renames it. A writer dropped unfinished removes
// its partial file: a crash or a broken chain leaves no file under a
// month's name.
class AuditArchiveWriter {
 public:
  static Result<std::unique_ptr<AuditArchiveWriter>> create(const std::string& path);
  ~AuditArchiveWriter();
  AuditArchiveWriter(const AuditArchiveWriter&) = delete;
  AuditArchiveWriter& operator=(const AuditArchiveWriter&) = delete;

  Status add(const AuditEntry& entry);
  // Data and name on disk; answers the file's SHA-256 (hex).
  Result<std::string> finish();

 private:
  AuditArchiveWriter(std::string path, int fd);
  Status write_buffer();

  std::string path_;
  int fd_;
  std::string buffer_;
  Sha256Stream digest_;
};

// Reads a file the writer wrote, handing each entry to `each` in the file's
// order; answers the SHA-256 of the file's bytes, all of them, so that a
// file changed on disk is named as such whatever its chain says. A line
// that is not an entry is an error naming the line.
Result<std::string> read_audit_archive(const std::string& path,
                                       const std::function<void(const AuditEntry&)>& each);

// "2026-09": the Beijing month an entry was made in.
std::string beijing_month(Instant at);

}  // namespace xueji::cli
