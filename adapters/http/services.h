#pragma once
// What every route reaches besides its request: the engine, the store's
// rooms, the simulated clock and the account settings. One per Api, shared
// by all requests; the routes take it by reference.

#include <functional>
#include <memory>
#include <optional>
#include <utility>

#include "actors/runtime.h"
#include "adapters/http/context.h"
#include "adapters/http/metrics.h"
#include "adapters/http/throttle.h"
#include "adapters/store/credential_store.h"
#include "adapters/store/idempotency_store.h"
#include "adapters/store/org_change_rows.h"
#include "adapters/store/outbox.h"
#include "adapters/store/read_model.h"
#include "adapters/store/run_store.h"
#include "adapters/store/statistics_reads.h"
#include "engine/account/password_hash.h"

namespace xueji {
class ArchiveDutySweep;  // actors/archive_duty_sweep.h
}  // namespace xueji

namespace xueji::http {

class AutoPromotion;

struct AccountSettings {
  int session_minutes = 480;    // a login's token lasts one working day
  int system_token_days = 365;  // an issued token's life; 0: until revoked
  Argon2Cost argon2;
  ThrottleSettings throttle;  // wrong passwords, anonymous requests (throttle.h)
};

// The store's rooms the routes read, over one pool of connections.
struct Stores {
  explicit Stores(std::shared_ptr<store::ConnectionPool> pool);
  store::ReadModel reads;
  store::CredentialStore credentials;
  store::IdempotencyStore answers;
  store::Outbox outbox;
  store::RunStore runs;               // the runs over many students (Art. 7)
  store::StatisticsReads statistics;  // the supervisor's figures (Art. 25, 26)
  store::OrgChangeStore org_changes;  // schools opened, merged, closed (Art. 12)
};

struct Services {
  // Every write goes through the engine's writer; the stores only read
  // (and keep Idempotency-Key answers).
  Runtime& engine;
  Stores stores;
  // The virtual clock when the server runs simulated, else null.
  std::shared_ptr<VirtualClock> simulated_clock;
  AccountSettings accounts;
  RequestMetrics requests;
  // The yearly promotion running by itself (auto_promotion.h), or null when
  // the server runs it only on request (`serve --no-auto-promotion`).
  std::shared_ptr<AutoPromotion> promotions;
  // The web console's files (console_routes.h); empty: no console.
  std::string console_dir;
  // Wrong passwords and anonymous requests held back (throttle.h).
  std::shared_ptr<Throttle> throttle;
  // Where the rules and calendars in force were read from, for a reload
  // (rule_routes.h); none: this server cannot reload.
  std::optional<DomainPaths> rule_paths;
  // Runs a blocking follow-up (a store write, a further engine request) of
  // a route that answers later, off the engine's threads, which must not
  // block. The Api sets it to its own few workers.
  std::function<void(std::function<void()>)> follow_up;
  // The owed archive steps' sweep (actors/archive_duty_sweep.h), or null
  // when the server runs none (`archive_sweep_seconds: 0`): read by /metrics.
  std::shared_ptr<const ArchiveDutySweep> archive_sweep;

  // Commits the record writes `fill` makes together with the request's
  // audit entry, so the change and its trace land in one transaction.
  template <typename Fill>
  Status commit_with_entry(const Context& ctx, Fill&& fill) {
    Transition t;
    std::forward<Fill>(fill)(t.records);
    t.audit.push_back(ctx.entry());
    return engine.commit(std::move(t));
  }
};

}  // namespace xueji::http
