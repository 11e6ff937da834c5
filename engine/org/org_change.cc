#include "engine/org/org_change.h"

#include <vector>

namespace xueji {
namespace {

Error invalid(const OrgChange& change, const std::string& why) {
  return make_error("invalid_org", std::string(to_string(change.kind)) + " of school " +
                                       change.school + ": " + why);
}

// The school the change is about, which must be listed, be a school, and run.
Result<const Org*> running_school(const OrgTree& tree, const OrgChange& change) {
  auto school = tree.get(change.school);
  if (!school) return school.error();
  if ((*school)->level != OrgLevel::school) {
    return invalid(change, "org " + change.school + " is a " +
                               std::string(to_string((*school)->level)) + ", not a school");
  }
  if ((*school)->closed()) {
    return make_error("org_closed", "school " + change.school + " merged or closed already; " +
                                        (*school)->successor + " acts for it (Art. 12)");
  }
  return *school;
}

// Art. 12: the successor of a merger is a school; of a closure, the
// department above the school or a school it names. Either under the same
// superior, so the county steps of the school's open cases stay right.
Status check_successor(const OrgTree& tree, const OrgChange& change, const Org& school) {
  auto successor = tree.get(change.successor);
  if (!successor) return successor.error();
  const Org& to = **successor;
  if (to.code == school.code) return invalid(change, "a school cannot succeed itself");
  if (to.closed()) {
    return make_error("org_closed", "the successor " + to.code + " merged or closed already; " +
                                        to.successor + " acts for it (Art. 12)");
  }
  const bool department = to.code == school.parent;
  if (change.kind == OrgChangeKind::close && department) return Status();
  if (to.level != OrgLevel::school) {
    return invalid(change, change.kind == OrgChangeKind::merge
                               ? "a school merges into a school, not the " +
                                     std::string(to_string(to.level)) + " " + to.code
                               : "its records go to the department above it (" + school.parent +
                                     ") or a school it names, not the " +
                                     std::string(to_string(to.level)) + " " + to.code);
  }
  if (to.parent != school.parent) {
    return invalid(change, "the successor " + to.code + " is under " + to.parent +
                               ", not under the school's own superior " + school.parent);
  }
  return Status();
}

}  // namespace

std::string_view to_string(OrgChangeKind kind) {
  switch (kind) {
    case OrgChangeKind::open:
      return "open";
    case OrgChangeKind::rename:
      return "rename";
    case OrgChangeKind::merge:
      return "merge";
    case OrgChangeKind::close:
      return "close";
  }
  return "?";
}

Result<OrgChangeKind> parse_org_change_kind(std::string_view text) {
  for (auto kind :
       {OrgChangeKind::open, OrgChangeKind::rename, OrgChangeKind::merge, OrgChangeKind::close}) {
    if (to_string(kind) == text) return kind;
  }
  return make_error("invalid_field",
                    "unknown org change '" + std::string(text) + "' (open, rename, merge, close)");
}

Result<OrgTree> apply_org_change(const OrgTree& tree, const OrgChange& change) {
  std::vector<Org> orgs;
  for (const Org* org : tree.all()) {
    if (org->level != OrgLevel::ministry) orgs.push_back(*org);
  }
  switch (change.kind) {
    case OrgChangeKind::open: {
      if (tree.find(change.school) != nullptr) {
        return invalid(change, "the code is taken by " + tree.find(change.school)->name);
      }
      if (change.name.empty()) return invalid(change, "a new school needs a name");
      if (!change.school_type) return invalid(change, "a new school needs its type (Art. 2)");
      auto parent = tree.get(change.parent);
      if (!parent) return parent.error();
      orgs.push_back(
          Org{change.school, change.name, OrgLevel::school, change.parent, change.school_type});
      break;
    }
    case OrgChangeKind::rename: {
      auto school = running_school(tree, change);
      if (!school) return school.error();
      if (change.name.empty()) return invalid(change, "the new name is empty");
      if (change.name == (*school)->name) return invalid(change, "the name is unchanged");
      for (Org& org : orgs) {
        if (org.code == change.school) org.name = change.name;
      }
      break;
    }
    case OrgChangeKind::merge:
    case OrgChangeKind::close: {
      auto school = running_school(tree, change);
      if (!school) return school.error();
      if (Status ok = check_successor(tree, change, **school); !ok) return ok.error();
      for (Org& org : orgs) {
        if (org.code == change.school || org.successor == change.school) {
          org.successor = change.successor;
        }
      }
      break;
    }
  }
  return OrgTree::build(std::move(orgs));
}

bool hands_over(OrgChangeKind kind) {
  return kind == OrgChangeKind::merge || kind == OrgChangeKind::close;
}

std::optional<std::string> records_move_to(const OrgTree& tree, const OrgChange& change) {
  if (!hands_over(change.kind)) return std::nullopt;
  const Org* successor = tree.find(change.successor);
  if (successor == nullptr || successor->level != OrgLevel::school) return std::nullopt;
  return successor->code;
}

}  // namespace xueji
