// The scheduler's deadline index (actors/deadline_index.h): filled as a
// start streams the store's timers, then armed and fired. The timeline
// points into the map's nodes, so it must survive the move into the
// scheduler; an id is held once whatever order its timers come in.

#include "actors/deadline_index.h"

#include <gtest/gtest.h>

#include <map>
#include <random>
#include <set>

namespace xueji::test {
namespace {

Instant second(long long s) { return Instant::from_unix_seconds(s); }

std::vector<std::string> all(const DeadlineIndex& index) { return index.due_from(second(0)); }

TEST(DeadlineIndex, AStartsTimersGoInOrderWhicheverOrderTheyCome) {
  DeadlineIndex index;
  // As the store hands them (soonest first, ties by id), then two late.
  index.add(PendingWake{"c1", second(100)});
  index.add(PendingWake{"c2", second(100)});
  index.add(PendingWake{"c3", second(200)});
  index.add(PendingWake{"c0", second(50)});
  index.add(PendingWake{"c9", second(100)});
  EXPECT_EQ(all(index), (std::vector<std::string>{"c0", "c1", "c2", "c9", "c3"}));
  // An id read twice keeps the later timer, once.
  index.add(PendingWake{"c1", second(300)});
  EXPECT_EQ(all(index), (std::vector<std::string>{"c0", "c2", "c9", "c3", "c1"}));
  EXPECT_EQ(index.size(), 5u);
  EXPECT_EQ(index.next(), second(50));
}

TEST(DeadlineIndex, AMovedIndexStillFiresArmsAndRestores) {
  DeadlineIndex filled;
  std::vector<PendingWake> wakes;
  for (int i = 0; i < 1000; ++i)
    wakes.push_back(PendingWake{"case-" + std::to_string(i), second(i)});
  filled.add_all(std::move(wakes));
  DeadlineIndex index(std::move(filled));  // as into the scheduler
  DeadlineIndex::Taken first = index.pop();
  EXPECT_EQ(first.id, "case-0");
  EXPECT_EQ(first.at, second(0));
  EXPECT_EQ(first.version, 0);
  // A newer arming moves a timer; an older one is a late message.
  index.apply("case-1", 3, second(5000));
  index.apply("case-1", 2, second(1));
  EXPECT_EQ(index.next(), second(2));
  EXPECT_EQ(index.due_from(second(4000)), (std::vector<std::string>{"case-1"}));
  // Disarmed: gone from the timeline, the id kept.
  index.apply("case-2", 1, std::nullopt);
  EXPECT_EQ(index.next(), second(3));
  // A failed firing is put back unless the case armed again meanwhile.
  index.restore("case-0", 0, second(0));
  EXPECT_EQ(index.next(), second(0));
  DeadlineIndex::Taken again = index.pop();
  index.apply("case-0", 1, second(7000));
  index.restore("case-0", again.version, again.at);
  EXPECT_EQ(index.next(), second(3));
  EXPECT_EQ(index.size(), 999u);  // 1000, less case-2's, with case-0 armed once
  DeadlineIndex moved_again;
  moved_again = std::move(index);
  EXPECT_EQ(moved_again.due_from(second(6000)), (std::vector<std::string>{"case-0"}));
}

// What the index must answer, kept the plain way: every id's version and
// timer, and the timers in a sorted set.
struct Model {
  struct Entry {
    int64_t version = -1;
    std::optional<long long> at;
  };
  std::map<std::string, Entry> ids;
  std::set<std::pair<long long, std::string>> timeline;

  void set(const std::string& id, Entry& e, int64_t version, std::optional<long long> at) {
    if (e.at) timeline.erase({*e.at, id});
    e.version = version;
    e.at = at;
    if (at) timeline.insert({*at, id});
  }
  void apply(const std::string& id, int64_t version, std::optional<long long> at) {
    Entry& e = ids[id];
    if (version >= e.version) set(id, e, version, at);
  }
};

TEST(DeadlineIndex, AnswersAsAPlainMapOfTimersDoesUnderRandomUse) {
  std::mt19937 random(17);
  for (int round = 0; round < 10; ++round) {
    DeadlineIndex index;
    Model model;
    // Ids of every length the arena holds; in one round, one longer than
    // a chunk of it.
    const std::string longest((1 << 20) + 5, 'z');
    auto some_id = [&] {
      const int n = static_cast<int>(random() % 3000);
      if (n == 0 && round == 3) return longest;
      return "c" + std::to_string(n) + std::string(random() % 40, 'x');
    };
    // A start: in the store's order, or shuffled (round by round).
    std::vector<std::pair<long long, std::string>> start;
    for (int i = 0; i < 2000; ++i) start.emplace_back(random() % 200, some_id());
    if (round == 3) start.emplace_back(5, longest);
    if (round % 2 == 0) std::sort(start.begin(), start.end());
    for (const auto& [at, id] : start) {
      index.add(PendingWake{id, second(at)});
      model.apply(id, 0, at);  // an id read twice keeps the later
    }
    if (round % 5 == 4) {
      DeadlineIndex moved(std::move(index));
      index = std::move(moved);
    }
    std::map<std::string, int64_t> popped;  // id to version taken, for restores
    for (int step = 0; step < 4000; ++step) {
      const int what = static_cast<int>(random() % 10);
      if (what < 4) {
        const std::string id = some_id();
        const int64_t version = static_cast<int64_t>(random() % 6);
        std::optional<long long> at;
        if (random() % 4 != 0) at = static_cast<long long>(random() % 300);
        index.apply(id, version, at ? std::optional<Instant>(second(*at)) : std::nullopt);
        model.apply(id, version, at);
      } else if (what < 7) {
        ASSERT_EQ(index.size(), model.timeline.size());
        if (model.timeline.empty()) {
          EXPECT_FALSE(index.next().has_value());
          continue;
        }
        const auto [at, id] = *model.timeline.begin();
        ASSERT_EQ(index.next(), second(at));
        const DeadlineIndex::Taken taken = index.pop();
        ASSERT_EQ(taken.id, id);
        ASSERT_EQ(taken.at, second(at));
        Model::Entry& e = model.ids[id];
        ASSERT_EQ(taken.version, e.version);
        model.set(id, e, e.version, std::nullopt);
        popped[taken.id] = taken.version;
      } else if (what < 9 && !popped.empty()) {
        auto it = popped.begin();
        std::advance(it, static_cast<long>(random() % popped.size()));
        const long long at = random() % 300;
        index.restore(it->first, it->second, second(at));
        Model::Entry& e = model.ids[it->first];
        if (e.version == it->second && !e.at) model.set(it->first, e, e.version, at);
      } else {
        const long long from = random() % 300;
        std::vector<std::string> expected;
        for (auto it = model.timeline.lower_bound({from, ""}); it != model.timeline.end(); ++it)
          expected.push_back(it->second);
        ASSERT_EQ(index.due_from(second(from)), expected);
      }
    }
  }
}

}  // namespace
}  // namespace xueji::test
