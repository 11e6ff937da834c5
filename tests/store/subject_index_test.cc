// A student's cases, open or closed, are found by an index on both
// backends (migration 0030): the record route, a deferral's or a leave's
// opening and the termly check read them on every request, and without
// the index each read scanned the whole table, which grows with every case
// ever opened (177 ms at 200,000 cases on PostgreSQL).

#include <gtest/gtest.h>
#include <soci/soci.h>

#include <string>

#include "adapters/store/database.h"
#include "adapters/store/read_model.h"
#include "tests/store/store_fixture.h"

namespace xueji::test {
namespace {

class SubjectIndex : public BothBackends {};

// The plan of case_states_of's statement for one subject, as text.
std::string plan_of_subject_read(soci::session& sql, const std::string& backend) {
  std::string query = store::kCasesOfSubject;
  const auto at = query.find(":s");
  query.replace(at, 2, "'G450102201009010011'");
  std::string plan, line;
  if (backend == "sqlite") {
    // id, parent, unused, detail: the detail says SCAN or SEARCH and how.
    soci::rowset<soci::row> rows = (sql.prepare << "EXPLAIN QUERY PLAN " << query);
    for (const auto& r : rows) plan += r.get<std::string>(3) + "\n";
  } else {
    // The planner may scan a small table whole when it may: forbidden
    // here, it must name an index that can serve the read, if one exists.
    sql << "SET enable_seqscan = off";
    soci::rowset<std::string> rows = (sql.prepare << "EXPLAIN " << query);
    for (const auto& l : rows) plan += l + "\n";
  }
  return plan;
}

TEST_P(SubjectIndex, AStudentsCasesAreFoundByIndexNotByReadingTheWholeTable) {
  const std::string url = fresh_demo_database(GetParam());
  auto connection = store::Connection::open(url);
  ASSERT_TRUE(connection.ok()) << connection.error().message;
  const std::string plan = plan_of_subject_read((*connection)->sql(), GetParam());
  EXPECT_NE(plan.find("cases_subject"), std::string::npos) << plan;
  // Ordered by the index, not sorted after.
  EXPECT_EQ(plan.find("Sort"), std::string::npos) << plan;
  EXPECT_EQ(plan.find("TEMP B-TREE"), std::string::npos) << plan;
}

INSTANTIATE_TEST_SUITE_P(Backends, SubjectIndex, ::testing::Values("postgresql", "sqlite"),
                         backend_name);

}  // namespace
}  // namespace xueji::test
