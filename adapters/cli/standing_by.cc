#include "adapters/cli/standing_by.h"

#include <chrono>
#include <memory>

#include "adapters/http/log_line.h"
#include "adapters/store/warm_deadlines.h"

namespace xueji::cli {

std::optional<Takeover> stand_by(LeaseKeeper& keeper, const std::string& db, int refresh_ms,
                                 const sigset_t& stop_signals) {
  using Clock = std::chrono::steady_clock;
  std::unique_ptr<store::WarmDeadlines> warm;
  if (auto opened = store::WarmDeadlines::open(db)) {
    warm = std::move(*opened);
  } else {
    http::log_line(http::LogLevel::warn, "standby: no warm deadline index",
                   {{"why", opened.error().message}});
  }
  bool reported = false, failing = false;
  Clock::time_point next_refresh = Clock::now();
  const timespec tick{0, 100 * 1000 * 1000};  // a stop signal is looked for this often
  const bool taken = keeper.wait_until_active([&] {
    if (sigtimedwait(&stop_signals, nullptr, &tick) > 0) return true;
    if (!warm || Clock::now() < next_refresh) return false;
    next_refresh = Clock::now() + std::chrono::milliseconds(refresh_ms);
    const Status refreshed = warm->refresh();
    // One line when the copy is first warm, one when refreshing starts or
    // stops failing: not one a second.
    if (!refreshed.ok() && !failing) {
      http::log_line(http::LogLevel::warn, "standby: the warm deadline index is not refreshed",
                     {{"why", refreshed.error().message}});
    }
    failing = !refreshed.ok();
    if (warm->warm() && !reported) {
      http::log_line(http::LogLevel::info, "standby: deadline index warm",
                     {{"timers", std::to_string(warm->base_size())}});
    }
    reported = reported || warm->warm();
    return false;
  });
  if (!taken) return std::nullopt;
  Takeover takeover;
  // A server that found the lease free took it before any copy was read:
  // the index is read whole, as a first start's is, and nothing is amiss.
  if (!warm || !warm->warm()) return takeover;
  const size_t changes = warm->changes();
  takeover.case_wakes = warm->take_over(keeper.fence()->epoch);
  if (takeover.case_wakes) {
    http::log_line(http::LogLevel::info, "takeover: deadline index from the warm copy",
                   {{"timers", std::to_string(takeover.case_wakes->size())},
                    {"changes_held", std::to_string(changes)}});
  } else {
    http::log_line(http::LogLevel::warn,
                   "takeover: the warm copy could not be trusted; the deadline index is read "
                   "whole");
  }
  return takeover;
}

}  // namespace xueji::cli
