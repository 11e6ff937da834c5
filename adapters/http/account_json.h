#pragma once
// An account as the API shows it: never its password hash; for a person,
// when the password was changed and, under a rotating policy, when it
// expires.

#include <nlohmann/json.hpp>

#include <optional>

#include "engine/account/account.h"
#include "engine/account/password_policy.h"
#include "engine/org/org_tree.h"

namespace xueji::http {

// `seal_due`: when the account will be sealed unless used again, if known.
nlohmann::json account_json(const Account& a, const std::optional<Instant>& seal_due,
                            const PasswordPolicies& policies, const OrgTree& orgs);

}  // namespace xueji::http
