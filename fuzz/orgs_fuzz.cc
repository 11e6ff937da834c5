// The org file loader (engine/org/org_tree.h): one YAML file. A tree
// loaded is a tree: every org climbs to the ministry in at most five steps,
// and lies under its province.

#include "engine/org/org_tree.h"
#include "fuzz/fuzz_input.h"

using namespace xueji;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto tree = parse_org_file("orgs.yaml", fuzz::as_text(data, size));
  if (!tree) {
    fuzz::require(tree.error().code == "invalid_file", "a refused org file is invalid_file");
    return 0;
  }
  for (const Org* org : tree->all()) {
    int steps = 0;
    for (const Org* up = tree->superior(org->code); up != nullptr; up = tree->superior(up->code)) {
      fuzz::require(++steps <= 4, "an org reaches the ministry within four steps up");
    }
    fuzz::require(tree->contains(OrgTree::kMinistryCode, org->code),
                  "the ministry holds every org");
    const std::string province = tree->province_of(org->code);
    if (!province.empty()) {
      fuzz::require(tree->contains(province, org->code), "an org lies under its province");
    }
    (void)tree->children(org->code);
  }
  return 0;
}
