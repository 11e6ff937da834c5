// The store outlives a PostgreSQL restart: a connection whose server went
// away fails the operation in flight, and the next one reconnects, with
// its prepared statements made anew. Before, a routine restart or
// failover left every connection broken for the life of the process.

#include <gtest/gtest.h>

#include <cstdlib>

#include "tests/engine/case_fixture.h"
#include "tests/store/store_fixture.h"

namespace xueji::test {
namespace {

// Restarts the test cluster as a crash would (scripts/postgres-throwaway.sh).
void restart_postgresql() {
  const char* dir = std::getenv("XUEJI_TEST_POSTGRES_DIR");
  ASSERT_NE(dir, nullptr) << "XUEJI_TEST_POSTGRES_DIR is not set: run the tests with "
                             "scripts/test.sh";
  const std::string command =
      "bash " + project_path("scripts/postgres-throwaway.sh") + " restart " + dir;
  ASSERT_EQ(std::system(command.c_str()), 0);
}

// `operation` succeeds within two tries: the first may meet the broken
// connection, the second must find it mended.
template <typename Operation>
void succeeds_after_a_failure_at_most(Operation operation) {
  auto first = operation();
  if (first.ok()) return;
  EXPECT_EQ(first.error().code, "store_failed") << first.error().message;
  auto second = operation();
  EXPECT_TRUE(second.ok()) << second.error().message;
}

class Reconnect : public CaseFixture {};

TEST_F(Reconnect, JournalAndReadersServeAgainAfterARestart) {
  const std::string url = fresh_database("postgresql");
  auto store = open_migrated(url);
  ASSERT_TRUE(store != nullptr);
  auto pool = store::ConnectionPool::open(url, 1);
  ASSERT_TRUE(pool.ok());
  store::ReadModel reads(*pool);
  // Each connection has run and prepared its statements before the restart.
  ASSERT_TRUE(store->insert_student(make_student("4501020001", 5)).ok());
  ASSERT_TRUE(store->load_cases({"c1"}).ok());
  ASSERT_TRUE(reads.count_rows("students").ok());
  ASSERT_TRUE(reads.pending_page("4501020001", store::PageQuery{}).ok());  // a kept statement

  restart_postgresql();

  Transition opened;
  state_.id = "c1";
  OpenCase c;
  c.kind = "transfer";
  c.by = "4501030002";
  c.fields["to_school"] = "4501030002";
  c.student = make_student("4501020001", 5);
  opened = case_transition(0, open(c, at("2025-09-26T10:00:00+08:00")), state_);
  succeeds_after_a_failure_at_most([&] { return store->commit({opened}); });
  succeeds_after_a_failure_at_most([&] { return store->load_cases({"c1"}); });
  EXPECT_EQ(store->load_cases({"c1"})->at("c1"), state_);
  succeeds_after_a_failure_at_most([&] { return reads.count_rows("cases"); });
  EXPECT_EQ(*reads.count_rows("cases"), 1);
  // The page's kept statement is prepared anew on the new connection.
  succeeds_after_a_failure_at_most([&] { return reads.pending_page("4501020001", {}); });
  auto page = reads.pending_page("4501020001", {});
  ASSERT_TRUE(page.ok()) << page.error().message;
  ASSERT_EQ(page->rows.size(), 1U);
  EXPECT_EQ(page->rows[0].case_id, "c1");
  // Nothing was written twice or lost: the case's two events, once each.
  EXPECT_EQ(*reads.count_rows("case_events"), 2);
}

}  // namespace
}  // namespace xueji::test
