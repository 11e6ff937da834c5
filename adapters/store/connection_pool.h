#pragma once
// A few connections shared by the store's readers (the HTTP routes, the
// webhook dispatcher, the command-line tools): each call borrows a free
// connection for its duration instead of queueing behind one mutexed
// connection. A connection whose server went away is revived when next
// borrowed, so a database restart costs the requests made while it was
// down, not the life of the process.

#include <chrono>
#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "adapters/store/database.h"
#include "adapters/store/sql_helpers.h"

namespace xueji::store {

class ConnectionPool {
 public:
  // Opens `size` connections (at least one) to `url`.
  static Result<std::shared_ptr<ConnectionPool>> open(const std::string& url, size_t size = 4);

  // Runs `body(Connection&)` on a free connection (waiting for one), turning
  // a database exception into "store_failed" naming `what`. Waiting callers
  // are served by seniority: a returned connection goes straight to the
  // senior waiter, so no caller is passed over by later ones (with 32
  // handler threads and 4 connections, a condition variable's unordered
  // wake-ups made a page's p99 at 64 clients about twice its median).
  template <typename T, typename Body>
  Result<T> run(const std::string& what, Body&& body) {
    Lease lease(*this);
    if (Status up = lease->revive(); !up) return up.error();
    auto result = guarded<T>(what, [&] { return body(*lease); });
    if (!result) lease->suspect();
    return result;
  }
  // The same for a body that yields nothing.
  template <typename Body>
  Status run_status(const std::string& what, Body&& body) {
    auto done = run<bool>(what, [&](Connection& c) {
      body(c);
      return true;
    });
    if (!done) return done.error();
    return Status();
  }

  // While it lives, this thread's callers count as waiting since `since`
  // rather than since their call. The HTTP adapter opens one per request,
  // so a registration's fourth read is served before the first read of a
  // request that came after it, as it was by the thread that had just
  // returned a connection taking it back.
  class Seniority {
   public:
    explicit Seniority(std::chrono::steady_clock::time_point since);
    ~Seniority();
    Seniority(const Seniority&) = delete;
    Seniority& operator=(const Seniority&) = delete;

   private:
    std::optional<std::chrono::steady_clock::time_point> outer_;
  };

  DatabaseUrl::Backend backend() const { return backend_; }

  // Callers waiting for a connection now.
  size_t waiting() {
    std::lock_guard<std::mutex> lock(mutex_);
    return waiting_.size();
  }

 private:
  class Lease {
   public:
    explicit Lease(ConnectionPool& pool);
    ~Lease();
    Connection* operator->() { return connection_; }
    Connection& operator*() { return *connection_; }

   private:
    ConnectionPool& pool_;
    Connection* connection_;
  };

  // A caller waiting for a connection, handed one by the caller returning it.
  struct Waiter {
    std::chrono::steady_clock::time_point since;
    std::condition_variable handed;
    Connection* connection = nullptr;
  };

  ConnectionPool() = default;
  std::mutex mutex_;
  std::vector<std::unique_ptr<Connection>> all_;
  std::vector<Connection*> free_;
  std::deque<Waiter*> waiting_;  // the senior first; equals in the order they came
  DatabaseUrl::Backend backend_ = DatabaseUrl::Backend::sqlite;
};

}  // namespace xueji::store
