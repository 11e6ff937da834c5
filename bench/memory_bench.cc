// Memory per pending case: RSS growth for N resident case actors (each with
// its state from a real opening: a transfer with three planned steps) and
// for N passivated cases (an entry in the scheduler's deadline index).
//
//   memory_bench [N]        (default 1,000,000)

#include <cstdio>

#include "actors/case_actor.h"
#include "adapters/wiring/sql_runtime.h"
#include "bench/resident_bytes.h"

using namespace xueji;

int main(int argc, char** argv) {
  const long long n = argc > 1 ? std::atoll(argv[1]) : 1000000;
  const std::string root = XUEJI_SOURCE_DIR;
  auto clock = std::make_shared<VirtualClock>(*Instant::parse("2025-09-26T10:00:00+08:00"));
  auto loaded = load_domain(DomainPaths::under(root), clock);
  if (!loaded) return 2;
  std::shared_ptr<const Domain> data = *loaded;

  // One real opening; every case gets its own copy of that state.
  Student s;
  s.resident_id = "450102201309150019";
  s.registration_number = "G" + s.resident_id;
  s.school = "4501020001";
  s.grade = 5;
  CaseState base;
  base.id = "template";
  auto events =
      decide(base, OpenCase{"transfer", "4501030002", {{"to_school", "4501030002"}}, s, ""},
             clock->now(), data->context());
  if (!events) return 2;
  for (const auto& e : *events) base = evolve(std::move(base), e);

  caf::actor_system_config config;
  caf::actor_system system{config};
  auto scheduler = spawn_scheduler(system, clock, {}, {}, nullptr);
  writer_actor no_writer;  // resident cases idle: they never write here

  const long long before_resident = bench::rss_bytes();
  const auto current = std::make_shared<const CurrentDomain>(data);
  std::vector<case_actor> actors;
  actors.reserve(static_cast<size_t>(n));
  for (long long i = 0; i < n; ++i) {
    CaseState state = base;
    state.id = "case-" + std::to_string(i);
    actors.push_back(spawn_case(system, std::move(state),
                                ActorWiring{current, no_writer, scheduler, {}, nullptr}));
  }
  const long long resident = bench::rss_bytes() - before_resident;

  const long long before_index = bench::rss_bytes();
  {
    caf::scoped_actor self{system};
    for (long long i = 0; i < n; ++i) {
      self->send(scheduler, TimerArm{"case-" + std::to_string(i), 2,
                                     base.next_timer()->at.plus_seconds(i % 86400)});
    }
    size_t pending = 0;
    self->request(scheduler, caf::infinite, pending_atom::value)
        .receive([&](size_t p) { pending = p; }, [](const caf::error&) {});
    if (pending != static_cast<size_t>(n)) return 3;
  }
  const long long passivated = bench::rss_bytes() - before_index;

  std::printf("cases=%lld resident_bytes_per_case=%lld passivated_bytes_per_case=%lld\n", n,
              resident / n, passivated / n);
  for (auto& a : actors) caf::anon_send_exit(a, caf::exit_reason::user_shutdown);
  caf::anon_send_exit(scheduler, caf::exit_reason::user_shutdown);
  return 0;
}
