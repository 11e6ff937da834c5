// `xueji audit verify --db URL [--archives DIR]`: walks the audit trail's
// hash chain (Art. 24; 操作全程留痕) and names the first entry altered,
// removed or reordered. The entries left in the store chain from the last
// archived month (`xueji audit archive`); with --archives the month files
// are checked too (each file's SHA-256 as recorded, each chained from the
// one before, back to the genesis). Exit 0 when intact, 3 when not. An
// archive that commits while it runs moves the anchor under it: it walks
// again from the new one rather than call the archived entries removed.

#include <filesystem>
#include <iostream>
#include <limits>
#include <optional>
#include <string>

#include "adapters/cli/audit_archive_file.h"
#include "adapters/cli/command_line.h"
#include "adapters/store/audit_archive.h"
#include "adapters/store/audit_trail.h"

namespace xueji::cli {
namespace {

// Checks each archived month's file; prints the first fault. Answers the
// number of entries the files hold, or nullopt when one is broken.
std::optional<int64_t> verify_archives(const std::vector<store::ArchivedMonth>& months,
                                       const std::string& dir) {
  ChainAnchor anchor = genesis_anchor();
  int64_t total = 0;
  for (const auto& month : months) {
    const std::string path = (std::filesystem::path(dir) / month.file).string();
    const std::string name = "audit archive " + month.month + " (" + path + ")";
    ChainWalk walk(anchor);
    auto sha256 = read_audit_archive(path, [&](const AuditEntry& e) { walk.step(e); });
    if (!sha256) {
      std::cout << name << " broken: " << sha256.error().message << "\n";
      return std::nullopt;
    }
    if (*sha256 != month.file_sha256) {
      std::cout << name << " broken: its SHA-256 is not the one recorded when it was archived\n";
      return std::nullopt;
    }
    if (walk.broken()) {
      std::cout << name << " broken at entry " << walk.broken()->seq << ": "
                << walk.broken()->reason << "\n";
      return std::nullopt;
    }
    if (walk.verified() == 0 || walk.last().seq != month.last_seq ||
        walk.last().hash != month.last_hash) {
      std::cout << name << " broken: it does not end at entry " << month.last_seq
                << " as recorded\n";
      return std::nullopt;
    }
    anchor = walk.last();
    total += walk.verified();
  }
  return total;
}

// What one walk of the store found: the first fault, if any, else what it
// verified.
struct StoreWalk {
  std::optional<std::string> fault;  // "audit trail broken at entry N: ..."
  int64_t verified = 0;
  std::string head_hash;
};

// Walks the store's entries from `anchor`, a page at a time, to their
// end; then reads the head, and whatever the server appended meanwhile up
// to it. The head is read after the walk, so an entry past it cannot be
// one appended since: it was added without the head that every append
// moves.
StoreWalk walk_store(store::AuditTrail& trail, const ChainAnchor& anchor) {
  ChainWalk walk(anchor);
  auto step = [&](const AuditEntry& e) { return walk.step(e); };
  auto walked =
      trail.each_entry(anchor.seq, std::numeric_limits<int64_t>::max(), store::kAuditPage, step);
  if (!walked) throw UsageError(walked.error().message);
  auto head = trail.audit_head();
  if (!head) throw UsageError(head.error().message);
  if (!walk.broken() && walk.last().seq < head->seq) {
    walked = trail.each_entry(walk.last().seq, head->seq, store::kAuditPage, step);
    if (!walked) throw UsageError(walked.error().message);
  }
  StoreWalk out{std::nullopt, walk.verified(), head->hash};
  const std::string at = "audit trail broken at entry ";
  if (const auto& broken = walk.broken()) {
    out.fault = at + std::to_string(broken->seq) + ": " + broken->reason;
    return out;
  }
  // The chain alone cannot see entries cut off its end: the head row,
  // moved in the same transaction as every append, can.
  const ChainAnchor& last = walk.last();
  if (last.seq > head->seq) {
    out.fault = at + std::to_string(head->seq + 1) + ": added: the trail runs to entry " +
                std::to_string(last.seq) + " but its head records entry " +
                std::to_string(head->seq);
  } else if (last.seq != head->seq || last.hash != head->hash) {
    out.fault = at + std::to_string(last.seq + 1) + ": removed: the trail ends at entry " +
                std::to_string(last.seq) + " but its head records entry " +
                std::to_string(head->seq);
  }
  return out;
}

// The most walks one verify takes when archives keep moving the months
// under it: archives come monthly, so a second walk is nearly always the
// last.
constexpr int kLooksAfterAnArchive = 3;

int verify(const std::string& url, const std::string& archive_dir) {
  auto pool = store::ConnectionPool::open(url, 1);
  if (!pool) throw UsageError(pool.error().message);
  store::AuditTrail trail(*pool);
  store::AuditArchive archive(*pool);
  for (int look = 1;; ++look) {
    auto months = archive.months();
    if (!months) throw UsageError(months.error().message);
    std::optional<int64_t> archived;
    if (!archive_dir.empty()) {
      archived = verify_archives(*months, archive_dir);
      if (!archived) return 3;
    }
    const ChainAnchor anchor = store::AuditArchive::anchor(*months);
    const StoreWalk found = walk_store(trail, anchor);
    if (found.fault) {
      // An `audit archive` that committed after the months were read
      // deleted the entries this walk was to start from: the chain then
      // seems broken right after the old anchor (or cut short when it
      // took every entry). Not a fault of the trail: walked again from
      // the new anchor, a real fault is still found, since the archive
      // only moves a month whose chain verifies.
      auto now = archive.months();
      if (!now) throw UsageError(now.error().message);
      if (store::AuditArchive::anchor(*now).seq != anchor.seq && look < kLooksAfterAnArchive) {
        continue;
      }
      std::cout << *found.fault << "\n";
      return 3;
    }
    std::cout << "audit trail intact: " << found.verified << " entries";
    if (!months->empty()) {
      std::cout << " after " << months->size() << " archived months (through "
                << months->back().month << ", entry " << anchor.seq << ")";
      if (archived)
        std::cout << ", whose " << *archived << " entries verify from the genesis";
      else
        std::cout << " (files not checked: --archives DIR)";
    }
    std::cout << ", head " << found.head_hash << "\n";
    return 0;
  }
}

}  // namespace

void add_audit_commands(CLI::App& app) {
  auto* audit = app.add_subcommand("audit", "the audit trail");
  audit->require_subcommand(1);
  auto* verify_cmd = audit->add_subcommand("verify", "check the audit trail's hash chain");
  auto db = std::make_shared<std::string>();
  auto archives = std::make_shared<std::string>();
  verify_cmd->add_option("--db", *db, "postgresql://user:pass@host/db or sqlite:path")->required();
  verify_cmd->add_option("--archives", *archives,
                         "also check the archived months' files in this directory");
  verify_cmd->callback([db, archives] {
    const int code = verify(*db, *archives);
    if (code != 0) throw ExitStatus{code};
  });
  add_audit_archive_command(*audit);
}

}  // namespace xueji::cli
