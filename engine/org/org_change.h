#pragma once
// A change to the schools of a running engine (Art. 12: 学校合并的,学生学籍
// 档案移交到合并后的学校管理;学校撤销的,移交到主管教育行政部门或其指定的
// 单位管理): a school opens, is renamed, merges into another or closes.
// A change is validated against the tree in force and gives the tree after
// it; the store records it, so a restart replays the org file and then every
// change in order. A merged or closed school stays in the tree with its
// successor (Org::successor), so what names it still resolves.
//
// What a merger or closure hands over, and to whom (its successor):
//   - merge: the school's records and open cases go to the school it
//     merges into, which must run under the same superior (so the county
//     steps of its open cases stay the right county's);
//   - close: to the education department above it (主管教育行政部门),
//     which keeps the records where they are and acts as the school in
//     its open cases; or to a school under the same superior that the
//     department names (其指定的单位), which takes the records as in a
//     merger.

#include <optional>
#include <string>
#include <string_view>

#include "engine/core/result.h"
#include "engine/org/org_tree.h"
#include "engine/org/school_type.h"

namespace xueji {

enum class OrgChangeKind { open, rename, merge, close };
std::string_view to_string(OrgChangeKind kind);
// "invalid_field" naming the kinds otherwise.
Result<OrgChangeKind> parse_org_change_kind(std::string_view text);

struct OrgChange {
  OrgChangeKind kind = OrgChangeKind::open;
  std::string school;  // the school's 10-digit code
  std::string name;    // open, rename: its name
  std::string parent;  // open: the county (or the city or province running it, Art. 5)
  std::optional<SchoolType> school_type = std::nullopt;  // open
  std::string successor;                                 // merge, close
};

// Whether a change of `kind` hands a school over (merge, close): its open
// cases and records go to its successor, and it is finished only once they
// have; an opening or a renaming has nothing to hand over.
bool hands_over(OrgChangeKind kind);

// The tree after `change`, or why it cannot be made, naming the rule:
// "unknown_org" for a school or successor the tree does not hold;
// "org_closed" for a change to (or a hand-over to) a school already merged
// or closed; "invalid_org" for the rest (a code taken, an empty or
// unchanged name, a missing type, a successor under another superior, a
// school merging into itself). Every successor that named the school
// merged or closed now names its own successor, so a record or case is
// never more than one step from the org acting for it.
Result<OrgTree> apply_org_change(const OrgTree& tree, const OrgChange& change);

// Where a merger or closure moves the school's records: the successor when
// it is a school, none when the department above keeps them in place. None
// for an opening or a renaming.
std::optional<std::string> records_move_to(const OrgTree& tree, const OrgChange& change);

}  // namespace xueji
