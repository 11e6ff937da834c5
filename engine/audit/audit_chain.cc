#include "engine/audit/audit_chain.h"

#include "engine/core/sha256.h"

namespace xueji {

AuditEntry audit_entry(Instant at, std::string account, std::string org, std::string action,
                       std::string target, std::string outcome, std::string detail) {
  AuditEntry e;
  e.at = at;
  e.account = std::move(account);
  e.org = std::move(org);
  e.action = std::move(action);
  e.target = std::move(target);
  e.outcome = std::move(outcome);
  e.detail = std::move(detail);
  return e;
}

const std::string& audit_genesis_hash() {
  static const std::string zeros(64, '0');
  return zeros;
}

std::string audit_hash(const AuditEntry& e) {
  std::string content;
  auto field = [&](const std::string& value) {
    content += std::to_string(value.size());
    content += ':';
    content += value;
  };
  field(e.prev_hash);
  field(std::to_string(e.seq));
  field(std::to_string(e.at.unix_seconds()));
  field(e.account);
  field(e.org);
  field(e.action);
  field(e.target);
  field(e.outcome);
  field(e.detail);
  return sha256_hex(content);
}

AuditEntry chain_entry(AuditEntry entry, const AuditEntry* previous) {
  entry.seq = previous == nullptr ? 1 : previous->seq + 1;
  entry.prev_hash = previous == nullptr ? audit_genesis_hash() : previous->hash;
  entry.hash = audit_hash(entry);
  return entry;
}

std::vector<AuditEntry> chain_after(const AuditEntry& head,
                                    const std::vector<AuditEntry>& entries) {
  std::vector<AuditEntry> chained;
  chained.reserve(entries.size());
  for (const auto& entry : entries) {
    const AuditEntry* previous = !chained.empty() ? &chained.back()
                                 : head.seq == 0  ? nullptr
                                                  : &head;
    chained.push_back(chain_entry(entry, previous));
  }
  return chained;
}

ChainAnchor genesis_anchor() { return ChainAnchor{0, audit_genesis_hash()}; }

std::optional<ChainBreak> verify_chain(const std::vector<AuditEntry>& entries) {
  return verify_chain(entries, genesis_anchor());
}

ChainWalk::ChainWalk(ChainAnchor from) : last_(std::move(from)) {}

bool ChainWalk::step(const AuditEntry& e) {
  if (broken_) return false;
  // Content first: an entry whose own hash is wrong was altered in place.
  if (audit_hash(e) != e.hash) {
    broken_ = ChainBreak{e.seq, "altered: its hash does not match its content"};
    return false;
  }
  const int64_t expected_seq = last_.seq + 1;
  if (e.seq != expected_seq || e.prev_hash != last_.hash) {
    broken_ = ChainBreak{expected_seq, "removed or reordered: entry " + std::to_string(e.seq) +
                                           " stands where entry " + std::to_string(expected_seq) +
                                           " should"};
    return false;
  }
  last_ = ChainAnchor{e.seq, e.hash};
  ++verified_;
  return true;
}

std::optional<ChainBreak> verify_chain(const std::vector<AuditEntry>& entries,
                                       const ChainAnchor& from) {
  ChainWalk walk(from);
  for (const AuditEntry& e : entries)
    if (!walk.step(e)) break;
  return walk.broken();
}

}  // namespace xueji
