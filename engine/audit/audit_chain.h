#pragma once
// The audit trail's hash chain (Art. 24, 26; 操作全程留痕): every operation,
// reads included, appends one entry carrying the SHA-256 of the entry before
// it and of its own content, so an entry altered, removed or reordered
// breaks the chain at a place verify_chain() names.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "engine/core/instant.h"

namespace xueji {

struct AuditEntry {
  int64_t seq = 0;  // 1, 2, 3, ... with no gap
  Instant at;
  std::string account;    // who acted
  std::string org;        // for which org
  std::string action;     // e.g. "case.decide", "case.read", "export"
  std::string target;     // the case, student or org acted on
  std::string outcome;    // "ok", or the refusal's code
  std::string detail;     // what else a reviewer needs (an export's reason and rows)
  std::string prev_hash;  // the previous entry's hash; 64 zeros for the first
  std::string hash;       // SHA-256 of prev_hash and this entry's content
};

// A new entry, before the trail numbers and chains it.
AuditEntry audit_entry(Instant at, std::string account, std::string org, std::string action,
                       std::string target, std::string outcome = "ok", std::string detail = "");

// The hash the genesis entry chains from.
const std::string& audit_genesis_hash();

// Fills seq, prev_hash and hash of `entry` so that it follows `previous`
// (nullptr for the first entry of the trail).
AuditEntry chain_entry(AuditEntry entry, const AuditEntry* previous);
// `entries` chained, in order, to follow `head`, the trail's last entry as
// its head row holds it: seq 0 is a trail with no entry yet, whose first
// entry chains from the genesis hash.
std::vector<AuditEntry> chain_after(const AuditEntry& head, const std::vector<AuditEntry>& entries);

// The hash an entry must carry: SHA-256 over prev_hash and every field, each
// length-prefixed so no two different entries serialise alike.
std::string audit_hash(const AuditEntry& entry);

struct ChainBreak {
  int64_t seq;         // the first entry found wrong (the position, when removed)
  std::string reason;  // "altered", "removed or reordered", ...
};

// Where a trail's entries start: the entry they follow. Seq 0 and the
// genesis hash for a whole trail; the last archived entry once older months
// are archived (`xueji audit archive`), so the entries left in the store
// still verify on their own.
struct ChainAnchor {
  int64_t seq = 0;
  std::string hash;
};
ChainAnchor genesis_anchor();

// Walks a chain an entry at a time, so that a trail of any length (a
// province's year of operations, an archived month) verifies in the memory
// of one entry. The first break is kept; entries after it are not checked,
// as the chain no longer vouches for them.
class ChainWalk {
 public:
  explicit ChainWalk(ChainAnchor from);

  // Checks `entry` as the next link; false once the chain is broken.
  bool step(const AuditEntry& entry);

  const std::optional<ChainBreak>& broken() const { return broken_; }
  // The last entry that verified (the anchor before any).
  const ChainAnchor& last() const { return last_; }
  // How many entries verified.
  int64_t verified() const { return verified_; }

 private:
  ChainAnchor last_;
  int64_t verified_ = 0;
  std::optional<ChainBreak> broken_;
};

// Walks the entries in the order given; nullopt when the chain is intact.
std::optional<ChainBreak> verify_chain(const std::vector<AuditEntry>& entries);
// The same for entries that must follow `from`.
std::optional<ChainBreak> verify_chain(const std::vector<AuditEntry>& entries,
                                       const ChainAnchor& from);

}  // namespace xueji
