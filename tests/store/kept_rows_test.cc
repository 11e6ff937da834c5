// A page's query is prepared once per connection and kept, with its plan
// (adapters/store/kept_rows.h): it must answer each run with that run's
// values, read NULL as "", keep no more than its bound, and leave the
// writer's array statements their plan per execution.

#include <gtest/gtest.h>
#include <soci/soci.h>

#include <algorithm>

#include "adapters/store/array_statement.h"
#include "adapters/store/database.h"
#include "adapters/store/kept_rows.h"
#include "tests/store/store_fixture.h"

namespace xueji::test {
namespace {

using Rows = std::vector<std::vector<std::string>>;

Rows run(store::KeptRows& kept, const std::vector<std::string>& params) {
  Rows out;
  kept.run(params, [&out](const std::vector<std::string>& row) { out.push_back(row); });
  return out;
}

// A connection to a fresh database of `backend` holding four probe rows.
std::unique_ptr<store::Connection> probe_connection(const std::string& backend) {
  auto opened = store::Connection::open(fresh_database(backend));
  EXPECT_TRUE(opened.ok()) << opened.error().message;
  if (!opened.ok()) return nullptr;
  soci::session& sql = (*opened)->sql();
  sql << "CREATE TABLE kept_probe (k TEXT NOT NULL, v TEXT)";
  sql << "INSERT INTO kept_probe (k, v) VALUES ('a', 'a1'), ('a', 'a2'), ('a', NULL), "
         "('b', 'b1')";
  return std::move(*opened);
}

class KeptRowsTest : public BothBackends {
 protected:
  void SetUp() override {
    connection_ = probe_connection(GetParam());
    ASSERT_NE(connection_, nullptr);
  }
  std::unique_ptr<store::Connection> connection_;
};

constexpr const char* kByKey = "SELECT k, v FROM kept_probe WHERE k = :k ORDER BY v LIMIT 3";

TEST_P(KeptRowsTest, EachRunAnswersWithItsOwnValues) {
  store::KeptRows* kept = connection_->kept_rows(kByKey, 1, 2);
  ASSERT_NE(kept, nullptr);
  // NULL sorts first on SQLite, last on PostgreSQL: compared as sets.
  Rows a = run(*kept, {"a"});
  std::sort(a.begin(), a.end());
  EXPECT_EQ(a, (Rows{{"a", ""}, {"a", "a1"}, {"a", "a2"}}));
  EXPECT_EQ(run(*kept, {"b"}), (Rows{{"b", "b1"}}));
  EXPECT_EQ(run(*kept, {"c"}), Rows{});
  // The same text is the same kept statement, and it still answers.
  EXPECT_EQ(connection_->kept_rows(kByKey, 1, 2), kept);
  EXPECT_EQ(run(*kept, {"b"}), (Rows{{"b", "b1"}}));
  EXPECT_THROW(run(*kept, {"a", "b"}), std::logic_error);
}

TEST_P(KeptRowsTest, KeepsNoMoreThanItsBound) {
  // A page's limit is in its text: a caller varying it must not fill the
  // server with statements.
  auto text = [](size_t n) {
    return "SELECT k, v FROM kept_probe WHERE k = :k ORDER BY k LIMIT " + std::to_string(n);
  };
  for (size_t n = 1; n <= store::Connection::kKeptRowsLimit; ++n) {
    ASSERT_NE(connection_->kept_rows(text(n), 1, 2), nullptr) << n;
  }
  EXPECT_EQ(connection_->kept_rows(text(store::Connection::kKeptRowsLimit + 1), 1, 2), nullptr);
  store::KeptRows* first = connection_->kept_rows(text(1), 1, 2);
  ASSERT_NE(first, nullptr);
  EXPECT_EQ(run(*first, {"b"}).size(), 1U);
  // Past the bound a read still answers, run once.
  Rows once;
  store::run_kept(*connection_, text(store::Connection::kKeptRowsLimit + 1), {"a"}, 2,
                  [&once](const std::vector<std::string>& row) { once.push_back(row); });
  EXPECT_EQ(once.size(), 3U);
  if (GetParam() == "postgresql") {
    long long prepared = 0;
    connection_->sql() << "SELECT COUNT(*) FROM pg_prepared_statements", soci::into(prepared);
    EXPECT_EQ(prepared, static_cast<long long>(store::Connection::kKeptRowsLimit));
  }
}

INSTANTIATE_TEST_SUITE_P(Backends, KeptRowsTest, ::testing::Values("postgresql", "sqlite"),
                         backend_name);

// Plans are PostgreSQL's: SQLite keeps its prepared statement alone.
TEST(KeptRowsOnPostgreSQL, KeptReadsKeepTheirPlanAndArrayStatementsArePlannedByKey) {
  auto connection = probe_connection("postgresql");
  ASSERT_NE(connection, nullptr);
  store::KeptRows* kept = connection->kept_rows(kByKey, 1, 2);
  ASSERT_NE(kept, nullptr);
  for (int i = 0; i < 10; ++i) run(*kept, {i % 2 == 0 ? "a" : "b"});
  EXPECT_EQ(*connection->setting("plan_cache_mode"), "auto");
  // PostgreSQL plans five runs with their values, then keeps one plan that
  // costs no more.
  long long generic = 0;
  connection->sql() << "SELECT COALESCE(MAX(generic_plans), 0) FROM pg_prepared_statements",
      soci::into(generic);
  EXPECT_GT(generic, 0);

  std::vector<std::string> keys{"c"}, values{"c1"};
  connection
      ->array_statement(
          "INSERT INTO kept_probe (k, v) SELECT * FROM unnest(CAST(:p0 AS text[]), "
          "CAST(:p1 AS text[]))",
          2)
      .execute({{&keys}, {&values}});
  EXPECT_EQ(*connection->setting("plan_cache_mode"), "force_generic_plan");
  EXPECT_EQ(*connection->setting("enable_seqscan"), "off");
  EXPECT_EQ(run(*connection->kept_rows(kByKey, 1, 2), {"c"}), (Rows{{"c", "c1"}}));
  EXPECT_EQ(*connection->setting("plan_cache_mode"), "auto");
  // The kept read's plan may scan: the writer's settings are not left behind.
  EXPECT_EQ(*connection->setting("enable_seqscan"), "on");
}

// A kept read planned as its caller says (a list's page: by key, one plan
// made without its values and kept from the first run); one without
// parameters leaves the connection's mode as it is, having one plan in
// every mode (the audit head's read between the writer's batches).
TEST(KeptRowsOnPostgreSQL, AReadIsPlannedAsAskedAndOneWithoutParametersSwitchesNothing) {
  auto connection = probe_connection("postgresql");
  ASSERT_NE(connection, nullptr);
  store::KeptRows* kept = connection->kept_rows(kByKey, 1, 2, store::Connection::Plans::by_key);
  ASSERT_NE(kept, nullptr);
  EXPECT_EQ(*connection->setting("plan_cache_mode"), "force_generic_plan");
  EXPECT_EQ(*connection->setting("enable_seqscan"), "off");
  for (int i = 0; i < 3; ++i) EXPECT_EQ(run(*kept, {"b"}), (Rows{{"b", "b1"}}));
  long long custom = -1, generic = 0;
  connection->sql() << "SELECT COALESCE(MAX(custom_plans), 0), COALESCE(MAX(generic_plans), 0) "
                       "FROM pg_prepared_statements",
      soci::into(custom), soci::into(generic);
  EXPECT_EQ(custom, 0);
  EXPECT_EQ(generic, 3);

  Rows head;
  store::run_kept(*connection, "SELECT k, v FROM kept_probe WHERE k = 'b'", {}, 2,
                  [&head](const std::vector<std::string>& row) { head.push_back(row); });
  EXPECT_EQ(head, (Rows{{"b", "b1"}}));
  EXPECT_EQ(*connection->setting("plan_cache_mode"), "force_generic_plan");
  // One with parameters switches to the mode it is run under.
  store::run_kept(*connection, kByKey, {"b"}, 2, [](const std::vector<std::string>&) {});
  EXPECT_EQ(*connection->setting("plan_cache_mode"), "auto");
}

}  // namespace
}  // namespace xueji::test
