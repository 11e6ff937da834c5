// The yearly promotion running by itself (Art. 7): each province on its own
// date (Guangxi's 28 August, workflows/provinces/450000/school_year.yaml;
// Zhejiang's national 1 September) as the clock passes 00:00 Beijing time,
// recorded as the same run POST /v1/promotions makes; at a restart an
// interrupted run is finished, a date missed within the month is caught up,
// and nobody moves twice. On PostgreSQL and SQLite, over real HTTP.

#include <atomic>
#include <chrono>
#include <thread>

#include "adapters/http/auto_promotion.h"
#include "tests/http/api_fixture.h"

namespace xueji::test {
namespace {

class AutoPromotionTest : public ApiFixture {
 protected:
  // A week before Guangxi's date: the demo accounts, seeded now, are not
  // sealed for disuse (six months) by the time the test moves the clock.
  void SetUp() override {
    password_rotation_ = false;
    url_ = fresh_database(GetParam());
    clock_ = std::make_shared<VirtualClock>(at("2026-08-20T09:00:00+08:00"));
    start(clock_);
    enable();
  }
  void TearDown() override {
    promotions_.reset();
    stop();
  }

  // What `serve` does after starting: recover, then let the clock's moves
  // run the promotions. The ids recover() ran.
  std::vector<std::string> enable() {
    auto pool = store::ConnectionPool::open(url_, 2);
    EXPECT_TRUE(pool.ok());
    if (!pool.ok()) return {};
    promotions_ = std::make_shared<http::AutoPromotion>(*engine_, *pool);
    auto recovered = promotions_->recover();
    EXPECT_TRUE(recovered.ok()) << recovered.error().message;
    api_->set_auto_promotion(promotions_);
    return recovered.ok() ? *recovered : std::vector<std::string>{};
  }
  // A stop and a start on the same store; the clock is where `now` says
  // (the server was down meanwhile). The ids recover() ran.
  std::vector<std::string> restart(Instant now) {
    promotions_.reset();
    stop();
    clock_->set(now);
    start(clock_);
    return enable();
  }

  std::string enrolled(const std::string& school, int grade, const std::string& birth,
                       const std::string& seq) {
    auto r = call("POST", "/v1/students",
                  {{"id", make_resident_id(school.substr(0, 6), birth, seq)},
                   {"name", "学生" + seq},
                   {"school", school},
                   {"grade", grade}},
                  reg(school));
    EXPECT_EQ(r.status, 201) << r.body;
    return r.json().value("registration_number", "");
  }

  // The grade the API answers for `number`, read by its school.
  int grade_of(const std::string& number, const std::string& school) {
    auto r = call("GET", "/v1/students/" + number, nullptr, reg(school));
    EXPECT_EQ(r.status, 200) << r.body;
    return r.json().value("grade", -1);
  }

  HttpAnswer advance(const std::string& to) {
    return call("POST", "/v1/clock/advance", {{"to", to}}, admin("000000"));
  }

  HttpAnswer read_run(const std::string& id) {
    return call("GET", "/v1/promotions/" + id, nullptr, admin("000000"));
  }

  // The audit entries of the system's own runs of `id`.
  int system_runs(const std::string& id) {
    int n = 0;
    for (const auto& e : audit_trail()) {
      if (e.account == "system" && e.action == "promotion.run" && e.target == "promotion:" + id)
        ++n;
    }
    return n;
  }

  std::shared_ptr<http::AutoPromotion> promotions_;
};

TEST_P(AutoPromotionTest, EachProvincePromotesAtMidnightOnItsDate) {
  const std::string guangxi = enrolled("4501020001", 4, "20160915", "041");
  const std::string zhejiang = enrolled("3301020001", 2, "20180915", "042");

  // 23:59:59 on the eve: nothing yet.
  auto eve = advance("2026-08-27T23:59:59+08:00");
  ASSERT_EQ(eve.status, 200) << eve.body;
  EXPECT_EQ(grade_of(guangxi, "4501020001"), 4);
  EXPECT_EQ(read_run("promotion-2026-450000").status, 404);

  // Past 00:00 on 28 August Guangxi's run is there, Zhejiang's not yet.
  auto moved = advance("2026-08-29T09:00:00+08:00");
  ASSERT_EQ(moved.status, 200) << moved.body;
  EXPECT_EQ(moved.json().value("now", ""), "2026-08-29T09:00:00+08:00");
  EXPECT_EQ(grade_of(guangxi, "4501020001"), 5);
  EXPECT_EQ(grade_of(zhejiang, "3301020001"), 2);
  auto run = read_run("promotion-2026-450000");
  ASSERT_EQ(run.status, 200) << run.body;
  const nlohmann::json j = run.json();
  EXPECT_EQ(j.value("scope", ""), "450000");
  EXPECT_EQ(j.value("year", 0), 2026);
  EXPECT_EQ(j.value("at", ""), "2026-08-28");
  EXPECT_EQ(j.value("changed", 0), 1);
  EXPECT_TRUE(j.value("finished", false));
  EXPECT_EQ(j.value("corrections_until", ""), "2026-09-28");
  EXPECT_EQ(read_run("promotion-2026-330000").status, 404);
  EXPECT_EQ(system_runs("promotion-2026-450000"), 1);

  // Zhejiang on the national 1 September; Guangxi does not move again.
  ASSERT_EQ(advance("2026-09-02T09:00:00+08:00").status, 200);
  EXPECT_EQ(grade_of(zhejiang, "3301020001"), 3);
  EXPECT_EQ(grade_of(guangxi, "4501020001"), 5);
  auto zj = read_run("promotion-2026-330000");
  ASSERT_EQ(zj.status, 200) << zj.body;
  EXPECT_EQ(zj.json().value("at", ""), "2026-09-01");

  // Asked by hand afterwards, the same run: 200, nothing more changed.
  auto by_hand =
      call("POST", "/v1/promotions", {{"scope", "450000"}, {"year", 2026}}, admin("450000"));
  ASSERT_EQ(by_hand.status, 200) << by_hand.body;
  EXPECT_EQ(by_hand.json(), j);
  EXPECT_EQ(grade_of(guangxi, "4501020001"), 5);
}

TEST_P(AutoPromotionTest, AMoveToTheInstantRunsItAndNoLaterMoveAgain) {
  const std::string student = enrolled("4501020001", 3, "20170915", "043");
  ASSERT_EQ(advance("2026-08-28T00:00:00+08:00").status, 200);
  EXPECT_EQ(grade_of(student, "4501020001"), 4);
  // A move to the instant itself ran it; a move past it does not again.
  ASSERT_EQ(advance("2026-08-30T00:00:00+08:00").status, 200);
  EXPECT_EQ(grade_of(student, "4501020001"), 4);
  EXPECT_EQ(system_runs("promotion-2026-450000"), 1);
  // Backwards is refused, nothing run.
  expect_problem(advance("2026-08-01T00:00:00+08:00"), 409, "invalid_clock_move");
}

TEST_P(AutoPromotionTest, ARestartFinishesAnInterruptedRunAndRunsNothingTwice) {
  const std::string first = enrolled("4501020001", 2, "20180915", "044");
  const std::string second = enrolled("4501020002", 3, "20170915", "045");
  // A run interrupted after its first batch of one record (a crash).
  auto pool = store::ConnectionPool::open(url_, 1);
  ASSERT_TRUE(pool.ok());
  store::RunStore runs(*pool);
  auto run = promotion_run(engine_->data()->orgs, "450000", 2026, at("2026-08-28T00:00:00+08:00"));
  ASSERT_TRUE(run.ok()) << run.error().message;
  run->batch = 1;
  auto one = runs.run_batch(*run);
  ASSERT_TRUE(one.ok()) << one.error().message;
  ASSERT_FALSE(one->finished);
  ASSERT_EQ(one->changed, 1);

  // Restarted the same day: the run is finished, each record moved once.
  auto recovered = restart(at("2026-08-28T08:00:00+08:00"));
  EXPECT_EQ(recovered, std::vector<std::string>{"promotion-2026-450000"});
  EXPECT_EQ(grade_of(first, "4501020001"), 3);
  EXPECT_EQ(grade_of(second, "4501020002"), 4);
  auto read = read_run("promotion-2026-450000");
  ASSERT_EQ(read.status, 200) << read.body;
  EXPECT_TRUE(read.json().value("finished", false));
  EXPECT_EQ(read.json().value("changed", 0), 2);

  // Restarted again within the month: the finished run changes nothing.
  // (the 1 September of the other provinces is caught up meanwhile).
  const auto again = restart(at("2026-09-10T08:00:00+08:00"));
  EXPECT_EQ(std::count(again.begin(), again.end(), "promotion-2026-450000"), 0);
  EXPECT_EQ(std::count(again.begin(), again.end(), "promotion-2026-330000"), 1);
  EXPECT_EQ(grade_of(first, "4501020001"), 3);
  EXPECT_EQ(grade_of(second, "4501020002"), 4);
  EXPECT_EQ(system_runs("promotion-2026-450000"), 1);
}

TEST_P(AutoPromotionTest, ADateMissedWhileDownIsCaughtUpWithinTheMonth) {
  const std::string student = enrolled("4501020001", 5, "20150915", "046");
  // Down from 20 August to 5 September: Guangxi's 28 August (and the 1
  // September elsewhere) ran at the start, dated then.
  auto recovered = restart(at("2026-09-05T10:00:00+08:00"));
  EXPECT_NE(std::find(recovered.begin(), recovered.end(), "promotion-2026-450000"),
            recovered.end());
  EXPECT_EQ(grade_of(student, "4501020001"), 6);
  auto read = read_run("promotion-2026-450000");
  ASSERT_EQ(read.status, 200) << read.body;
  // The month of corrections follows the run.
  EXPECT_EQ(read.json().value("at", ""), "2026-09-05");
  EXPECT_EQ(read.json().value("corrections_until", ""), "2026-10-05");
  // Once only, whatever the restarts.
  EXPECT_TRUE(restart(at("2026-09-06T10:00:00+08:00")).empty());
  EXPECT_EQ(grade_of(student, "4501020001"), 6);
}

TEST_P(AutoPromotionTest, ADateOlderThanAMonthIsNotCaughtUp) {
  const std::string student = enrolled("4501020001", 5, "20150915", "047");
  // Down until October: Guangxi's date is more than a month back, a
  // county's to decide (POST /v1/promotions); the 1 September was too.
  EXPECT_TRUE(restart(at("2026-10-02T10:00:00+08:00")).empty());
  EXPECT_EQ(grade_of(student, "4501020001"), 5);
  EXPECT_EQ(read_run("promotion-2026-450000").status, 404);
}

TEST_P(AutoPromotionTest, TheRouteDefaultsToTheScopesProvinceDate) {
  auto zj = call("POST", "/v1/promotions", {{"scope", "330100"}, {"year", 2025}}, admin("330000"));
  ASSERT_EQ(zj.status, 201) << zj.body;
  EXPECT_EQ(zj.json().value("at", ""), "2025-09-01");
  auto gx = call("POST", "/v1/promotions", {{"scope", "450100"}, {"year", 2025}}, admin("450000"));
  ASSERT_EQ(gx.status, 201) << gx.body;
  EXPECT_EQ(gx.json().value("at", ""), "2025-08-28");
  // The ministry-wide scope takes the national default.
  auto all = call("POST", "/v1/promotions", {{"scope", "000000"}, {"year", 2024}}, admin("000000"));
  ASSERT_EQ(all.status, 201) << all.body;
  EXPECT_EQ(all.json().value("at", ""), "2024-09-01");
}

// A clock nobody moves through the scheduler, as the system's: the test
// sets it, as the days would pass.
class SetClock final : public Clock {
 public:
  explicit SetClock(Instant start) : seconds_(start.unix_seconds()) {}
  Instant now() const override { return Instant::from_unix_seconds(seconds_.load()); }
  void set(Instant to) { seconds_.store(to.unix_seconds()); }

 private:
  std::atomic<int64_t> seconds_;
};

TEST_P(AutoPromotionTest, OnTheSystemClockTheTimerRunsItWhenTheDateComes) {
  const std::string student = enrolled("4501020001", 1, "20190915", "048");
  promotions_.reset();
  stop();
  auto clock = std::make_shared<SetClock>(at("2026-08-27T23:59:00+08:00"));
  auto data = load_domain(DomainPaths::under(XUEJI_SOURCE_DIR), clock);
  ASSERT_TRUE(data.ok()) << data.error().message;
  auto engine = start_sql_runtime(SqlRuntimeOptions{url_, project_path("migrations")}, *data);
  ASSERT_TRUE(engine.ok()) << engine.error().message;
  auto pool = store::ConnectionPool::open(url_, 2);
  ASSERT_TRUE(pool.ok());
  store::RunStore runs(*pool);
  auto promotions = std::make_shared<http::AutoPromotion>(**engine, *pool);
  promotions->start_timer();
  // A look before midnight: nothing.
  promotions->wake();
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  auto none = runs.find_run("promotion-2026-450000");
  ASSERT_TRUE(none.ok());
  EXPECT_FALSE(none->has_value());
  // Midnight passes: the timer runs Guangxi's promotion by itself.
  clock->set(at("2026-08-28T00:00:05+08:00"));
  promotions->wake();
  std::optional<store::StoredRun> found;
  for (int i = 0; i < 100 && !(found && found->finished_at); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    auto read = runs.find_run("promotion-2026-450000");
    ASSERT_TRUE(read.ok());
    found = *read;
  }
  ASSERT_TRUE(found && found->finished_at) << "no run after 10 s";
  EXPECT_EQ(found->changed, 1);
  EXPECT_EQ(found->at, at("2026-08-28T00:00:00+08:00"));
  promotions.reset();  // the timer stops before its engine
  engine->reset();
  auto store = TestStore::open(url_);
  ASSERT_TRUE(store.ok());
  auto record = (*store)->find_student(student);
  ASSERT_TRUE(record.ok() && record->has_value());
  EXPECT_EQ((*record)->grade, 2);
}

INSTANTIATE_TEST_SUITE_P(Backends, AutoPromotionTest, ::testing::Values("postgresql", "sqlite"),
                         backend_name);

}  // namespace
}  // namespace xueji::test
