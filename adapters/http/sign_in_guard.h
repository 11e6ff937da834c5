#pragma once
// Repeated wrong passwords (Art. 24: accounts kept secure; requirements,
// "Accounts and security"). Failures are counted per (account name, client
// address): after `failures` within the window that pair is refused for the
// block's length, the right password included, so guessing stops there.
// Keyed by the pair, a stranger elsewhere cannot lock a registrar out from
// everywhere: the registrar's own address keeps its own count. A name that
// is no account is counted as any other, so the throttle tells nobody which
// names exist. A success clears the pair.
//
// The counts live in this process's memory: a restart forgets them (and
// the blocks). Times are the engine's clock (the request's `ctx.at`), so a
// simulated clock moves them as it moves deadlines.

#include <deque>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "engine/core/instant.h"

namespace xueji::http {

struct SignInBlock {
  std::string account;  // the name as the attempts gave it
  std::string address;  // the client address they came from
  int failures = 0;     // wrong passwords that started the block
  Instant since;
  Instant until;  // refused before this instant
};

class SignInGuard {
 public:
  SignInGuard(int failures, int window_seconds, int block_seconds);

  // The block on (account, address) in force at `at`, if any.
  std::optional<SignInBlock> block(const std::string& account, const std::string& address,
                                   Instant at);
  // A wrong password (or a name that is no account) at `at`; the block it
  // starts when it is the window's N-th.
  std::optional<SignInBlock> failed(const std::string& account, const std::string& address,
                                    Instant at);
  // The right password: the pair starts afresh.
  void succeeded(const std::string& account, const std::string& address);

  // Every block in force at `at`, by account then address.
  std::vector<SignInBlock> blocks(Instant at);
  // Forgets the account's blocks and counts, at `address` only when given;
  // the blocks that were in force at `at`.
  std::vector<SignInBlock> clear(const std::string& account, const std::string& address,
                                 Instant at);

 private:
  struct Pair {
    std::deque<Instant> failures;  // within the window, oldest first
    std::optional<SignInBlock> block;
  };
  using Key = std::pair<std::string, std::string>;

  // Drops what no longer counts: failures older than the window, ended
  // blocks, then pairs left empty.
  void forget_old(Pair& pair, Instant at) const;
  // Keeps the table bounded (kMaxPairs) against names made up by the
  // thousand: old entries go first, blocks last.
  void prune(Instant at);

  const int failures_;
  const int window_seconds_;
  const int block_seconds_;
  std::mutex mutex_;
  std::map<Key, Pair> pairs_;
};

}  // namespace xueji::http
