#include "adapters/http/authentication.h"

#include <optional>

#include "adapters/store/credentials.h"
#include "engine/account/jurisdiction.h"

namespace xueji::http {
namespace {

// The token of the request's `Authorization: Bearer` header, if it has one.
std::optional<std::string> bearer_token(const Request& r) {
  auto header = r.headers.find("authorization");
  const std::string scheme = "Bearer ";
  if (header == r.headers.end() || header->second.rfind(scheme, 0) != 0) return std::nullopt;
  return header->second.substr(scheme.size());
}

}  // namespace

Result<Account> authenticate(const Request& r, Context& ctx, store::CredentialStore& credentials,
                             Runtime& engine) {
  const std::optional<std::string> token = bearer_token(r);
  if (!token) {
    return make_error("unauthenticated",
                      "no bearer token: sign in with POST /v1/sessions and send "
                      "'Authorization: Bearer <token>'");
  }
  std::optional<TokenRecord> record;
  {
    auto found = credentials.find_token(store::token_hash(*token));
    if (!found) return found.error();
    record = std::move(*found);
  }
  if (!record) return make_error("invalid_token", "the bearer token is not one Xueji issued");
  ctx.claimed = record->account;
  if (record->revoked_at) {
    return make_error("invalid_token",
                      "token " + record->id + " was revoked on " + record->revoked_at->to_string());
  }
  if (record->expires_at && ctx.at >= *record->expires_at) {
    return make_error("token_expired", "token " + record->id + " expired at " +
                                           record->expires_at->to_string() + "; sign in again");
  }
  auto used = engine.use_account(record->account, ctx.at);
  if (!used.ok) {
    return used.error.code == "unknown_account"
               ? make_error("invalid_token", "token " + record->id + " names no account")
               : used.error;
  }
  // Art. 12: a token issued before its school merged or closed acts no more.
  if (Status acts = may_act_at_all(used.account, engine.data()->orgs); !acts) return acts.error();
  return used.account;
}

bool authenticates_from_memory(const Request& r, store::CredentialStore& credentials,
                               Runtime& engine, Instant at) {
  const std::optional<std::string> token = bearer_token(r);
  if (!token) return true;
  const auto record = credentials.kept_token(store::token_hash(*token));
  if (!record) return false;
  // Refused before the account is asked.
  if (record->revoked_at || (record->expires_at && at >= *record->expires_at)) return true;
  return engine.use_is_settled(record->account, at);
}

void challenge_if_unauthorized(Response& response) {
  if (response.status == 401) response.headers["WWW-Authenticate"] = "Bearer realm=\"xueji\"";
}

}  // namespace xueji::http
