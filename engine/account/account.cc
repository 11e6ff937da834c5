#include "engine/account/account.h"

namespace xueji {

std::string_view to_string(Role role) {
  return role == Role::administrator ? "administrator" : "registrar";
}

std::string_view to_string(AccountKind kind) {
  return kind == AccountKind::system ? "system" : "person";
}

Result<Role> parse_role(std::string_view text) {
  if (text == "registrar") return Role::registrar;
  if (text == "administrator") return Role::administrator;
  return make_error("invalid_field",
                    "role '" + std::string(text) + "' is not registrar or administrator");
}

Result<AccountKind> parse_account_kind(std::string_view text) {
  if (text == "person") return AccountKind::person;
  if (text == "system") return AccountKind::system;
  return make_error("invalid_field", "kind '" + std::string(text) + "' is not person or system");
}

Instant seal_due(Date last_used) {
  const Date first_day_sealed = last_used.plus_months(6).plus_days(1);
  return Instant::from_unix_seconds(int64_t{first_day_sealed.days()} * 86400 -
                                    kBeijingOffsetSeconds);
}

bool use_changes_nothing(const Account& a, const std::optional<Instant>& due, Instant at) {
  return !a.sealed() && !(due && at >= *due) && at.beijing_date() <= a.last_used;
}

Error sealed_error(const Account& a) {
  return make_error("account_sealed",
                    "account '" + a.name + "' was sealed on " +
                        (a.sealed_at ? a.sealed_at->beijing_date().to_string() : std::string("?")) +
                        " after more than six months unused (封存); an administrator of a higher "
                        "level must unseal it");
}

Status check_account_name(std::string_view name) {
  if (name.size() < 3 || name.size() > 64) {
    return make_error("invalid_field",
                      "account name '" + std::string(name) + "' must be 3 to 64 characters long");
  }
  for (char c : name) {
    const bool ok =
        (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
    if (!ok) {
      return make_error("invalid_field", "account name '" + std::string(name) +
                                             "' may hold only a-z, 0-9, '.', '_' and '-'");
    }
  }
  return Status();
}

Status may_manage(const Account& by, std::string_view org, const OrgTree& orgs) {
  if (by.role != Role::administrator) {
    return make_error("role_forbidden", "account '" + by.name +
                                            "' is a registrar; only an administrator manages "
                                            "accounts");
  }
  if (!orgs.contains(by.org, org)) {
    return make_error("out_of_jurisdiction", "account '" + by.name + "' of org " + by.org +
                                                 " cannot manage accounts of org " +
                                                 std::string(org) + ", outside its subtree");
  }
  return Status();
}

Status may_unseal(const Account& by, const Account& target, const OrgTree& orgs) {
  if (by.role != Role::administrator) {
    return make_error("role_forbidden", "account '" + by.name +
                                            "' is a registrar; only an administrator of a higher "
                                            "level unseals an account");
  }
  if (by.org == target.org || !orgs.contains(by.org, target.org)) {
    return make_error("out_of_jurisdiction",
                      "account '" + by.name + "' of org " + by.org + " cannot unseal '" +
                          target.name + "' of org " + target.org +
                          ": only an administrator of a higher level above it can");
  }
  return Status();
}

}  // namespace xueji
