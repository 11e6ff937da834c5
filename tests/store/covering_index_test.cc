// Issue 17: a page of a pending or overdue list is read from its index
// alone (migrations 0027, 0029, 0034 and 0035). That holds only while the index
// carries every column the page selects: a column added to
// kActiveStepColumns but not to these indexes would send every page row
// back to the table, and the page would silently cost what it did before
// (docs/performance.md, "Pages from their index alone").

#include <gtest/gtest.h>
#include <soci/soci.h>

#include <algorithm>
#include <sstream>
#include <string>
#include <vector>

#include "adapters/store/database.h"
#include "adapters/store/read_model.h"
#include "tests/store/store_fixture.h"

namespace xueji::test {
namespace {

class CoveringIndex : public BothBackends {};

std::vector<std::string> split_columns(const std::string& list) {
  std::vector<std::string> out;
  std::stringstream in(list);
  std::string column;
  while (std::getline(in, column, ',')) {
    const auto first = column.find_first_not_of(" \n\t");
    const auto last = column.find_last_not_of(" \n\t");
    if (first != std::string::npos) out.push_back(column.substr(first, last - first + 1));
  }
  return out;
}

// The key columns of index `name` on `backend`, as its definition names them.
std::vector<std::string> index_columns(soci::session& sql, const std::string& backend,
                                       const std::string& name) {
  std::string definition;
  soci::indicator none = soci::i_ok;
  if (backend == "sqlite") {
    sql << "SELECT sql FROM sqlite_master WHERE type = 'index' AND name = :n", soci::use(name),
        soci::into(definition, none);
  } else {
    sql << "SELECT indexdef FROM pg_indexes WHERE indexname = :n", soci::use(name),
        soci::into(definition, none);
  }
  const auto open = definition.find('(');
  const auto close = definition.find(')', open);
  if (open == std::string::npos || close == std::string::npos) return {};
  return split_columns(definition.substr(open + 1, close - open - 1));
}

TEST_P(CoveringIndex, EachListIndexCarriesEveryColumnItsPageSelects) {
  const std::string url = fresh_demo_database(GetParam());
  auto connection = store::Connection::open(url);
  ASSERT_TRUE(connection.ok()) << connection.error().message;
  soci::session& sql = (*connection)->sql();
  std::vector<std::string> selected = split_columns(store::kActiveStepColumns);
  ASSERT_EQ(selected.size(), 7u);  // the split itself works
  // The pages' predicate names status too: SQLite reads the table for it
  // unless the index holds it.
  selected.push_back("status");
  // Each index by the columns it is read in order of, first.
  const std::vector<std::pair<std::string, std::vector<std::string>>> indexes = {
      {"cases_pending_org", {"active_org", "holder_due", "id"}},
      {"cases_pending_held", {"holder", "holder_due", "id"}},
      {"cases_overdue_org", {"active_org", "active_due", "id"}},
      {"cases_overdue_authority", {"active_authority", "active_due", "id"}},
      {"cases_follow_ups_authority", {"active_authority", "active_due", "id"}},
      // The ministry's ledger looks each step's authority up as well.
      {"cases_follow_ups",
       {"active_due", "id", "kind", "active_step", "active_org", "holder", "holder_due", "status",
        "active_authority"}}};
  for (const auto& [name, order] : indexes) {
    const std::vector<std::string> columns = index_columns(sql, GetParam(), name);
    ASSERT_GE(columns.size(), order.size()) << name << " is missing";
    EXPECT_EQ(std::vector<std::string>(columns.begin(), columns.begin() + order.size()), order)
        << name << ": the page's order must come first";
    for (const auto& column : selected) {
      EXPECT_NE(std::find(columns.begin(), columns.end(), column), columns.end())
          << name << " lacks " << column << ": its page would read the table";
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Backends, CoveringIndex, ::testing::Values("postgresql", "sqlite"),
                         backend_name);

}  // namespace
}  // namespace xueji::test
