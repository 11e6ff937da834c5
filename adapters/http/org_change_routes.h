#pragma once
// Schools that open, are renamed, merge or close on a running server (Art.
// 12: 学校合并的,学生学籍档案移交到合并后的学校管理;学校撤销的,移交到主管
// 教育行政部门或其指定的单位管理). A change is checked against the tree in
// force (engine/org/org_change.h), recorded with its audit entry in one
// transaction, put in force at once, and a merger's or closure's hand-over
// runs before the answer (school_hand_over_run.h): the school's live cases
// to its successor, each with a notice, then its records.

#include "adapters/http/context.h"
#include "adapters/http/http_server.h"
#include "adapters/http/services.h"

namespace xueji::http {

// POST /v1/org-changes {kind, school, successor?, name?, parent?, type?,
// reason?}: kind "open" (school, name, parent, type), "rename" (school,
// name), "merge" (school, successor: a school under the same department)
// or "close" (school, successor: the department above it, or a school
// under it that the department names). An account of county level or
// above whose subtree holds the school's department may (`manage_orgs`).
// 201 with the change and its hand-over (cases handed over, cases
// superseded, records moved). The same merger or closure again answers
// 200, finishing a hand-over a stop interrupted. 404 unknown_org; 409
// org_closed for a school (or successor) that merged or closed; 422
// invalid_org naming the rule, invalid_field for an unknown kind.
Response change_org(Services& services, const Request& request, Context& ctx);

// GET /v1/org-changes: every change to a school in the caller's subtree,
// in the order made.
Response list_org_changes(Services& services, const Request& request, Context& ctx);

}  // namespace xueji::http
