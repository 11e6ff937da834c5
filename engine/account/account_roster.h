#pragma once
// A roster of accounts to provision in bulk (`xueji accounts import`): a CSV
// file whose header names the columns
//   name,org,role[,password][,capabilities]
// in any order (name, org and role required; `password` optional, and an
// empty cell means "generate one"; `capabilities` optional, the words of
// engine/account/capability.h separated by spaces, an empty cell meaning
// "not limited"). Each row is checked exactly as `accounts
// create` checks one account (check_new_account), plus a name given twice in
// the file. Pure: the caller checks the names against the store.

#include <optional>
#include <string>
#include <vector>

#include "engine/account/account.h"
#include "engine/account/password_policy.h"
#include "engine/core/result.h"
#include "engine/org/org_tree.h"

namespace xueji {

struct RosterRow {
  int line = 0;  // the file's line, 1 being the header: "row 3" is line 3
  std::string name;
  std::string org;
  std::string role;
  std::optional<std::string> password;      // none or empty: generate one
  std::optional<std::string> capabilities;  // none or empty: not limited (issue 18)
};

// The rows of a roster file's text. A missing required column, an unknown
// column or a row with another number of cells than the header is
// "invalid_file" naming the line; blank lines are skipped. Cells may be
// double-quoted (RFC 4180), so a password may hold a comma or a quote.
Result<std::vector<RosterRow>> parse_roster(const std::string& text);

// Art. 12: an org that merged or closed takes no new account: "org_closed"
// naming who acts for it.
Status check_org_takes_accounts(const Org& org);

// What `accounts create` checks of one account before the store: a valid
// name, a known role, an org of the tree that has not merged or closed
// (Art. 12) and, when the password is given, the password rule of the
// org's province. "invalid_field", "unknown_org", "org_closed" or
// "weak_password" names what is wrong.
Status check_new_account(const std::string& name, const std::string& org, const std::string& role,
                         const std::optional<std::string>& password, const OrgTree& orgs,
                         const PasswordPolicies& policies);

}  // namespace xueji
