#include "adapters/http/sign_in_guard.h"

namespace xueji::http {
namespace {

// Pairs tracked at once; beyond, pairs that only count failures are
// dropped before any block is.
constexpr size_t kMaxPairs = 100'000;

}  // namespace

SignInGuard::SignInGuard(int failures, int window_seconds, int block_seconds)
    : failures_(failures), window_seconds_(window_seconds), block_seconds_(block_seconds) {}

void SignInGuard::forget_old(Pair& pair, Instant at) const {
  while (!pair.failures.empty() && pair.failures.front().plus_seconds(window_seconds_) <= at) {
    pair.failures.pop_front();
  }
  if (pair.block && pair.block->until <= at) pair.block.reset();
}

std::optional<SignInBlock> SignInGuard::block(const std::string& account,
                                              const std::string& address, Instant at) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = pairs_.find({account, address});
  if (it == pairs_.end()) return std::nullopt;
  forget_old(it->second, at);
  std::optional<SignInBlock> found = it->second.block;
  if (!found && it->second.failures.empty()) pairs_.erase(it);
  return found;
}

std::optional<SignInBlock> SignInGuard::failed(const std::string& account,
                                               const std::string& address, Instant at) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (pairs_.size() >= kMaxPairs) prune(at);
  Pair& pair = pairs_[{account, address}];
  forget_old(pair, at);
  if (pair.block) return pair.block;
  pair.failures.push_back(at);
  if (static_cast<int>(pair.failures.size()) < failures_) return std::nullopt;
  pair.block = SignInBlock{account, address, static_cast<int>(pair.failures.size()), at,
                           at.plus_seconds(block_seconds_)};
  pair.failures.clear();
  return pair.block;
}

void SignInGuard::succeeded(const std::string& account, const std::string& address) {
  std::lock_guard<std::mutex> lock(mutex_);
  pairs_.erase({account, address});
}

std::vector<SignInBlock> SignInGuard::blocks(Instant at) {
  std::lock_guard<std::mutex> lock(mutex_);
  std::vector<SignInBlock> out;
  for (auto& [key, pair] : pairs_) {
    forget_old(pair, at);
    if (pair.block) out.push_back(*pair.block);
  }
  return out;
}

std::vector<SignInBlock> SignInGuard::clear(const std::string& account, const std::string& address,
                                            Instant at) {
  std::lock_guard<std::mutex> lock(mutex_);
  std::vector<SignInBlock> cleared;
  for (auto it = pairs_.lower_bound({account, ""});
       it != pairs_.end() && it->first.first == account;) {
    if (!address.empty() && it->first.second != address) {
      ++it;
      continue;
    }
    forget_old(it->second, at);
    if (it->second.block) cleared.push_back(*it->second.block);
    it = pairs_.erase(it);
  }
  return cleared;
}

void SignInGuard::prune(Instant at) {
  for (auto it = pairs_.begin(); it != pairs_.end();) {
    forget_old(it->second, at);
    it = (it->second.block || !it->second.failures.empty()) ? std::next(it) : pairs_.erase(it);
  }
  for (auto it = pairs_.begin(); it != pairs_.end() && pairs_.size() >= kMaxPairs;) {
    it = it->second.block ? std::next(it) : pairs_.erase(it);
  }
}

}  // namespace xueji::http
