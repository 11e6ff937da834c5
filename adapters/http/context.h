#pragma once
// One /v1 request on its way through the pipeline (api.cc): who asks and
// what the audit trail will say about it. Routes fill in what only they
// learn (the target a new case gets, the account a sign-in names).

#include <optional>
#include <string>
#include <vector>

#include "engine/account/account.h"
#include "engine/audit/audit_chain.h"
#include "engine/core/instant.h"

namespace xueji::http {

struct Context {
  Instant at;
  std::optional<Account> account;  // the authenticated caller
  std::string claimed;             // the name a sign-in gave, when not authenticated
  std::string client;              // the client's address (throttle.h)
  std::string action;              // "case.decide", "org.pending", ...
  std::string target;              // "case:C...", "org:450102", "account:name", ...
  std::vector<std::string> args;   // the path's parameters
  std::string idempotency_key;     // scoped to the caller; "" without one
  bool recorded = false;           // the entry was committed with the change
  bool answer_recorded = false;    // the key's answer was committed with the change
  std::string detail;              // what else the entry records (a reload's versions)

  // The audit entry for this request with `outcome`.
  AuditEntry entry(const std::string& outcome = "ok") const;
};

}  // namespace xueji::http
