#pragma once
// An archived month of the audit trail on disk: one JSON object per line,
// every field of every entry with its hashes, so the file verifies on its
// own and, chained from the month before, back to the genesis. Written to a
// temporary name, flushed to disk and renamed, so a file under its final
// name is whole.
#include <string>
#include <vector>

#include "engine/audit/audit_chain.h"
#include "engine/core/result.h"

namespace xueji::cli {

// Writes `entries` to `path`; answers the file's SHA-256 (hex).
Result<std::string> write_audit_archive(const std::string& path,
                                        const std::vector<AuditEntry>& entries);

struct AuditArchiveFile {
  std::vector<AuditEntry> entries;
  std::string sha256;  // of the file's bytes
};

// Reads a file write_audit_archive() wrote; a line that is not an entry is
// an error naming the line.
Result<AuditArchiveFile> read_audit_archive(const std::string& path);

// "2026-09": the Beijing month an entry was made in.
std::string beijing_month(Instant at);

}  // namespace xueji::cli
