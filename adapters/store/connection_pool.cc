#include "adapters/store/connection_pool.h"

#include <algorithm>

namespace xueji::store {
namespace {

// This thread's seniority, while a ConnectionPool::Seniority lives.
thread_local std::optional<std::chrono::steady_clock::time_point> tl_since;

}  // namespace

ConnectionPool::Seniority::Seniority(std::chrono::steady_clock::time_point since)
    : outer_(tl_since) {
  tl_since = since;
}

ConnectionPool::Seniority::~Seniority() { tl_since = outer_; }

Result<std::shared_ptr<ConnectionPool>> ConnectionPool::open(const std::string& url, size_t size) {
  std::shared_ptr<ConnectionPool> pool(new ConnectionPool());
  for (size_t i = 0; i < std::max<size_t>(size, 1); ++i) {
    auto connection = Connection::open(url);
    if (!connection) return connection.error();
    pool->backend_ = (*connection)->backend();
    pool->free_.push_back(connection->get());
    pool->all_.push_back(std::move(*connection));
  }
  return pool;
}

ConnectionPool::Lease::Lease(ConnectionPool& pool) : pool_(pool) {
  std::unique_lock<std::mutex> lock(pool_.mutex_);
  if (!pool_.free_.empty()) {  // none waits: a free connection means no queue
    connection_ = pool_.free_.back();
    pool_.free_.pop_back();
    return;
  }
  Waiter me;
  me.since = tl_since ? *tl_since : std::chrono::steady_clock::now();
  auto behind = std::upper_bound(pool_.waiting_.begin(), pool_.waiting_.end(), me.since,
                                 [](auto since, const Waiter* w) { return since < w->since; });
  pool_.waiting_.insert(behind, &me);
  me.handed.wait(lock, [&me] { return me.connection != nullptr; });
  connection_ = me.connection;
}

ConnectionPool::Lease::~Lease() {
  std::lock_guard<std::mutex> lock(pool_.mutex_);
  if (pool_.waiting_.empty()) {
    pool_.free_.push_back(connection_);
    return;
  }
  Waiter* senior = pool_.waiting_.front();
  pool_.waiting_.pop_front();
  senior->connection = connection_;
  // Notified under the lock: the waiter's condition variable lives on its
  // stack and is gone as soon as it sees its connection.
  senior->handed.notify_one();
}

}  // namespace xueji::store
