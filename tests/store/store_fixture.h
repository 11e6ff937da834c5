#pragma once
// The store under test, on a real database: PostgreSQL at
// XUEJI_TEST_POSTGRES_URL (scripts/test.sh starts a throwaway cluster and
// sets it), or a fresh SQLite file. Each test starts from an empty, migrated
// schema.

#include <gtest/gtest.h>
#include <soci/soci.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>

#include "adapters/store/database.h"
#include "engine/org/org_tree.h"
#include "tests/engine/test_data.h"
#include "tests/store/test_store.h"

namespace xueji::test {

inline std::string postgres_url() {
  const char* url = std::getenv("XUEJI_TEST_POSTGRES_URL");
  return url == nullptr ? std::string() : std::string(url);
}

// A fresh database URL for `backend` ("postgresql" or "sqlite"), emptied.
inline std::string fresh_database(const std::string& backend) {
  if (backend == "sqlite") {
    static int n = 0;
    const auto path =
        std::filesystem::temp_directory_path() /
        ("xueji-test-" + std::to_string(getpid()) + "-" + std::to_string(n++) + ".db");
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path.string() + suffix);
    return "sqlite:" + path.string();
  }
  const std::string url = postgres_url();
  if (url.empty()) {
    ADD_FAILURE() << "XUEJI_TEST_POSTGRES_URL is not set: run the tests with scripts/test.sh, "
                     "which starts a throwaway PostgreSQL";
    return url;
  }
  soci::session sql("postgresql", store::parse_database_url(url)->connect);
  sql << "SET client_min_messages TO WARNING";
  sql << "DROP SCHEMA IF EXISTS public CASCADE";
  sql << "CREATE SCHEMA public";
  return url;
}

inline std::unique_ptr<TestStore> open_migrated(const std::string& url) {
  auto s = TestStore::open(url);
  EXPECT_TRUE(s.ok()) << (s.ok() ? "" : s.error().message);
  if (!s.ok()) return nullptr;
  auto applied = (*s)->migrate(project_path("migrations"));
  EXPECT_TRUE(applied.ok()) << (applied.ok() ? "" : applied.error().message);
  return std::move(*s);
}

// Seeds the demo org tree (config/demo/orgs.yaml) into a migrated store.
inline void seed_demo_orgs(TestStore& store) {
  auto orgs = load_org_file(project_path("config/demo/orgs.yaml"));
  ASSERT_TRUE(orgs.ok()) << orgs.error().message;
  ASSERT_TRUE(store.seed_orgs(*orgs).ok());
}

// A fresh, migrated database for `backend` holding the demo org tree: what
// the command-line tools are run against.
inline std::string fresh_demo_database(const std::string& backend) {
  const std::string url = fresh_database(backend);
  auto store = open_migrated(url);
  EXPECT_TRUE(store != nullptr);
  if (store != nullptr) seed_demo_orgs(*store);
  return url;
}

class BothBackends : public ::testing::TestWithParam<std::string> {};

inline std::string backend_name(const ::testing::TestParamInfo<std::string>& info) {
  return info.param;
}

}  // namespace xueji::test
