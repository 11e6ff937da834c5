// The audit trail's head chained from memory (audit_head_cache.h) on
// PostgreSQL: whatever the journals of one process guessed, and whatever
// another process appended meanwhile, the trail is one unbroken chain
// holding every acknowledged entry once (Art. 24: 操作全程留痕).

#include <gtest/gtest.h>

#include <map>
#include <thread>
#include <vector>

#include "adapters/store/sql_journal.h"
#include "tests/engine/case_fixture.h"
#include "tests/store/store_fixture.h"

namespace xueji::test {
namespace {

class AuditHeadTest : public ::testing::Test {
 protected:
  void SetUp() override {
    url_ = fresh_database("postgresql");
    store_ = open_migrated(url_);
    ASSERT_NE(store_, nullptr);
  }

  static Transition entries(const std::string& prefix, int count) {
    Transition t;
    for (int i = 0; i < count; ++i) {
      t.audit.push_back(audit_entry(at("2025-09-26T10:00:00+08:00"), "reg.4501020001", "4501020001",
                                    "orgs.pending.read", prefix + "/" + std::to_string(i)));
    }
    return t;
  }

  std::unique_ptr<Journal> open(const JournalFactory& factory) {
    auto journal = factory();
    EXPECT_TRUE(journal.ok()) << journal.error().message;
    return journal.ok() ? std::move(*journal) : nullptr;
  }

  // The trail verifies, and holds each of `targets` once and nothing else.
  void expect_one_chain_of(const std::vector<std::string>& targets) {
    auto trail = store_->load_audit();
    ASSERT_TRUE(trail.ok()) << trail.error().message;
    const auto broken = verify_chain(*trail);
    EXPECT_FALSE(broken.has_value()) << broken->seq << ": " << broken->reason;
    std::map<std::string, int> seen;
    for (const auto& e : *trail) seen[e.target] += 1;
    EXPECT_EQ(trail->size(), targets.size());
    for (const auto& target : targets) EXPECT_EQ(seen[target], 1) << target;
  }

  std::string url_;
  std::unique_ptr<TestStore> store_;
};

// Entries alone (a read's), and entries in a batch with records (a
// registration's), from two journals of one process and one of another,
// all at once.
TEST_F(AuditHeadTest, JournalsOfTwoProcessesAppendingAtOnceLeaveOneChain) {
  const JournalFactory ours = store::sql_journal_factory(url_);
  const JournalFactory theirs = store::sql_journal_factory(url_);
  std::vector<std::unique_ptr<Journal>> journals;
  journals.push_back(open(ours));
  journals.push_back(open(ours));
  journals.push_back(open(ours));
  journals.push_back(open(theirs));
  for (const auto& j : journals) ASSERT_NE(j, nullptr);
  constexpr int kBatches = 60;
  std::vector<std::vector<std::string>> written(journals.size());
  std::vector<int> failures(journals.size(), 0);
  std::vector<std::thread> threads;
  for (size_t w = 0; w < journals.size(); ++w) {
    threads.emplace_back([&, w] {
      for (int b = 0; b < kBatches; ++b) {
        const std::string prefix = "j" + std::to_string(w) + "b" + std::to_string(b);
        Transition batch = entries(prefix, 1 + b % 3);
        // The third journal's every other batch registers a student too:
        // the transaction's path, beside the others' one statement.
        if (w == 2 && b % 2 == 0) {
          char birth[9];
          std::snprintf(birth, sizeof birth, "2013%02d%02d", 1 + b / 28, 1 + b % 28);
          batch.records.registrations.push_back(
              make_student("4501020001", 5, StudentStatus::enrolled, birth));
        }
        Status done = journals[w]->commit({batch});
        if (!done.ok()) {
          failures[w] += 1;
          continue;
        }
        for (const auto& e : batch.audit) written[w].push_back(e.target);
      }
    });
  }
  for (auto& t : threads) t.join();
  std::vector<std::string> all;
  for (size_t w = 0; w < journals.size(); ++w) {
    EXPECT_EQ(failures[w], 0) << "journal " << w;
    all.insert(all.end(), written[w].begin(), written[w].end());
  }
  EXPECT_EQ(all.size(), 4u * (kBatches / 3) * (1 + 2 + 3));
  expect_one_chain_of(all);
}

// A journal whose process last left the head at entry 1 appends after the
// entry another process wrote since, not beside it; and, having read the
// head again, goes on from memory.
TEST_F(AuditHeadTest, ABatchAfterAnotherProcessMovedTheHeadChainsAfterIt) {
  const JournalFactory ours = store::sql_journal_factory(url_);
  auto mine = open(ours);
  auto other = open(store::sql_journal_factory(url_));
  ASSERT_TRUE(mine && other);
  ASSERT_TRUE(mine->commit({entries("first", 1)}).ok());
  ASSERT_TRUE(mine->commit({entries("second", 2)}).ok());
  ASSERT_TRUE(other->commit({entries("elsewhere", 1)}).ok());
  ASSERT_TRUE(mine->commit({entries("third", 2)}).ok());
  ASSERT_TRUE(open(ours)->commit({entries("fourth", 1)}).ok());
  expect_one_chain_of(
      {"first/0", "second/0", "second/1", "elsewhere/0", "third/0", "third/1", "fourth/0"});
  auto trail = store_->load_audit();
  ASSERT_TRUE(trail.ok());
  EXPECT_EQ(trail->at(3).target, "elsewhere/0");
  EXPECT_EQ(trail->at(4).target, "third/0");
  EXPECT_EQ(trail->back().seq, 7);
}

}  // namespace
}  // namespace xueji::test
