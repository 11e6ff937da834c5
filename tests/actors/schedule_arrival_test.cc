// A year's holiday schedule added to the calendar files while the server
// was down (Art. 15: never a day less than the party was told), on a real
// PostgreSQL and a real SQLite file: the next start re-dates the open step
// counted on that year's provisional calendar, as a reload would, and
// records the year, so a start after that re-dates nothing. The first
// start records the years it finds without re-dating anything.

#include <gtest/gtest.h>

#include <filesystem>

#include "adapters/wiring/sql_runtime.h"
#include "tests/engine/case_fixture.h"
#include "tests/store/store_fixture.h"

namespace xueji::test {
namespace {

namespace fs = std::filesystem;

class ScheduleArrival : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    url_ = fresh_database(GetParam());
    dir_ = fs::temp_directory_path() /
           ("xueji-arrival-" + std::to_string(::getpid()) + "-" + GetParam());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    fs::copy(project_path("config/calendars"), dir_ / "calendars", fs::copy_options::recursive);
    // 正月初一 2026, in the Spring Festival.
    clock_ = std::make_shared<VirtualClock>(at("2026-02-17T10:00:00+08:00"));
  }
  void TearDown() override {
    engine_.reset();
    fs::remove_all(dir_);
  }

  // Takes the 2026 notices (national and Guangxi's) out of the files, or
  // puts them back.
  void hold_2026(bool out) {
    const fs::path national = dir_ / "calendars" / "national" / "2026.yaml";
    const fs::path guangxi = dir_ / "calendars" / "provinces" / "450000" / "2026.yaml";
    if (out) {
      fs::rename(national, dir_ / "national-2026.yaml");
      fs::rename(guangxi, dir_ / "guangxi-2026.yaml");
    } else {
      fs::rename(dir_ / "national-2026.yaml", national);
      fs::rename(dir_ / "guangxi-2026.yaml", guangxi);
    }
  }

  void start() {
    engine_.reset();
    auto data = load_domain(DomainPaths{project_path("workflows"), (dir_ / "calendars").string(),
                                        project_path("config/demo/orgs.yaml")},
                            clock_);
    ASSERT_TRUE(data.ok()) << data.error().message;
    auto engine = start_sql_runtime(SqlRuntimeOptions{url_, project_path("migrations")}, *data);
    ASSERT_TRUE(engine.ok()) << engine.error().message;
    engine_ = std::move(*engine);
  }

  std::unique_ptr<TestStore> store() {
    auto s = TestStore::open(url_);
    EXPECT_TRUE(s.ok());
    return s.ok() ? std::move(*s) : nullptr;
  }

  std::vector<int> years() {
    auto found = store()->journal().schedule_years();
    EXPECT_TRUE(found.ok()) << found.error().message;
    return found.ok() ? *found : std::vector<int>{};
  }

  // The sending school's step of case t1 as stored, and its events' types.
  std::pair<StepState, std::vector<std::string>> stored_t1() {
    auto s = store();
    auto c = s->load_case("t1");
    EXPECT_TRUE(c.ok() && *c);
    std::vector<std::string> types;
    auto events = s->load_events("t1");
    EXPECT_TRUE(events.ok());
    for (const auto& e : events.ok() ? *events : std::vector<CaseEvent>{}) {
      types.emplace_back(to_string(e.type));
    }
    if (!c.ok() || !*c) return {StepState{}, types};
    for (const auto& step : (*c)->steps) {
      if (step.plan.step == "sending_school") return {step, types};
    }
    ADD_FAILURE() << "no sending_school step";
    return {StepState{}, types};
  }

  std::string url_;
  fs::path dir_;
  std::shared_ptr<VirtualClock> clock_;
  std::unique_ptr<Runtime> engine_;
};

TEST_P(ScheduleArrival, AScheduleAddedWhileDownIsRedatedAtTheNextStartAndOnlyThen) {
  hold_2026(true);
  start();
  // The first start records the years it found, re-dating nothing.
  EXPECT_EQ(years(), (std::vector<int>{2025}));
  const Student s = make_student("4501020001", 5);
  ASSERT_TRUE(store()->insert_student(s).ok());
  OpenCase c;
  c.kind = "transfer";
  c.by = "4501030002";
  c.fields["to_school"] = "4501030002";
  c.student = s;
  ASSERT_TRUE(engine_->request("t1", c).ok);
  // 2026's statutory days alone (除夕 16 to 初三 19 February): 20, 23-27
  // February, 2-5 March.
  auto [before, opened] = stored_t1();
  EXPECT_EQ(before.due, Date::parse("2026-03-05").value());
  EXPECT_TRUE(before.provisional);

  engine_.reset();
  hold_2026(false);  // the notice lands in the files while the server is down
  start();
  // The notice rests 15-23 February and works Saturday 28 February: 24-28
  // February, 2-6 March. Re-dated at the start, as a reload would.
  auto [after, redated] = stored_t1();
  EXPECT_EQ(after.due, Date::parse("2026-03-06").value());
  EXPECT_FALSE(after.provisional);
  ASSERT_EQ(redated.size(), opened.size() + 1);
  EXPECT_EQ(redated.back(), "redated");
  EXPECT_EQ(years(), (std::vector<int>{2025, 2026}));

  // Answered once: another start asks nothing again.
  start();
  EXPECT_EQ(stored_t1().second.size(), redated.size());
}

INSTANTIATE_TEST_SUITE_P(Backends, ScheduleArrival, ::testing::Values("postgresql", "sqlite"),
                         backend_name);

}  // namespace
}  // namespace xueji::test
