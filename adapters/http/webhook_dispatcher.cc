#include "adapters/http/webhook_dispatcher.h"

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <nlohmann/json.hpp>

#include "adapters/http/log_line.h"
#include "adapters/http/notice_json.h"
#include "engine/core/sha256.h"

namespace xueji::http {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;

std::string webhook_signature(const std::string& secret, long long timestamp,
                              const std::string& body) {
  return "v1=" + hmac_sha256_hex(secret, std::to_string(timestamp) + "." + body);
}

WebhookDispatcher::WebhookDispatcher(std::shared_ptr<store::ConnectionPool> pool,
                                     WebhookOptions options)
    : outbox_(std::move(pool)), options_(std::move(options)) {
  thread_ = std::thread([this] { run(); });
}

WebhookDispatcher::~WebhookDispatcher() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

// POSTs one notice; true on a 2xx answer within the timeout. Asynchronous
// operations under run_for, so a receiver that hangs costs the timeout only.
bool WebhookDispatcher::deliver(const std::string& url, const std::string& secret,
                                const Notice& n) {
  // http://host:port/path
  if (url.rfind("http://", 0) != 0) return false;
  const std::string rest = url.substr(7);
  const auto slash = rest.find('/');
  const std::string authority = rest.substr(0, slash);
  const std::string target = slash == std::string::npos ? "/" : rest.substr(slash);
  const auto colon = authority.rfind(':');
  const std::string host = authority.substr(0, colon);
  const std::string port = colon == std::string::npos ? "80" : authority.substr(colon + 1);

  nlohmann::json body = notice_json(n);
  // Receivers show notices to registrars: the Chinese line, and the stored
  // English for their logs (as Accept-Language: en gets it from the API).
  if (options_.text_for_people) {
    body["text"] = options_.text_for_people(n);
    body["text_en"] = n.text;
  }
  asio::io_context io;
  beast::tcp_stream stream(io);
  asio::ip::tcp::resolver resolver(io);
  bhttp::request<bhttp::string_body> req{bhttp::verb::post, target, 11};
  req.set(bhttp::field::host, authority);
  req.set(bhttp::field::content_type, "application/json");
  req.set("X-Xueji-Notice-Id", n.id);
  req.body() = body.dump();
  // Signed at each attempt, so a retry carries a fresh timestamp.
  const long long now = std::chrono::duration_cast<std::chrono::seconds>(
                            std::chrono::system_clock::now().time_since_epoch())
                            .count();
  req.set("X-Xueji-Timestamp", std::to_string(now));
  if (!secret.empty()) req.set("X-Xueji-Signature", webhook_signature(secret, now, req.body()));
  req.prepare_payload();
  beast::flat_buffer buffer;
  bhttp::response<bhttp::string_body> res;
  bool ok = false;
  stream.expires_after(options_.timeout);
  resolver.async_resolve(host, port, [&](beast::error_code ec, auto results) {
    if (ec) return;
    stream.async_connect(results, [&](beast::error_code ec2, auto) {
      if (ec2) return;
      bhttp::async_write(stream, req, [&](beast::error_code ec3, size_t) {
        if (ec3) return;
        bhttp::async_read(stream, buffer, res, [&](beast::error_code ec4, size_t) {
          ok = !ec4 && res.result_int() >= 200 && res.result_int() < 300;
        });
      });
    });
  });
  io.run_for(options_.timeout + std::chrono::seconds(1));
  return ok;
}

void WebhookDispatcher::run() {
  std::vector<std::string> orgs;
  for (const auto& entry : options_.urls) orgs.push_back(entry.first);
  std::unique_lock<std::mutex> lock(mutex_);
  while (!stopping_) {
    lock.unlock();
    auto notices = outbox_.undelivered_notices(orgs, 100);
    if (notices) {
      const auto now = std::chrono::steady_clock::now();
      for (const auto& n : *notices) {
        auto wait = backoff_.find(n.id);
        if (wait != backoff_.end() && now < wait->second.first) continue;
        auto secret = options_.secrets.find(n.org);
        const bool sent = deliver(options_.urls.at(n.org),
                                  secret == options_.secrets.end() ? "" : secret->second, n);
        auto marked = sent ? outbox_.mark_delivered(
                                 n.id, Instant::from_unix_seconds(
                                           std::chrono::duration_cast<std::chrono::seconds>(
                                               std::chrono::system_clock::now().time_since_epoch())
                                               .count()))
                           : Result<bool>(false);
        if (sent && marked.ok()) {
          ++stats_.delivered;
          // Counted once, by whoever marked it (a second dispatcher finds
          // it marked already).
          if (*marked && options_.delivered) options_.delivered();
          backoff_.erase(n.id);
        } else {
          ++stats_.failed_attempts;
          log_line(LogLevel::warn, "webhook delivery failed, to be retried",
                   {{"notice", n.id}, {"org", n.org}});
          auto delay = wait == backoff_.end()
                           ? options_.first_backoff
                           : std::min(wait->second.second * 2, options_.max_backoff);
          backoff_[n.id] = {std::chrono::steady_clock::now() + delay, delay};
        }
      }
    }
    lock.lock();
    wake_.wait_for(lock, options_.poll, [this] { return stopping_; });
  }
}

}  // namespace xueji::http
