#include "adapters/http/case_ids.h"

#include <cstdio>
#include <random>

namespace xueji::http {

std::string new_case_id() {
  static thread_local std::mt19937_64 rng{std::random_device{}()};
  char buf[24];
  std::snprintf(buf, sizeof buf, "C%016llx", static_cast<unsigned long long>(rng()));
  return buf;
}

}  // namespace xueji::http
