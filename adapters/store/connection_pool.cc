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
  pool_.returned_.wait(lock, [this] { return !pool_.free_.empty(); });
  connection_ = pool_.free_.back();
  pool_.free_.pop_back();
}

ConnectionPool::Lease::~Lease() {
  {
    std::lock_guard<std::mutex> lock(pool_.mutex_);
    pool_.free_.push_back(connection_);
  }
  pool_.returned_.notify_one();
}

}  // namespace xueji::store
