#include "actors/clock.h"

#include <chrono>

namespace xueji {

Instant SystemClock::now() const {
  const auto since_epoch = std::chrono::system_clock::now().time_since_epoch();
  return Instant::from_unix_seconds(
      std::chrono::duration_cast<std::chrono::seconds>(since_epoch).count());
}

}  // namespace xueji
