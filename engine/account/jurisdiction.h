#pragma once
// Jurisdiction (Art. 5: 分级负责, each level for its own; Art. 23: five
// levels, each managing its own region's data): an account acts only
// on steps assigned to its own org, or escalated to it, and reads only its
// own org's subtree. Every check returns "out_of_jurisdiction" (or
// "role_forbidden") with a reason naming the account, its org and what lies
// outside it; the HTTP adapter answers 403 with that reason.

#include <string_view>

#include "engine/account/account.h"
#include "engine/case/case_state.h"
#include "engine/org/org_tree.h"

namespace xueji {

// Art. 12: a merged or closed school no longer acts; its successor does
// (the school merged into, or the department keeping its records). Its
// accounts sign in and act no more: "account_org_closed" naming the
// account, the school and who acts for it.
Status may_act_at_all(const Account& account, const OrgTree& orgs);

// Reading anything about `org` (its inbox, pending steps, students): `org`
// lies in the account's subtree.
Status may_read_org(const Account& account, std::string_view org, const OrgTree& orgs);

// Reading a case: one of its parties' orgs, the org that opened it, or an
// org it was escalated to lies in the account's subtree.
Status may_read_case(const Account& account, const CaseState& c, const OrgTree& orgs);

// Deciding `step` of a case: a registrar (or system account) of the step's
// own org, or of an org the step was escalated to. A step the case does not
// have is left to the decider to refuse as unknown.
Status may_act_on_step(const Account& account, const CaseState& c, std::string_view step);

// Opening or withdrawing a case on behalf of `by`: a registrar of that org,
// or a system account whose subtree holds `by` when `by` is `subject_org`
// (a county's registry filing for the student's school).
// For a family's request (`by` = "guardian") the account must hold the
// subject's org (`subject_org`: the student's school, or for a child with no
// registration the household county) in its subtree.
Status may_act_for(const Account& account, std::string_view by, std::string_view subject_org,
                   const OrgTree& orgs);

// Registering a student at `school`: a registrar whose subtree holds it.
Status may_register_at(const Account& account, std::string_view school, const OrgTree& orgs);

// Approving an export of `org`'s students (Art. 24): an unsealed
// administrator of county level or above whose subtree holds `org`.
Status may_approve_export(const Account& approver, std::string_view org, const OrgTree& orgs);

// Opening, renaming, merging or closing a school under `department` (its
// superior, the 主管教育行政部门 of Art. 12): an account of county level or
// above whose subtree holds that department; a school does not change
// itself.
Status may_change_school(const Account& account, std::string_view department, const OrgTree& orgs);

}  // namespace xueji
