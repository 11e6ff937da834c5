// A database made by an earlier schema and an earlier build: today's code
// migrates it, reads its cases and carries them on. The fixture
// (fixtures/schema3_open_transfer.sql) holds rows as the code of migrations
// 0001-0003 wrote them, snapshot bytes included; if a later change to the
// snapshot format or the schema forgets its upgrade path, this fails.

#include <gtest/gtest.h>
#include <soci/soci.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "adapters/store/migrator.h"
#include "adapters/wiring/sql_runtime.h"
#include "engine/case/decider.h"
#include "tests/engine/case_fixture.h"
#include "tests/scratch_paths.h"
#include "tests/store/store_fixture.h"

namespace xueji::test {
namespace {

namespace fs = std::filesystem;

// The migrations as they stood when the fixture was made.
std::string first_three_migrations() {
  const fs::path dir = fs::temp_directory_path() / ("xueji-migrations-" + std::to_string(getpid()));
  fs::create_directories(dir);
  remove_at_exit(dir);
  for (const auto& entry : fs::directory_iterator(project_path("migrations"))) {
    const std::string name = entry.path().filename().string();
    if (name < "0004")
      fs::copy_file(entry.path(), dir / name, fs::copy_options::overwrite_existing);
  }
  return dir.string();
}

void load_fixture(const std::string& url) {
  std::ifstream in(project_path("tests/store/fixtures/schema3_open_transfer.sql"));
  ASSERT_TRUE(in.good());
  soci::session sql(url.rfind("sqlite:", 0) == 0 ? "sqlite3" : "postgresql",
                    store::parse_database_url(url)->connect);
  for (std::string line; std::getline(in, line);) {
    if (line.empty() || line.rfind("--", 0) == 0) continue;
    sql << line;
  }
}

using SchemaUpgrade = BothBackends;

TEST_P(SchemaUpgrade, ACaseFromTheThirdSchemaCarriesOn) {
  const std::string url = fresh_database(GetParam());
  {
    auto connection = store::Connection::open(url);
    ASSERT_TRUE(connection.ok()) << connection.error().message;
    auto applied = store::migrate(**connection, first_three_migrations());
    ASSERT_TRUE(applied.ok()) << applied.error().message;
    EXPECT_EQ(*applied, 3);
  }
  load_fixture(url);

  auto clock = std::make_shared<VirtualClock>(at("2025-09-29T09:00:00+08:00"));
  auto data = load_domain(DomainPaths::under(XUEJI_SOURCE_DIR), clock);
  ASSERT_TRUE(data.ok()) << data.error().message;
  auto runtime = start_sql_runtime(SqlRuntimeOptions{url, project_path("migrations")}, *data);
  ASSERT_TRUE(runtime.ok()) << runtime.error().message;

  auto store = TestStore::open(url);
  ASSERT_TRUE(store.ok());
  const std::string id = "C593b38f20feeb42c";
  auto loaded = (*store)->load_case(id);
  ASSERT_TRUE(loaded.ok()) << loaded.error().message;
  ASSERT_TRUE(loaded->has_value());
  // The old snapshot says what the old events say.
  auto events = (*store)->load_events(id);
  ASSERT_TRUE(events.ok());
  EXPECT_EQ(**loaded, replay(id, *events));
  EXPECT_EQ((*loaded)->active()->plan.step, "sending_school");
  // Its timer is armed from the old row, and the case takes the next step.
  EXPECT_EQ((*runtime)->stats().pending_timers, 1u);
  auto decided = (*runtime)->request(id, DecideStep{"sending_school", "4501020001", "approve", ""});
  ASSERT_TRUE(decided.ok) << decided.error.message;
  EXPECT_EQ(decided.state.active()->plan.step, "sending_county");
  EXPECT_EQ((*(*store)->find_student("G450102201309150019"))->status,
            StudentStatus::transfer_pending);
}

// A store a newer Xueji migrated (a package downgraded over it): refused,
// naming both versions, and not one row of it changed.
TEST_P(SchemaUpgrade, AStoreANewerXuejiMigratedIsRefusedUntouched) {
  const std::string url = fresh_database(GetParam());
  auto connection = store::Connection::open(url);
  ASSERT_TRUE(connection.ok()) << connection.error().message;
  ASSERT_TRUE(store::migrate(**connection, project_path("migrations")).ok());
  (*connection)->sql() << "INSERT INTO schema_migrations (version, name) "
                          "VALUES (9000, '9000_from_a_newer_xueji.sql')";
  long long before = 0;
  (*connection)->sql() << "SELECT COUNT(*) FROM schema_migrations", soci::into(before);

  auto refused = store::migrate(**connection, project_path("migrations"));
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.error().message.find("schema version 9000, newer than this Xueji knows"),
            std::string::npos)
      << refused.error().message;
  long long after = 0;
  (*connection)->sql() << "SELECT COUNT(*) FROM schema_migrations", soci::into(after);
  EXPECT_EQ(after, before);
}

INSTANTIATE_TEST_SUITE_P(Backends, SchemaUpgrade, ::testing::Values("postgresql", "sqlite"),
                         backend_name);

}  // namespace
}  // namespace xueji::test
