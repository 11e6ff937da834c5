// `xueji migrate` on a fresh SQLite file, twice, and on a store that is not
// there.

#include <gtest/gtest.h>

#include <filesystem>

#include "tests/cli/run_command.h"

namespace xueji::test {
namespace {

TEST(MigrateCli, AppliesOnceThenNothing) {
  const auto dir =
      std::filesystem::temp_directory_path() / ("xueji-migrate-" + std::to_string(getpid()));
  std::filesystem::remove_all(dir);
  const std::string url = "sqlite:" + (dir / "sub" / "x.db").string();
  auto first = run_xueji({"migrate", "--db", url});
  EXPECT_EQ(first.status, 0) << first.err;
  // Every file under migrations/, once.
  size_t files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(
           std::filesystem::path(XUEJI_SOURCE_DIR) / "migrations")) {
    files += entry.path().extension() == ".sql" ? 1 : 0;
  }
  ASSERT_GE(files, 6u);
  EXPECT_EQ(first.out, "migrated: " + std::to_string(files) + " applied\n");
  auto second = run_xueji({"migrate", "--db", url});
  EXPECT_EQ(second.status, 0) << second.err;
  EXPECT_EQ(second.out, "migrated: 0 applied\n");
  std::filesystem::remove_all(dir);
}

TEST(MigrateCli, AnUnreachableStoreIsOneClearErrorAndStatusTwo) {
  auto r = run_xueji({"migrate", "--db", "postgresql://xueji@127.0.0.1:1/xueji"});
  EXPECT_EQ(r.status, 2);
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
  EXPECT_NE(r.err.find("cannot open the store at postgresql://xueji@127.0.0.1:1/xueji"),
            std::string::npos)
      << r.err;
  auto secret = run_xueji({"migrate", "--db", "postgresql://xueji:hunter2@127.0.0.1:1/xueji"});
  EXPECT_EQ(secret.status, 2);
  EXPECT_EQ(secret.err.find("hunter2"), std::string::npos) << secret.err;
  EXPECT_NE(secret.err.find("xueji:***@127.0.0.1:1"), std::string::npos) << secret.err;
  auto bad = run_xueji({"migrate", "--db", "oracle://x"});
  EXPECT_EQ(bad.status, 2);
  EXPECT_NE(bad.err.find("oracle://x"), std::string::npos);
}

}  // namespace
}  // namespace xueji::test
