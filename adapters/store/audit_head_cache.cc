#include "adapters/store/audit_head_cache.h"

namespace xueji::store {

std::optional<AuditHeadCache::Chained> AuditHeadCache::chain(
    const std::vector<AuditEntry>& entries) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (!head_ || entries.empty()) return std::nullopt;
  Chained out;
  out.from = *head_;
  out.entries.reserve(entries.size());
  const AuditEntry* previous = head_->seq == 0 ? nullptr : &*head_;
  for (const auto& entry : entries) {
    out.entries.push_back(chain_entry(entry, previous));
    previous = &out.entries.back();
  }
  head_ = out.entries.back();
  return out;
}

void AuditHeadCache::learned(const AuditEntry& last) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (!head_ || head_->seq < last.seq) head_ = last;
}

void AuditHeadCache::forget() {
  std::lock_guard<std::mutex> lock(mutex_);
  head_.reset();
}

}  // namespace xueji::store
