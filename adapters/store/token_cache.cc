#include "adapters/store/token_cache.h"

namespace xueji::store {

std::optional<TokenRecord> TokenCache::find(const std::string& hash, uint64_t& generation) const {
  std::lock_guard<std::mutex> lock(mutex_);
  generation = generation_;
  auto it = records_.find(hash);
  if (it == records_.end() || Clock::now() - it->second.at > max_age_) return std::nullopt;
  return it->second.record;
}

void TokenCache::keep(const std::string& hash, TokenRecord record, uint64_t generation) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (generation != generation_) return;
  if (records_.size() >= capacity_) records_.clear();
  records_.insert_or_assign(hash, Kept{std::move(record), Clock::now()});
}

void TokenCache::forget() {
  std::lock_guard<std::mutex> lock(mutex_);
  ++generation_;
  records_.clear();
}

}  // namespace xueji::store
