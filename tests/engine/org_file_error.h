#pragma once
// The message an org file's reader refuses `text` with, for the tests of
// org files (the tree's rules, the school types).

#include <string>

#include "engine/core/yaml_source.h"
#include "engine/org/org_tree.h"

namespace xueji {

// The SourceError message read_org_list throws for `text` (read as
// "orgs.yaml"), or "" when it accepted the list.
inline std::string read_error(const std::string& text) {
  try {
    YamlSource yaml("orgs.yaml", text);
    read_org_list(yaml, yaml.root());
    return "";
  } catch (const SourceError& e) {
    return e.what();
  }
}

}  // namespace xueji
