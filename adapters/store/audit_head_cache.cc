#include "adapters/store/audit_head_cache.h"

namespace xueji::store {

std::optional<AuditHeadCache::Chained> AuditHeadCache::chain(
    const std::vector<AuditEntry>& entries) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (!head_ || entries.empty()) return std::nullopt;
  Chained out{*head_, chain_after(*head_, entries)};
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
