#pragma once
// The demo's accounts (docs/accounts.md): for every org of the tree a
// registrar `reg.<code>` and an administrator `admin.<code>`, all with one
// published password. Only for a demo database: the server seeds them when
// its configuration says `demo_accounts: true` and no account exists yet.

#include <string>

#include "actors/port/journal.h"
#include "adapters/store/read_model.h"
#include "engine/account/password_hash.h"

namespace xueji::store {

constexpr const char* kDemoPassword = "Xueji-Demo-2025";

// Seeds the accounts; 0 when any account exists already. Since they share
// a published password they share one hash: hashing 2 × N times would buy
// nothing but start-up time.
// Written through `journal` in one transaction with their audit entries.
Result<int> seed_demo_accounts(Journal& journal, ReadModel& reads, const OrgTree& orgs,
                               const Argon2Cost& cost, Instant at);

}  // namespace xueji::store
