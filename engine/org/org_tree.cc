#include "engine/org/org_tree.h"

#include <algorithm>

#include "engine/core/yaml_source.h"
#include "engine/org/provinces.h"

namespace xueji {
namespace {

bool all_digits(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

Error invalid(const Org& org, const std::string& why) {
  return make_error("invalid_org", "org " + org.code + " (" + org.name + "): " + why);
}

OrgLevel level_above(OrgLevel level) {
  return level == OrgLevel::ministry ? OrgLevel::ministry
                                     : static_cast<OrgLevel>(static_cast<int>(level) - 1);
}

// The checks one org passes on its own, before its parent is looked at.
Status check_code(const Org& org) {
  const size_t want = org.level == OrgLevel::school ? 10 : 6;
  if (org.code.size() != want || !all_digits(org.code)) {
    return invalid(org, "a " + std::string(to_string(org.level)) + " code has " +
                            std::to_string(want) + " digits");
  }
  const std::string_view code = org.code;
  switch (org.level) {
    case OrgLevel::ministry:
      return invalid(org, "the ministry is implicit and cannot be listed");
    case OrgLevel::province:
      if (!is_province_code(code)) return invalid(org, "not a GB/T 2260 province code");
      break;
    case OrgLevel::city:
      if (code.substr(4) != "00" || code.substr(2, 2) == "00") {
        return invalid(org, "a city code ends in 00 and is not a province code");
      }
      break;
    case OrgLevel::county:
      if (code.substr(4) == "00") return invalid(org, "a county code does not end in 00");
      break;
    case OrgLevel::school:
      break;
  }
  return Status();
}

}  // namespace

std::string_view to_string(OrgLevel level) {
  switch (level) {
    case OrgLevel::ministry:
      return "ministry";
    case OrgLevel::province:
      return "province";
    case OrgLevel::city:
      return "city";
    case OrgLevel::county:
      return "county";
    case OrgLevel::school:
      return "school";
  }
  return "?";
}

Result<OrgLevel> parse_org_level(std::string_view text) {
  for (auto level : {OrgLevel::ministry, OrgLevel::province, OrgLevel::city, OrgLevel::county,
                     OrgLevel::school}) {
    if (to_string(level) == text) return level;
  }
  return make_error("invalid_org", "unknown level '" + std::string(text) +
                                       "' (ministry, province, city, county, school)");
}

OrgTree::OrgTree() {
  orgs_.emplace(kMinistryCode, Org{kMinistryCode, "教育部", OrgLevel::ministry, ""});
}

Result<OrgTree> OrgTree::build(std::vector<Org> orgs) {
  OrgTree tree;
  for (auto& org : orgs) {
    if (org.level == OrgLevel::province && org.parent.empty()) org.parent = kMinistryCode;
    if (Status s = check_code(org); !s) return s.error();
    if (org.school_type && org.level != OrgLevel::school) {
      return invalid(org, "only a school has a school type");
    }
    if (!tree.orgs_.emplace(org.code, org).second) {
      return invalid(org, "the code is listed twice");
    }
  }
  for (const auto& [code, org] : tree.orgs_) {
    if (org.level == OrgLevel::ministry) continue;
    const Org* parent = tree.find(org.parent);
    if (parent == nullptr) return invalid(org, "parent '" + org.parent + "' is not listed");
    // Art. 5: a city or a province runs some schools directly (直管学校).
    const bool run_directly =
        org.level == OrgLevel::school &&
        (parent->level == OrgLevel::city || parent->level == OrgLevel::province);
    if (org.level == OrgLevel::school && parent->level != OrgLevel::county && !run_directly) {
      return invalid(org,
                     "a school sits under a county, or under the city or province that "
                     "runs it directly (Art. 5), not the " +
                         std::string(to_string(parent->level)) + " " + parent->code);
    }
    if (org.level != OrgLevel::school && parent->level != level_above(org.level)) {
      return invalid(org, "a " + std::string(to_string(org.level)) + " sits under a " +
                              std::string(to_string(level_above(org.level))) + ", not the " +
                              std::string(to_string(parent->level)) + " " + parent->code);
    }
    if (org.level == OrgLevel::city && org.code.substr(0, 2) != parent->code.substr(0, 2)) {
      return invalid(org, "a city code starts with its province's two digits (" +
                              parent->code.substr(0, 2) + ")");
    }
    if (org.level == OrgLevel::county && org.code.substr(0, 4) != parent->code.substr(0, 4)) {
      return invalid(org, "a county code starts with its city's four digits (" +
                              parent->code.substr(0, 4) + ")");
    }
    if (org.closed() && (org.level != OrgLevel::school || org.successor == code ||
                         tree.find(org.successor) == nullptr)) {
      return invalid(org, "its successor '" + org.successor +
                              "' is not another listed org, or it is not a school (Art. 12)");
    }
    tree.children_.emplace(org.parent, code);
  }
  return tree;
}

const Org* OrgTree::find(std::string_view code) const {
  auto it = orgs_.find(code);
  return it == orgs_.end() ? nullptr : &it->second;
}

Result<const Org*> OrgTree::get(std::string_view code) const {
  const Org* org = find(code);
  if (org == nullptr) {
    return make_error("unknown_org", "unknown organisation '" + std::string(code) + "'");
  }
  return org;
}

const Org* OrgTree::superior(std::string_view code) const {
  const Org* org = find(code);
  return org == nullptr || org->parent.empty() ? nullptr : find(org->parent);
}

std::string OrgTree::authority_over(std::string_view code) const {
  const Org* org = find(code);
  if (org != nullptr && org->level == OrgLevel::school) return org->parent;
  return std::string(code);
}

bool OrgTree::contains(std::string_view ancestor, std::string_view code) const {
  for (const Org* org = find(code); org != nullptr; org = superior(org->code)) {
    if (org->code == ancestor) return true;
  }
  return false;
}

const Org* OrgTree::ancestor_at(std::string_view code, OrgLevel level) const {
  for (const Org* org = find(code); org != nullptr; org = superior(org->code)) {
    if (org->level == level) return org;
  }
  return nullptr;
}

std::string OrgTree::province_of(std::string_view code) const {
  const Org* province = ancestor_at(code, OrgLevel::province);
  return province == nullptr ? std::string() : province->code;
}

const Org* OrgTree::acting_for(std::string_view code) const {
  const Org* org = find(code);
  // A change moves every successor on to the org that runs (org_change.cc),
  // so at most one step is followed; the bound guards a tree built by hand.
  for (size_t hops = 0; org != nullptr && org->closed() && hops < orgs_.size(); ++hops) {
    org = find(org->successor);
  }
  return org;
}

std::vector<const Org*> OrgTree::children(std::string_view code) const {
  std::vector<const Org*> out;
  auto [first, last] = children_.equal_range(code);
  for (auto it = first; it != last; ++it) out.push_back(find(it->second));
  std::sort(out.begin(), out.end(), [](const Org* a, const Org* b) { return a->code < b->code; });
  return out;
}

std::vector<const Org*> OrgTree::all() const {
  std::vector<const Org*> out;
  for (const auto& entry : orgs_) out.push_back(&entry.second);
  return out;  // "000000" sorts first
}

OrgTree read_org_list(const YamlSource& yaml, const YAML::Node& list) {
  if (!list.IsSequence()) yaml.fail(list, "the orgs must be a list");
  std::vector<Org> orgs;
  std::map<std::string, YAML::Node> where;
  for (const auto& node : list) {
    yaml.expect_map(node, "an org", {"code", "name", "level", "parent", "type"});
    Org org;
    org.code = yaml.required_string(node, "code");
    org.name = yaml.required_string(node, "name");
    auto level = parse_org_level(yaml.required_string(node, "level"));
    if (!level) yaml.fail(node["level"], level.error().message);
    org.level = *level;
    if (node["parent"]) org.parent = yaml.scalar(node["parent"], "'parent'");
    // Art. 2: a school's grades follow from its type, never guessed.
    if (org.level == OrgLevel::school) {
      if (!node["type"]) yaml.fail(node, "school " + org.code + " needs a 'type'");
      auto type = parse_school_type(yaml.scalar(node["type"], "'type'"));
      if (!type) yaml.fail(node["type"], type.error().message);
      org.school_type = *type;
    } else if (node["type"]) {
      yaml.fail(node["type"], "org " + org.code + " is a " + std::string(to_string(org.level)) +
                                  ": only a school has a 'type'");
    }
    if (org.level != OrgLevel::province && org.parent.empty()) {
      yaml.fail(node, "org " + org.code + " needs a 'parent'");
    }
    // A code listed twice is pointed at where it is listed the second time.
    if (!where.emplace(org.code, node).second) {
      yaml.fail(node, "org " + org.code + " (" + org.name + "): the code is listed twice");
    }
    orgs.push_back(std::move(org));
  }
  auto tree = OrgTree::build(std::move(orgs));
  if (!tree) {
    // Point at the entry the error names: "org <code> (...)".
    const std::string& message = tree.error().message;
    const std::string code = message.substr(4, message.find(' ', 4) - 4);
    auto it = where.find(code);
    yaml.fail(it == where.end() ? list : it->second, message);
  }
  return std::move(*tree);
}

Result<OrgTree> load_org_file(const std::string& path) {
  auto text = read_text_file(path);
  if (!text) return text.error();
  return parse_org_file(path, *text);
}

Result<OrgTree> parse_org_file(const std::string& file, const std::string& text) {
  return read_source<OrgTree>(file, [&] {
    YamlSource yaml(file, text);
    const YAML::Node& root = yaml.root();
    if (root.IsMap()) {
      yaml.expect_map(root, "an org file", {"orgs"});
      return read_org_list(yaml, yaml.require(root, "orgs"));
    }
    return read_org_list(yaml, root);
  });
}

}  // namespace xueji
