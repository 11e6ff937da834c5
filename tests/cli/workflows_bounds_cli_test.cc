// `xueji workflows check` refuses an overlay outside the national bounds
// (issue 16): file:line, the bound and its article, exit status 2, and
// accepts the same directory once the overlay keeps inside them.

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "tests/cli/run_command.h"

namespace xueji::test {
namespace {

namespace fs = std::filesystem;

class WorkflowsBoundsCli : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("xueji-wf-bounds-" + std::to_string(getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_ / "provinces/330000");
    fs::copy(fs::path(XUEJI_SOURCE_DIR) / "workflows/national", dir_ / "national");
  }
  void TearDown() override { fs::remove_all(dir_); }

  void write_overlay(const std::string& deadline) {
    std::ofstream(dir_ / "provinces/330000/transfer.yaml")
        << "# Zhejiang (330000): an overlay outside Art. 15.\n"
           "# Eight lines before the step, as in the issue.\n"
           "#\n"
           "#\n"
           "province: \"330000\"\n"
           "kind: transfer\n"
           "note: test\n"
           "steps:\n"
           "  sending_school: {deadline: {working_days: "
        << deadline << "}}\n";
  }

  fs::path dir_;
};

TEST_F(WorkflowsBoundsCli, RefusesAnOverlayBeyondTheNationalBound) {
  write_overlay("120");
  auto r = run_xueji({"workflows", "check", dir_.string()});
  EXPECT_EQ(r.status, 2);
  EXPECT_EQ(r.out, "");
  EXPECT_NE(r.err.find((dir_ / "provinces/330000/transfer.yaml").string() +
                       ":9: sending_school's deadline 120 working days exceeds the national "
                       "bound of 10 working days (Art. 15)"),
            std::string::npos)
      << r.err;
}

TEST_F(WorkflowsBoundsCli, AcceptsTheOverlayInsideTheBound) {
  write_overlay("10");
  auto r = run_xueji({"workflows", "check", dir_.string()});
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out.rfind("ok ", 0), 0u) << r.out;
}

}  // namespace
}  // namespace xueji::test
