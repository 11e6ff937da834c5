// Students looked up at the same time share one query
// (adapters/store/student_lookups.h), on PostgreSQL and SQLite: each lookup
// still gets its own record or none, whatever characters its number holds,
// and a failed query fails every lookup that shared it.

#include <gtest/gtest.h>

#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "adapters/store/student_lookups.h"
#include "tests/engine/case_fixture.h"
#include "tests/store/pool_holder.h"
#include "tests/store/store_fixture.h"

namespace xueji::test {
namespace {

// Looks each of `numbers` up on a thread of its own while `pool`'s only
// connection is held, so that one lookup waits for it and the rest join
// that one; then lets them go and gives each its answer.
std::vector<Result<std::optional<Student>>> find_while_held(
    store::ConnectionPool& pool, store::StudentLookups& lookups,
    const std::vector<std::string>& numbers) {
  std::vector<Result<std::optional<Student>>> answers(numbers.size(),
                                                      make_error("unanswered", "not yet"));
  const uint64_t before = lookups.counts().lookups;
  Holder holder(pool);
  std::vector<std::thread> callers;
  for (size_t i = 0; i < numbers.size(); ++i) {
    callers.emplace_back([&, i] { answers[i] = lookups.find(numbers[i]); });
  }
  await_waiting(pool, 1);
  const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (lookups.counts().lookups != before + numbers.size() &&
         std::chrono::steady_clock::now() < until) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  holder.release();
  for (auto& caller : callers) caller.join();
  return answers;
}

class StudentLookupsTest : public BothBackends {
 protected:
  void SetUp() override {
    url_ = fresh_database(GetParam());
    store_ = open_migrated(url_);
    ASSERT_NE(store_, nullptr);
    seed_demo_orgs(*store_);
    for (const std::string seq : {"011", "012", "013"}) {
      Student s = make_student("4501020001", 5, StudentStatus::enrolled, "20130915", seq);
      ASSERT_TRUE(store_->insert_student(s).ok());
      registered_[s.registration_number] = s.resident_id;
    }
  }

  // Numbers a lookup may be given, registered or not: the three
  // registered, and strings an array or JSON literal must quote.
  std::vector<std::string> numbers() const {
    std::vector<std::string> out;
    for (const auto& [number, id] : registered_) out.push_back(number);
    for (const char* odd : {"G45010220130915001", "a\"b", "x,y", "{z}", "back\\slash", "NULL", "",
                            "学籍", "G450102201309150011 "}) {
      out.push_back(odd);
    }
    return out;
  }

  // Whether `found` is what looking up `number` must give.
  void expect_answer(const std::string& number, const Result<std::optional<Student>>& found) {
    ASSERT_TRUE(found.ok()) << number << ": " << found.error().message;
    auto it = registered_.find(number);
    if (it == registered_.end()) {
      EXPECT_FALSE(found->has_value()) << number;
      return;
    }
    ASSERT_TRUE(found->has_value()) << number;
    EXPECT_EQ((*found)->registration_number, number);
    EXPECT_EQ((*found)->resident_id, it->second);
    EXPECT_EQ((*found)->grade, 5);
  }

  std::string url_;
  std::unique_ptr<TestStore> store_;
  std::map<std::string, std::string> registered_;  // number -> resident ID
};

TEST_P(StudentLookupsTest, EachLookupAloneGetsItsOwnRecordOrNone) {
  auto pool = store::ConnectionPool::open(url_, 2);
  ASSERT_TRUE(pool.ok()) << pool.error().message;
  store::StudentLookups lookups(*pool);
  for (const auto& number : numbers()) expect_answer(number, lookups.find(number));
  // With the pool free, each read alone.
  EXPECT_EQ(lookups.counts().lookups, numbers().size());
  EXPECT_EQ(lookups.counts().queries, numbers().size());
}

TEST_P(StudentLookupsTest, LookupsWaitingForAConnectionShareOneQuery) {
  auto pool = store::ConnectionPool::open(url_, 1);
  ASSERT_TRUE(pool.ok()) << pool.error().message;
  store::StudentLookups lookups(*pool);
  const auto all = numbers();
  const auto answers = find_while_held(**pool, lookups, all);
  for (size_t i = 0; i < all.size(); ++i) expect_answer(all[i], answers[i]);
  EXPECT_EQ(lookups.counts().lookups, all.size());
  EXPECT_EQ(lookups.counts().queries, 1u);
  // The batch closed with its query: the next lookup reads anew.
  expect_answer(all[0], lookups.find(all[0]));
  EXPECT_EQ(lookups.counts().queries, 2u);
}

TEST_P(StudentLookupsTest, BatchesOfEverySizeGetTheirOwnRecordsOrNone) {
  // PostgreSQL reads up to 16 numbers through queries of 1, 2, 4, 8 or 16
  // parameters, the last number repeated to fill them, and more as one
  // array: sizes on both sides of each, a number given twice among them.
  auto pool = store::ConnectionPool::open(url_, 1);
  ASSERT_TRUE(pool.ok()) << pool.error().message;
  store::StudentLookups lookups(*pool);
  std::vector<std::string> many;
  while (many.size() < 40) {
    for (const auto& number : numbers()) many.push_back(number);
  }
  uint64_t queries = 0;
  for (size_t size : {1, 2, 3, 4, 5, 8, 9, 15, 16, 17, 40}) {
    const std::vector<std::string> some(many.begin(), many.begin() + size);
    const auto answers = find_while_held(**pool, lookups, some);
    EXPECT_EQ(lookups.counts().queries, ++queries) << size;
    for (size_t i = 0; i < some.size(); ++i) expect_answer(some[i], answers[i]);
  }
}

TEST_P(StudentLookupsTest, AQueryThatFailsFailsEveryLookupThatSharedIt) {
  // A database never migrated: no students table.
  auto pool = store::ConnectionPool::open(fresh_database(GetParam()), 1);
  ASSERT_TRUE(pool.ok()) << pool.error().message;
  store::StudentLookups lookups(*pool);
  const auto answers = find_while_held(
      **pool, lookups, {"G450102201309150010", "G450102201309150011", "G450102201309150012"});
  EXPECT_EQ(lookups.counts().queries, 1u);
  for (const auto& answer : answers) {
    ASSERT_FALSE(answer.ok());
    EXPECT_EQ(answer.error().code, "store_failed");
    EXPECT_NE(answer.error().message.find("find student"), std::string::npos)
        << answer.error().message;
  }
}

// Issue 17: lookups answered through a callback (find_async), as an
// opening on the thread that read its request makes them. The calls return
// at once with the pool's only connection held; the first hands one read
// to `elsewhere`, the rest join it; a waiting lookup made meanwhile reads
// apart, never behind a read queued for others; each callback is called
// once, with its own record or none.
TEST_P(StudentLookupsTest, AsynchronousLookupsShareOneReadHandedElsewhere) {
  auto pool = store::ConnectionPool::open(url_, 1);
  ASSERT_TRUE(pool.ok()) << pool.error().message;
  store::StudentLookups lookups(*pool);
  const auto all = numbers();
  std::mutex mutex;
  std::map<size_t, std::vector<Result<std::optional<Student>>>> answers;
  std::vector<std::thread> reads;  // each job handed elsewhere, on a thread of its own
  auto elsewhere = [&reads](std::function<void()> job) { reads.emplace_back(std::move(job)); };
  Holder holder(**pool);
  for (size_t i = 0; i < all.size(); ++i) {
    lookups.find_async(
        all[i],
        [&mutex, &answers, i](Result<std::optional<Student>> found) {
          std::lock_guard<std::mutex> lock(mutex);
          answers[i].push_back(std::move(found));
        },
        elsewhere);
  }
  EXPECT_EQ(reads.size(), 1u);
  await_waiting(**pool, 1);
  std::thread waiting([&] { expect_answer(all[1], lookups.find(all[1])); });
  await_waiting(**pool, 2);
  {
    std::lock_guard<std::mutex> lock(mutex);
    EXPECT_TRUE(answers.empty());
  }
  holder.release();
  waiting.join();
  for (auto& read : reads) read.join();
  ASSERT_EQ(answers.size(), all.size());
  for (size_t i = 0; i < all.size(); ++i) {
    ASSERT_EQ(answers[i].size(), 1u) << all[i];
    expect_answer(all[i], answers[i][0]);
  }
  EXPECT_EQ(lookups.counts().lookups, all.size() + 1);
  EXPECT_EQ(lookups.counts().queries, 2u);
  // The batch closed with its read: the next lookup hands on a read anew.
  std::optional<Result<std::optional<Student>>> again;
  lookups.find_async(
      all[0], [&again](Result<std::optional<Student>> found) { again = std::move(found); },
      [](std::function<void()> job) { job(); });
  ASSERT_TRUE(again.has_value());
  expect_answer(all[0], *again);
  EXPECT_EQ(lookups.counts().queries, 3u);
}

TEST_P(StudentLookupsTest, AFailedReadFailsEveryAsynchronousLookupThatSharedIt) {
  auto pool = store::ConnectionPool::open(fresh_database(GetParam()), 1);  // never migrated
  ASSERT_TRUE(pool.ok()) << pool.error().message;
  store::StudentLookups lookups(*pool);
  std::vector<std::function<void()>> jobs;
  std::vector<Result<std::optional<Student>>> answers;
  for (const std::string number : {"G450102201309150010", "G450102201309150011"}) {
    lookups.find_async(
        number, [&answers](Result<std::optional<Student>> found) { answers.push_back(found); },
        [&jobs](std::function<void()> job) { jobs.push_back(std::move(job)); });
  }
  ASSERT_EQ(jobs.size(), 1u);
  EXPECT_TRUE(answers.empty());
  jobs[0]();
  ASSERT_EQ(answers.size(), 2u);
  for (const auto& answer : answers) {
    ASSERT_FALSE(answer.ok());
    EXPECT_EQ(answer.error().code, "store_failed");
    EXPECT_NE(answer.error().message.find("find student"), std::string::npos)
        << answer.error().message;
  }
}

INSTANTIATE_TEST_SUITE_P(Backends, StudentLookupsTest, ::testing::Values("postgresql", "sqlite"),
                         backend_name);

}  // namespace
}  // namespace xueji::test
