#include "adapters/http/anonymous_rate_limit.h"

#include <algorithm>
#include <cmath>
#include <utility>

namespace xueji::http {
namespace {

// Addresses tracked at once; beyond, the full buckets (those that would
// admit as a new one does) are forgotten.
constexpr size_t kMaxBuckets = 100'000;

}  // namespace

AnonymousRateLimit::AnonymousRateLimit(double per_second, int burst, Now now)
    : per_second_(per_second), burst_(burst), now_(std::move(now)) {}

int AnonymousRateLimit::take(const std::string& address) {
  const auto now = now_();
  std::lock_guard<std::mutex> lock(mutex_);
  auto refill = [&](Bucket& b) {
    const double seconds = std::chrono::duration<double>(now - b.at).count();
    b.tokens = std::min(burst_, b.tokens + std::max(0.0, seconds) * per_second_);
    b.at = now;
  };
  if (buckets_.size() >= kMaxBuckets && buckets_.count(address) == 0) {
    for (auto it = buckets_.begin(); it != buckets_.end();) {
      refill(it->second);
      it = it->second.tokens >= burst_ ? buckets_.erase(it) : std::next(it);
    }
  }
  auto [it, fresh] = buckets_.try_emplace(address, Bucket{burst_, now});
  Bucket& bucket = it->second;
  if (!fresh) refill(bucket);
  if (bucket.tokens >= 1) {
    bucket.tokens -= 1;
    return 0;
  }
  return std::max(1, static_cast<int>(std::ceil((1 - bucket.tokens) / per_second_)));
}

void AnonymousRateLimit::refund(const std::string& address) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = buckets_.find(address);
  if (it != buckets_.end()) it->second.tokens = std::min(burst_, it->second.tokens + 1);
}

}  // namespace xueji::http
