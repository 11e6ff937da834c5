#pragma once
// The throttle on guessing and on anonymous load (issue 18): wrong
// passwords per (account, client address) (sign_in_guard.h), requests
// without a valid token per client address (anonymous_rate_limit.h), and
// where the client address comes from (client_address.h). Both refusals
// are 429 problems with Retry-After. One per Api, in memory.

#include <string>

#include "adapters/http/anonymous_rate_limit.h"
#include "adapters/http/client_address.h"
#include "adapters/http/http_server.h"
#include "adapters/http/sign_in_guard.h"
#include "adapters/http/throttle_settings.h"

namespace xueji::http {

class Throttle {
 public:
  explicit Throttle(const ThrottleSettings& settings);

  // The request's client address (client_address.h): its peer, or what a
  // trusted proxy's X-Forwarded-For says.
  std::string client_of(const Request& request) const;

  SignInGuard sign_ins;
  AnonymousRateLimit anonymous;

 private:
  TrustedProxies proxies_;
};

// 429 too_many_attempts, Retry-After until the block ends.
Response too_many_attempts(const SignInBlock& block, Instant at);
// 429 rate_limited, Retry-After `seconds`.
Response rate_limited(const std::string& address, int seconds);

}  // namespace xueji::http
