#pragma once
// The hot standby's lease, kept by a thread of its own (docs/operations.md,
// "A hot standby"). A standby polls the lease row and takes it once it has
// expired; the holder renews it every renew interval. A holder that cannot
// renew (another took it, or the database did not answer for a whole time
// to live) has lost it: it sets the fence, so its journal commits nothing
// more, and calls `lost` once.

#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "adapters/cli/standby_config.h"
#include "adapters/store/engine_lease.h"

namespace xueji::cli {

class LeaseKeeper {
 public:
  // Connects to `url` (PostgreSQL) and starts polling at once.
  static std::unique_ptr<LeaseKeeper> start(const std::string& url, const StandbySettings& settings,
                                            std::function<void()> lost);
  // Stops the thread; a holder lets the lease go (release_lease), so that
  // a standby takes over without waiting out the time to live. Call once
  // the engine has stopped writing.
  ~LeaseKeeper();

  // Holds the lease, unexpired by this host's monotonic clock: counted
  // from before the last renewal was sent, so it ends before the
  // database's expiry does. False from the moment a pause (SIGSTOP) or an
  // outage outlasts it, before anything has run to notice.
  bool active() const;
  // Held the lease once and lost it since.
  bool lost() const;
  // The active holder's advertised address, as last read ("" unknown).
  std::string active_address() const;
  // Until the lease is held (true) or `give_up` answers true (false).
  bool wait_until_active(const std::function<bool()>& give_up);

  std::shared_ptr<store::LeaseFence> fence() const { return fence_; }

 private:
  LeaseKeeper(std::unique_ptr<store::Connection> connection, const StandbySettings& settings,
              std::function<void()> lost);
  void run();
  void tick();

  std::unique_ptr<store::Connection> connection_;
  const StandbySettings settings_;
  std::function<void()> on_lost_;
  std::shared_ptr<store::LeaseFence> fence_ = std::make_shared<store::LeaseFence>();
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  bool holding_ = false;
  bool lost_ = false;
  std::chrono::steady_clock::time_point valid_until_;
  std::string active_address_;
  std::thread thread_;
};

}  // namespace xueji::cli
