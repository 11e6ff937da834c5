#pragma once
// The throttle's limits (throttle.h), read from the `throttle:` map of
// config/xueji.yaml. The defaults suit a person at a keyboard; a load
// generator's configuration sets its own, so a benchmark measures the
// engine, not the throttle.

#include "adapters/http/client_address.h"

namespace xueji::http {

struct ThrottleSettings {
  // Wrong passwords for one account from one client address within
  // `sign_in_window_seconds` before that pair is refused for
  // `sign_in_block_seconds` (signing in and changing a password alike).
  int sign_in_failures = 5;
  int sign_in_window_seconds = 900;
  int sign_in_block_seconds = 900;
  // Requests without a valid token, per client address: a token bucket
  // refilled at `anonymous_per_second`, holding at most `anonymous_burst`.
  double anonymous_per_second = 10;
  int anonymous_burst = 50;
  // Peers whose X-Forwarded-For names the client (client_address.h).
  TrustedProxies trusted_proxies;
};

}  // namespace xueji::http
