#pragma once
// A bearer token's record. Only the SHA-256 of the token is ever kept, so
// a leaked table grants nothing; the id is the public handle to revoke by.

#include <optional>
#include <string>

#include "engine/core/instant.h"

namespace xueji {

struct TokenRecord {
  std::string id;  // public handle, to revoke by
  std::string account;
  std::string kind;  // "session" (from a login) or "system" (issued by an administrator)
  Instant issued_at;
  std::optional<Instant> expires_at;  // none: until revoked
  std::optional<Instant> revoked_at;
};

}  // namespace xueji
