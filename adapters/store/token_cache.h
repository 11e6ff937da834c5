#pragma once
// The bearer tokens a server has looked up, by the SHA-256 of the token,
// so that a request's token is read from the store once, not on every
// request (issue 17: the lookup was a round trip per request, the first
// of each). A token's row changes once after its issue, when it is
// revoked, and only through the server that owns the database (one per
// database, the lease of issue 18): the revocation, once committed, makes
// the cache forget every token (CredentialStore::forget_tokens). An
// expiry is checked against each request's time by the caller, as before.
// A hash the store does not know is not kept: guessed tokens fill nothing.
// A kept record is read again after `max_age`, which bounds how long any
// change the cache was not told of (a revocation whose commit went
// unanswered, then landed) goes unseen.

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "engine/account/token_record.h"

namespace xueji::store {

class TokenCache {
 public:
  using Clock = std::chrono::steady_clock;
  // At most `capacity` tokens; a full cache starts again empty.
  explicit TokenCache(size_t capacity = 100'000, Clock::duration max_age = std::chrono::seconds(60))
      : capacity_(capacity), max_age_(max_age) {}

  // The record kept for `hash`, if any; `generation` is set to hand to
  // `keep` after a lookup in the store.
  std::optional<TokenRecord> find(const std::string& hash, uint64_t& generation) const;
  // Keeps `record` for `hash`, unless `forget` ran since `generation` was
  // read: a lookup that read the row before a revocation committed must
  // not keep what it read.
  void keep(const std::string& hash, TokenRecord record, uint64_t generation);
  // Forgets every token.
  void forget();

 private:
  struct Kept {
    TokenRecord record;
    Clock::time_point at;
  };
  const size_t capacity_;
  const Clock::duration max_age_;
  mutable std::mutex mutex_;
  uint64_t generation_ = 0;
  std::unordered_map<std::string, Kept> records_;
};

}  // namespace xueji::store
