// A load for the archive crash test (Art. 6, 7): K threads register
// students the way POST /v1/students does (the record and its archive duty
// in one commit, then the archive_build case opened by
// follow_with_archive_steps, the route's own code), printing "reg <number>"
// after the first commit and "opened <number>" after the second. Right
// after the KILL_AT-th registration's first commit, before its second, it
// kills itself with SIGKILL: that one lands between the two commits for
// certain (the other threads wherever they are).
//
//   archive_crash_worker DATABASE_URL THREADS PER_THREAD KILL_AT

#include <atomic>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <mutex>
#include <thread>

#include "adapters/http/archive_steps.h"
#include "adapters/wiring/sql_runtime.h"
#include "engine/student/resident_id.h"

using namespace xueji;

int main(int argc, char** argv) {
  if (argc != 5) {
    std::fprintf(stderr, "usage: archive_crash_worker DATABASE_URL THREADS PER_THREAD KILL_AT\n");
    return 2;
  }
  const Instant when = *Instant::parse("2025-09-26T10:00:00+08:00");
  auto engine =
      start_runtime_under(XUEJI_SOURCE_DIR, argv[1], std::make_shared<VirtualClock>(when));
  if (!engine) {
    std::fprintf(stderr, "%s\n", engine.error().message.c_str());
    return 2;
  }
  auto pool = store::ConnectionPool::open(argv[1], 4);
  if (!pool) {
    std::fprintf(stderr, "%s\n", pool.error().message.c_str());
    return 2;
  }
  http::Services services{
      **engine, http::Stores(*pool), nullptr, {}, {}, nullptr, {}, nullptr, {}, nullptr, nullptr};
  const int threads = std::atoi(argv[2]);
  const int per = std::atoi(argv[3]);
  const int kill_at = std::atoi(argv[4]);
  std::atomic<int> committed{0};
  std::mutex out;
  auto say = [&](const char* word, const std::string& number) {
    std::lock_guard<std::mutex> lock(out);
    std::printf("%s %s\n", word, number.c_str());
    std::fflush(stdout);
  };
  std::vector<std::thread> workers;
  for (int r = 0; r < threads; ++r) {
    workers.emplace_back([&, r] {
      for (int i = 0; i < per; ++i) {
        const int n = r * per + i;
        char seq[8], birth[16];
        std::snprintf(seq, sizeof seq, "%03d", n % 1000);
        std::snprintf(birth, sizeof birth, "2013%02d%02d", 1 + n / 28000 % 12, 1 + n / 1000 % 28);
        const std::string first17 = std::string("450102") + birth + seq;
        Student s;
        s.resident_id = first17 + resident_id_check_char(first17);
        s.registration_number = "G" + s.resident_id;
        s.name = "李小明";
        s.school = "4501020001";
        s.grade = 5;
        s.birth_date = *Date::parse("2013-09-15");
        http::Context ctx;
        ctx.at = when;
        ctx.claimed = "reg.4501020001";
        ctx.action = "student.register";
        ctx.target = "student:" + s.registration_number;
        const ArchiveDuty duty = http::registration_archive_duty(s, false, when);
        Transition registration;
        registration.records.registrations.push_back(s);
        registration.records.archive_owed.push_back(duty);
        registration.audit.push_back(ctx.entry());
        if (!services.engine.commit(std::move(registration))) continue;
        say("reg", s.registration_number);
        if (++committed == kill_at) std::raise(SIGKILL);
        http::follow_with_archive_steps(services, {duty}, ctx);
        say("opened", s.registration_number);
      }
    });
  }
  for (auto& t : workers) t.join();
  std::printf("done\n");
  std::fflush(stdout);
  return 0;
}
