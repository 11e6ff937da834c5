// `xueji serve` with `idempotency_keep_days` set forgets the Idempotency-Key
// answers older than that at its start (then hourly), and keeps the
// younger; without it, every answer is kept (docs/reliability.md). It
// deletes the tokens that ended more than `token_keep_days` (30 unless
// set; 0 keeps them) before (docs/accounts.md). Both backends, through
// the real binary.

#include <gtest/gtest.h>
#include <soci/soci.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>
#include <tuple>

#include "adapters/store/database.h"
#include "tests/cli/serve_process.h"
#include "tests/engine/case_fixture.h"
#include "tests/scratch_paths.h"
#include "tests/store/store_fixture.h"

namespace xueji::test {
namespace {

namespace fs = std::filesystem;

constexpr long long kStart = 1'758'848'400;  // 2025-09-26T09:00:00+08:00, the server's clock
constexpr long long kDay = 86'400;

class AnswerExpiryServe : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    url_ = fresh_demo_database(GetParam());
    dir_ =
        fs::temp_directory_path() / ("xueji-expiry-" + std::to_string(getpid()) + "-" + GetParam());
    fs::create_directories(dir_);
    remove_at_exit(dir_);
    soci::session sql = session();
    for (const auto& [key, days] :
         {std::pair<std::string, long long>{"answered-40", 40}, {"answered-29", 29}}) {
      const long long at = kStart - days * kDay;
      sql << "INSERT INTO idempotency_keys (key, request_hash, status, content_type, body, "
             "created_at) VALUES (:k, 'hash', 201, 'application/json', '{}', :a)",
          soci::use(key), soci::use(at);
    }
    sql << "INSERT INTO accounts (name, org, role, kind, password_hash, password_changed, "
           "last_used, created_at) VALUES ('registrar.4501020001', '4501020001', 'registrar', "
           "'person', 'x', '2025-09-01', '2025-09-01', 0)";
    // Two sign-ins' tokens that expired 40 and 29 days before, one revoked
    // 31 days before, one issued to a system until revoked.
    for (const auto& [id, expired, revoked] :
         {std::tuple<std::string, long long, long long>{"expired-40", 40, 0},
          {"expired-29", 29, 0},
          {"revoked-31", -300, 31},
          {"system", 0, 0}}) {
      const long long issued = kStart - 400 * kDay;
      const long long expires = kStart - expired * kDay;
      const long long revoked_at = kStart - revoked * kDay;
      soci::indicator expiry = expired == 0 ? soci::i_null : soci::i_ok;
      soci::indicator revocation = revoked == 0 ? soci::i_null : soci::i_ok;
      const std::string hash = "hash-" + id;
      sql << "INSERT INTO tokens (id, token_hash, account, kind, issued_at, expires_at, "
             "revoked_at) VALUES (:i, :h, 'registrar.4501020001', 'session', :t, :e, :r)",
          soci::use(id), soci::use(hash), soci::use(issued), soci::use(expires, expiry),
          soci::use(revoked_at, revocation);
    }
  }

  bool token_kept(const std::string& id) {
    soci::session sql = session();
    int n = 0;
    sql << "SELECT COUNT(*) FROM tokens WHERE id = :i", soci::use(id), soci::into(n);
    return n == 1;
  }

  soci::session session() {
    return soci::session(GetParam() == "sqlite" ? "sqlite3" : "postgresql",
                         store::parse_database_url(url_)->connect);
  }

  bool kept(const std::string& key) {
    soci::session sql = session();
    int n = 0;
    sql << "SELECT COUNT(*) FROM idempotency_keys WHERE key = :k", soci::use(key), soci::into(n);
    return n == 1;
  }

  // A server on the store with `extra` in its configuration; its log.
  std::unique_ptr<ServeProcess> serve(const std::string& extra) {
    const std::string config = (dir_ / "xueji.yaml").string();
    std::ofstream(config) << "rules: " << project_path("workflows") << "\n"
                          << "calendars: " << project_path("config/calendars") << "\n"
                          << "orgs: " << project_path("config/demo/orgs.yaml") << "\n"
                          << "migrations: " << project_path("migrations") << "\n"
                          << "console: " << project_path("console") << "\n"
                          << extra;
    return ServeProcess::start({"--config", config, "--db", url_, "--listen", "127.0.0.1:0",
                                "--clock", "simulated", "--start", "2025-09-26T09:00:00+08:00"},
                               log_path());
  }

  std::string log_path() const { return (dir_ / "stderr").string(); }
  std::string log() const {
    std::stringstream text;
    text << std::ifstream(log_path()).rdbuf();
    return text.str();
  }

  std::string url_;
  fs::path dir_;
};

TEST_P(AnswerExpiryServe, AStartForgetsTheAnswersOlderThanTheDaysKept) {
  auto server = serve("idempotency_keep_days: 30\n");
  ASSERT_NE(server->port(), 0) << "the server stopped before listening";
  for (int i = 0; i < 100 && kept("answered-40"); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  EXPECT_FALSE(kept("answered-40"));
  EXPECT_TRUE(kept("answered-29"));
  EXPECT_EQ(server->stop(SIGTERM), 0);
  EXPECT_NE(log().find("\"msg\":\"old idempotency keys forgotten\",\"forgotten\":1"),
            std::string::npos)
      << log();
}

TEST_P(AnswerExpiryServe, WithoutTheSettingEveryAnswerIsKept) {
  auto server = serve("");
  ASSERT_NE(server->port(), 0) << "the server stopped before listening";
  EXPECT_EQ(server->stop(SIGTERM), 0);
  EXPECT_TRUE(kept("answered-40"));
  EXPECT_TRUE(kept("answered-29"));
  EXPECT_EQ(log().find("old idempotency keys"), std::string::npos) << log();
}

TEST_P(AnswerExpiryServe, AStartDeletesTheTokensThatEndedLongerAgoThanTheDaysKept) {
  auto server = serve("");  // token_keep_days: 30 unless set
  ASSERT_NE(server->port(), 0) << "the server stopped before listening";
  for (int i = 0; i < 100 && token_kept("expired-40"); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  EXPECT_FALSE(token_kept("expired-40"));
  EXPECT_FALSE(token_kept("revoked-31"));
  EXPECT_TRUE(token_kept("expired-29"));
  EXPECT_TRUE(token_kept("system"));
  EXPECT_EQ(server->stop(SIGTERM), 0);
  EXPECT_NE(log().find("\"msg\":\"ended tokens forgotten\",\"forgotten\":2"), std::string::npos)
      << log();
}

TEST_P(AnswerExpiryServe, WithTokenKeepDaysZeroEveryTokenIsKept) {
  auto server = serve("token_keep_days: 0\n");
  ASSERT_NE(server->port(), 0) << "the server stopped before listening";
  EXPECT_EQ(server->stop(SIGTERM), 0);
  for (const char* id : {"expired-40", "revoked-31", "expired-29", "system"}) {
    EXPECT_TRUE(token_kept(id)) << id;
  }
  EXPECT_EQ(log().find("ended tokens"), std::string::npos) << log();
}

INSTANTIATE_TEST_SUITE_P(Backends, AnswerExpiryServe, ::testing::Values("postgresql", "sqlite"),
                         backend_name);

}  // namespace
}  // namespace xueji::test
