#pragma once
// Accounts and bearer tokens as the HTTP adapter reads them to sign a
// caller in and check what it may do. Reads only, on the shared pool;
// accounts and tokens are created and changed through the journal
// (actors/port/transition.h, RecordWrites).
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "actors/port/journal.h"
#include "adapters/store/connection_pool.h"
#include "adapters/store/token_cache.h"
#include "engine/account/token_record.h"

namespace xueji::store {

class CredentialStore {
 public:
  explicit CredentialStore(std::shared_ptr<ConnectionPool> pool);

  Result<std::optional<StoredAccount>> find_account(const std::string& name);
  // The accounts of the given orgs (an administrator lists its subtree's),
  // by name.
  Result<std::vector<StoredAccount>> accounts_of(const std::vector<std::string>& orgs);
  // By the SHA-256 of the bearer token (kept once read, token_cache.h),
  // or by its public id (always from the store).
  Result<std::optional<TokenRecord>> find_token(const std::string& token_hash);
  Result<std::optional<TokenRecord>> find_token_by_id(const std::string& id);
  // The record find_token would answer without reading the store, if any.
  std::optional<TokenRecord> kept_token(const std::string& token_hash) const {
    uint64_t generation = 0;
    return tokens_->find(token_hash, generation);
  }
  // Called once a token's revocation has committed: find_token reads
  // every token from the store again.
  void forget_tokens() { tokens_->forget(); }

 private:
  std::shared_ptr<ConnectionPool> pool_;
  std::shared_ptr<TokenCache> tokens_ = std::make_shared<TokenCache>();
};

}  // namespace xueji::store
