#pragma once
// Delivers notices to the webhooks configured per org: each notice is POSTed
// as JSON (with its stable id, so receivers can drop repeats) until a 2xx
// answer, retrying with exponential backoff. Delivery is recorded in the
// store (notices.delivered_at), so a restart resumes where it stopped: at
// least once, never lost.
//
// Each POST is signed, so a receiver can refuse forgeries and replays
// (docs/operations.md, "Webhooks"): X-Xueji-Timestamp is the unix second
// it was sent, X-Xueji-Signature is "v1=" and the hex HMAC-SHA256, under
// the receiver's secret, of "<timestamp>.<body>". A receiver configured
// without a secret gets the timestamp and no signature.

#include <atomic>
#include <condition_variable>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "adapters/store/outbox.h"

namespace xueji::http {

struct WebhookOptions {
  std::map<std::string, std::string> urls;     // org code -> http://host:port/path
  std::map<std::string, std::string> secrets;  // org code -> its receiver's secret
  // Told of each notice marked delivered (the engine's backlog counters,
  // actors/backlog_counts.h); may be empty.
  std::function<void()> delivered;
  // The notice's line for a person (notice_text.h): the payload's `text`,
  // in Chinese, beside `text_en`, the engine's English. Empty: `text` is
  // the English.
  std::function<std::string(const Notice&)> text_for_people;
  std::chrono::milliseconds poll{500};
  std::chrono::milliseconds first_backoff{500};
  std::chrono::milliseconds max_backoff{60000};
  std::chrono::seconds timeout{5};
};

struct WebhookStats {
  std::atomic<long long> delivered{0};
  std::atomic<long long> failed_attempts{0};
};

// The signature header's value for `body` sent at unix second `timestamp`:
// "v1=" and the hex HMAC-SHA256 of "<timestamp>.<body>" under `secret`.
std::string webhook_signature(const std::string& secret, long long timestamp,
                              const std::string& body);

class WebhookDispatcher {
 public:
  // Runs on its own thread, reading the outbox through `pool`.
  WebhookDispatcher(std::shared_ptr<store::ConnectionPool> pool, WebhookOptions options);
  ~WebhookDispatcher();  // stops and joins

  const WebhookStats& stats() const { return stats_; }

 private:
  void run();
  bool deliver(const std::string& url, const std::string& secret, const Notice& notice);

  store::Outbox outbox_;
  WebhookOptions options_;
  WebhookStats stats_;
  std::map<std::string, std::pair<std::chrono::steady_clock::time_point, std::chrono::milliseconds>>
      backoff_;  // notice id -> (next attempt, current backoff)
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace xueji::http
