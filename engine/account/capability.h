#pragma once
// Capabilities (issue 18): an account may be limited to named actions, not
// only to its org's subtree. The population registry's adapter, say, may
// open death deregistrations (Art. 21) and nothing else. An account without
// a list may do everything its role and org allow, as before; an account
// with one may do only what the list names, still within its role and org.
//
// The vocabulary, one word per thing an account does:
//   read              read cases, students, orgs, statistics, calendars,
//                     graduations, promotions, accounts
//   register_student  register a student, verify a student's identity
//   open              open a case of any kind
//   open:<kind>       open a case of that kind (open:death_deregistration)
//   apply:<kind>      open a case of that kind on the family's behalf only
//                     (by = guardian), as the parents' app does (Art. 16:
//                     the guardian applies; the school and county decide)
//   decide            decide a step of a case
//   withdraw          withdraw a case
//   graduate          run a school's graduation
//   promote           run or correct a promotion
//   manage_accounts   create and unseal accounts, issue and revoke tokens
//   advance_clock     move the simulated clock
//   reload_rules      reload the rules and calendars of a running server
//   manage_orgs       open, rename, merge or close a school (Art. 12)

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/account/account.h"
#include "engine/core/result.h"

namespace xueji {

// The capabilities of a list written as text: words separated by commas or
// white space ("open:death_deregistration read"). Each must be a word of the
// vocabulary above; `open:<kind>` must name one of `kinds` (not checked when
// `kinds` is empty). A word given twice counts once. "invalid_field" names
// the first word that is not one, and the vocabulary. `apply:<kind>` as
// `open:<kind>`.
Result<std::vector<std::string>> parse_capabilities(std::string_view text,
                                                    const std::vector<std::string>& kinds);

// The vocabulary, comma-separated, for an error message.
std::string capability_vocabulary();

// The list as it is stored and printed: the words, space-separated.
std::string capabilities_text(const std::vector<std::string>& capabilities);

// Whether `account` holds `capability`: always for "" (what every account
// may do) and without a list; with one,
// when it names the capability (or, for `open:<kind>`, `open`).
// "capability_missing" names the account, what it lacks and what it holds.
Status may_use(const Account& account, std::string_view capability);

// Whether `account` may open a case of `kind` on behalf of `by` (an org's
// code, or "guardian" for the family): `open` or `open:<kind>` for anyone
// it may act for; `apply:<kind>` only for the family. Refused as may_use
// refuses, naming `open:<kind>`.
Status may_open(const Account& account, std::string_view kind, std::string_view by);

}  // namespace xueji
