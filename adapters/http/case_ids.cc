#include "adapters/http/case_ids.h"

#include <chrono>
#include <cstdio>
#include <random>

namespace xueji::http {

std::string new_case_id() {
  static thread_local std::mt19937_64 rng{std::random_device{}()};
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                      std::chrono::system_clock::now().time_since_epoch())
                      .count();
  char buf[32];
  std::snprintf(buf, sizeof buf, "C%011llx%010llx", static_cast<unsigned long long>(ms),
                static_cast<unsigned long long>(rng() & 0xffffffffffULL));
  return buf;
}

}  // namespace xueji::http
