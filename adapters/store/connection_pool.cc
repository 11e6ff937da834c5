#include "adapters/store/connection_pool.h"

namespace xueji::store {

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
  pool_.waiting_.push_back(&me);
  me.handed.wait(lock, [&me] { return me.connection != nullptr; });
  connection_ = me.connection;
}

ConnectionPool::Lease::~Lease() {
  std::lock_guard<std::mutex> lock(pool_.mutex_);
  if (pool_.waiting_.empty()) {
    pool_.free_.push_back(connection_);
    return;
  }
  Waiter* oldest = pool_.waiting_.front();
  pool_.waiting_.pop_front();
  oldest->connection = connection_;
  // Notified under the lock: the waiter's condition variable lives on its
  // stack and is gone as soon as it sees its connection.
  oldest->handed.notify_one();
}

}  // namespace xueji::store
