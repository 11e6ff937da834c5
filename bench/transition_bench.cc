// Durable transitions per second through the case actors on PostgreSQL, at
// a given number of concurrent requesters. Each requester opens a transfer
// and approves its first step, again and again, one request in flight at a
// time, through the engine's asynchronous ways in: the opening under an id
// drawn afresh, as the server opens (Runtime::open_new_async), the decision
// by Runtime::submit. A transition counts once the engine has acknowledged
// it (its commit returned).
//
//   transition_bench DATABASE_URL REQUESTERS SECONDS [WRITER_CONNECTIONS]
// (the writer's commits in flight at once, RuntimeOptions; 2 as a server's)
// prints: requesters=K transitions=N seconds=S rate=R commits=C largest_batch=B

#include <unistd.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <functional>
#include <mutex>
#include <thread>

#include "adapters/wiring/sql_runtime.h"
#include "engine/student/resident_id.h"

using namespace xueji;

int main(int argc, char** argv) {
  if (argc != 4 && argc != 5) {
    std::fprintf(stderr,
                 "usage: transition_bench DATABASE_URL REQUESTERS SECONDS [WRITER_CONNECTIONS]\n");
    return 2;
  }
  auto engine = start_runtime_under(
      XUEJI_SOURCE_DIR, argv[1],
      std::make_shared<VirtualClock>(*Instant::parse("2025-09-26T10:00:00+08:00")),
      argc == 5 ? std::atoi(argv[4]) : 2);
  if (!engine) {
    std::fprintf(stderr, "%s\n", engine.error().message.c_str());
    return 2;
  }
  const int requesters = std::atoi(argv[2]);
  const auto duration = std::chrono::seconds(std::atoi(argv[3]));
  std::atomic<bool> stop{false};
  std::atomic<long long> transitions{0};
  std::atomic<long long> failures{0};
  // Each requester is a chain of submitted requests, one in flight at a
  // time: open a transfer, approve its first step, open the next. No thread
  // waits per requester (Runtime::submit); the chains run on the
  // engine's own threads until told to stop.
  std::mutex finished_mutex;
  std::condition_variable finished_cv;
  int running = requesters;
  Runtime& e = **engine;
  std::function<void(int, long long)> next = [&](int r, long long i) {
    if (stop) {
      std::lock_guard<std::mutex> lock(finished_mutex);
      if (--running == 0) finished_cv.notify_one();
      return;
    }
    const std::string id =
        "bench-" + std::to_string(getpid()) + "-" + std::to_string(r) + "-" + std::to_string(i);
    // Each requester's chain is one student's: a student's cases follow
    // one another, as they do in life (two changes of one student in one
    // batch take the journal's slower, transactional path).
    Student s;
    s.resident_id = "4501022013091" + std::to_string(10000 + r);
    s.registration_number = "G" + s.resident_id;
    s.school = "4501020001";
    s.grade = 5;
    // A fresh id, as the server draws one for POST /v1/cases: the case
    // starts empty without a read of the store (until session 52 each
    // opening here read the store for its id first, which no server
    // opening does).
    e.open_new_async(id, OpenCase{"transfer", "4501030002", {{"to_school", "4501030002"}}, s, ""},
                     nullptr, std::nullopt, {}, [&, r, i, id](CaseReply opened) {
                       (opened.ok ? transitions : failures) += 1;
                       e.submit(id, DecideStep{"sending_school", "4501020001", "approve", ""},
                                [&, r, i](CaseReply decided) {
                                  (decided.ok ? transitions : failures) += 1;
                                  next(r, i + 1);
                                });
                     });
  };
  const auto started = std::chrono::steady_clock::now();
  for (int r = 0; r < requesters; ++r) next(r, 0);
  std::this_thread::sleep_for(duration);
  stop = true;
  {
    std::unique_lock<std::mutex> lock(finished_mutex);
    finished_cv.wait(lock, [&] { return running == 0; });
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  const RuntimeStats stats = (*engine)->stats();
  std::printf(
      "requesters=%d transitions=%lld failures=%lld seconds=%.1f rate=%.0f commits=%lld "
      "largest_batch=%lld\n",
      requesters, transitions.load(), failures.load(), seconds,
      static_cast<double>(transitions.load()) / seconds, static_cast<long long>(stats.commits),
      static_cast<long long>(stats.largest_batch));
  return failures.load() == 0 ? 0 : 1;
}
