// The backlog /metrics shows is kept as counters at commit, not counted per
// scrape (issue 17): after a seeded random workload of openings,
// decisions, withdrawals, deadlines passing on the virtual clock and
// notices delivered to a webhook, every counter equals COUNT(*) over the
// tables, on both backends, and again after a restart. The /metrics answer
// shows the same figures.

#include <gtest/gtest.h>

#include <random>
#include <thread>

#include <soci/soci.h>

#include "adapters/http/webhook_dispatcher.h"
#include "tests/http/api_fixture.h"

namespace xueji::test {
namespace {

// The backlog as COUNT(*) finds it, with the day `today` for the overdue.
BacklogFigures counted_in(const std::string& url, const std::string& today) {
  auto connection = store::Connection::open(url);
  EXPECT_TRUE(connection.ok());
  BacklogFigures f;
  if (!connection.ok()) return f;
  soci::session& sql = (*connection)->sql();
  std::string kind;
  long long n = 0;
  soci::statement st = (sql.prepare << "SELECT kind, COUNT(*) FROM cases WHERE status = 'open' "
                                       "GROUP BY kind",
                        soci::into(kind), soci::into(n));
  st.execute(false);
  while (st.fetch()) f.open_cases[kind] = n;
  sql << "SELECT COUNT(*) FROM cases WHERE status = 'open' AND active_step IS NOT NULL",
      soci::into(n);
  f.pending_cases = n;
  sql << "SELECT COUNT(*) FROM cases WHERE status = 'open' AND active_step IS NOT NULL AND "
         "active_due < :d",
      soci::use(today), soci::into(n);
  f.overdue_steps = n;
  sql << "SELECT COUNT(*) FROM notices WHERE delivered_at IS NULL", soci::into(n);
  f.notices_waiting = n;
  return f;
}

class MetricsCounters : public ApiFixture {
 protected:
  std::string today() { return clock_->now().beijing_date().to_string(); }

  // The engine's counters against the tables; kinds counted down to zero
  // are shown at zero by the counters and absent from GROUP BY.
  void expect_counters_match(const std::string& when) {
    const BacklogFigures kept = engine_->backlog().figures(today());
    const BacklogFigures counted = counted_in(url_, today());
    std::map<std::string, int64_t> kept_open;
    for (const auto& [kind, n] : kept.open_cases) {
      if (n != 0) kept_open[kind] = n;
    }
    EXPECT_EQ(kept_open, counted.open_cases) << when;
    EXPECT_EQ(kept.pending_cases, counted.pending_cases) << when;
    EXPECT_EQ(kept.overdue_steps, counted.overdue_steps) << when;
    EXPECT_EQ(kept.notices_waiting, counted.notices_waiting) << when;
  }

  // Delivers what the receiver's orgs have waiting, then stops delivering.
  void deliver_notices() {
    http::WebhookOptions options;
    const std::string receiver = "http://127.0.0.1:" + std::to_string(receiver_->port()) + "/n";
    for (const char* org : {"450102", "450103", "4501020001", "4501030002"}) {
      options.urls[org] = receiver;
    }
    options.secrets["450102"] = "a-secret-of-sixteen+";
    options.poll = std::chrono::milliseconds(10);
    Runtime* engine = engine_.get();
    options.delivered = [engine] { engine->backlog().delivered(1); };
    auto pool = store::ConnectionPool::open(url_, 1);
    ASSERT_TRUE(pool.ok());
    std::vector<std::string> orgs;
    for (const auto& entry : options.urls) orgs.push_back(entry.first);
    store::Outbox outbox(*pool);
    {
      http::WebhookDispatcher dispatcher(*pool, options);
      for (int i = 0; i < 500; ++i) {
        auto left = outbox.undelivered_notices(orgs, 1);
        ASSERT_TRUE(left.ok());
        if (left->empty()) break;
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
      }
    }  // stopped: nothing moves while the counters are compared
    auto left = outbox.undelivered_notices(orgs, 1);
    ASSERT_TRUE(left.ok());
    EXPECT_TRUE(left->empty());
  }

  // `steps` random actions from `random`: opening a transfer, deciding or
  // withdrawing one, moving the clock on by a few days, delivering.
  void random_workload(std::mt19937& random, int steps) {
    for (int i = 0; i < steps; ++i) {
      const int action = static_cast<int>(random() % 10);
      if (action < 4 || opened_ == 0) {
        char seq[8];
        std::snprintf(seq, sizeof seq, "%03d", opened_ % 1000);
        Student student = make_student("4501020001", 5, StudentStatus::enrolled, "20130915", seq);
        // Some are registered, some not (their approvals are superseded).
        if (random() % 2 == 0) {
          EXPECT_TRUE(store_->insert_student(student).ok());
        }
        OpenCase open{"transfer", "4501030002", {{"to_school", "4501030002"}}, student, ""};
        engine_->request("m" + std::to_string(opened_++), open);
      } else if (action < 7) {
        const std::string id = "m" + std::to_string(random() % opened_);
        DecideStep decide{"sending_school", "4501020001", random() % 3 == 0 ? "reject" : "approve",
                          ""};
        engine_->request(id, decide);
      } else if (action < 8) {
        engine_->request("m" + std::to_string(random() % opened_), WithdrawCase{"4501030002"});
      } else if (action < 9) {
        const int days = 1 + static_cast<int>(random() % 6);
        ASSERT_TRUE(engine_->advance(clock_->now().plus_seconds(days * 86400)).ok());
      } else {
        deliver_notices();
      }
    }
  }

  void SetUp() override {
    ApiFixture::SetUp();
    auto s = TestStore::open(url_);
    ASSERT_TRUE(s.ok());
    store_ = std::move(*s);
    auto receiver = http::HttpServer::start("127.0.0.1", 0, [](const http::Request&) {
      return http::Response{204, "text/plain", "", {}};
    });
    ASSERT_TRUE(receiver.ok());
    receiver_ = std::move(*receiver);
  }

  std::unique_ptr<TestStore> store_;
  std::unique_ptr<http::HttpServer> receiver_;
  int opened_ = 0;
};

TEST_P(MetricsCounters, EqualCountingTheTablesAfterARandomWorkloadAndARestart) {
  std::mt19937 random(20251001);
  for (int round = 0; round < 4; ++round) {
    random_workload(random, 30);
    expect_counters_match("after round " + std::to_string(round));
  }
  // The workload reached every counter.
  const BacklogFigures kept = engine_->backlog().figures(today());
  EXPECT_GT(engine_->stats().commits, 0);
  const BacklogFigures counted = counted_in(url_, today());
  EXPECT_GT(counted.pending_cases, 0);
  EXPECT_GT(counted.overdue_steps, 0);
  EXPECT_GT(counted.notices_waiting, 0);  // the orgs no receiver serves keep theirs

  // A restart counts the tables afresh: the same figures, and they move on
  // from there as before.
  stop();
  start(clock_);
  EXPECT_EQ(engine_->backlog().figures(today()).pending_cases, kept.pending_cases);
  expect_counters_match("after the restart");
  random_workload(random, 40);
  expect_counters_match("after the restart's workload");

  // /metrics shows them.
  auto r = call("GET", "/metrics", nullptr, "");
  ASSERT_EQ(r.status, 200);
  const BacklogFigures now = counted_in(url_, today());
  EXPECT_NE(r.body.find("xueji_pending_cases " + std::to_string(now.pending_cases) + "\n"),
            std::string::npos)
      << r.body;
  EXPECT_NE(r.body.find("xueji_overdue_steps " + std::to_string(now.overdue_steps) + "\n"),
            std::string::npos)
      << r.body;
  EXPECT_NE(r.body.find("xueji_notices_waiting " + std::to_string(now.notices_waiting) + "\n"),
            std::string::npos)
      << r.body;
  EXPECT_NE(r.body.find("xueji_open_cases{kind=\"transfer\"} " +
                        std::to_string(now.open_cases.at("transfer")) + "\n"),
            std::string::npos)
      << r.body;
  // A server alone runs the engine (a standby pair's other one shows 0).
  EXPECT_NE(r.body.find("\nxueji_engine_active 1\n"), std::string::npos) << r.body;
}

TEST_P(MetricsCounters, NameRoutesNotPathsAndCountCommitsBySize) {
  const std::string student = register_student();
  const std::string id = open_transfer(student);
  call("GET", "/v1/cases/" + id, nullptr, reg("4501030002"));
  call("GET", "/v1/cases/no-such-case", nullptr, reg("4501030002"));
  auto r = call("GET", "/metrics", nullptr, "");
  ASSERT_EQ(r.status, 200);
  // By the route table's operation and the status class; no case id.
  EXPECT_NE(r.body.find("xueji_http_request_duration_seconds_count{route=\"case.open\","
                        "method=\"POST\",status_class=\"2xx\"} 1\n"),
            std::string::npos)
      << r.body;
  EXPECT_NE(r.body.find("xueji_http_request_duration_seconds_count{route=\"case.read\","
                        "method=\"GET\",status_class=\"4xx\"} 1\n"),
            std::string::npos)
      << r.body;
  EXPECT_EQ(r.body.find(id), std::string::npos) << r.body;
  // Every commit falls in a bucket; the +Inf bucket is the commit count.
  const auto commits = engine_->stats().commits;
  EXPECT_GT(commits, 0);
  EXPECT_NE(r.body.find("xueji_commit_batch_size_bucket{le=\"+Inf\"} "), std::string::npos)
      << r.body;
  EXPECT_NE(r.body.find("# TYPE xueji_commit_batch_size histogram"), std::string::npos);
  EXPECT_NE(r.body.find("# TYPE xueji_commit_duration_seconds histogram"), std::string::npos);
  EXPECT_NE(r.body.find("xueji_commit_duration_seconds_bucket{le=\"0.001\"} "), std::string::npos)
      << r.body;
  EXPECT_NE(r.body.find("\nxueji_commit_duration_seconds_sum "), std::string::npos) << r.body;
  EXPECT_NE(r.body.find("xueji_open_cases{kind=\"transfer\"} 1\n"), std::string::npos) << r.body;
}

INSTANTIATE_TEST_SUITE_P(Backends, MetricsCounters, ::testing::Values("postgresql", "sqlite"),
                         backend_name);

}  // namespace
}  // namespace xueji::test
