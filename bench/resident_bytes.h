#pragma once
// The process's resident set, from /proc/self/statm: what the benchmarks'
// bytes per case and per timer are differences of.

#include <unistd.h>

#include <fstream>

namespace xueji::bench {

inline long long rss_bytes() {
  std::ifstream statm("/proc/self/statm");
  long long pages = 0, resident = 0;
  statm >> pages >> resident;
  return resident * sysconf(_SC_PAGESIZE);
}

}  // namespace xueji::bench
