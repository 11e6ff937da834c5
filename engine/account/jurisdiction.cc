#include "engine/account/jurisdiction.h"

#include <algorithm>

namespace xueji {
namespace {

Error outside(const Account& a, const std::string& what) {
  return make_error("out_of_jurisdiction", "account '" + a.name + "' of org " + a.org + " " + what);
}

Status registrar_only(const Account& a) {
  if (a.role == Role::registrar) return Status();
  return make_error("role_forbidden", "account '" + a.name +
                                          "' is an administrator; cases and registrations are "
                                          "handled by registrar accounts");
}

// An unsealed account of a department (county, city, province, ministry)
// whose subtree holds `org`: what an export's approval and a change of
// school both ask. `below` says why a school's account may not; `beyond`
// what it cannot do outside its subtree.
Status department_over(const Account& a, std::string_view org, const OrgTree& orgs,
                       const std::string& below, const std::string& beyond) {
  if (a.sealed()) return make_error("account_sealed", "account '" + a.name + "' is sealed");
  const Org* own = orgs.find(a.org);
  if (own == nullptr || own->level == OrgLevel::school) {
    return make_error("role_forbidden", "account '" + a.name + "' of org " + a.org + below);
  }
  if (!orgs.contains(a.org, org)) return outside(a, beyond + ", outside its subtree");
  return Status();
}

}  // namespace

Status may_act_at_all(const Account& a, const OrgTree& orgs) {
  const Org* own = orgs.find(a.org);
  if (own == nullptr || !own->closed()) return Status();
  return make_error("account_org_closed", "account '" + a.name + "' belongs to school " + a.org +
                                              ", which merged or closed; " + own->successor +
                                              " acts for it (Art. 12): use an account of " +
                                              own->successor);
}

Status may_read_org(const Account& a, std::string_view org, const OrgTree& orgs) {
  if (orgs.contains(a.org, org)) return Status();
  return outside(a, "cannot read org " + std::string(org) + ", outside its subtree");
}

Status may_read_case(const Account& a, const CaseState& c, const OrgTree& orgs) {
  if (!c.opened_by.empty() && orgs.contains(a.org, c.opened_by)) return Status();
  for (const auto& s : c.steps) {
    if (orgs.contains(a.org, s.plan.org)) return Status();
    for (const auto& to : s.escalated_to) {
      if (orgs.contains(a.org, to)) return Status();
    }
  }
  return outside(a, "cannot read case " + c.id + ": none of its parties lies in its subtree");
}

Status may_act_on_step(const Account& a, const CaseState& c, std::string_view step) {
  auto it = std::find_if(c.steps.begin(), c.steps.end(),
                         [&](const StepState& s) { return s.plan.step == step; });
  if (it == c.steps.end()) return Status();
  if (auto role = registrar_only(a); !role) return role;
  if (it->plan.org == a.org) return Status();
  if (std::find(it->escalated_to.begin(), it->escalated_to.end(), a.org) !=
      it->escalated_to.end()) {
    return Status();
  }
  return outside(
      a, "cannot decide step '" + std::string(step) + "' of case " + c.id +
             ": it is assigned to org " + it->plan.org +
             (it->escalated_to.empty() ? std::string()
                                       : " (escalated to " + it->escalated_to.back() + ")"));
}

Status may_act_for(const Account& a, std::string_view by, std::string_view subject_org,
                   const OrgTree& orgs) {
  if (auto role = registrar_only(a); !role) return role;
  if (by == "guardian") {
    if (!subject_org.empty() && orgs.contains(a.org, subject_org)) return Status();
    return outside(a, "cannot act for the family of a student of org " +
                          std::string(subject_org.empty() ? "(unknown)" : subject_org) +
                          ", outside its subtree");
  }
  if (by == a.org) return Status();
  // Another system's adapter above the school (the population registry of a
  // county or province, Art. 21) files for the student's own school, which
  // then has its statutory days: only for that school, only in its subtree.
  if (a.kind == AccountKind::system && !subject_org.empty() && by == subject_org &&
      orgs.contains(a.org, subject_org)) {
    return Status();
  }
  return outside(a, "cannot act on behalf of org " + std::string(by));
}

Status may_register_at(const Account& a, std::string_view school, const OrgTree& orgs) {
  if (auto role = registrar_only(a); !role) return role;
  if (orgs.contains(a.org, school)) return Status();
  return outside(
      a, "cannot register students at school " + std::string(school) + ", outside its subtree");
}

Status may_approve_export(const Account& a, std::string_view org, const OrgTree& orgs) {
  if (a.role != Role::administrator) {
    return make_error("role_forbidden", "account '" + a.name +
                                            "' is a registrar; an export is approved by an "
                                            "administrator of county level or above");
  }
  return department_over(a, org, orgs,
                         " is below county level; an export is approved by a county, city, "
                         "province or the ministry",
                         "cannot approve an export of org " + std::string(org));
}

Status may_change_school(const Account& a, std::string_view department, const OrgTree& orgs) {
  return department_over(a, department, orgs,
                         " is a school's; a school is opened, renamed, merged or closed by the "
                         "department above it (Art. 12)",
                         "cannot change a school under org " + std::string(department));
}

}  // namespace xueji
