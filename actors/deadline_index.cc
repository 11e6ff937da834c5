#include "actors/deadline_index.h"

namespace xueji {

void DeadlineIndex::add(PendingWake&& wake) {
  const auto [it, added] = by_id_.try_emplace(std::move(wake.id));
  if (!added) {
    apply(it->first, 0, wake.at);
    return;
  }
  it->second.version = 0;
  it->second.at = wake.at;
  due_.emplace_hint(due_.end(), wake.at, &it->first);
}

void DeadlineIndex::add_all(std::vector<PendingWake> wakes) {
  by_id_.reserve(by_id_.size() + wakes.size());
  for (auto& wake : wakes) add(std::move(wake));
}

void DeadlineIndex::apply(const std::string& id, int64_t version, std::optional<Instant> at) {
  const auto it = by_id_.try_emplace(id).first;
  Entry& entry = it->second;
  if (version < entry.version) return;  // a late message: a newer one is in
  if (entry.at) due_.erase({*entry.at, &it->first});
  entry.version = version;
  entry.at = at;
  if (at) due_.insert({*at, &it->first});
}

std::optional<Instant> DeadlineIndex::next() const {
  return due_.empty() ? std::nullopt : std::optional<Instant>(due_.begin()->first);
}

DeadlineIndex::Taken DeadlineIndex::pop() {
  const Timer first = *due_.begin();
  due_.erase(due_.begin());
  Entry& entry = by_id_.find(*first.second)->second;
  entry.at.reset();
  return Taken{first.first, *first.second, entry.version};
}

void DeadlineIndex::restore(const std::string& id, int64_t version, Instant at) {
  auto it = by_id_.find(id);
  if (it == by_id_.end() || it->second.version != version || it->second.at) return;
  it->second.at = at;
  due_.insert({at, &it->first});
}

std::vector<std::string> DeadlineIndex::due_from(Instant from) const {
  static const std::string kLowest;
  std::vector<std::string> ids;
  for (auto it = due_.lower_bound({from, &kLowest}); it != due_.end(); ++it) {
    ids.push_back(*it->second);
  }
  return ids;
}

}  // namespace xueji
