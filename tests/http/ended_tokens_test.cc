// Tokens deleted once they ended (expired, or revoked) longer ago than
// `token_keep_days` (adapters/store/ended_tokens.h, migration 0037), on
// both backends: the longest ended first, a batch at a time, never a token
// still in use, whatever its age.

#include <gtest/gtest.h>
#include <soci/soci.h>

#include <memory>
#include <optional>
#include <string>

#include "adapters/http/expiry_sweep.h"
#include "adapters/store/connection_pool.h"
#include "adapters/store/credential_store.h"
#include "adapters/store/ended_tokens.h"
#include "tests/store/store_fixture.h"

namespace xueji::test {
namespace {

constexpr int64_t kDayOfTokens = 86'400;
const Instant kTokensNow = Instant::from_unix_seconds(1'772'294'400);  // 2026-03-01 00:00 +08:00

class EndedTokensTest : public BothBackends {
 protected:
  void SetUp() override {
    url_ = fresh_database(GetParam());
    ASSERT_TRUE(open_migrated(url_) != nullptr);
    auto pool = store::ConnectionPool::open(url_, 1);
    ASSERT_TRUE(pool.ok()) << pool.error().message;
    pool_ = *pool;
    tokens_ = std::make_unique<store::EndedTokens>(pool_);
    credentials_ = std::make_unique<store::CredentialStore>(pool_);
    run("an account",
        "INSERT INTO accounts (name, org, role, kind, password_hash, "
        "password_changed, last_used, created_at) VALUES ('registrar.4501020001', "
        "'4501020001', 'registrar', 'person', 'x', '2026-01-01', '2026-01-01', 0)");
  }

  void run(const std::string& what, const std::string& statement) {
    auto done = pool_->run<bool>(what, [&](store::Connection& c) {
      c.sql() << statement;
      return true;
    });
    ASSERT_TRUE(done.ok()) << done.error().message;
  }

  // A token issued 400 days before kTokensNow; it expires `expires_days` after
  // kTokensNow (negative: before) unless none, and was revoked `revoked_days`
  // after kTokensNow if given.
  void token(const std::string& id, std::optional<int64_t> expires_days,
             std::optional<int64_t> revoked_days = std::nullopt) {
    auto at = [](std::optional<int64_t> days) {
      return days ? std::to_string(kTokensNow.plus_seconds(*days * kDayOfTokens).unix_seconds())
                  : std::string("NULL");
    };
    run(id,
        "INSERT INTO tokens (id, token_hash, account, kind, issued_at, expires_at, "
        "revoked_at) VALUES ('" +
            id + "', 'hash-" + id + "', 'registrar.4501020001', 'session', " +
            std::to_string(kTokensNow.plus_seconds(-400 * kDayOfTokens).unix_seconds()) + ", " +
            at(expires_days) + ", " + at(revoked_days) + ")");
  }

  bool kept(const std::string& id) {
    auto found = credentials_->find_token_by_id(id);
    EXPECT_TRUE(found.ok()) << found.error().message;
    return found.ok() && found->has_value();
  }

  int64_t tokens() {
    auto n = pool_->run<int64_t>("count", [](store::Connection& c) {
      int64_t count = 0;
      c.sql() << "SELECT COUNT(*) FROM tokens", soci::into(count);
      return count;
    });
    EXPECT_TRUE(n.ok());
    return n.ok() ? *n : -1;
  }

  std::string url_;
  std::shared_ptr<store::ConnectionPool> pool_;
  std::unique_ptr<store::EndedTokens> tokens_;
  std::unique_ptr<store::CredentialStore> credentials_;
};

TEST_P(EndedTokensTest, TheLongestEndedGoFirstAndATokenInUseStays) {
  token("expired-50", -50);
  token("revoked-45", 300, -45);  // revoked long before it would expire
  token("expired-40", -40);
  token("expired-10", -10);                // ended, but within the days kept
  token("revoked-5", -60, -5);             // expired first: ended 60 days ago
  token("system-for-ever", std::nullopt);  // no expiry, never revoked
  token("session-live", 1);
  const Instant cut = kTokensNow.plus_seconds(-30 * kDayOfTokens);
  auto first = tokens_->forget_ended_before(cut, 2);
  ASSERT_TRUE(first.ok()) << first.error().message;
  EXPECT_EQ(*first, 2);
  EXPECT_FALSE(kept("expired-50"));
  EXPECT_FALSE(kept("revoked-45"));
  EXPECT_TRUE(kept("expired-40"));
  auto rest = tokens_->forget_ended_before(cut, 2);
  ASSERT_TRUE(rest.ok()) << rest.error().message;
  EXPECT_EQ(*rest, 1);
  EXPECT_FALSE(kept("expired-40"));
  // A token revoked after it expired counts from its revocation, the
  // later end: kept longer than it need be, never forgotten early.
  EXPECT_TRUE(kept("revoked-5"));
  EXPECT_TRUE(kept("expired-10"));
  EXPECT_TRUE(kept("system-for-ever"));
  EXPECT_TRUE(kept("session-live"));
  auto none = tokens_->forget_ended_before(cut, 2);
  ASSERT_TRUE(none.ok());
  EXPECT_EQ(*none, 0);
  EXPECT_EQ(tokens(), 4);
}

TEST_P(EndedTokensTest, ASweepForgetsBatchAfterBatchWhatEndedBeforeTheDaysKept) {
  // More than a batch of a day's sign-ins that expired 31 days ago.
  const int old = http::ExpirySweep::kBatch + 5;
  auto written = pool_->run<bool>("old tokens", [&](store::Connection& c) {
    const long long issued = kTokensNow.plus_seconds(-32 * kDayOfTokens).unix_seconds();
    const long long expired = kTokensNow.plus_seconds(-31 * kDayOfTokens).unix_seconds();
    c.sql() << "WITH RECURSIVE g(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM g WHERE n < " +
                   std::to_string(old) +
                   ") INSERT INTO tokens (id, token_hash, account, kind, issued_at, expires_at) "
                   "SELECT 'old-' || n, 'hash-' || n, 'registrar.4501020001', 'session', :i, "
                   ":e FROM g",
        soci::use(issued), soci::use(expired);
    return true;
  });
  ASSERT_TRUE(written.ok()) << written.error().message;
  token("expired-29", -29);
  token("system-for-ever", std::nullopt);
  ASSERT_EQ(tokens(), old + 2);
  http::ExpirySweep expiry(
      [this](Instant before, int batch) { return tokens_->forget_ended_before(before, batch); },
      [] { return kTokensNow; }, 30);
  auto swept = expiry.sweep();
  ASSERT_TRUE(swept.ok()) << swept.error().message;
  EXPECT_EQ(*swept, old);
  EXPECT_EQ(tokens(), 2);
  EXPECT_TRUE(kept("expired-29"));
  EXPECT_TRUE(kept("system-for-ever"));
  auto nothing = expiry.sweep();
  ASSERT_TRUE(nothing.ok());
  EXPECT_EQ(*nothing, 0);
}

INSTANTIATE_TEST_SUITE_P(Backends, EndedTokensTest, ::testing::Values("postgresql", "sqlite"),
                         backend_name);

}  // namespace
}  // namespace xueji::test
