#pragma once
// An account of the registration system (Art. 5: 分级负责, hierarchical
// responsibility). Every account belongs to one org at one of the five
// levels (Art. 23); a registrar (学籍管理员) acts on cases and students, an
// administrator manages the accounts below it, unseals them and approves
// exports. A system account is another system's adapter (school software,
// the parents' app): a registrar that signs in only with a token an
// administrator issued.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/calendar/date.h"
#include "engine/core/instant.h"
#include "engine/core/result.h"
#include "engine/org/org_tree.h"

namespace xueji {

enum class Role { registrar, administrator };
enum class AccountKind { person, system };

std::string_view to_string(Role role);
std::string_view to_string(AccountKind kind);
Result<Role> parse_role(std::string_view text);
Result<AccountKind> parse_account_kind(std::string_view text);

struct Account {
  std::string name;
  std::string org;
  Role role = Role::registrar;
  AccountKind kind = AccountKind::person;
  std::string password_hash;  // Argon2id, encoded; empty for a system account
  Date password_changed;      // Beijing date of the last change
  Date last_used;             // Beijing date of the last successful use (or creation)
  std::optional<Instant> sealed_at;
  // What it may do (engine/account/capability.h); none: all its role allows.
  std::optional<std::vector<std::string>> capabilities;

  bool sealed() const { return sealed_at.has_value(); }
};

// 封存: an account unused for more than six months is sealed. Counted in
// whole Beijing days: last used on D, it is sealed as D plus six calendar
// months ends (a day clamped to the month's end: used 08-31, sealed as
// 02-28 ends), i.e. at 00:00 of the following day, the first day on which it
// has gone unused for more than six months.
Instant seal_due(Date last_used);

// Whether a use at `at` of `a`, whose seal falls due at `due`, changes
// nothing (Art. 24): the account is unsealed, its seal is not reached and
// today (Beijing) is already its last use, since the six months count whole
// days. Any other use seals it, is refused or records a new day.
bool use_changes_nothing(const Account& a, const std::optional<Instant>& due, Instant at);

// The refusal of a sealed account (Art. 24): "account_sealed", saying
// since when and who unseals it.
Error sealed_error(const Account& a);

// Account names: 3 to 64 of a-z 0-9 . _ - (they appear in the audit trail
// and in URLs). "invalid_field" names the rule broken.
Status check_account_name(std::string_view name);

// Whether `by` may create or manage (issue tokens for, revoke) an account
// of `org`: an administrator whose org's subtree holds `org`.
// "out_of_jurisdiction" or "role_forbidden" names why not.
Status may_manage(const Account& by, std::string_view org, const OrgTree& orgs);

// Whether `by` may unseal `target`: an administrator of a higher level whose
// subtree holds the target's org (Art. 24 seals an unused account; Art. 5:
// the level above guides and supervises the levels below it). A peer or a
// lower level is refused.
Status may_unseal(const Account& by, const Account& target, const OrgTree& orgs);

}  // namespace xueji
