#pragma once
// A migrated store on each backend with a pool of one connection, for the
// tests of rows that age out (store/aged_rows.h): the answers kept under
// Idempotency-Keys, the tokens that ended. Their ages count back from one
// fixed instant.

#include <gtest/gtest.h>
#include <soci/soci.h>

#include <memory>
#include <string>

#include "adapters/store/connection_pool.h"
#include "engine/core/instant.h"
#include "tests/store/store_fixture.h"

namespace xueji::test {

constexpr int64_t kAgedDay = 86'400;
// 2026-03-01 00:00 +08:00: the sweeps' "now".
inline const Instant kAgedNow = Instant::from_unix_seconds(1'772'294'400);

class AgedRowsTest : public BothBackends {
 protected:
  void SetUp() override {
    url_ = fresh_database(GetParam());
    ASSERT_TRUE(open_migrated(url_) != nullptr);
    auto pool = store::ConnectionPool::open(url_, 1);
    ASSERT_TRUE(pool.ok()) << pool.error().message;
    pool_ = *pool;
  }

  // Runs `statement`, failing the test with the store's error.
  void run(const std::string& what, const std::string& statement) {
    auto done = pool_->run<bool>(what, [&](store::Connection& c) {
      c.sql() << statement;
      return true;
    });
    ASSERT_TRUE(done.ok()) << what << ": " << done.error().message;
  }

  int64_t rows_of(const std::string& table) {
    auto n = pool_->run<int64_t>("count", [&](store::Connection& c) {
      int64_t count = 0;
      c.sql() << "SELECT COUNT(*) FROM " + table, soci::into(count);
      return count;
    });
    EXPECT_TRUE(n.ok());
    return n.ok() ? *n : -1;
  }

  // A recursive count from 1 to `n` as the table `g(n)`, on both backends:
  // the head of a statement that writes that many rows.
  static std::string numbers_to(int n) {
    return "WITH RECURSIVE g(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM g WHERE n < " +
           std::to_string(n) + ") ";
  }

  std::string url_;
  std::shared_ptr<store::ConnectionPool> pool_;
};

}  // namespace xueji::test
