// Tokens deleted once they ended (expired, or revoked) longer ago than
// `token_keep_days` (adapters/store/ended_tokens.h, migration 0037), on
// both backends: the longest ended first, a batch at a time, never a token
// still in use, whatever its age.

#include <gtest/gtest.h>
#include <soci/soci.h>

#include <memory>
#include <optional>
#include <string>

#include "actors/expiry_sweep.h"
#include "adapters/store/credential_store.h"
#include "adapters/store/ended_tokens.h"
#include "tests/http/aged_rows_fixture.h"

namespace xueji::test {
namespace {

class EndedTokensTest : public AgedRowsTest {
 protected:
  void SetUp() override {
    AgedRowsTest::SetUp();
    tokens_ = std::make_unique<store::EndedTokens>(pool_);
    credentials_ = std::make_unique<store::CredentialStore>(pool_);
    run("an account",
        "INSERT INTO accounts (name, org, role, kind, password_hash, "
        "password_changed, last_used, created_at) VALUES ('registrar.4501020001', "
        "'4501020001', 'registrar', 'person', 'x', '2026-01-01', '2026-01-01', 0)");
  }

  // A token issued 400 days before kAgedNow; it expires `expires_days` after
  // kAgedNow (negative: before) unless none, and was revoked `revoked_days`
  // after kAgedNow if given.
  void token(const std::string& id, std::optional<int64_t> expires_days,
             std::optional<int64_t> revoked_days = std::nullopt) {
    auto at = [](std::optional<int64_t> days) {
      return days ? std::to_string(kAgedNow.plus_seconds(*days * kAgedDay).unix_seconds())
                  : std::string("NULL");
    };
    run(id,
        "INSERT INTO tokens (id, token_hash, account, kind, issued_at, expires_at, "
        "revoked_at) VALUES ('" +
            id + "', 'hash-" + id + "', 'registrar.4501020001', 'session', " +
            std::to_string(kAgedNow.plus_seconds(-400 * kAgedDay).unix_seconds()) + ", " +
            at(expires_days) + ", " + at(revoked_days) + ")");
  }

  bool kept(const std::string& id) {
    auto found = credentials_->find_token_by_id(id);
    EXPECT_TRUE(found.ok()) << found.error().message;
    return found.ok() && found->has_value();
  }

  int64_t tokens() { return rows_of("tokens"); }

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
  const Instant cut = kAgedNow.plus_seconds(-30 * kAgedDay);
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
  const int old = ExpirySweep::kBatch + 5;
  auto written = pool_->run<bool>("old tokens", [&](store::Connection& c) {
    const long long issued = kAgedNow.plus_seconds(-32 * kAgedDay).unix_seconds();
    const long long expired = kAgedNow.plus_seconds(-31 * kAgedDay).unix_seconds();
    c.sql() << numbers_to(old) +
                   "INSERT INTO tokens (id, token_hash, account, kind, issued_at, expires_at) "
                   "SELECT 'old-' || n, 'hash-' || n, 'registrar.4501020001', 'session', :i, "
                   ":e FROM g",
        soci::use(issued), soci::use(expired);
    return true;
  });
  ASSERT_TRUE(written.ok()) << written.error().message;
  token("expired-29", -29);
  token("system-for-ever", std::nullopt);
  ASSERT_EQ(tokens(), old + 2);
  ExpirySweep expiry(
      [this](Instant before, int batch) { return tokens_->forget_ended_before(before, batch); },
      [] { return kAgedNow; }, 30);
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
