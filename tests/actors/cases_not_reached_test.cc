// A closed record ends the student's other open cases (Art. 21). When the
// store keeps that from happening now, nothing is lost (the next start
// ends them), but the operator is told at once: before, the directory
// dropped the failure without a word, and the case stayed open until a
// restart with nothing in the log to say why.

#include <gtest/gtest.h>

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "tests/actors/memory_journal.h"
#include "tests/engine/case_fixture.h"

namespace xueji::test {
namespace {

const std::map<std::string, std::string> kNotReachedDeathDates = {{"date_of_death", "2025-09-24"},
                                                                  {"learned_on", "2025-09-25"}};

struct NotReachedTold {
  std::string subject, by, why;
};

class CasesNotReachedTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto clock = std::make_shared<VirtualClock>(at("2025-09-26T09:00:00+08:00"));
    auto data = load_domain(DomainPaths::under(XUEJI_SOURCE_DIR), clock);
    ASSERT_TRUE(data.ok()) << data.error().message;
    data_ = *data;
    journals_ = MemoryStorage::factory(storage_);
    auto journal = journals_();
    ASSERT_TRUE(journal.ok()) << journal.error().message;
    journal_ = std::move(*journal);
    start();
  }
  void TearDown() override { runtime_.reset(); }

  void start() {
    runtime_.reset();
    RuntimeOptions options;
    options.cases_not_reached = [this](const std::string& subject, const std::string& by,
                                       const std::string& why) {
      std::lock_guard<std::mutex> lock(mutex_);
      told_.push_back(NotReachedTold{subject, by, why});
      changed_.notify_all();
    };
    auto runtime = Runtime::start(options, data_, journals_);
    ASSERT_TRUE(runtime.ok()) << runtime.error().message;
    runtime_ = std::move(*runtime);
  }

  // What was told, once something was (or after five seconds, nothing).
  std::vector<NotReachedTold> told() {
    std::unique_lock<std::mutex> lock(mutex_);
    changed_.wait_for(lock, std::chrono::seconds(5), [this] { return !told_.empty(); });
    return told_;
  }

  Student enrolled() {
    Student s = make_student("4501020001", 5);
    Transition t;
    t.records.registrations.push_back(s);
    EXPECT_TRUE(journal_->commit({t}).ok());
    return s;
  }

  CaseReply open(const std::string& id, const std::string& kind, const std::string& by,
                 const Student& s, std::map<std::string, std::string> fields) {
    OpenCase c;
    c.kind = kind;
    c.by = by;
    c.fields = std::move(fields);
    c.student = journal_->load_students({s.registration_number})->at(s.registration_number).student;
    return runtime_->request(id, c);
  }

  CaseState stored(const std::string& id) {
    auto found = journal_->load_cases({id});
    return found.ok() && found->count(id) ? found->at(id) : CaseState();
  }

  void open_transfer(const Student& s) {
    // Art. 15: the receiving school asks.
    auto opened = open("t1", "transfer", "4501030002", s, {{"to_school", "4501030002"}});
    ASSERT_TRUE(opened.ok) << opened.error.message;
  }

  // A death opened and approved to the end, which closes the record
  // (Art. 21).
  void approve_death(const Student& s) {
    auto opened = open("d1", "death_deregistration", "4501020001", s, kNotReachedDeathDates);
    ASSERT_TRUE(opened.ok) << opened.error.message;
    for (int i = 0; i < 8 && stored("d1").status == CaseStatus::open; ++i) {
      const CaseState death = stored("d1");
      const StepState* step = death.active();
      ASSERT_NE(step, nullptr);
      auto r = runtime_->request("d1", DecideStep{step->plan.step, step->holder, "approve", ""});
      ASSERT_TRUE(r.ok) << r.error.message;
    }
    ASSERT_EQ(stored("d1").outcome, "approved");
  }

  // Waits for `id` to leave `open`.
  CaseState settled(const std::string& id) {
    for (int i = 0; i < 500 && stored(id).status == CaseStatus::open; ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return stored(id);
  }

  std::shared_ptr<MemoryStorage> storage_ = std::make_shared<MemoryStorage>();
  std::shared_ptr<const Domain> data_;
  JournalFactory journals_;
  std::unique_ptr<Journal> journal_;
  std::unique_ptr<Runtime> runtime_;
  std::mutex mutex_;
  std::condition_variable changed_;
  std::vector<NotReachedTold> told_;
};

TEST_F(CasesNotReachedTest, AStoreThatCannotListTheOpenCasesIsToldAndTheNextStartEndsThem) {
  const Student s = enrolled();
  open_transfer(s);
  storage_->fail_open_case_lists(true);
  approve_death(s);

  const auto heard = told();
  ASSERT_EQ(heard.size(), 1u);
  EXPECT_EQ(heard[0].subject, s.registration_number);
  EXPECT_EQ(heard[0].by, "d1");
  EXPECT_NE(heard[0].why.find("could not be listed"), std::string::npos) << heard[0].why;
  EXPECT_NE(heard[0].why.find("could not be read"), std::string::npos) << heard[0].why;
  EXPECT_EQ(stored("t1").status, CaseStatus::open);

  // Nothing was lost: the store back, the next start ends the transfer.
  storage_->fail_open_case_lists(false);
  start();
  const CaseState transfer = settled("t1");
  EXPECT_EQ(transfer.status, CaseStatus::closed);
  EXPECT_EQ(transfer.outcome, "superseded");
}

TEST_F(CasesNotReachedTest, ACaseWhoseEndingFailsIsToldByIdAndTheNextStartEndsIt) {
  const Student s = enrolled();
  // The transfer's commits fail from now on: the superseding is the only
  // one it is asked for.
  open_transfer(s);
  storage_->fail_when([](const Transition& t) { return t.case_id == "t1"; });
  approve_death(s);

  const auto heard = told();
  ASSERT_EQ(heard.size(), 1u);
  EXPECT_EQ(heard[0].subject, s.registration_number);
  EXPECT_EQ(heard[0].by, "d1");
  EXPECT_NE(heard[0].why.find("case t1 did not answer for good: store_failed"), std::string::npos)
      << heard[0].why;
  EXPECT_EQ(stored("t1").status, CaseStatus::open);

  storage_->fail_when([](const Transition&) { return false; });
  start();
  EXPECT_EQ(settled("t1").outcome, "superseded");
}

}  // namespace
}  // namespace xueji::test
