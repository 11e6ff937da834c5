// A load for the crash test: K requester threads open transfers and approve
// their first step through the real engine, printing "ack <case> <events>"
// for every answer the engine acknowledged, until killed.
//
//   crash_worker DATABASE_URL REQUESTERS CASES_PER_REQUESTER

#include <cstdio>
#include <cstdlib>
#include <thread>

#include "adapters/wiring/sql_runtime.h"
#include "engine/student/resident_id.h"

using namespace xueji;

int main(int argc, char** argv) {
  if (argc != 4) {
    std::fprintf(stderr, "usage: crash_worker DATABASE_URL REQUESTERS CASES_PER_REQUESTER\n");
    return 2;
  }
  auto engine = start_runtime_under(
      XUEJI_SOURCE_DIR, argv[1],
      std::make_shared<VirtualClock>(*Instant::parse("2025-09-26T10:00:00+08:00")));
  if (!engine) {
    std::fprintf(stderr, "%s\n", engine.error().message.c_str());
    return 2;
  }
  const int requesters = std::atoi(argv[2]);
  const int per = std::atoi(argv[3]);
  std::vector<std::thread> threads;
  for (int r = 0; r < requesters; ++r) {
    threads.emplace_back([&, r] {
      for (int i = 0; i < per; ++i) {
        const std::string case_id = "crash-" + std::to_string(r) + "-" + std::to_string(i);
        char seq[8];
        std::snprintf(seq, sizeof seq, "%03d", (r * per + i) % 1000);
        char birth[16];
        std::snprintf(birth, sizeof birth, "2013%02d%02d", 1 + (r * per + i) / 28000 % 12,
                      1 + (r * per + i) / 1000 % 28);
        const std::string first17 = std::string("450102") + birth + seq;
        Student s;
        s.resident_id = first17 + resident_id_check_char(first17);
        s.registration_number = "G" + s.resident_id;
        s.school = "4501020001";
        s.grade = 5;
        OpenCase open{"transfer", "4501030002", {{"to_school", "4501030002"}}, s, ""};
        auto opened = (*engine)->request(case_id, open);
        if (!opened.ok) continue;
        std::printf("ack %s %lld\n", case_id.c_str(),
                    static_cast<long long>(opened.state.event_count));
        std::fflush(stdout);
        auto decided =
            (*engine)->request(case_id, DecideStep{"sending_school", "4501020001", "approve", ""});
        if (!decided.ok) continue;
        std::printf("ack %s %lld\n", case_id.c_str(),
                    static_cast<long long>(decided.state.event_count));
        std::fflush(stdout);
      }
    });
  }
  for (auto& t : threads) t.join();
  std::printf("done\n");
  std::fflush(stdout);
  return 0;
}
