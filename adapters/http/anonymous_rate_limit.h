#pragma once
// Requests without a valid token, per client address: a token bucket that
// refills at `per_second` and holds at most `burst`. Every such request is
// an audit entry (signing in, a family's progress read, a refusal), so
// without this anyone could grow the audit trail, and make the server
// hash passwords, without bound. A refused request is answered 429
// `rate_limited` before its entry is written (api.cc).
//
// Real time (a steady clock), not the engine's: this guards the server's
// work, which a simulated clock does not slow. In memory, one process.

#include <chrono>
#include <functional>
#include <map>
#include <mutex>
#include <string>

namespace xueji::http {

class AnonymousRateLimit {
 public:
  using Now = std::function<std::chrono::steady_clock::time_point()>;

  AnonymousRateLimit(double per_second, int burst, Now now = &std::chrono::steady_clock::now);

  // Takes one request from `address`'s bucket: 0 when it is admitted, else
  // the whole seconds (at least 1) until one would be.
  int take(const std::string& address);
  // Gives back the request taken from `address`'s bucket: one the server
  // could not answer (its store was down) is not the client's to pay for.
  void refund(const std::string& address);

 private:
  struct Bucket {
    double tokens = 0;
    std::chrono::steady_clock::time_point at;  // when `tokens` was counted
  };

  const double per_second_;
  const double burst_;
  const Now now_;
  std::mutex mutex_;
  std::map<std::string, Bucket> buckets_;
};

}  // namespace xueji::http
