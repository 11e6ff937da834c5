// `xueji export` (Art. 24): approved by an administrator of county level or
// above, on the audit trail, de-identified. On PostgreSQL and SQLite.

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "adapters/store/demo_accounts.h"
#include "engine/core/sha256.h"
#include "tests/cli/run_command.h"
#include "tests/engine/case_fixture.h"
#include "tests/store/store_fixture.h"

namespace xueji::test {
namespace {

class ExportCli : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    url_ = fresh_database(GetParam());
    auto store = open_migrated(url_);
    ASSERT_TRUE(store != nullptr);
    auto orgs = load_org_file(project_path("config/demo/orgs.yaml"));
    ASSERT_TRUE(orgs.ok());
    ASSERT_TRUE(store->seed_orgs(*orgs).ok());
    ASSERT_TRUE(store::seed_demo_accounts(store->journal(), store->reads, *orgs,
                                          Argon2Cost{64, 1, 1}, at("2025-09-26T09:00:00+08:00"))
                    .ok());
    // Two students in county 450102, one in 450103.
    const std::vector<std::tuple<std::string, std::string, std::string>> people = {
        {"4501020001", "李小明", "001"},
        {"4501020002", "王大力", "002"},
        {"4501030001", "张三丰", "003"}};
    for (const auto& [school, name, seq] : people) {
      Student s = make_student(school, 5, StudentStatus::enrolled, "20130915", seq);
      s.name = name;
      s.birth_date = day("2013-09-15");
      students_.push_back(s);
      ASSERT_TRUE(store->insert_student(s).ok());
    }
    out_ = (std::filesystem::temp_directory_path() /
            ("xueji-export-" + std::to_string(getpid()) + ".csv"))
               .string();
    std::filesystem::remove(out_);
  }
  void TearDown() override { std::filesystem::remove(out_); }

  CommandResult export_as(const std::string& approver, const std::string& org = "450102") {
    return run_xueji({"export", "--db", url_, "--org", org, "--approved-by", approver, "--reason",
                      "教育统计 2025 (county statistics)", "--out", out_});
  }

  std::vector<AuditEntry> trail() {
    auto store = TestStore::open(url_);
    return *(*store)->load_audit();
  }

  std::string url_, out_;
  std::vector<Student> students_;
};

TEST_P(ExportCli, ACountyAdministratorApprovesADeidentifiedExport) {
  auto r = export_as("admin.450102");
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.out.find("exported 2 students of org 450102"), std::string::npos) << r.out;
  std::ifstream in(out_);
  std::stringstream text;
  text << in.rdbuf();
  const std::string csv = text.str();
  EXPECT_EQ(csv.rfind("pseudonym,name,division,birth_year,gender,grade,status,school\n", 0), 0u);
  EXPECT_EQ(std::count(csv.begin(), csv.end(), '\n'), 3) << csv;  // header and two rows
  EXPECT_NE(csv.find("李**,450102,2013,"), std::string::npos) << csv;
  EXPECT_NE(csv.find("王**,450102,2013,"), std::string::npos) << csv;
  for (const auto& s : students_) {
    EXPECT_EQ(csv.find(s.name), std::string::npos) << s.name;
    EXPECT_EQ(csv.find(s.resident_id), std::string::npos) << s.resident_id;
    EXPECT_EQ(csv.find(s.registration_number), std::string::npos);
    EXPECT_EQ(csv.find(s.resident_id.substr(6)), std::string::npos);  // not even its tail
  }
  EXPECT_EQ(csv.find("张"), std::string::npos);  // outside the county
  // The approval and the export are on the trail; the chain holds.
  const auto entries = trail();
  ASSERT_GE(entries.size(), 2u);
  const AuditEntry& approval = entries[entries.size() - 2];
  const AuditEntry& exported = entries.back();
  EXPECT_EQ(approval.action, "export.approve");
  EXPECT_EQ(approval.account, "admin.450102");
  EXPECT_EQ(approval.outcome, "ok");
  EXPECT_NE(approval.detail.find("county statistics"), std::string::npos);
  EXPECT_EQ(exported.action, "export");
  EXPECT_EQ(exported.target, "org:450102");
  EXPECT_NE(exported.detail.find("rows=2 sha256=" + sha256_hex(csv)), std::string::npos)
      << exported.detail;
  EXPECT_EQ(run_xueji({"audit", "verify", "--db", url_}).status, 0);
}

TEST_P(ExportCli, WithoutACountyLevelApproverItRefuses) {
  const size_t before = trail().size();
  for (const char* approver : {"reg.450102", "admin.4501020001", "admin.450103", "nobody.at.all"}) {
    auto r = export_as(approver);
    EXPECT_EQ(r.status, 2) << approver;
    EXPECT_NE(r.err.find("export refused"), std::string::npos) << r.err;
    EXPECT_FALSE(std::filesystem::exists(out_)) << approver;
    EXPECT_FALSE(std::filesystem::exists(out_ + ".partial"));
  }
  // Each refusal is recorded, with who tried and why not.
  const auto entries = trail();
  ASSERT_EQ(entries.size(), before + 4);
  EXPECT_EQ(entries[before].account, "reg.450102");
  EXPECT_EQ(entries[before].outcome, "role_forbidden");
  EXPECT_EQ(entries[before + 2].outcome, "out_of_jurisdiction");
  EXPECT_EQ(entries[before + 3].outcome, "unknown_account");
  // No reason, no export (and nothing recorded: the command line is wrong).
  auto r = run_xueji({"export", "--db", url_, "--org", "450102", "--approved-by", "admin.450102",
                      "--reason", "  ", "--out", out_});
  EXPECT_EQ(r.status, 2);
  EXPECT_EQ(trail().size(), before + 4);
}

INSTANTIATE_TEST_SUITE_P(Backends, ExportCli, ::testing::Values("postgresql", "sqlite"),
                         backend_name);

}  // namespace
}  // namespace xueji::test
