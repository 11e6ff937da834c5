// Notices reach the webhooks configured per org: retried with backoff while
// the receiver fails or is down, delivered once it answers, and not lost when
// the dispatcher restarts in between.

#include <gtest/gtest.h>

#include <thread>

#include <nlohmann/json.hpp>

#include "adapters/http/http_server.h"
#include "adapters/http/notice_text.h"
#include "adapters/http/webhook_dispatcher.h"
#include "adapters/wiring/sql_runtime.h"
#include "engine/core/sha256.h"
#include "tests/engine/case_fixture.h"
#include "tests/store/store_fixture.h"

namespace xueji::test {
namespace {

class WebhookTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    url_ = fresh_database(GetParam());
    clock_ = std::make_shared<VirtualClock>(at("2025-09-26T09:00:00+08:00"));
    auto data = load_domain(DomainPaths::under(XUEJI_SOURCE_DIR), clock_);
    ASSERT_TRUE(data.ok());
    auto engine = start_sql_runtime(SqlRuntimeOptions{url_, project_path("migrations")}, *data);
    ASSERT_TRUE(engine.ok()) << engine.error().message;
    engine_ = std::move(*engine);
    OpenCase open{
        "transfer", "4501030002", {{"to_school", "4501030002"}}, make_student("4501020001", 5), ""};
    ASSERT_TRUE(engine_->request("t1", open).ok);
    // The school stays silent: the county gets an escalation notice.
    ASSERT_TRUE(engine_->advance(at("2025-10-17T00:00:00+08:00")).ok());
    auto receiver = http::HttpServer::start("127.0.0.1", 0, [this](const http::Request& r) {
      std::lock_guard<std::mutex> lock(mutex_);
      ++attempts_;
      if (attempts_ <= failures_before_success_)
        return http::Response{500, "text/plain", "busy", {}};
      received_.push_back(nlohmann::json::parse(r.body, nullptr, false));
      posts_.push_back(r);
      return http::Response{204, "text/plain", "", {}};
    });
    ASSERT_TRUE(receiver.ok());
    receiver_ = std::move(*receiver);
  }

  std::unique_ptr<http::WebhookDispatcher> dispatch_to(const std::string& url) {
    http::WebhookOptions options;
    options.urls["450102"] = url;
    if (!secret_.empty()) options.secrets["450102"] = secret_;
    options.poll = std::chrono::milliseconds(20);
    options.first_backoff = std::chrono::milliseconds(20);
    options.timeout = std::chrono::seconds(2);
    options.text_for_people = [this](const Notice& n) {
      return http::notice_in_chinese(n, engine_->data()->orgs);
    };
    auto pool = store::ConnectionPool::open(url_, 1);
    EXPECT_TRUE(pool.ok());
    return std::make_unique<http::WebhookDispatcher>(*pool, options);
  }

  bool wait_for_delivery() {
    for (int i = 0; i < 250; ++i) {
      {
        std::lock_guard<std::mutex> lock(mutex_);
        if (!received_.empty()) return true;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return false;
  }

  std::string url_;
  std::shared_ptr<VirtualClock> clock_;
  std::unique_ptr<Runtime> engine_;
  std::unique_ptr<http::HttpServer> receiver_;
  std::mutex mutex_;
  int attempts_ = 0;
  int failures_before_success_ = 0;
  std::vector<nlohmann::json> received_;
  std::vector<http::Request> posts_;  // as received, headers included
  std::string secret_;                // the receiver's, when set
};

TEST_P(WebhookTest, RetriesAFailingReceiverUntilItAnswers) {
  failures_before_success_ = 2;
  auto dispatcher =
      dispatch_to("http://127.0.0.1:" + std::to_string(receiver_->port()) + "/hooks/xueji");
  ASSERT_TRUE(wait_for_delivery());
  dispatcher.reset();
  std::lock_guard<std::mutex> lock(mutex_);
  EXPECT_EQ(attempts_, 3);
  ASSERT_EQ(received_.size(), 1u);
  EXPECT_EQ(received_[0]["kind"], "escalation");
  EXPECT_EQ(received_[0]["org"], "450102");
  EXPECT_EQ(received_[0]["case"], "t1");
  EXPECT_EQ(received_[0]["id"], "t1/3/0");
  // The line for the registrar in Chinese, the engine's English beside it.
  EXPECT_EQ(received_[0].value("text", "").rfind("业务 t1：「转出学校」环节逾期未办理，已上报", 0),
            0u)
      << received_[0].dump();
  EXPECT_NE(received_[0].value("text_en", "").find("missed step sending_school"), std::string::npos)
      << received_[0].dump();
  auto undelivered = (*TestStore::open(url_))->outbox.undelivered_notices({"450102"}, 10);
  ASSERT_TRUE(undelivered.ok());
  EXPECT_TRUE(undelivered->empty());
}

TEST_P(WebhookTest, ARestartWhileTheReceiverIsDownLosesNothing) {
  {
    auto down = dispatch_to("http://127.0.0.1:1/hooks");  // nobody listens there
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    EXPECT_GE(down->stats().failed_attempts.load(), 1);
  }  // the dispatcher stops, its notice still undelivered on disk
  EXPECT_EQ((*(*TestStore::open(url_))->outbox.undelivered_notices({"450102"}, 10)).size(), 1u);
  auto up = dispatch_to("http://127.0.0.1:" + std::to_string(receiver_->port()) + "/hooks");
  ASSERT_TRUE(wait_for_delivery());
  // Counted once the dispatcher has read the receiver's answer, which the
  // receiver writes after its handler saw the notice.
  for (int i = 0; i < 500 && up->stats().delivered.load() == 0; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  EXPECT_EQ(up->stats().delivered.load(), 1);
}

// What a receiver does (docs/operations.md, "Webhooks"): recompute the
// HMAC-SHA256 of "<timestamp>.<body>" under its secret, compare it with
// the signature, and refuse a timestamp more than five minutes away.
bool receiver_accepts(const http::Request& post, const std::string& secret, long long now) {
  auto ts = post.headers.find("x-xueji-timestamp");
  auto sig = post.headers.find("x-xueji-signature");
  if (ts == post.headers.end() || sig == post.headers.end()) return false;
  const long long sent = std::stoll(ts->second);
  if (sent < now - 300 || sent > now + 300) return false;
  return sig->second == "v1=" + hmac_sha256_hex(secret, ts->second + "." + post.body);
}

TEST_P(WebhookTest, EachPostIsSignedSoAReceiverRefusesForgeriesAndReplays) {
  secret_ = "receiver-secret-450102";
  auto dispatcher = dispatch_to("http://127.0.0.1:" + std::to_string(receiver_->port()) + "/h");
  ASSERT_TRUE(wait_for_delivery());
  dispatcher.reset();
  std::lock_guard<std::mutex> lock(mutex_);
  ASSERT_EQ(posts_.size(), 1u);
  const http::Request post = posts_[0];
  const long long now = std::chrono::duration_cast<std::chrono::seconds>(
                            std::chrono::system_clock::now().time_since_epoch())
                            .count();
  EXPECT_TRUE(receiver_accepts(post, secret_, now)) << post.headers.at("x-xueji-signature");
  // A body changed on the way fails the signature.
  http::Request tampered = post;
  tampered.body.replace(tampered.body.find("escalation"), 10, "escalatiom");
  EXPECT_FALSE(receiver_accepts(tampered, secret_, now));
  // So does another secret, and the same POST replayed ten minutes later.
  EXPECT_FALSE(receiver_accepts(post, "another-secret-0000", now));
  EXPECT_FALSE(receiver_accepts(post, secret_, now + 600));
  // A timestamp moved to pass the window breaks the signature.
  http::Request replayed = post;
  replayed.headers["x-xueji-timestamp"] = std::to_string(now + 600);
  EXPECT_FALSE(receiver_accepts(replayed, secret_, now + 600));
}

TEST_P(WebhookTest, AReceiverWithoutASecretGetsATimestampAndNoSignature) {
  auto dispatcher = dispatch_to("http://127.0.0.1:" + std::to_string(receiver_->port()) + "/h");
  ASSERT_TRUE(wait_for_delivery());
  dispatcher.reset();
  std::lock_guard<std::mutex> lock(mutex_);
  ASSERT_EQ(posts_.size(), 1u);
  EXPECT_EQ(posts_[0].headers.count("x-xueji-timestamp"), 1u);
  EXPECT_EQ(posts_[0].headers.count("x-xueji-signature"), 0u);
}

INSTANTIATE_TEST_SUITE_P(Backends, WebhookTest, ::testing::Values("postgresql", "sqlite"),
                         backend_name);

}  // namespace
}  // namespace xueji::test
