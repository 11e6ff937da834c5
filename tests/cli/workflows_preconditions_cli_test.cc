// `xueji workflows check` on an overlay's added preconditions (issue 16,
// "Bounds"; docs/workflows.md, "Preconditions an overlay may add"): an
// unknown predicate, a bad parameter and one that would loosen a national
// precondition are refused with file:line and exit status 2; the shipped
// Zhejiang example is accepted and `workflows show` lists it.

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "tests/cli/run_command.h"

namespace xueji::test {
namespace {

namespace fs = std::filesystem;

class WorkflowsPreconditionsCli : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("xueji-wf-pre-" + std::to_string(getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_ / "provinces/330000");
    fs::copy(fs::path(XUEJI_SOURCE_DIR) / "workflows/national", dir_ / "national");
  }
  void TearDown() override { fs::remove_all(dir_); }

  // Checks an overlay of `kind` whose precondition list is `entries`; the
  // first entry is on line 5.
  CommandResult check(const std::string& kind, const std::string& entries) {
    std::ofstream(dir_ / "provinces/330000" / (kind + ".yaml"))
        << "# Zhejiang (330000): a precondition under test.\n"
           "province: \"330000\"\n"
           "kind: "
        << kind << "\npreconditions:\n"
        << entries;
    return run_xueji({"workflows", "check", dir_.string()});
  }

  std::string file(const std::string& kind) const {
    return (dir_ / "provinces/330000" / (kind + ".yaml")).string();
  }

  fs::path dir_;
};

TEST_F(WorkflowsPreconditionsCli, RefusesAnUnknownPredicate) {
  auto r = check("transfer", "  - {no_transfer_on_fridays: true, article: Art. 15}\n");
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find(file("transfer") + ":5: unknown precondition 'no_transfer_on_fridays'"),
            std::string::npos)
      << r.err;
}

TEST_F(WorkflowsPreconditionsCli, RefusesABadParameter) {
  auto r = check("transfer",
                 "  - not_in_final_term_of_graduating_grade: {spring_term_from: \"2026-02-01\"}\n"
                 "    article: Art. 15\n");
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find(file("transfer") + ":5: spring_term_from '2026-02-01' is not MM-DD"),
            std::string::npos)
      << r.err;
}

TEST_F(WorkflowsPreconditionsCli, RefusesAWeakening) {
  auto r = check("withdrawal", "  - {grade_in: [9, 10, 11], article: Art. 18}\n");
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find(file("withdrawal") + ":5: grade_in lists grade 9, which the national "
                                            "withdrawal refuses"),
            std::string::npos)
      << r.err;
}

TEST_F(WorkflowsPreconditionsCli, AcceptsTheShippedExample) {
  fs::copy_file(fs::path(XUEJI_SOURCE_DIR) / "workflows/provinces/330000/transfer.yaml",
                dir_ / "provinces/330000/transfer.yaml");
  auto r = run_xueji({"workflows", "check", dir_.string()});
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out.rfind("ok ", 0), 0u) << r.out;
}

// A rule author reads them beside the plan.
TEST(WorkflowsPreconditionsShowCli, ShowListsZhejiangsAddedPrecondition) {
  auto r = run_xueji({"workflows", "show", "transfer", "--province", "330000"});
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.out.find("preconditions added by 330000 (checked at opening after the national "
                       "ones; they only add refusals):\n  not_in_final_term_of_graduating_grade  "
                       "last term from 02-01 to the school year's end  Art. 15, 29  "),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("provinces/330000/transfer.yaml:27"), std::string::npos) << r.out;
  // Guangxi adds none.
  auto gx = run_xueji({"workflows", "show", "transfer", "--province", "450000"});
  ASSERT_EQ(gx.status, 0) << gx.err;
  EXPECT_EQ(gx.out.find("preconditions added by"), std::string::npos) << gx.out;
}

}  // namespace
}  // namespace xueji::test
