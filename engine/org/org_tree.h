#pragma once
// The five-level administrative tree (Art. 5, 23): ministry -> province ->
// city -> county -> school. Province, city and county carry their GB/T 2260
// division codes; a school its 10-digit school identifier and its type
// (Art. 2, engine/org/school_type.h), under exactly one county, or under the
// city or province that runs it directly (直管学校, Art. 5). "The next level
// up" of an org is its parent here; escalation climbs it to the ministry and
// stops there. Immutable once built.

#include <yaml-cpp/yaml.h>

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/core/result.h"
#include "engine/org/school_type.h"

namespace xueji {

class YamlSource;

enum class OrgLevel { ministry, province, city, county, school };
std::string_view to_string(OrgLevel level);
Result<OrgLevel> parse_org_level(std::string_view text);

struct Org {
  std::string code;
  std::string name;
  OrgLevel level = OrgLevel::school;
  std::string parent;  // "" only for the ministry
  // A school's type (Art. 2); none for the other levels. An org file gives
  // every school one; a tree built in code may leave it out.
  std::optional<SchoolType> school_type = std::nullopt;
  // A school that merged or closed (Art. 12, engine/org/org_change.h): the
  // org that keeps its records and acts for it in its open cases; "" while
  // the school runs. It stays in the tree, so the cases and history that
  // name it still resolve.
  std::string successor = {};
  bool closed() const { return !successor.empty(); }
};

class OrgTree {
 public:
  static constexpr const char* kMinistryCode = "000000";

  // Just the ministry.
  OrgTree();

  // Validates and builds. The ministry (000000, 教育部) is implicit and the
  // parent of every province. Province, city and county codes are 6 digits,
  // school codes 10; codes are unique; a parent exists (it may be listed
  // after its child) and sits exactly one level up, but that a school may
  // sit under a city or province that runs it directly (Art. 5); only a
  // school has a school type; a province code is a
  // known GB/T 2260 province; a city shares its province's first two digits
  // and ends in 00; a county shares its city's first four digits and does
  // not end in 00. A school's code need not share digits with its county.
  // A successor is listed, and only a school has one.
  // Errors have code "invalid_org" and name the org and the rule broken.
  static Result<OrgTree> build(std::vector<Org> orgs);

  const Org* find(std::string_view code) const;
  Result<const Org*> get(std::string_view code) const;  // "unknown_org"
  // The next level up; nullptr for the ministry or an unknown code.
  const Org* superior(std::string_view code) const;
  // True when `org` is `ancestor` or lies under it.
  bool contains(std::string_view ancestor, std::string_view org) const;
  // The org at `level` on the path from `code` to the ministry (the org
  // itself when it is at that level); nullptr when none.
  const Org* ancestor_at(std::string_view code, OrgLevel level) const;
  // The education authority whose list above the schools holds a step
  // waiting on `code` (migration 0034): a school's parent, the county or
  // the city or province that runs it (Art. 5); any other org, and a code
  // the tree does not hold, is its own.
  std::string authority_over(std::string_view code) const;
  // The province's code, "" for the ministry or an unknown code.
  std::string province_of(std::string_view code) const;
  // The org that acts for `code`: the org itself while it runs; for a
  // school that merged or closed, its successor (Art. 12). nullptr for an
  // unknown code.
  const Org* acting_for(std::string_view code) const;
  std::vector<const Org*> children(std::string_view code) const;  // by code
  std::vector<const Org*> all() const;                            // by code, ministry first
  size_t size() const { return orgs_.size(); }

 private:
  std::map<std::string, Org, std::less<>> orgs_;
  std::multimap<std::string, std::string, std::less<>> children_;
};

// Reads a YAML list of orgs in the org-file format
//   - {code: "450100", name: "南宁市", level: city, parent: "450000"}
//   - {code: "4501020001", name: "...", level: school, type: primary, parent: "450102"}
// where every school says its `type` (Art. 2: a school without one is an
// error, not a default, so no school's grades are guessed), throwing SourceError "file:line:
// reason" for the offending entry, also for structural errors found by OrgTree::build.
OrgTree read_org_list(const YamlSource& source, const YAML::Node& list);

// Loads an org file: the list itself, or a mapping whose `orgs:` holds it.
// Errors have code "invalid_file" and read "file:line: reason".
Result<OrgTree> load_org_file(const std::string& path);
// The same for an org file's text already read, `file` naming it in errors.
Result<OrgTree> parse_org_file(const std::string& file, const std::string& text);

}  // namespace xueji
