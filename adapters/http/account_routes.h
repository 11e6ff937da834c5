#pragma once
// The account routes: signing in, accounts, tokens, unsealing, passwords
// (Art. 24: passwords, sealing; Art. 5, 23: the levels; requirements,
// "Accounts and security"). No secret is ever
// answered twice: a token is shown once and its route is never replayed
// (kNoReplay in route_table.h).

#include "adapters/http/context.h"
#include "adapters/http/http_server.h"
#include "adapters/http/services.h"

namespace xueji::http {

// POST /v1/sessions: name and password in, a session token out.
Response sign_in(Services& services, const Request& request, Context& ctx);
// POST /v1/accounts: a person's (with a password) or a system's account.
Response create_account(Services& services, const Request& request, Context& ctx);
// GET /v1/accounts/{name}
Response get_account(Services& services, const Request& request, Context& ctx);
// POST /v1/accounts/{name}/unseal: an administrator above reopens it.
Response unseal(Services& services, const Request& request, Context& ctx);
// POST /v1/accounts/{name}/password
Response change_password(Services& services, const Request& request, Context& ctx);
// POST /v1/accounts/{name}/tokens: a long-lived token for a system account.
Response issue_token(Services& services, const Request& request, Context& ctx);
// DELETE /v1/tokens/{id}
Response revoke_token(Services& services, const Request& request, Context& ctx);

}  // namespace xueji::http
