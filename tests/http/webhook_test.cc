// Notices reach the webhooks configured per org: retried with backoff while
// the receiver fails or is down, delivered once it answers, and not lost when
// the dispatcher restarts in between.

#include <gtest/gtest.h>

#include <thread>

#include <nlohmann/json.hpp>

#include "adapters/http/http_server.h"
#include "adapters/http/webhook_dispatcher.h"
#include "adapters/wiring/sql_runtime.h"
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
      return http::Response{204, "text/plain", "", {}};
    });
    ASSERT_TRUE(receiver.ok());
    receiver_ = std::move(*receiver);
  }

  std::unique_ptr<http::WebhookDispatcher> dispatch_to(const std::string& url) {
    http::WebhookOptions options;
    options.urls["450102"] = url;
    options.poll = std::chrono::milliseconds(20);
    options.first_backoff = std::chrono::milliseconds(20);
    options.timeout = std::chrono::seconds(2);
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
  EXPECT_EQ(up->stats().delivered.load(), 1);
}

INSTANTIATE_TEST_SUITE_P(Backends, WebhookTest, ::testing::Values("postgresql", "sqlite"),
                         backend_name);

}  // namespace
}  // namespace xueji::test
