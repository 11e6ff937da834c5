// A rule or calendar set's version depends on its files' names below their
// folder and their text, not on where the folder is: `xueji workflows
// check` in a deployment and the server that loaded the same files by an
// absolute path name the same version.

#include <gtest/gtest.h>

#include <filesystem>

#include <unistd.h>

#include "engine/calendar/calendar_loader.h"
#include "engine/core/files_version.h"
#include "engine/workflow/rule_loader.h"
#include "tests/engine/case_fixture.h"

namespace xueji::test {
namespace {

namespace fs = std::filesystem;

std::string version_of(const std::vector<std::pair<std::string, std::string>>& files) {
  std::vector<VersionedFile> versioned;
  for (const auto& [path, text] : files) versioned.push_back({path, text});
  return files_version(versioned);
}

TEST(FilesVersion, TheFolderTheFilesLieInDoesNotCount) {
  const std::string a = version_of({{"/srv/a/workflows/national/leave.yaml", "x"},
                                    {"/srv/a/workflows/provinces/450000/leave.yaml", "y"}});
  EXPECT_EQ(a, version_of({{"workflows/national/leave.yaml", "x"},
                           {"workflows/provinces/450000/leave.yaml", "y"}}));
  EXPECT_EQ(a, version_of({{"/usr/share/xueji/workflows/national/leave.yaml", "x"},
                           {"/usr/share/xueji/workflows/provinces/450000/leave.yaml", "y"}}));
  // A file's text, or its name below the folder, does.
  EXPECT_NE(a, version_of({{"/srv/a/workflows/national/leave.yaml", "x"},
                           {"/srv/a/workflows/provinces/450000/leave.yaml", "z"}}));
  EXPECT_NE(a, version_of({{"/srv/a/workflows/national/leave.yaml", "x"},
                           {"/srv/a/workflows/provinces/330000/leave.yaml", "y"}}));
  EXPECT_EQ(version_of({{"/a/one.yaml", "t"}}), version_of({{"b/one.yaml", "t"}}));
  EXPECT_NE(version_of({{"/a/one.yaml", "t"}}), version_of({{"/a/two.yaml", "t"}}));
}

TEST(FilesVersion, ACopyOfTheProjectsRulesAndCalendarsHasTheirVersions) {
  const fs::path copy = fs::temp_directory_path() / ("xueji-version-" + std::to_string(::getpid()));
  fs::remove_all(copy);
  fs::create_directories(copy);
  fs::copy(project_path("workflows"), copy / "workflows", fs::copy_options::recursive);
  fs::copy(project_path("config/calendars"), copy / "calendars", fs::copy_options::recursive);
  auto rules = load_rules(project_path("workflows"));
  auto copied_rules = load_rules((copy / "workflows").string());
  auto calendars = load_calendars(project_path("config/calendars"));
  auto copied_calendars = load_calendars((copy / "calendars").string());
  fs::remove_all(copy);
  ASSERT_TRUE(rules.ok() && copied_rules.ok() && calendars.ok() && copied_calendars.ok());
  EXPECT_EQ(rules->version(), copied_rules->version());
  EXPECT_EQ(calendars->version(), copied_calendars->version());
}

}  // namespace
}  // namespace xueji::test
