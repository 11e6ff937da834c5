#pragma once
// The store under test, on a real database: PostgreSQL at
// XUEJI_TEST_POSTGRES_URL (scripts/test.sh starts a throwaway cluster and
// sets it), or a fresh SQLite file. Each test starts from an empty, migrated
// schema.

#include <fcntl.h>
#include <gtest/gtest.h>
#include <soci/soci.h>
#include <sys/file.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "adapters/store/database.h"
#include "engine/org/org_tree.h"
#include "tests/engine/test_data.h"
#include "tests/scratch_paths.h"
#include "tests/store/test_store.h"

namespace xueji::test {

// The test programs run side by side (ctest -j2), and each test empties its
// database's schema first; so a process holds one of kPostgresSlots
// databases beside XUEJI_TEST_POSTGRES_URL's, <name>_slot<k>, for its
// lifetime, by an exclusive lock on a file named after the cluster and the
// slot. It takes the first slot no other process holds, or waits for one;
// the lock dies with the process, however it ends. The slot's database is
// created the first time any process holds it.
constexpr int kPostgresSlots = 4;

inline std::string postgres_slot_url(const std::string& url) {
  const std::string base = url.substr(0, url.find('?'));
  const std::string options = url.size() > base.size() ? url.substr(base.size()) : "";
  const auto slash = base.rfind('/');
  if (slash == std::string::npos) return url;
  const std::string name = base.substr(slash + 1);
  const std::string tag = std::to_string(std::hash<std::string>{}(base));
  auto lock_path = [&](int slot) {
    return (std::filesystem::temp_directory_path() /
            ("xueji-test-postgres-" + tag + "-slot" + std::to_string(slot) + ".lock"))
        .string();
  };
  int slot = -1;
  int fd = -1;
  for (int k = 0; k < kPostgresSlots && slot < 0; ++k) {
    fd = ::open(lock_path(k).c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0666);
    if (fd >= 0 && ::flock(fd, LOCK_EX | LOCK_NB) == 0)
      slot = k;
    else if (fd >= 0)
      ::close(fd);
  }
  if (slot < 0) {
    slot = static_cast<int>(getpid() % kPostgresSlots);
    fd = ::open(lock_path(slot).c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0666);
    if (fd < 0 || ::flock(fd, LOCK_EX) != 0) {
      ADD_FAILURE() << "cannot lock " << lock_path(slot) << ": " << std::strerror(errno);
      return url;
    }
  }
  // Held until the process ends: fd is never closed.
  const std::string ours = name + "_slot" + std::to_string(slot);
  soci::session sql("postgresql", store::parse_database_url(url)->connect);
  int present = 0;
  sql << "SELECT COUNT(*) FROM pg_database WHERE datname = :n", soci::use(ours),
      soci::into(present);
  if (present == 0) sql << "CREATE DATABASE \"" + ours + "\"";
  return base.substr(0, slash + 1) + ours + options;
}

inline std::string postgres_url() {
  static const std::string url = [] {
    const char* given = std::getenv("XUEJI_TEST_POSTGRES_URL");
    return given == nullptr || *given == '\0' ? std::string() : postgres_slot_url(given);
  }();
  return url;
}

// A fresh database URL for `backend` ("postgresql" or "sqlite"), emptied.
inline std::string fresh_database(const std::string& backend) {
  if (backend == "sqlite") {
    static int n = 0;
    const auto path =
        std::filesystem::temp_directory_path() /
        ("xueji-test-" + std::to_string(getpid()) + "-" + std::to_string(n++) + ".db");
    for (const char* suffix : {"", "-wal", "-shm"}) {
      std::filesystem::remove(path.string() + suffix);
      remove_at_exit(path.string() + suffix);
    }
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

// The numbers of `students` whose school's code begins with `prefix`, in
// order: what a roster of the demo tree's subtree holds (a province's
// schools carry its first two digits, a city's four, a county's six).
inline std::vector<std::string> numbers_at_schools_under(const std::vector<Student>& students,
                                                         const std::string& prefix) {
  std::vector<std::string> numbers;
  for (const auto& s : students) {
    if (s.school.rfind(prefix, 0) == 0) numbers.push_back(s.registration_number);
  }
  std::sort(numbers.begin(), numbers.end());
  return numbers;
}

class BothBackends : public ::testing::TestWithParam<std::string> {};

inline std::string backend_name(const ::testing::TestParamInfo<std::string>& info) {
  return info.param;
}

}  // namespace xueji::test
