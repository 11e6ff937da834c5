#include "adapters/store/demo_accounts.h"

#include "adapters/store/credentials.h"

namespace xueji::store {

Result<int> seed_demo_accounts(Store& store, const OrgTree& orgs, const Argon2Cost& cost,
                               Instant at) {
  auto existing = store.count_rows("accounts");
  if (!existing) return existing.error();
  if (*existing > 0) return 0;
  auto hash = hash_password(kDemoPassword, random_bytes(16), cost);
  if (!hash) return hash.error();
  int created = 0;
  for (const Org* org : orgs.all()) {
    for (Role role : {Role::registrar, Role::administrator}) {
      Account a;
      a.name = std::string(role == Role::registrar ? "reg." : "admin.") + org->code;
      a.org = org->code;
      a.role = role;
      a.password_hash = *hash;
      a.password_changed = at.beijing_date();
      a.last_used = at.beijing_date();
      const AuditEntry entry = audit_entry(at, "xueji", org->code, "account.create",
                                           "account:" + a.name, "ok", "demo account");
      Status inserted = store.insert_account(a, at, {entry});
      if (!inserted) return inserted.error();
      ++created;
    }
  }
  return created;
}

}  // namespace xueji::store
