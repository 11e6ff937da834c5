// How PostgreSQL plans the journal's statements by key: the writer's batch
// statements (batch_rows.cc) and the directory's load of cases by id,
// once, without their values, kept for the connection's life; and every
// plan reaches its rows through their keys, whatever the tables held when
// it was made. A generic plan made on empty tables once stayed a
// sequential scan as they grew (docs/performance.md, session 3): here the
// tables are empty, the worst case.

#include <gtest/gtest.h>
#include <soci/soci.h>

#include <string>
#include <vector>

#include "tests/store/case_steps.h"
#include "tests/store/store_fixture.h"

namespace xueji::test {
namespace {

struct KeptStatement {
  std::string name, text;
  long long generic_plans = 0, custom_plans = 0;
  int parameters = 0;
};

class JournalPlans : public CaseSteps {
 protected:
  void SetUp() override {
    store_ = open_migrated(fresh_database("postgresql"));
    ASSERT_NE(store_, nullptr);
  }

  soci::session& sql() { return store_->journal().connection().sql(); }

  // The statements the journal's connection holds prepared whose text
  // starts with `start`.
  std::vector<KeptStatement> prepared(const std::string& start) {
    std::vector<KeptStatement> out;
    const std::string like = start + "%";
    soci::rowset<soci::row> rows =
        (sql().prepare << "SELECT name, statement, generic_plans, custom_plans, "
                          "cardinality(parameter_types) FROM pg_prepared_statements "
                          "WHERE statement LIKE :s ORDER BY name",
         soci::use(like));
    for (const auto& r : rows) {
      out.push_back(KeptStatement{r.get<std::string>(0), r.get<std::string>(1), r.get<long long>(2),
                                  r.get<long long>(3), r.get<int>(4)});
    }
    return out;
  }

  // The plan the connection would run `s` with now (empty arrays: the plan
  // is the kept one, whatever the values).
  std::string plan_of(const KeptStatement& s) {
    std::string nulls;
    for (int i = 0; i < s.parameters; ++i) nulls += i == 0 ? "NULL" : ", NULL";
    std::string plan;
    soci::rowset<std::string> lines =
        (sql().prepare << "EXPLAIN EXECUTE " + s.name + "(" + nulls + ")");
    for (const auto& line : lines) plan += line + "\n";
    return plan;
  }

  static void expect_by_key(const std::string& plan) {
    for (const char* scan : {"Seq Scan", "Hash Join", "Merge Join"}) {
      EXPECT_EQ(plan.find(scan), std::string::npos) << scan << " in\n" << plan;
    }
  }

  std::vector<KeptStatement> batch_statements() { return prepared("WITH new_events"); }

  std::unique_ptr<TestStore> store_;
};

TEST_F(JournalPlans, KeptOnceAndReadingStudentsAndAnswersByKeyOnEmptyTables) {
  const Student s = student("4501020001", 5);
  ASSERT_TRUE(store_->insert_student(s).ok());
  // An opening moves its student and records its request's first answer:
  // the statement that updates. A decision moves nobody: the one that only
  // inserts. Each twice, so that each could have been planned anew.
  Transition opening = step(transfer_to_4501030002(s), at("2025-09-26T10:00:00+08:00"));
  opening.answer = RecordedAnswer{"key-1", 201, "application/json", "{}"};
  ASSERT_FALSE(opening.student_changes.empty());
  ASSERT_TRUE(store_->commit({opening}).ok());
  ASSERT_TRUE(store_
                  ->commit({step(DecideStep{"sending_school", "4501020001", "approve", "同意"},
                                 at("2025-10-09T09:00:00+08:00"))})
                  .ok());
  auto timer = state_.next_timer();
  ASSERT_TRUE(timer.has_value());
  const CaseCommand due = timer->kind == DueTimer::Kind::reminder
                              ? CaseCommand(ReminderDue{timer->step, timer->at})
                              : CaseCommand(DeadlineReached{timer->step, timer->at});
  ASSERT_TRUE(store_->commit({step(due, timer->at)}).ok());

  auto statements = batch_statements();
  ASSERT_EQ(statements.size(), 2u);
  bool updating_seen = false;
  for (const auto& statement : statements) {
    SCOPED_TRACE(statement.text.substr(0, 120));
    EXPECT_EQ(statement.custom_plans, 0);
    EXPECT_GE(statement.generic_plans, 1);
    const std::string plan = plan_of(statement);
    expect_by_key(plan);
    if (statement.text.find("moved_students") == std::string::npos) continue;
    updating_seen = true;
    EXPECT_NE(plan.find("Index Scan using students_pkey on students"), std::string::npos) << plan;
    EXPECT_NE(plan.find("Index Scan using idempotency_keys_pkey on idempotency_keys"),
              std::string::npos)
        << plan;
  }
  EXPECT_TRUE(updating_seen);

  // New statistics that say the tables are tiny make PostgreSQL plan again:
  // still by key.
  sql() << "ANALYZE students";
  sql() << "ANALYZE idempotency_keys";
  for (const auto& statement : batch_statements()) expect_by_key(plan_of(statement));
  EXPECT_EQ(*store_->server_setting("enable_seqscan"), "off");
}

TEST_F(JournalPlans, TheDirectorysLoadIsKeptAndReadsCasesByKeyOnAnEmptyTable) {
  const Student s = student("4501020001", 5);
  ASSERT_TRUE(store_->insert_student(s).ok());
  ASSERT_TRUE(
      store_->commit({step(transfer_to_4501030002(s), at("2025-09-26T10:00:00+08:00"))}).ok());
  for (int i = 0; i < 3; ++i) {
    auto loaded = store_->journal().load_cases({"c1", "nope"});
    ASSERT_TRUE(loaded.ok()) << loaded.error().message;
    EXPECT_EQ(loaded->size(), 1u);
    EXPECT_EQ(loaded->count("c1"), 1u);
  }
  auto loads = prepared("SELECT id, snapshot FROM cases");
  ASSERT_EQ(loads.size(), 1u);
  EXPECT_EQ(loads[0].custom_plans, 0);
  EXPECT_GE(loads[0].generic_plans, 3);
  const std::string plan = plan_of(loads[0]);
  expect_by_key(plan);
  // An index scan, or a bitmap of the index for the ten ids it guesses.
  EXPECT_NE(plan.find("cases_pkey"), std::string::npos) << plan;
}

// The journal's reads, on the same connection (a command line's journal
// both commits and reads), are planned with their values, scans allowed.
TEST_F(JournalPlans, ReadsAfterACommitArePlannedWithTheirValues) {
  const Student s = student("4501020001", 5);
  ASSERT_TRUE(store_->insert_student(s).ok());
  ASSERT_TRUE(
      store_->commit({step(transfer_to_4501030002(s), at("2025-09-26T10:00:00+08:00"))}).ok());
  EXPECT_EQ(*store_->server_setting("plan_cache_mode"), "force_generic_plan");
  auto loaded = store_->journal().load_students({s.registration_number});
  ASSERT_TRUE(loaded.ok()) << loaded.error().message;
  EXPECT_EQ(loaded->size(), 1u);
  EXPECT_EQ(*store_->server_setting("plan_cache_mode"), "force_custom_plan");
  for (const char* planner : {"enable_seqscan", "enable_hashjoin", "enable_mergejoin"}) {
    EXPECT_EQ(*store_->server_setting(planner), "on") << planner;
  }
}

}  // namespace
}  // namespace xueji::test
