// Issue 17, "no blocked workers": a handler may hand its Reply on and
// return, so requests waiting for their answer (on the engine's commit)
// hold no thread. With one I/O worker and one handler worker, twenty
// requests wait unanswered while another is still answered at once; then
// each waiting one gets its own answer, given from a thread of the test's.

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <future>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "adapters/http/http_server.h"
#include "tests/http/http_client.h"

namespace xueji::test {
namespace {

TEST(AnswerLater, WaitingRequestsHoldNoWorker) {
  // This server is no Xueji API: its answers are not for the contract check.
  ::unsetenv("XUEJI_RECORD_ANSWERS");
  std::mutex mutex;
  std::vector<std::pair<std::string, http::Reply>> waiting;
  http::ServerOptions options;
  options.threads = 1;
  options.handler_threads = 1;
  auto server = http::HttpServer::start_async(
      "127.0.0.1", 0,
      [&](const http::Request& request, http::Reply reply) {
        if (request.target.rfind("/later/", 0) == 0) {
          std::lock_guard<std::mutex> lock(mutex);
          waiting.emplace_back(request.target.substr(7), std::move(reply));
          return;  // answered below, from another thread
        }
        reply(http::Response{200, "text/plain", "now", {}});
      },
      options);
  ASSERT_TRUE(server.ok()) << server.error().message;
  const int port = (*server)->port();

  constexpr int kWaiting = 20;
  std::vector<HttpAnswer> later(kWaiting);
  std::vector<std::thread> callers;
  for (int i = 0; i < kWaiting; ++i) {
    callers.emplace_back(
        [&, i] { later[i] = http_call(port, "GET", "/later/" + std::to_string(i)); });
  }
  for (int tries = 0; tries < 500; ++tries) {
    {
      std::lock_guard<std::mutex> lock(mutex);
      if (waiting.size() == kWaiting) break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  {
    std::lock_guard<std::mutex> lock(mutex);
    ASSERT_EQ(waiting.size(), static_cast<size_t>(kWaiting));
  }
  // Twenty unanswered, and the only handler worker is free for this one.
  const HttpAnswer now = http_call(port, "GET", "/now");
  EXPECT_EQ(now.status, 200);
  EXPECT_EQ(now.body, "now");

  std::thread answering([&] {
    std::lock_guard<std::mutex> lock(mutex);
    for (auto& [name, reply] : waiting) {
      reply(http::Response{201, "text/plain", "later " + name, {}});
      reply(http::Response{500, "text/plain", "twice", {}});  // ignored: one answer each
    }
  });
  answering.join();
  for (auto& caller : callers) caller.join();
  for (int i = 0; i < kWaiting; ++i) {
    EXPECT_EQ(later[i].status, 201) << i;
    EXPECT_EQ(later[i].body, "later " + std::to_string(i));
  }
  (*server)->stop();
}

// Issue 17: a request the server is told never waits runs on the I/O
// worker that read it. With the only handler worker held by another
// request, it is still answered; any other request waits for the worker.
TEST(AnswerLater, ARequestThatNeverWaitsNeedsNoHandlerWorker) {
  ::unsetenv("XUEJI_RECORD_ANSWERS");
  std::promise<void> release;
  std::shared_future<void> released = release.get_future().share();
  std::atomic<bool> holding{false};
  http::ServerOptions options;
  options.threads = 1;
  options.handler_threads = 1;
  options.never_waits = [](const http::Request& r) { return r.target == "/quick"; };
  auto server = http::HttpServer::start_async(
      "127.0.0.1", 0,
      [&](const http::Request& request, http::Reply reply) {
        if (request.target == "/held") {
          holding = true;
          released.wait();  // the handler worker, held
        }
        reply(http::Response{200, "text/plain", request.target, {}});
      },
      options);
  ASSERT_TRUE(server.ok()) << server.error().message;
  const int port = (*server)->port();
  auto held = std::async(std::launch::async, [port] { return http_call(port, "GET", "/held"); });
  for (int tries = 0; tries < 500 && !holding; ++tries) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  ASSERT_TRUE(holding);
  auto quick = std::async(std::launch::async, [port] { return http_call(port, "GET", "/quick"); });
  auto other = std::async(std::launch::async, [port] { return http_call(port, "GET", "/other"); });
  const bool quick_answered = quick.wait_for(std::chrono::seconds(10)) == std::future_status::ready;
  // The other request queues behind the held worker.
  const bool other_waited =
      other.wait_for(std::chrono::milliseconds(300)) == std::future_status::timeout;
  release.set_value();
  EXPECT_TRUE(quick_answered);
  EXPECT_TRUE(other_waited);
  EXPECT_EQ(quick.get().body, "/quick");
  EXPECT_EQ(other.get().body, "/other");
  EXPECT_EQ(held.get().body, "/held");
  (*server)->stop();
}

// A server whose handler keeps every Reply unanswered, as the engine does
// while a write waits for its commit; the Replies outlive the server, as
// the engine's may.
class KeptReplies : public ::testing::Test {
 protected:
  void SetUp() override {
    ::unsetenv("XUEJI_RECORD_ANSWERS");
    auto server = http::HttpServer::start_async(
        "127.0.0.1", 0,
        [this](const http::Request&, http::Reply reply) {
          std::lock_guard<std::mutex> lock(mutex_);
          kept_.push_back(std::move(reply));
        },
        http::ServerOptions{});
    ASSERT_TRUE(server.ok()) << server.error().message;
    server_ = std::move(*server);
  }
  void TearDown() override {
    server_.reset();  // closes a call a failed test left waiting
    if (caller_.joinable()) caller_.join();
    kept_.clear();
  }

  // Calls the server from a thread of its own, and waits until the
  // handler holds the call's Reply.
  void call_and_wait_until_kept(const std::string& method, const std::string& target) {
    const int port = server_->port();
    caller_ =
        std::thread([this, port, method, target] { answer_ = http_call(port, method, target); });
    for (int tries = 0; tries < 500 && kept() == 0; ++tries) {
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    ASSERT_EQ(kept(), 1u);
  }
  size_t kept() {
    std::lock_guard<std::mutex> lock(mutex_);
    return kept_.size();
  }
  void answer_kept(http::Response response) {
    std::lock_guard<std::mutex> lock(mutex_);
    kept_[0](std::move(response));
  }

  std::mutex mutex_;
  std::vector<http::Reply> kept_;
  std::unique_ptr<http::HttpServer> server_;
  std::thread caller_;
  HttpAnswer answer_;
};

// The engine may hold a Reply past the server's end (xueji serve stops the
// server first): answering it then does nothing, and neither it nor its
// connection reaches into the server that is gone (ASan checks the latter).
TEST_F(KeptReplies, AReplyKeptPastTheServerAnswersNothing) {
  ASSERT_NO_FATAL_FAILURE(call_and_wait_until_kept("GET", "/never"));
  server_.reset();  // stops (its drain gives up on the unanswered one) and frees
  caller_.join();
  EXPECT_NE(answer_.status, 200);  // the connection closed unanswered
  answer_kept(http::Response{200, "text/plain", "too late", {}});
}

// SIGTERM, or a lost lease, stops the server while a request waits on
// the engine: the answer the engine gives during the drain is written,
// although by then the waiting connection was the only thing left for the
// I/O workers (the acceptor closed). It used to sit in their queue
// unwritten and be freed after the server's connection list (ASan).
TEST_F(KeptReplies, AnAnswerGivenWhileTheServerDrainsIsWritten) {
  ASSERT_NO_FATAL_FAILURE(call_and_wait_until_kept("POST", "/v1/students"));
  std::thread stopping([this] { server_->stop(); });
  std::this_thread::sleep_for(std::chrono::milliseconds(200));  // the drain has begun
  answer_kept(http::Response{503, "text/plain", "lease lost", {}});
  stopping.join();
  caller_.join();
  EXPECT_EQ(answer_.status, 503);
  EXPECT_EQ(answer_.body, "lease lost");
}

}  // namespace
}  // namespace xueji::test
