#include "adapters/store/deadline_copy.h"

#include <algorithm>
#include <tuple>

namespace xueji::store {
namespace {

bool sooner(const PendingWake& a, const PendingWake& b) {
  return std::tie(a.at, a.id) < std::tie(b.at, b.id);
}

}  // namespace

void DeadlineCopy::reset(std::vector<PendingWake> sorted) {
  base_ = std::move(sorted);
  changes_.clear();
}

void DeadlineCopy::change(const std::string& id, std::optional<Instant> at) {
  changes_[id] = at;
  // Past a quarter of the base (and a floor, so a small index is not
  // rebuilt at every change), the changes are folded in: a merge is linear.
  if (changes_.size() > base_.size() / 4 + 4096) reset(merged());
}

std::vector<PendingWake> DeadlineCopy::merged() const {
  std::vector<PendingWake> changed;
  changed.reserve(changes_.size());
  for (const auto& [id, at] : changes_) {
    if (at) changed.push_back(PendingWake{id, *at});
  }
  std::sort(changed.begin(), changed.end(), sooner);
  std::vector<PendingWake> out;
  out.reserve(base_.size() + changed.size());
  auto next = changed.begin();
  for (const auto& wake : base_) {
    if (!changes_.empty() && changes_.count(wake.id) != 0) continue;  // superseded
    while (next != changed.end() && sooner(*next, wake)) out.push_back(*next++);
    out.push_back(wake);
  }
  out.insert(out.end(), next, changed.end());
  return out;
}

}  // namespace xueji::store
