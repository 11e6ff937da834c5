#pragma once
// The engine a PostgreSQL bench runs (herd_bench, redating_bench): the
// project's own data under XUEJI_SOURCE_DIR on the database its command
// line names, on a virtual clock set to `at`, and the number of cases the
// command line asks for.
//
//   NAME DATABASE_URL CASES

#include <cstdio>
#include <cstdlib>
#include <memory>
#include <optional>

#include "adapters/wiring/sql_runtime.h"

namespace xueji::bench {

struct BenchEngine {
  std::unique_ptr<Runtime> runtime;
  long long cases = 0;
};

// None, with the usage or the store's error on stderr, when it cannot start.
// WRITER_CONNECTIONS: RuntimeOptions::writer_connections, 2 as a server's.
inline std::optional<BenchEngine> start_bench_engine(int argc, char** argv, const char* name,
                                                     const char* at) {
  if (argc != 3 && argc != 4) {
    std::fprintf(stderr, "usage: %s DATABASE_URL CASES [WRITER_CONNECTIONS]\n", name);
    return std::nullopt;
  }
  auto clock = std::make_shared<VirtualClock>(*Instant::parse(at));
  auto engine =
      start_runtime_under(XUEJI_SOURCE_DIR, argv[1], clock, argc == 4 ? std::atoi(argv[3]) : 2);
  if (!engine) {
    std::fprintf(stderr, "%s\n", engine.error().message.c_str());
    return std::nullopt;
  }
  return BenchEngine{std::move(*engine), std::atoll(argv[2])};
}

}  // namespace xueji::bench
