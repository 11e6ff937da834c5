// The September intake on two lanes (http::IntakeOptions::lanes), as
// `xueji import` runs it on PostgreSQL: the chunks' commits run side by
// side, one at a time on each lane, while the rows after them are checked;
// a chunk the store refuses (another registration raced one of its rows)
// waits for the chunks after it, then has its rows checked again and
// stored one by one, the raced row refused as a single registration would
// be. Every stored row keeps its audit entry on an intact chain.

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <mutex>
#include <set>
#include <thread>

#include "adapters/http/intake.h"
#include "engine/audit/audit_chain.h"
#include "tests/engine/case_fixture.h"
#include "tests/store/store_fixture.h"

namespace xueji::test {
namespace {

// The same person, registered at the file's school by other means.
Student stored_entrant(int seq) {
  return make_student("4501020001", 1, StudentStatus::enrolled, "20150302", entrant_sequence(seq));
}

// One commit the intake asked for: on which lane, how many rows, and when
// it began and ended on one clock shared by every call.
struct CommitCall {
  size_t lane = 0;
  size_t rows = 0;
  std::string first;  // the first row's registration number
  int began = 0;
  int ended = 0;
};

constexpr Instant kAt = Instant::from_unix_seconds(1756684800);  // 2025-09-01 08:00 Beijing

class IntakeLanes : public ::testing::Test {
 protected:
  void SetUp() override {
    url_ = fresh_demo_database("postgresql");
    store_ = open_migrated(url_);
    ASSERT_NE(store_, nullptr);
    for (int lane = 0; lane < 2; ++lane) {
      auto journal = store::SqlJournal::open(url_);
      ASSERT_TRUE(journal.ok()) << journal.error().message;
      journals_.push_back(std::move(*journal));
    }
    auto orgs = store_->load_orgs();
    ASSERT_TRUE(orgs.ok()) << orgs.error().message;
    orgs_ = std::make_unique<OrgTree>(std::move(*orgs));
  }

  static std::vector<http::IntakeRow> entrants(int count) {
    std::string csv = "id,name,school,grade\n";
    for (int i = 0; i < count; ++i) csv += entrant_id(i) + ",学生,4501020001,1\n";
    auto rows = http::parse_intake(csv, http::IntakeFormat::csv);
    EXPECT_TRUE(rows.ok());
    return rows.ok() ? *rows : std::vector<http::IntakeRow>{};
  }

  // The options of an import on two lanes of `per` rows a chunk. Each
  // commit holds its lane a while, long enough for the next chunk's checks
  // to reach their commit; `before` runs first (under no lock).
  http::IntakeOptions options(size_t per, std::function<void(size_t call)> before = {}) {
    http::IntakeOptions o;
    o.at = kAt;
    o.rows_per_commit = per;
    o.lanes = 2;
    o.row_entry = [](const Student& s, int row) {
      return audit_entry(kAt, "operator", s.school, "student.register",
                         "student:" + s.registration_number, "ok",
                         "imported row " + std::to_string(row));
    };
    o.commit = [this, before](Transition t, size_t lane) {
      size_t call = 0;
      {
        std::lock_guard<std::mutex> hold(mutex_);
        call = calls_.size();
        const auto& registered = t.records.registrations;
        calls_.push_back(CommitCall{
            lane, registered.size(),
            registered.empty() ? "" : registered.front().registration_number, ++clock_, 0});
        ++on_lane_[lane];
        most_on_a_lane_ = std::max(most_on_a_lane_, on_lane_[lane]);
        most_at_once_ = std::max(most_at_once_, on_lane_[0] + on_lane_[1]);
      }
      if (before) before(call);
      std::this_thread::sleep_for(std::chrono::milliseconds(40));
      Status stored = journals_[lane]->commit({std::move(t)});
      std::lock_guard<std::mutex> hold(mutex_);
      calls_[call].ended = ++clock_;
      --on_lane_[lane];
      return stored;
    };
    return o;
  }

  // The stored audit trail: `expected` entries, chained intact.
  void expect_intact_trail(size_t expected) {
    auto trail = store_->load_audit();
    ASSERT_TRUE(trail.ok()) << trail.error().message;
    EXPECT_EQ(trail->size(), expected);
    EXPECT_FALSE(verify_chain(*trail).has_value());
    std::set<std::string> targets;
    for (const auto& e : *trail) targets.insert(e.target);
    EXPECT_EQ(targets.size(), expected);  // one entry a stored row
  }

  std::string url_;
  std::unique_ptr<TestStore> store_;
  std::vector<std::unique_ptr<store::SqlJournal>> journals_;
  std::unique_ptr<OrgTree> orgs_;
  std::mutex mutex_;
  std::vector<CommitCall> calls_;
  int clock_ = 0;
  int on_lane_[2] = {0, 0};
  int most_on_a_lane_ = 0;
  int most_at_once_ = 0;
};

TEST_F(IntakeLanes, ChunksCommitSideBySideOneAtATimeOnEachLane) {
  const auto rows = entrants(300);
  auto summary = http::register_intake(rows, *orgs_, store_->reads, options(50));
  ASSERT_TRUE(summary.ok()) << summary.error().message;
  EXPECT_EQ(summary->registered, 300u);
  EXPECT_EQ(summary->refused, 0u);
  ASSERT_EQ(calls_.size(), 6u);
  // The calls in the order they began (a lane's thread may start late):
  // chunk k, of rows 50k+1 to 50k+50, on lane k mod 2.
  for (const auto& call : calls_) {
    EXPECT_EQ(call.rows, 50u);
    int chunk = -1;
    for (int k = 0; k < 6; ++k) {
      if (call.first == "G" + entrant_id(50 * k)) chunk = k;
    }
    ASSERT_GE(chunk, 0) << call.first;
    EXPECT_EQ(call.lane, static_cast<size_t>(chunk % 2)) << "chunk " << chunk;
  }
  EXPECT_EQ(most_at_once_, 2);    // side by side
  EXPECT_EQ(most_on_a_lane_, 1);  // never two on one connection
  auto students = store_->load_students();
  ASSERT_TRUE(students.ok());
  EXPECT_EQ(students->size(), 300u);
  auto owed = store_->journal().owed_archive_duties();
  ASSERT_TRUE(owed.ok()) << owed.error().message;
  EXPECT_EQ(owed->size(), 300u);  // Art. 6, 7: each row's archive duty with it
  expect_intact_trail(300);
}

TEST_F(IntakeLanes, ARefusedChunkWaitsForTheChunksAfterItThenStoresItsRowsOneByOne) {
  const auto rows = entrants(200);
  // While the second chunk (rows 51-100) is on its way, a registration
  // elsewhere takes row 60's person.
  auto o = options(50, [&](size_t call) {
    if (call != 1) return;
    ASSERT_TRUE(store_->insert_student(stored_entrant(59)).ok());
  });
  auto summary = http::register_intake(rows, *orgs_, store_->reads, o);
  ASSERT_TRUE(summary.ok()) << summary.error().message;
  EXPECT_EQ(summary->registered, 199u);
  EXPECT_EQ(summary->refused, 1u);
  ASSERT_TRUE(summary->rows[59].problem.has_value());
  EXPECT_EQ(summary->rows[59].problem->code, "duplicate_registration");
  EXPECT_FALSE(summary->rows[59].stored);
  EXPECT_TRUE(summary->rows[58].stored);
  EXPECT_TRUE(summary->rows[60].stored);
  // The four chunks, and the second's other 49 rows one at a time, each
  // begun once every commit begun before it had ended: the third chunk,
  // in flight when the second was refused, had settled.
  ASSERT_EQ(calls_.size(), 4u + 49u);
  size_t alone = 0;
  for (const auto& call : calls_) {
    if (call.rows != 1) continue;
    ++alone;
    for (const auto& other : calls_) {
      if (other.began < call.began) {
        EXPECT_LT(other.ended, call.began) << other.first;
      }
    }
  }
  EXPECT_EQ(alone, 49u);
  EXPECT_EQ(most_on_a_lane_, 1);
  auto students = store_->load_students();
  ASSERT_TRUE(students.ok());
  EXPECT_EQ(students->size(), 200u);  // 199 imported and the racer's
  expect_intact_trail(199);
}

// The first chunk's rows are read from the store before any check, the
// rest while the first are checked: a person registered before the
// import is found wherever the file names them.
TEST_F(IntakeLanes, AStudentStoredBeforeIsFoundBeyondTheFirstChunksRows) {
  const auto rows = entrants(120);
  for (int seq : {9, 99}) {  // rows 10 and 100
    ASSERT_TRUE(store_->insert_student(stored_entrant(seq)).ok());
  }
  auto summary = http::register_intake(rows, *orgs_, store_->reads, options(50));
  ASSERT_TRUE(summary.ok()) << summary.error().message;
  EXPECT_EQ(summary->registered, 118u);
  for (int row : {9, 99}) {
    ASSERT_TRUE(summary->rows[row].problem.has_value()) << "row " << row + 1;
    EXPECT_EQ(summary->rows[row].problem->code, "duplicate_registration");
  }
  // Refused by the checks, not by the store: three chunks (50, 50, 18
  // rows), none retried row by row.
  EXPECT_EQ(calls_.size(), 3u);
  auto students = store_->load_students();
  ASSERT_TRUE(students.ok());
  EXPECT_EQ(students->size(), 120u);
  expect_intact_trail(118);
}

}  // namespace
}  // namespace xueji::test
