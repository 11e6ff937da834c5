#include "engine/workflow/party_rules.h"

#include <vector>

namespace xueji {
namespace {

// The side of each step: receiving for a receiving party, and a "superior"
// on the side of the step it follows.
std::vector<bool> receiving_side(const std::vector<StepRule>& steps) {
  std::vector<bool> side;
  for (const auto& s : steps) {
    const bool receiving =
        s.party == "superior" ? !side.empty() && side.back() : is_receiving_party(s.party);
    side.push_back(receiving);
  }
  return side;
}

}  // namespace

bool is_receiving_party(const std::string& party) { return party.rfind("receiving_", 0) == 0; }

CaseKindRules rules_of_each_party(const CaseKindRules& sending, const CaseKindRules& receiving) {
  std::vector<StepRule> theirs;
  const std::vector<bool> their_side = receiving_side(receiving.steps);
  for (size_t i = 0; i < receiving.steps.size(); ++i) {
    if (their_side[i]) theirs.push_back(receiving.steps[i]);
  }
  CaseKindRules out = sending;
  out.steps.clear();
  const std::vector<bool> our_side = receiving_side(sending.steps);
  bool placed = false;
  for (size_t i = 0; i < sending.steps.size(); ++i) {
    if (!our_side[i]) {
      out.steps.push_back(sending.steps[i]);
    } else if (!placed) {
      out.steps.insert(out.steps.end(), theirs.begin(), theirs.end());
      placed = true;
    }
  }
  if (!placed) out.steps.insert(out.steps.end(), theirs.begin(), theirs.end());
  // A case names its steps uniquely: two provinces that added a step of the
  // same name keep the receiving one apart by its province.
  for (auto& s : out.steps) {
    int same = 0;
    for (const auto& other : out.steps) same += other.step == s.step ? 1 : 0;
    if (same > 1 && is_receiving_party(s.party)) s.step += "_" + receiving.province;
  }
  return out;
}

}  // namespace xueji
