#include "adapters/http/org_change_routes.h"

#include <mutex>
#include <nlohmann/json.hpp>

#include "adapters/http/json_body.h"
#include "adapters/http/problem.h"
#include "adapters/http/school_hand_over_run.h"
#include "engine/account/capability.h"
#include "engine/account/jurisdiction.h"
#include "engine/org/org_change.h"

namespace xueji::http {
namespace {

using nlohmann::json;

// The change the body asks for; only the fields its kind uses are read.
Result<OrgChange> change_in(const json& body) {
  auto kind_text = string_field(body, "kind");
  if (!kind_text) return kind_text.error();
  auto kind = parse_org_change_kind(*kind_text);
  if (!kind) return kind.error();
  OrgChange change;
  change.kind = *kind;
  auto school = string_field(body, "school");
  if (!school) return school.error();
  change.school = *school;
  const bool named = change.kind == OrgChangeKind::open || change.kind == OrgChangeKind::rename;
  if (named) {
    auto name = string_field(body, "name");
    if (!name) return name.error();
    change.name = *name;
  } else {
    auto successor = string_field(body, "successor");
    if (!successor) return successor.error();
    change.successor = *successor;
  }
  if (change.kind == OrgChangeKind::open) {
    auto parent = string_field(body, "parent");
    if (!parent) return parent.error();
    change.parent = *parent;
    auto type = string_field(body, "type");
    if (!type) return type.error();
    auto school_type = parse_school_type(*type);
    if (!school_type) return make_error("invalid_field", school_type.error().message);
    change.school_type = *school_type;
  }
  return change;
}

json change_json(const store::StoredOrgChange& stored) {
  const OrgChange& c = stored.record.change;
  json out = {{"seq", stored.seq},
              {"kind", std::string(to_string(c.kind))},
              {"school", c.school},
              {"at", stored.record.at.to_string()},
              {"by", stored.record.by},
              {"reason", stored.record.reason},
              {"finished", stored.finished_at.has_value()}};
  if (!c.name.empty()) out["name"] = c.name;
  if (!c.parent.empty()) out["parent"] = c.parent;
  if (c.school_type) out["type"] = std::string(to_string(*c.school_type));
  if (!c.successor.empty()) out["successor"] = c.successor;
  return out;
}

// Whether `stored` is the change `asked` made again: a merger or closure
// of the same school to the same successor.
bool same_hand_over(const std::optional<store::StoredOrgChange>& stored, const OrgChange& asked) {
  if (!stored) return false;
  const OrgChange& c = stored->record.change;
  return hands_over(asked.kind) && c.kind == asked.kind && c.successor == asked.successor;
}

Response with_hand_over(Services& s, int status, store::StoredOrgChange stored) {
  json out = change_json(stored);
  if (hands_over(stored.record.change.kind)) {
    auto done = run_school_hand_over(s.engine, s.stores.org_changes, s.stores.runs, stored);
    if (!done) return from_error(done.error());
    out["finished"] = true;
    out["hand_over"] = {{"cases_handed_over", done->cases_handed_over},
                        {"cases_superseded", done->cases_superseded},
                        {"records_moved", done->records_moved}};
  }
  return json_response(status, out);
}

}  // namespace

Response change_org(Services& s, const Request& r, Context& ctx) {
  auto body = parse_object(r);
  if (!body) return from_error(body.error());
  auto change = change_in(*body);
  if (!change) return from_error(change.error());
  auto reason = string_field(*body, "reason", false);
  if (!reason) return from_error(reason.error());
  ctx.target = "org:" + change->school;
  // One change at a time: each is checked against the tree the last left.
  static std::mutex one_at_a_time;
  std::lock_guard<std::mutex> lock(one_at_a_time);
  const auto domain = s.engine.data();
  const OrgTree& orgs = domain->orgs;
  // The department the school is under (Art. 12: 主管教育行政部门).
  std::string department = change->parent;
  if (change->kind != OrgChangeKind::open) {
    const Org* school = orgs.find(change->school);
    if (school == nullptr) {
      return problem(404, "unknown_org", "unknown school '" + change->school + "'");
    }
    department = school->parent;
  } else if (orgs.find(department) == nullptr) {
    return problem(404, "unknown_org", "unknown parent '" + department + "'");
  }
  if (Status may = may_change_school(*ctx.account, department, orgs); !may) {
    return from_error(may.error());
  }
  if (const Org* school = orgs.find(change->school); school != nullptr && school->closed()) {
    // The same merger or closure again: its hand-over finished (or is
    // finished now, after a stop cut it short).
    auto last = s.stores.org_changes.last_change_of(change->school);
    if (!last) return from_error(last.error());
    if (same_hand_over(*last, *change)) return with_hand_over(s, 200, **last);
  }
  auto next = apply_org_change(orgs, *change);
  if (!next) return from_error(next.error());
  const Instant now = domain->clock->now();
  Status recorded = s.commit_with_entry(ctx, [&](RecordWrites& w) {
    w.org_changes.push_back(OrgChangeRecord{*change, now, ctx.account->name, *reason});
  });
  if (!recorded) return from_error(recorded.error());
  ctx.recorded = true;
  // In force for every route and case from now on.
  s.engine.update_domain([&](const Domain& in_force) {
    auto after = std::make_shared<Domain>(in_force);
    after->orgs = std::move(*next);
    return std::shared_ptr<const Domain>(std::move(after));
  });
  auto stored = s.stores.org_changes.last_change_of(change->school);
  if (!stored) return from_error(stored.error());
  if (!*stored) return problem(503, "store_failed", "the org change was not read back");
  return with_hand_over(s, 201, **stored);
}

Response list_org_changes(Services& s, const Request&, Context& ctx) {
  auto changes = s.stores.org_changes.changes();
  if (!changes) return from_error(changes.error());
  const auto domain = s.engine.data();
  json items = json::array();
  for (const auto& stored : *changes) {
    if (domain->orgs.contains(ctx.account->org, stored.record.change.school)) {
      items.push_back(change_json(stored));
    }
  }
  return json_response(200, json{{"items", items}});
}

}  // namespace xueji::http
