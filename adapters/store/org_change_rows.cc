#include "adapters/store/org_change_rows.h"

#include "adapters/store/batch_rows.h"
#include "adapters/store/sql_helpers.h"

namespace xueji::store {
namespace {

// The orgs table after `change`, as apply_org_change() makes the tree.
void follow_in_orgs(soci::session& sql, const OrgChange& change) {
  switch (change.kind) {
    case OrgChangeKind::open: {
      const std::string type =
          change.school_type ? std::string(to_string(*change.school_type)) : "";
      sql << "INSERT INTO orgs (code, name, level, parent, school_type) "
             "VALUES (:c, :n, 'school', :p, :t)",
          soci::use(change.school), soci::use(change.name), soci::use(change.parent),
          soci::use(type);
      break;
    }
    case OrgChangeKind::rename:
      sql << "UPDATE orgs SET name = :n WHERE code = :c", soci::use(change.name),
          soci::use(change.school);
      break;
    case OrgChangeKind::merge:
    case OrgChangeKind::close:
      // Every successor that named the school moves on with it: one step
      // from the org acting, as batch_rows.cc's compare-and-set assumes.
      sql << "UPDATE school_successors SET successor = :s WHERE successor = :c",
          soci::use(change.successor), soci::use(change.school);
      sql << "INSERT INTO school_successors (school, successor) VALUES (:c, :s)",
          soci::use(change.school), soci::use(change.successor);
      break;
  }
}

// The stored changes in order; only those of `school` unless it is "".
std::vector<StoredOrgChange> select_changes(soci::session& sql, const std::string& school) {
  std::vector<StoredOrgChange> out;
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT seq, at, kind, school, name, parent, school_type, successor, "
                      "by_account, reason, finished_at FROM org_changes "
                      "WHERE :s = '' OR school = :s2 ORDER BY seq",
       soci::use(school), soci::use(school));
  for (const auto& r : rows) {
    StoredOrgChange s;
    s.seq = r.get<long long>(0);
    OrgChangeRecord& record = s.record;
    record.at = Instant::from_unix_seconds(r.get<long long>(1));
    record.change.kind = parse_org_change_kind(r.get<std::string>(2)).value();
    record.change.school = r.get<std::string>(3);
    record.change.name = r.get<std::string>(4);
    record.change.parent = r.get<std::string>(5);
    const std::string type = r.get<std::string>(6);
    if (!type.empty()) record.change.school_type = parse_school_type(type).value();
    record.change.successor = r.get<std::string>(7);
    record.by = r.get<std::string>(8);
    record.reason = r.get<std::string>(9);
    if (r.get_indicator(10) == soci::i_ok) {
      s.finished_at = Instant::from_unix_seconds(r.get<long long>(10));
    }
    out.push_back(std::move(s));
  }
  return out;
}

}  // namespace

void write_org_changes(soci::session& sql, const std::vector<Transition>& batch) {
  for (const auto& t : batch) {
    for (const auto& record : t.records.org_changes) {
      const OrgChange& c = record.change;
      // No serials (portable SQL): changes are made one at a time, by the
      // one server holding the engine.
      long long seq = 0;
      sql << "SELECT COALESCE(MAX(seq), 0) + 1 FROM org_changes", soci::into(seq);
      const long long at = record.at.unix_seconds();
      // Nothing to hand over after an opening or a renaming: finished with it.
      long long finished = at;
      soci::indicator finished_ind = hands_over(c.kind) ? soci::i_null : soci::i_ok;
      const std::string kind(to_string(c.kind));
      const std::string type = c.school_type ? std::string(to_string(*c.school_type)) : "";
      sql << "INSERT INTO org_changes (seq, at, kind, school, name, parent, school_type, "
             "successor, by_account, reason, finished_at) VALUES (:q, :a, :k, :s, :n, :p, :t, "
             ":u, :b, :r, :f)",
          soci::use(seq), soci::use(at), soci::use(kind), soci::use(c.school), soci::use(c.name),
          soci::use(c.parent), soci::use(type), soci::use(c.successor), soci::use(record.by),
          soci::use(record.reason), soci::use(finished, finished_ind);
      follow_in_orgs(sql, c);
    }
  }
}

Result<std::vector<StoredOrgChange>> read_org_changes(Connection& connection) {
  if (Status up = connection.revive(); !up) return up.error();
  auto read = guarded<std::vector<StoredOrgChange>>(
      "read org changes", [&] { return select_changes(connection.sql(), ""); });
  if (!read) connection.suspect();
  return read;
}

Result<OrgTree> tree_with_changes(const OrgTree& from_file,
                                  const std::vector<StoredOrgChange>& changes) {
  OrgTree tree = from_file;
  for (const auto& stored : changes) {
    auto next = apply_org_change(tree, stored.record.change);
    if (!next) {
      return make_error("invalid_org",
                        "stored org change " + std::to_string(stored.seq) +
                            " no longer applies to the org file: " + next.error().message);
    }
    tree = std::move(*next);
  }
  return tree;
}

Result<std::vector<StoredOrgChange>> OrgChangeStore::changes() {
  return pool_->run<std::vector<StoredOrgChange>>(
      "read org changes", [](Connection& c) { return select_changes(c.sql(), ""); });
}

Result<std::optional<StoredOrgChange>> OrgChangeStore::last_change_of(const std::string& school) {
  return pool_->run<std::optional<StoredOrgChange>>(
      "read org changes", [&](Connection& c) -> std::optional<StoredOrgChange> {
        auto of_school = select_changes(c.sql(), school);
        if (of_school.empty()) return std::nullopt;
        return of_school.back();
      });
}

Status OrgChangeStore::finish(int64_t seq, Instant at) {
  const long long when = at.unix_seconds(), which = seq;
  return pool_->run_status("finish org change", [&](Connection& c) {
    c.sql() << "UPDATE org_changes SET finished_at = :a WHERE seq = :q", soci::use(when),
        soci::use(which);
  });
}

Result<std::vector<std::string>> OrgChangeStore::live_cases_naming(const std::string& school) {
  // A school code is ten digits: as a JSON string in an event's body it
  // is the code between quotes, which nothing else matches.
  const std::string pattern = "%\"" + school + "\"%";
  return pool_->run<std::vector<std::string>>("find the cases naming a school", [&](Connection& c) {
    std::vector<std::string> out;
    soci::rowset<std::string> rows =
        (c.sql().prepare
             << "SELECT DISTINCT c.id FROM cases c JOIN case_events e ON e.case_id = c.id "
                "WHERE c.status IN ('open', 'in_term') AND e.type IN ('opened', 'handed_over') "
                "AND e.body LIKE :p ORDER BY c.id",
         soci::use(pattern));
    for (const auto& id : rows) out.push_back(id);
    return out;
  });
}

}  // namespace xueji::store
