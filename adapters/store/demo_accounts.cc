#include "adapters/store/demo_accounts.h"

#include "adapters/store/credentials.h"

namespace xueji::store {

Result<int> seed_demo_accounts(Journal& journal, ReadModel& reads, const OrgTree& orgs,
                               const Argon2Cost& cost, Instant at) {
  auto existing = reads.count_rows("accounts");
  if (!existing) return existing.error();
  if (*existing > 0) return 0;
  auto hash = hash_password(kDemoPassword, random_bytes(16), cost);
  if (!hash) return hash.error();
  Transition seeded;
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
      seeded.records.new_accounts.push_back(NewAccount{a, at});
      seeded.audit.push_back(entry);
    }
  }
  Status written = journal.commit({seeded});
  if (!written) return written.error();
  return static_cast<int>(seeded.records.new_accounts.size());
}

}  // namespace xueji::store
