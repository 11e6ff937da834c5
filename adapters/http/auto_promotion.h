#pragma once
// The yearly promotion running by itself (Art. 7: 正常升级的学生基础学籍信息
// 由国家学籍系统自动更新). Each province's run starts at 00:00 Beijing time on
// its date (engine/student/promotion_calendar.h decides which are due): the
// same run POST /v1/promotions makes, promotion_run() over the province's
// code, in batches through the RunStore, recorded in student_runs as
// promotion-<year>-<province>, resumable, and audited as the system's.
//
// Who moves it: on a virtual clock, advance() (POST /v1/clock/advance)
// stops at each promotion instant on the way, so a case's timer before the
// date fires before the run and one after it after; on the system clock,
// start_timer()'s thread sleeps until the next date. At start-up,
// recover() finishes the runs a stop or a crash interrupted and runs the
// dates missed within the catch-up window (promotion_calendar.h).

#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "actors/runtime.h"
#include "adapters/store/connection_pool.h"
#include "adapters/store/run_store.h"
#include "engine/student/promotion_calendar.h"

namespace xueji::http {

class AutoPromotion {
 public:
  // Runs over `engine`'s rules, org tree and clock, through `pool`.
  AutoPromotion(Runtime& engine, std::shared_ptr<store::ConnectionPool> pool);
  // Stops the timer thread, if any, after the run it is in.
  ~AutoPromotion();
  AutoPromotion(const AutoPromotion&) = delete;
  AutoPromotion& operator=(const AutoPromotion&) = delete;

  // At start-up: every promotion started and not finished (whoever started
  // it) is run to its end, then every province's promotion whose instant
  // lies in the catch-up window before now. The ids of the runs this call
  // changed something in or finished.
  Result<std::vector<std::string>> recover();

  // `due`'s run to its end: started if new, resumed if interrupted, left
  // as it is if finished. Its row as stored afterwards.
  Result<store::StoredRun> run(const DuePromotion& due);

  // Moves the virtual clock to `to` (Runtime::advance), stopping at each
  // promotion instant on the way to run it there. The timers fired.
  Result<size_t> advance(Instant to);

  // On the system clock: a thread that runs each promotion when its
  // instant comes (checking at least hourly, so a clock set forward is
  // noticed), from now on. A failed run is logged and tried again at the
  // next check.
  void start_timer();
  // Has the timer look at the clock now instead of at its next wake-up:
  // for a clock set forward by hand (and the test that does so).
  void wake();

 private:
  // Runs `run_` to its end; whether it was unfinished before (new or
  // interrupted), which is when the run is audited.
  Result<bool> finish(const StudentRun& run);
  void timer_loop();

  Runtime& engine_;
  store::RunStore runs_;
  std::vector<std::string> provinces_;
  std::mutex running_;  // one run at a time, whoever triggers it
  std::thread timer_;
  std::mutex timer_mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  bool woken_ = false;  // wake() was called since the timer last looked
};

}  // namespace xueji::http
