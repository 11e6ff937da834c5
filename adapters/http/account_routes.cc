#include "adapters/http/account_routes.h"

#include <nlohmann/json.hpp>

#include "adapters/http/account_json.h"
#include "adapters/http/json_body.h"
#include "adapters/http/problem.h"
#include "adapters/store/credentials.h"
#include "engine/account/account_roster.h"
#include "engine/account/capability.h"
#include "engine/account/jurisdiction.h"

namespace xueji::http {
namespace {

using nlohmann::json;

// The stored account `name`; "unknown_account" when there is none.
Result<StoredAccount> stored_account(Services& s, const std::string& name) {
  auto found = s.stores.credentials.find_account(name);
  if (!found) return found.error();
  if (!*found) return make_error("unknown_account", "no account '" + name + "'");
  return std::move(**found);
}

// The optional "capabilities" of a new account (engine/account/capability.h):
// absent, everything its role allows; else an array of the vocabulary's
// words, `open:<kind>` naming a kind of the rules.
Result<std::optional<std::vector<std::string>>> capabilities_field(Services& s, const json& body) {
  if (!body.contains("capabilities")) return std::optional<std::vector<std::string>>();
  const json& list = body["capabilities"];
  if (!list.is_array()) {
    return make_error("invalid_field", "field 'capabilities' must be an array of strings");
  }
  std::string text;
  for (const json& word : list) {
    if (!word.is_string()) {
      return make_error("invalid_field", "field 'capabilities' must be an array of strings");
    }
    const std::string w = word.get<std::string>();
    if (w.empty() || w.find_first_of(", \t\r\n") != std::string::npos) {
      return make_error("invalid_field",
                        "capability '" + w + "' is not one of " + capability_vocabulary());
    }
    text += w + " ";
  }
  auto parsed = parse_capabilities(text, s.engine.data()->rules.kinds());
  if (!parsed) return parsed.error();
  return std::optional<std::vector<std::string>>(std::move(*parsed));
}

}  // namespace

// Name and password in, a session token out. A wrong name and a wrong
// password get the same answer, so the API tells nobody which names exist.
Response sign_in(Services& s, const Request& r, Context& ctx) {
  auto body = parse_object(r);
  if (!body) return from_error(body.error());
  auto name = string_field(*body, "name");
  auto password = string_field(*body, "password");
  for (const auto* f : {&name, &password}) {
    if (!*f) return from_error(f->error());
  }
  ctx.claimed = *name;
  ctx.target = "account:" + *name;
  // Too many wrong passwords from this address: refused before the
  // password is looked at, the right one too (sign_in_guard.h).
  SignInGuard& guard = s.throttle->sign_ins;
  if (auto block = guard.block(*name, ctx.client, ctx.at)) return too_many_attempts(*block, ctx.at);
  auto stored = stored_account(s, *name);
  if (!stored && stored.error().code != "unknown_account") return from_error(stored.error());
  const Error bad = make_error("bad_credentials", "wrong account name or password");
  if (!stored || stored->account.kind != AccountKind::person ||
      !verify_password(stored->account.password_hash, *password)) {
    guard.failed(*name, ctx.client, ctx.at);
    return from_error(bad);
  }
  guard.succeeded(*name, ctx.client);
  const Account& account = stored->account;
  // Sealed before expired: changing the password of a sealed account could
  // not help, and the person should be sent to whoever unseals it (Art. 24).
  if (account.sealed()) return from_error(sealed_error(account));
  // One set of rules for the whole sign-in, held while a reload may put
  // another in force.
  const auto domain = s.engine.data();
  // Art. 12: the account of a school that merged or closed signs in no more.
  if (Status acts = may_act_at_all(account, domain->orgs); !acts) return from_error(acts.error());
  const PasswordPolicy& policy =
      domain->passwords.for_province(domain->orgs.province_of(account.org));
  if (password_expired(policy, account.password_changed, ctx.at.beijing_date())) {
    return problem(403, "password_expired",
                   "the password of '" + account.name + "' was last changed on " +
                       account.password_changed.to_string() + " and expired after " +
                       std::to_string(policy.rotation_days) +
                       " days; change it with POST /v1/accounts/" + account.name + "/password");
  }
  auto used = s.engine.use_account(account.name, ctx.at);
  if (!used.ok) return from_error(used.error);
  ctx.account = used.account;
  TokenRecord token;
  token.id = "T" + store::random_hex(8);
  token.account = account.name;
  token.kind = "session";
  token.issued_at = ctx.at;
  token.expires_at = ctx.at.plus_seconds(int64_t{s.accounts.session_minutes} * 60);
  const std::string secret = store::new_bearer_token();
  ctx.target = "token:" + token.id;
  {
    Status stored_token = s.commit_with_entry(ctx, [&](RecordWrites& w) {
      w.issued_tokens.push_back(IssuedToken{token, store::token_hash(secret)});
    });
    if (!stored_token) return from_error(stored_token.error());
  }
  ctx.recorded = true;
  // The password's date as the store has it: a change is written beside
  // the account's actor, whose state may be older (accounts_seen.h).
  Account shown = used.account;
  shown.password_changed = account.password_changed;
  return json_response(
      201, json{{"token", secret},
                {"token_id", token.id},
                {"expires_at", token.expires_at->to_string()},
                {"account", account_json(shown, used.seal_due, domain->passwords, domain->orgs)}});
}

Response create_account(Services& s, const Request& r, Context& ctx) {
  auto body = parse_object(r);
  if (!body) return from_error(body.error());
  auto name = string_field(*body, "name");
  auto org = string_field(*body, "org");
  auto role_text = string_field(*body, "role");
  auto kind_text = string_field(*body, "kind", false);
  auto password = string_field(*body, "password", false);
  for (const auto* f : {&name, &org, &role_text, &kind_text, &password}) {
    if (!*f) return from_error(f->error());
  }
  auto capabilities = capabilities_field(s, *body);
  if (!capabilities) return from_error(capabilities.error());
  ctx.target = "account:" + *name;
  if (Status ok = check_account_name(*name); !ok) return from_error(ok.error());
  auto role = parse_role(*role_text);
  if (!role) return from_error(role.error());
  auto kind = parse_account_kind(kind_text->empty() ? "person" : *kind_text);
  if (!kind) return from_error(kind.error());
  const auto domain = s.engine.data();
  const OrgTree& orgs = domain->orgs;
  const Org* at = orgs.find(*org);
  if (at == nullptr) return problem(404, "unknown_org", "unknown organisation '" + *org + "'");
  if (Status may = may_manage(*ctx.account, *org, orgs); !may) return from_error(may.error());
  if (Status open = check_org_takes_accounts(*at); !open) return from_error(open.error());
  {
    auto existing = s.stores.credentials.find_account(*name);
    if (!existing) return from_error(existing.error());
    if (*existing) return problem(409, "account_exists", "account '" + *name + "' exists");
  }
  Account account;
  account.name = *name;
  account.org = *org;
  account.role = *role;
  account.kind = *kind;
  account.capabilities = std::move(*capabilities);
  account.password_changed = ctx.at.beijing_date();
  account.last_used = ctx.at.beijing_date();
  if (*kind == AccountKind::system) {
    if (*role != Role::registrar) {
      return problem(422, "invalid_field", "a system account is a registrar, not an administrator");
    }
    if (!password->empty()) {
      return problem(422, "invalid_field",
                     "a system account has no password: issue it a token with POST "
                     "/v1/accounts/" +
                         *name + "/tokens");
    }
  } else {
    if (password->empty()) return problem(400, "missing_field", "missing field 'password'");
    const PasswordPolicy& policy = domain->passwords.for_province(orgs.province_of(*org));
    if (Status ok = check_password(policy, *password, *name); !ok) return from_error(ok.error());
    auto hashed = hash_password(*password, store::random_bytes(16), s.accounts.argon2);
    if (!hashed) return from_error(hashed.error());
    account.password_hash = std::move(*hashed);
  }
  {
    Status created = s.commit_with_entry(ctx, [&](RecordWrites& w) {
      w.new_accounts.push_back(NewAccount{account, ctx.at});
    });
    if (!created) return from_error(created.error());
  }
  ctx.recorded = true;
  s.engine.arm_account(account.name, seal_due(account.last_used));
  return json_response(201,
                       account_json(account, seal_due(account.last_used), domain->passwords, orgs));
}

Response get_account(Services& s, const Request&, Context& ctx) {
  const std::string& name = ctx.args[0];
  auto stored = stored_account(s, name);
  if (!stored) return from_error(stored.error());
  const auto domain = s.engine.data();
  if (name != ctx.account->name) {
    // Its own account anyone reads; another's asks `read` (issue 18).
    if (Status may = may_use(*ctx.account, "read"); !may) return from_error(may.error());
    if (Status may = may_manage(*ctx.account, stored->account.org, domain->orgs); !may) {
      return from_error(may.error());
    }
  }
  return json_response(
      200, account_json(stored->account, stored->seal_due, domain->passwords, domain->orgs));
}

Response unseal(Services& s, const Request&, Context& ctx) {
  const std::string& name = ctx.args[0];
  auto stored = stored_account(s, name);
  if (!stored) return from_error(stored.error());
  const auto domain = s.engine.data();
  if (Status may = may_unseal(*ctx.account, stored->account, domain->orgs); !may) {
    return from_error(may.error());
  }
  auto reply = s.engine.unseal_account(name, ctx.entry());
  if (!reply.ok) return from_error(reply.error);
  ctx.recorded = true;
  return json_response(
      200, account_json(reply.account, reply.seal_due, domain->passwords, domain->orgs));
}

// Open without a token (an expired password cannot sign in): the old
// password is the proof. Counts as a use of the account, so a sealed one
// is refused.
Response change_password(Services& s, const Request& r, Context& ctx) {
  const std::string& name = ctx.args[0];
  ctx.claimed = name;
  auto body = parse_object(r);
  if (!body) return from_error(body.error());
  auto old_password = string_field(*body, "old_password");
  auto new_password = string_field(*body, "new_password");
  for (const auto* f : {&old_password, &new_password}) {
    if (!*f) return from_error(f->error());
  }
  // The old password is a password guessed like any other: the same
  // count as signing in (sign_in_guard.h).
  SignInGuard& guard = s.throttle->sign_ins;
  if (auto block = guard.block(name, ctx.client, ctx.at)) return too_many_attempts(*block, ctx.at);
  auto stored = stored_account(s, name);
  if (!stored && stored.error().code != "unknown_account") return from_error(stored.error());
  if (!stored || stored->account.kind != AccountKind::person ||
      !verify_password(stored->account.password_hash, *old_password)) {
    guard.failed(name, ctx.client, ctx.at);
    return problem(401, "bad_credentials", "wrong account name or password");
  }
  guard.succeeded(name, ctx.client);
  // One set of rules for the whole change, held while a reload may put
  // another in force.
  const auto domain = s.engine.data();
  const PasswordPolicy& policy =
      domain->passwords.for_province(domain->orgs.province_of(stored->account.org));
  if (Status ok = check_password(policy, *new_password, name); !ok) return from_error(ok.error());
  if (*new_password == *old_password) {
    return problem(422, "weak_password", "the new password must differ from the old one");
  }
  auto used = s.engine.use_account(name, ctx.at);
  if (!used.ok) return from_error(used.error);
  ctx.account = used.account;
  auto hashed = hash_password(*new_password, store::random_bytes(16), s.accounts.argon2);
  if (!hashed) return from_error(hashed.error());
  {
    Status changed = s.commit_with_entry(ctx, [&](RecordWrites& w) {
      w.password_changes.push_back(PasswordChange{name, *hashed, ctx.at.beijing_date()});
    });
    if (!changed) return from_error(changed.error());
  }
  ctx.recorded = true;
  Account after = used.account;
  after.password_changed = ctx.at.beijing_date();
  return json_response(200, account_json(after, used.seal_due, domain->passwords, domain->orgs));
}

// A long-lived token for a system account (another system's adapter),
// shown once; the store keeps only its hash.
Response issue_token(Services& s, const Request&, Context& ctx) {
  const std::string& name = ctx.args[0];
  auto stored = stored_account(s, name);
  if (!stored) return from_error(stored.error());
  if (Status may = may_manage(*ctx.account, stored->account.org, s.engine.data()->orgs); !may) {
    return from_error(may.error());
  }
  if (stored->account.kind != AccountKind::system) {
    return problem(422, "invalid_field",
                   "account '" + name + "' is a person's: it signs in with its password");
  }
  if (stored->account.sealed()) {
    return problem(403, "account_sealed",
                   "account '" + name + "' is sealed; unseal it before issuing it a token");
  }
  TokenRecord token;
  token.id = "T" + store::random_hex(8);
  token.account = name;
  token.kind = "system";
  token.issued_at = ctx.at;
  if (s.accounts.system_token_days > 0) {
    token.expires_at = ctx.at.plus_seconds(int64_t{s.accounts.system_token_days} * 86400);
  }
  const std::string secret = store::new_bearer_token();
  {
    Status issued = s.commit_with_entry(ctx, [&](RecordWrites& w) {
      w.issued_tokens.push_back(IssuedToken{token, store::token_hash(secret)});
    });
    if (!issued) return from_error(issued.error());
  }
  ctx.recorded = true;
  json out{{"token", secret}, {"token_id", token.id}, {"account", name}};
  if (token.expires_at) out["expires_at"] = token.expires_at->to_string();
  return json_response(201, out);
}

// An administrator revokes a token of an account it manages; anyone may
// revoke their own (signing out).
Response revoke_token(Services& s, const Request&, Context& ctx) {
  const std::string& id = ctx.args[0];
  std::optional<TokenRecord> token;
  std::optional<StoredAccount> owner;
  {
    auto found = s.stores.credentials.find_token_by_id(id);
    if (!found) return from_error(found.error());
    token = std::move(*found);
    if (token) {
      auto account = s.stores.credentials.find_account(token->account);
      if (!account) return from_error(account.error());
      owner = std::move(*account);
    }
  }
  if (!token || !owner) return problem(404, "unknown_token", "no token '" + id + "'");
  if (token->account != ctx.account->name) {
    // Signing out anyone may; another's token asks `manage_accounts`.
    if (Status may = may_use(*ctx.account, "manage_accounts"); !may) {
      return from_error(may.error());
    }
    if (Status may = may_manage(*ctx.account, owner->account.org, s.engine.data()->orgs); !may) {
      return from_error(may.error());
    }
  }
  {
    Status revoked = s.commit_with_entry(ctx, [&](RecordWrites& w) {
      w.revoked_tokens.push_back(RevokedToken{id, ctx.at});
    });
    // Read every token from the store again (token_cache.h); after a
    // failure too, which may yet commit.
    s.stores.credentials.forget_tokens();
    if (!revoked) return from_error(revoked.error());
  }
  ctx.recorded = true;
  return json_response(200, json{{"token_id", id}, {"revoked_at", ctx.at.to_string()}});
}

}  // namespace xueji::http
