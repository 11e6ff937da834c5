// The writer's two commits in flight on a real store (RuntimeOptions::
// writer_connections, 2 as a server runs): what two batches may share is
// ordered by the store, as one batch after the other would be. The audit
// trail's chain has no fork or gap, and a student asked for twice at once
// is moved once. On SQLite the writer keeps one connection
// (Journal::commits_side_by_side), and the same holds.

#include <gtest/gtest.h>

#include <algorithm>
#include <map>

#include "actors/submit_each.h"
#include "adapters/wiring/sql_runtime.h"
#include "engine/audit/audit_chain.h"
#include "tests/engine/case_fixture.h"
#include "tests/store/store_fixture.h"

namespace xueji::test {
namespace {

class SideBySideCommits : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    url_ = fresh_database(GetParam());
    clock_ = std::make_shared<VirtualClock>(at("2025-09-26T09:00:00+08:00"));
    auto data = load_domain(DomainPaths::under(XUEJI_SOURCE_DIR), clock_);
    ASSERT_TRUE(data.ok()) << data.error().message;
    SqlRuntimeOptions options{url_, project_path("migrations")};
    options.writer_connections = 2;
    auto engine = start_sql_runtime(options, *data);
    ASSERT_TRUE(engine.ok()) << engine.error().message;
    engine_ = std::move(*engine);
    auto store = TestStore::open(url_);
    ASSERT_TRUE(store.ok());
    store_ = std::move(*store);
  }

  // The n-th student of school 4501020001, registered.
  Student registered(int n) {
    Student s =
        make_student("4501020001", 5, StudentStatus::enrolled, "20130915", std::to_string(100 + n));
    EXPECT_TRUE(store_->insert_student(s).ok());
    return s;
  }

  std::string url_;
  std::shared_ptr<VirtualClock> clock_;
  std::unique_ptr<Runtime> engine_;
  std::unique_ptr<TestStore> store_;
};

TEST_P(SideBySideCommits, TheAuditChainHasNoForkWhenBatchesCommitAtOnce) {
  constexpr size_t kOpenings = 600;
  const auto entries_before = *store_->count_rows("audit_entries");
  size_t opened = 0;
  submit_each(
      *engine_, kOpenings, 64,
      [&](size_t n) {
        Student s = make_student("4501020001", 5, StudentStatus::enrolled, "20130915",
                                 std::to_string(1000 + n));
        const std::string id = "side-" + std::to_string(n);
        return SubmittedCase{id, transfer_to_4501030002(s),
                             audit_entry(clock_->now(), "reg.4501030002", "4501030002", "case.open",
                                         "case:" + id, "ok", "")};
      },
      [&](size_t, const CaseReply& reply) { opened += reply.ok ? 1 : 0; });
  EXPECT_EQ(opened, kOpenings);
  auto trail = store_->load_audit();
  ASSERT_TRUE(trail.ok()) << trail.error().message;
  EXPECT_EQ(static_cast<int64_t>(trail->size()), entries_before + static_cast<int64_t>(kOpenings));
  const auto broken = verify_chain(*trail);
  EXPECT_FALSE(broken.has_value())
      << "the chain breaks at " << broken->seq << ": " << broken->reason;
  const RuntimeStats stats = engine_->stats();
  EXPECT_GT(stats.commits, 1) << "the openings shared more than one commit";
}

TEST_P(SideBySideCommits, AStudentAskedForTwiceAtOnceIsMovedOnce) {
  constexpr int kStudents = 40;
  std::vector<Student> students;
  for (int n = 0; n < kStudents; ++n) students.push_back(registered(n));
  // Each student's two transfers asked one after the other: with 64 in
  // flight both are, in the writer's two batches or in one.
  std::map<int, std::vector<std::string>> answers;  // student -> each opening's code
  submit_each(
      *engine_, 2 * kStudents, 64,
      [&](size_t n) {
        return SubmittedCase{"twice-" + std::to_string(n), transfer_to_4501030002(students[n / 2]),
                             std::nullopt};
      },
      [&](size_t n, const CaseReply& reply) {
        answers[static_cast<int>(n / 2)].push_back(reply.ok ? "ok" : reply.error.code);
      });
  for (int n = 0; n < kStudents; ++n) {
    const auto& codes = answers[n];
    ASSERT_EQ(codes.size(), 2u);
    EXPECT_EQ(std::count(codes.begin(), codes.end(), "ok"), 1)
        << "student " << n << ": " << codes[0] << ", " << codes[1];
    const std::vector<std::string> pair = {"twice-" + std::to_string(2 * n),
                                           "twice-" + std::to_string(2 * n + 1)};
    int open = 0;
    for (const auto& id : pair) {
      auto stored = store_->load_case(id);
      ASSERT_TRUE(stored.ok());
      if (*stored && (*stored)->outcome.empty()) ++open;
    }
    EXPECT_EQ(open, 1) << "student " << n << " has one transfer open";
  }
}

INSTANTIATE_TEST_SUITE_P(Backends, SideBySideCommits, ::testing::Values("postgresql", "sqlite"),
                         backend_name);

}  // namespace
}  // namespace xueji::test
