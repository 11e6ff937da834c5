// The scheduler's deadline index (actors/deadline_index.h): filled as a
// start streams the store's timers, then armed and fired. The timeline
// points into the map's nodes, so it must survive the move into the
// scheduler; an id is held once whatever order its timers come in.

#include "actors/deadline_index.h"

#include <gtest/gtest.h>

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

}  // namespace
}  // namespace xueji::test
