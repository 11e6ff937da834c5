// The archive's deadline survives a SIGKILL between the two commits (Art.
// 6, 7), on a real PostgreSQL: registrations run in a separate process,
// which is killed right after one's first commit (the record and its
// owed archive step), before its archive_build case's; at restart every
// registered record has exactly one archive_build case and nothing is left
// owed.

#include <gtest/gtest.h>
#include <signal.h>
#include <soci/soci.h>
#include <sys/wait.h>
#include <unistd.h>

#include <set>
#include <sstream>

#include "adapters/wiring/sql_runtime.h"
#include "tests/store/store_fixture.h"

namespace xueji::test {
namespace {

TEST(ArchiveCrash, AKillBetweenTheCommitsLosesNoArchiveDeadline) {
  const std::string url = fresh_database("postgresql");
  ASSERT_FALSE(url.empty());
  int out[2];
  ASSERT_EQ(pipe(out), 0);
  const pid_t pid = fork();
  if (pid == 0) {
    dup2(out[1], 1);
    close(out[0]);
    execl(XUEJI_ARCHIVE_CRASH_WORKER, XUEJI_ARCHIVE_CRASH_WORKER, url.c_str(), "8", "500", "300",
          nullptr);
    _exit(127);
  }
  close(out[1]);
  // The worker kills itself right after the 300th registration's first
  // commit, before that registration's case is opened.
  std::set<std::string> registered, opened;
  std::string buffer;
  char chunk[4096];
  for (ssize_t n; (n = read(out[0], chunk, sizeof chunk)) > 0;) {
    buffer.append(chunk, static_cast<size_t>(n));
    size_t nl;
    while ((nl = buffer.find('\n')) != std::string::npos) {
      std::istringstream line(buffer.substr(0, nl));
      buffer.erase(0, nl + 1);
      std::string word, number;
      if (!(line >> word >> number)) continue;
      if (word == "reg") registered.insert(number);
      if (word == "opened") opened.insert(number);
    }
  }
  int status = 0;
  waitpid(pid, &status, 0);
  ASSERT_TRUE(WIFSIGNALED(status)) << "the load finished before it was killed";
  ASSERT_EQ(WTERMSIG(status), SIGKILL);
  ASSERT_GE(registered.size(), 300u);

  soci::session sql("postgresql", store::parse_database_url(url)->connect);
  // The kill came between the commits: owed steps whose cases do not exist.
  long long owed = 0;
  sql << "SELECT COUNT(*) FROM archive_duties d WHERE NOT EXISTS "
         "(SELECT 1 FROM cases c WHERE c.id = d.case_id)",
      soci::into(owed);
  EXPECT_GE(owed, 1) << registered.size() << " registered, " << opened.size() << " opened";

  auto data =
      load_domain(DomainPaths::under(XUEJI_SOURCE_DIR),
                  std::make_shared<VirtualClock>(*Instant::parse("2025-10-10T10:00:00+08:00")));
  ASSERT_TRUE(data.ok()) << data.error().message;
  auto engine = start_sql_runtime(SqlRuntimeOptions{url, project_path("migrations")}, *data);
  ASSERT_TRUE(engine.ok()) << engine.error().message;
  long long left = -1;
  sql << "SELECT COUNT(*) FROM archive_duties", soci::into(left);
  EXPECT_EQ(left, 0);
  // Every record committed (acknowledged or not) has its one case, due
  // two months from the registration (26 September), not from the restart.
  long long students = 0, without = -1, twice = -1, late = -1;
  sql << "SELECT COUNT(*) FROM students", soci::into(students);
  EXPECT_GE(students, static_cast<long long>(registered.size()));
  sql << "SELECT COUNT(*) FROM students s WHERE NOT EXISTS (SELECT 1 FROM cases c WHERE "
         "c.subject = s.registration_number AND c.kind = 'archive_build')",
      soci::into(without);
  EXPECT_EQ(without, 0);
  sql << "SELECT COUNT(*) FROM (SELECT subject FROM cases WHERE kind = 'archive_build' "
         "GROUP BY subject HAVING COUNT(*) > 1) t",
      soci::into(twice);
  EXPECT_EQ(twice, 0);
  sql << "SELECT COUNT(*) FROM cases WHERE kind = 'archive_build' AND active_due > '2025-11-26'",
      soci::into(late);
  EXPECT_EQ(late, 0);
}

}  // namespace
}  // namespace xueji::test
