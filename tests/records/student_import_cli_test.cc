// `xueji import`: the September intake offline, on PostgreSQL and SQLite.
// Each row is checked as POST /v1/students checks one (the same refusal's
// code and words), the good rows registered with their archive duties
// owed (Art. 6, 7), none with --all-or-nothing when a row is refused, one
// audit entry per registration and one for the run, on a chain `xueji
// audit verify` finds intact.

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "tests/cli/run_command.h"
#include "tests/cli/serve_process.h"
#include "tests/engine/case_fixture.h"
#include "tests/scratch_paths.h"
#include "tests/store/store_fixture.h"

namespace xueji::test {
namespace {

namespace fs = std::filesystem;

class StudentImportCli : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override { url_ = fresh_demo_database(GetParam()); }
  void TearDown() override { fs::remove(file_); }

  CommandResult import(const std::string& name, const std::string& text,
                       std::vector<std::string> extra = {}) {
    file_ = fs::temp_directory_path() / ("xueji-intake-" + std::to_string(getpid()) + name);
    remove_at_exit(file_);  // TearDown removes only a test's last one
    std::ofstream(file_) << text;
    std::vector<std::string> args = {"import", file_.string()};
    if (std::find(extra.begin(), extra.end(), "--db") == extra.end()) {
      args.insert(args.end(), {"--db", url_});  // the test's store, unless another is named
    }
    args.insert(args.end(), extra.begin(), extra.end());
    return run_xueji(args);
  }

  std::unique_ptr<TestStore> store() {
    auto s = TestStore::open(url_);
    EXPECT_TRUE(s.ok());
    return s.ok() ? std::move(*s) : nullptr;
  }

  std::string url_;
  fs::path file_;
};

TEST_P(StudentImportCli, RegistersTheGoodRowsAndNamesEachRefusedOne) {
  const std::string csv = "id,name,school,grade\n" + entrant_id(11) +
                          ",张一,4501020001,1\n"                      // row 1: good
                          "450102201503020000,张二,4501020001,1\n"    // row 2: bad check digit
                          + entrant_id(13) + ",张三,4501029999,1\n"   // row 3: no such school
                          + entrant_id(15) + ",张四,4501030002,1\n"   // row 4: outside --org
                          + entrant_id(11) + ",张一,4501020001,2\n";  // row 5: row 1 again
  auto r = import(".csv", csv, {"--org", "4501020001"});
  EXPECT_EQ(r.status, 1) << r.err;  // rows refused
  EXPECT_NE(r.out.find("row 1: registered G" + entrant_id(11) + " at 4501020001\n"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("row 2: invalid_resident_id: "), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("row 3: unknown_org: school '4501029999' is not a known school\n"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("row 4: out_of_jurisdiction: "), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("row 5: duplicate_registration: resident ID " + entrant_id(11) +
                       " is already registered as G" + entrant_id(11) + " at school 4501020001"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("imported 1 of 5 students; 4 rows refused\n"), std::string::npos) << r.out;

  auto s = store();
  ASSERT_TRUE(s != nullptr);
  auto students = s->load_students();
  ASSERT_TRUE(students.ok());
  ASSERT_EQ(students->size(), 1u);
  EXPECT_EQ((*students)[0].registration_number, "G" + entrant_id(11));
  EXPECT_EQ((*students)[0].grade, 1);
  // Art. 6: the archive step is owed, its case opened at the server's next start.
  auto owed = s->journal().owed_archive_duties();
  ASSERT_TRUE(owed.ok()) << owed.error().message;
  ASSERT_EQ(owed->size(), 1u);
  EXPECT_EQ((*owed)[0].subject, "G" + entrant_id(11));
  EXPECT_EQ((*owed)[0].kind, "archive_build");
  auto trail = s->load_audit();
  ASSERT_TRUE(trail.ok());
  ASSERT_EQ(trail->size(), 2u);
  EXPECT_EQ((*trail)[0].action, "student.register");
  EXPECT_EQ((*trail)[0].target, "student:G" + entrant_id(11));
  EXPECT_EQ((*trail)[1].action, "student.import");
  EXPECT_EQ((*trail)[1].outcome, "rows_refused");
  EXPECT_NE((*trail)[1].detail.find("5 rows: 1 registered, 4 refused (rows 2 "), std::string::npos)
      << (*trail)[1].detail;
  auto verify = run_xueji({"audit", "verify", "--db", url_});
  EXPECT_EQ(verify.status, 0) << verify.out << verify.err;
}

// Three hundred rows: on PostgreSQL each table's rows go as one COPY
// (adapters/store/postgres_copy.h), and a second run of the same file
// finds every one stored through the bulk read of live registrations.
TEST_P(StudentImportCli, ABulkFileIsStoredWholeAndASecondRunRefusesEveryRow) {
  constexpr int kRows = 300;
  std::string csv = "id,name,school,grade\n";
  for (int i = 0; i < kRows; ++i) csv += entrant_id(i) + ",学生,4501020001,1\n";
  auto first = import(".csv", csv, {"--refusals-only"});
  EXPECT_EQ(first.status, 0) << first.out << first.err;
  EXPECT_EQ(first.out, "imported 300 of 300 students\n");
  {
    auto s = store();
    ASSERT_TRUE(s != nullptr);
    auto students = s->load_students();
    ASSERT_TRUE(students.ok());
    EXPECT_EQ(students->size(), size_t{kRows});
    auto owed = s->journal().owed_archive_duties();
    ASSERT_TRUE(owed.ok()) << owed.error().message;
    EXPECT_EQ(owed->size(), size_t{kRows});
    auto trail = s->load_audit();
    ASSERT_TRUE(trail.ok());
    ASSERT_EQ(trail->size(), size_t{kRows + 1});
    EXPECT_EQ((*trail)[kRows - 1].target, "student:G" + entrant_id(kRows - 1));
  }
  auto second = import(".csv", csv, {"--refusals-only"});
  EXPECT_EQ(second.status, 1);
  EXPECT_NE(second.out.find("row 300: duplicate_registration: resident ID " +
                            entrant_id(kRows - 1) + " is already registered"),
            std::string::npos)
      << second.out.substr(0, 400);
  EXPECT_NE(second.out.find("imported 0 of 300 students; 300 rows refused\n"), std::string::npos);
  auto s = store();
  ASSERT_TRUE(s != nullptr);
  EXPECT_EQ(s->load_students()->size(), size_t{kRows});
  auto verify = run_xueji({"audit", "verify", "--db", url_});
  EXPECT_EQ(verify.status, 0) << verify.out << verify.err;
}

TEST_P(StudentImportCli, AllOrNothingRegistersNoneAndNdjsonReadsAsTheJsonBody) {
  const std::string ndjson =
      "{\"id\":\"" + entrant_id(21) +
      "\",\"name\":\"李一\",\"school\":\"4501020001\",\"grade\":1}\n" +
      "{\"name\":\"李二\",\"school\":\"4501020001\",\"grade\":1}\n";  // no ID: needs birth date
  auto r = import(".ndjson", ndjson, {"--all-or-nothing"});
  EXPECT_EQ(r.status, 1) << r.err;
  EXPECT_NE(r.out.find("row 1: ok, not registered (--all-or-nothing)\n"), std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("row 2: missing_field: missing field 'birth_date'"), std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("none registered (--all-or-nothing)"), std::string::npos) << r.out;
  EXPECT_EQ(store()->load_students()->size(), 0u);

  // Mended: both go in, the second under a J number (Art. 10).
  const std::string mended = ndjson.substr(0, ndjson.find('\n') + 1) +
                             "{\"name\":\"李二\",\"school\":\"4501020001\",\"grade\":1,"
                             "\"birth_date\":\"2015-05-05\",\"gender\":\"male\"}\n";
  r = import(".ndjson", mended, {"--all-or-nothing"});
  EXPECT_EQ(r.status, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("row 2: registered J"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("imported 2 of 2 students\n"), std::string::npos) << r.out;
  EXPECT_EQ(store()->load_students()->size(), 2u);

  // A file the tool cannot read as the format says: status 2, one line.
  r = import(".csv", "", {});
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("no header row"), std::string::npos) << r.err;
}

// The file is read while the store is opened and its orgs loaded: a
// fault in the file is still told before one in the store, and a good
// file's run still stops at a store it cannot open, storing nothing.
TEST_P(StudentImportCli, AFaultInTheFileIsToldBeforeOneInTheStore) {
  const std::string unreachable = GetParam() == "sqlite" ? "sqlite:/proc/xueji-none/intake.db"
                                                         : "postgresql://xueji@127.0.0.1:1/none";
  auto r = import(".csv", "", {"--db", unreachable});
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("no header row"), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find("cannot open the store"), std::string::npos) << r.err;

  r = import(".csv", "id,name,school,grade\n", {"--db", unreachable});
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("no rows"), std::string::npos) << r.err;

  r = import(".csv", "id,name,school,grade\n" + entrant_id(31) + ",李三,4501020001,1\n",
             {"--db", unreachable});
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("cannot open the store at " + unreachable), std::string::npos) << r.err;
  EXPECT_EQ(r.out, "");

  // --org naming no org: told after the file's fault, before any row.
  r = import(".csv", "", {"--org", "9999999999"});
  EXPECT_NE(r.err.find("no header row"), std::string::npos) << r.err;
  r = import(".csv", "id,name,school,grade\n" + entrant_id(31) + ",李三,4501020001,1\n",
             {"--org", "9999999999"});
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("--org 9999999999 is not a known org"), std::string::npos) << r.err;
  EXPECT_EQ(store()->load_students()->size(), 0u);
}

// Art. 12: a school merged on the running server is merged for the
// command too. It reads the org tree from the store, where the merger
// left it; before, it read no successor and registered pupils there.
TEST_P(StudentImportCli, ARowAtASchoolThatMergedIsRefusedAsTheServerRefusesIt) {
  {
    auto s = store();
    ASSERT_TRUE(s != nullptr);
    OrgChange merge;
    merge.kind = OrgChangeKind::merge;
    merge.school = "4501020001";
    merge.successor = "4501020002";
    Transition t;
    t.records.org_changes.push_back(
        OrgChangeRecord{merge, at("2025-09-26T10:00:00+08:00"), "admin.450102", "两校撤并"});
    ASSERT_TRUE(s->commit({t}).ok());
  }
  const std::string csv = "id,name,school,grade\n" + entrant_id(21) + ",王一,4501020001,1\n" +
                          entrant_id(23) + ",王二,4501020002,1\n";
  auto r = import(".csv", csv);
  EXPECT_EQ(r.status, 1) << r.err;
  EXPECT_NE(r.out.find("row 1: org_closed: school 4501020001 merged or closed; 4501020002 acts "
                       "for it (Art. 12)\n"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("row 2: registered G" + entrant_id(23) + " at 4501020002\n"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("imported 1 of 2 students; 1 rows refused\n"), std::string::npos) << r.out;
}

// `xueji import` while `xueji serve` runs on the same store: the server's
// sweep (archive_sweep_seconds, actors/archive_duty_sweep.h) opens the
// intake's archive cases (Art. 6) within two of its intervals, without
// waiting for a restart, and says so on its log.
TEST_P(StudentImportCli, AServerRunningOnTheStoreOpensTheImportsArchiveCases) {
  const fs::path dir = fs::temp_directory_path() / ("xueji-sweep-" + std::to_string(getpid()));
  fs::create_directories(dir);
  remove_at_exit(dir);
  const std::string config = (dir / "xueji.yaml").string(), err_path = (dir / "stderr").string();
  std::ofstream(config) << "rules: " << project_path("workflows") << "\n"
                        << "calendars: " << project_path("config/calendars") << "\n"
                        << "orgs: " << project_path("config/demo/orgs.yaml") << "\n"
                        << "migrations: " << project_path("migrations") << "\n"
                        << "console: " << project_path("console") << "\n"
                        << "archive_sweep_seconds: 1\n";
  auto server =
      ServeProcess::start({"--config", config, "--db", url_, "--listen", "127.0.0.1:0", "--clock",
                           "simulated", "--start", "2025-09-26T09:00:00+08:00"},
                          err_path);
  ASSERT_NE(server->port(), 0) << "the server stopped before listening";

  std::string csv = "id,name,school,grade\n";
  for (int i = 0; i < 3; ++i) csv += entrant_id(i) + ",学生,4501020001,1\n";
  auto imported = import(".csv", csv);
  ASSERT_EQ(imported.status, 0) << imported.out << imported.err;
  size_t owed_left = 3;
  for (int i = 0; i < 300 && owed_left > 0; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    auto s = store();
    ASSERT_TRUE(s != nullptr);
    auto owed = s->journal().owed_archive_duties();
    ASSERT_TRUE(owed.ok()) << owed.error().message;
    owed_left = owed->size();
  }
  EXPECT_EQ(owed_left, 0u);
  auto s = store();
  ASSERT_TRUE(s != nullptr);
  for (int i = 0; i < 3; ++i) {
    auto cases = s->reads.case_states_of("G" + entrant_id(i));
    ASSERT_TRUE(cases.ok()) << cases.error().message;
    EXPECT_EQ(cases->size(), 1u) << entrant_id(i);
  }
  EXPECT_EQ(server->stop(SIGTERM), 0);
  std::stringstream log;
  log << std::ifstream(err_path).rdbuf();
  EXPECT_NE(log.str().find("\"msg\":\"owed archive steps opened\",\"owed\":3,\"taken\":3"),
            std::string::npos)
      << log.str();
  fs::remove_all(dir);
}

INSTANTIATE_TEST_SUITE_P(Backends, StudentImportCli, ::testing::Values("postgresql", "sqlite"),
                         backend_name);

}  // namespace
}  // namespace xueji::test
