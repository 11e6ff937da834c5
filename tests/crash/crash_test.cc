// A load of concurrent cases against a real PostgreSQL, SIGKILL mid-run,
// restart: every acknowledged transition is present exactly once, and the
// pending deadlines are armed.

#include <gtest/gtest.h>
#include <signal.h>
#include <soci/soci.h>
#include <sys/wait.h>
#include <unistd.h>

#include <map>
#include <sstream>

#include "adapters/wiring/sql_runtime.h"
#include "tests/store/store_fixture.h"

namespace xueji::test {
namespace {

TEST(Crash, SigkillLosesNoAcknowledgedTransition) {
  const std::string url = fresh_database("postgresql");
  ASSERT_FALSE(url.empty());
  int out[2];
  ASSERT_EQ(pipe(out), 0);
  const pid_t pid = fork();
  if (pid == 0) {
    dup2(out[1], 1);
    close(out[0]);
    execl(XUEJI_CRASH_WORKER, XUEJI_CRASH_WORKER, url.c_str(), "16", "400", nullptr);
    _exit(127);
  }
  close(out[1]);
  // Read acknowledgements until enough have come, then kill without warning.
  std::map<std::string, long long> acked;  // case -> events acknowledged
  std::string buffer;
  char chunk[4096];
  size_t lines = 0;
  bool killed = false;
  for (ssize_t n; (n = read(out[0], chunk, sizeof chunk)) > 0;) {
    buffer.append(chunk, static_cast<size_t>(n));
    size_t nl;
    while ((nl = buffer.find('\n')) != std::string::npos) {
      std::istringstream line(buffer.substr(0, nl));
      buffer.erase(0, nl + 1);
      std::string word, id;
      long long count = 0;
      if (line >> word >> id >> count && word == "ack") {
        acked[id] = std::max(acked[id], count);
        ++lines;
      }
    }
    if (!killed && lines >= 1500) {
      kill(pid, SIGKILL);
      killed = true;
    }
  }
  int status = 0;
  waitpid(pid, &status, 0);
  ASSERT_TRUE(killed) << "the load finished before it could be killed";
  ASSERT_TRUE(WIFSIGNALED(status));
  ASSERT_GE(acked.size(), 500u);

  auto store = TestStore::open(url);
  ASSERT_TRUE(store.ok());
  soci::session sql("postgresql", store::parse_database_url(url)->connect);
  for (const auto& [id, count] : acked) {
    auto state = (*store)->load_case(id);
    ASSERT_TRUE(state.ok() && state->has_value()) << id;
    // Present: at least what was acknowledged (a commit may land after its
    // answer was lost to the kill, never the other way round).
    ASSERT_GE((*state)->event_count, count) << id;
    // Exactly once: the events are numbered 0..n-1 with no gap or repeat,
    // and the snapshot agrees with them.
    long long rows = 0, max_seq = -1;
    sql << "SELECT COUNT(*), COALESCE(MAX(seq), -1) FROM case_events WHERE case_id = :id",
        soci::use(id), soci::into(rows), soci::into(max_seq);
    ASSERT_EQ(rows, max_seq + 1) << id;
    ASSERT_EQ(rows, (*state)->event_count) << id;
  }
  long long notices = 0, distinct = 0;
  sql << "SELECT COUNT(*), COUNT(DISTINCT id) FROM notices", soci::into(notices),
      soci::into(distinct);
  EXPECT_EQ(notices, distinct);

  // Restart: every open case has its deadline armed.
  auto data =
      load_domain(DomainPaths::under(XUEJI_SOURCE_DIR),
                  std::make_shared<VirtualClock>(*Instant::parse("2025-09-26T10:00:00+08:00")));
  ASSERT_TRUE(data.ok()) << data.error().message;
  auto engine = start_sql_runtime(SqlRuntimeOptions{url, project_path("migrations")}, *data);
  ASSERT_TRUE(engine.ok()) << engine.error().message;
  long long open_cases = 0;
  sql << "SELECT COUNT(*) FROM cases WHERE status = 'open'", soci::into(open_cases);
  EXPECT_GE(open_cases, static_cast<long long>(acked.size()));
  EXPECT_EQ((*engine)->stats().pending_timers, static_cast<size_t>(open_cases));
}

}  // namespace
}  // namespace xueji::test
