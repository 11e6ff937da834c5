#pragma once
// The HTTP/JSON API over the case engine (docs/api/openapi.yaml). Each route
// turns a request into an engine command or a store read and the engine's
// answer into JSON; refusals become application/problem+json with a stable
// type, a title and a detail naming the field or rule. Nothing changes on an
// error.
//
// Every /v1 route but signing in and changing a password wants a bearer
// token (401 without a valid one), checks the caller's jurisdiction (403
// with the reason, engine/account/jurisdiction.h) and appends one entry to
// the audit trail: in the same transaction as the change it records, or
// for a read or a refusal on its own, before the answer leaves.

#include <memory>
#include <vector>

#include "actors/runtime.h"
#include "adapters/http/context.h"
#include "adapters/http/http_server.h"
#include "adapters/http/metrics.h"
#include "adapters/http/problem.h"
#include "adapters/store/credential_store.h"
#include "adapters/store/idempotency_store.h"
#include "adapters/store/outbox.h"
#include "adapters/store/read_model.h"
#include "engine/account/password_hash.h"
#include "engine/account/password_policy.h"

namespace xueji::http {

struct AccountSettings {
  int session_minutes = 480;    // a login's token lasts one working day
  int system_token_days = 365;  // an issued token's life; 0: until revoked
  Argon2Cost argon2;
  PasswordPolicies passwords;
};

// The store's rooms the routes read, over one pool of connections.
struct Stores {
  explicit Stores(std::shared_ptr<store::ConnectionPool> pool);
  store::ReadModel reads;
  store::CredentialStore credentials;
  store::IdempotencyStore answers;
  store::Outbox outbox;
};

class Api {
 public:
  // `stores` read through a shared pool; every write goes through the
  // runtime's journal. `clock` is the virtual clock when the server runs
  // simulated, else null.
  Api(Runtime& engine, Stores stores, std::shared_ptr<VirtualClock> simulated_clock,
      AccountSettings accounts = {});

  // Every request, with the Idempotency-Key of a POST honoured and the
  // request counted for /metrics.
  Response handle(const Request& request);

  using Handler = Response (Api::*)(const Request&, Context&);

  // The /v1 routes, called by handle() once the caller is authenticated
  // (public only so that the route table can name them).
  // Cases and students (api.cc).
  Response register_student(const Request& request, Context& ctx);
  Response open_case(const Request& request, Context& ctx);
  Response get_case(const Request& request, Context& ctx);
  Response progress(const Request& request, Context& ctx);
  Response decide(const Request& request, Context& ctx);
  Response withdraw(const Request& request, Context& ctx);
  Response notices(const Request& request, Context& ctx);
  Response pending(const Request& request, Context& ctx);
  Response overdue(const Request& request, Context& ctx);
  Response advance_clock(const Request& request, Context& ctx);
  // Accounts and tokens (account_routes.cc).
  Response sign_in(const Request& request, Context& ctx);
  Response create_account(const Request& request, Context& ctx);
  Response get_account(const Request& request, Context& ctx);
  Response unseal(const Request& request, Context& ctx);
  Response change_password(const Request& request, Context& ctx);
  Response issue_token(const Request& request, Context& ctx);
  Response revoke_token(const Request& request, Context& ctx);

 private:
  // `parts`: the path's segments, as handle() split them.
  Response handle_v1(const Request& request, const std::vector<std::string>& parts);
  Response metrics();
  Response ready();

  // Commits the record writes `fill` makes with the request's audit entry,
  // through the runtime's writer.
  template <typename Fill>
  Status commit_with_entry(const Context& ctx, Fill&& fill) {
    Transition t;
    fill(t.records);
    t.audit.push_back(ctx.entry());
    return engine_.commit(std::move(t));
  }
  // The stored account `name`; "unknown_account" when there is none.
  Result<StoredAccount> stored_account(const std::string& name);
  // Whether the caller may read org `org`: "unknown_org" or the refusal.
  Status readable_org(const std::string& org, const Context& ctx);
  // The stored case `id` if the caller may read it; else the refusal.
  Result<CaseState> readable_case(const std::string& id, const Context& ctx);

  Runtime& engine_;
  Stores stores_;
  std::shared_ptr<VirtualClock> simulated_clock_;
  AccountSettings accounts_;
  RequestMetrics requests_;
};

}  // namespace xueji::http
