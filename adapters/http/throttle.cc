#include "adapters/http/throttle.h"

#include <algorithm>

#include "adapters/http/problem.h"

namespace xueji::http {

Throttle::Throttle(const ThrottleSettings& s)
    : sign_ins(s.sign_in_failures, s.sign_in_window_seconds, s.sign_in_block_seconds),
      anonymous(s.anonymous_per_second, s.anonymous_burst),
      proxies_(s.trusted_proxies) {}

std::string Throttle::client_of(const Request& r) const {
  auto forwarded = r.headers.find("x-forwarded-for");
  return proxies_.client_of(r.peer, forwarded == r.headers.end() ? "" : forwarded->second);
}

Response too_many_attempts(const SignInBlock& block, Instant at) {
  Response response = problem(429, "too_many_attempts",
                              "too many wrong passwords for '" + block.account + "' from " +
                                  block.address + ": refused until " + block.until.to_string() +
                                  ", or until an administrator clears the block");
  const int64_t seconds = block.until.unix_seconds() - at.unix_seconds();
  response.headers["Retry-After"] = std::to_string(std::max<int64_t>(1, seconds));
  return response;
}

Response rate_limited(const std::string& address, int seconds) {
  Response response = problem(429, "rate_limited",
                              "too many requests without a valid token from " + address +
                                  "; retry in " + std::to_string(seconds) + " seconds");
  response.headers["Retry-After"] = std::to_string(seconds);
  return response;
}

}  // namespace xueji::http
