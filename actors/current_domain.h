#pragma once
// The rules and calendars in force now. A reload (adapters/cli/reload.h)
// puts a new Domain in its place at once for every actor and route; whoever
// holds the old one through a decision keeps it until done, so no decision
// ever sees half of two rule sets. Open cases are not moved by a reload:
// each carries the plan it opened under (engine/workflow/rule_set.h).

#include <memory>
#include <mutex>
#include <utility>

#include "actors/domain.h"

namespace xueji {

class CurrentDomain {
 public:
  explicit CurrentDomain(std::shared_ptr<const Domain> first) : domain_(std::move(first)) {}

  // The domain in force, held for as long as the caller keeps it.
  std::shared_ptr<const Domain> get() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return domain_;
  }

  // Puts `next` in force and answers the one it replaced.
  std::shared_ptr<const Domain> replace(std::shared_ptr<const Domain> next) {
    std::lock_guard<std::mutex> lock(mutex_);
    std::swap(domain_, next);
    return next;
  }

  // Puts in force what `next` makes of the domain in force, which nobody
  // replaces meanwhile: a reload keeps an org change made while it read its
  // files, and an org change the rules of a reload (actors/domain_reload.h,
  // adapters/http/org_change_routes.h). `next` must not block.
  template <typename Next>
  void update(Next&& next) {
    std::lock_guard<std::mutex> lock(mutex_);
    domain_ = std::forward<Next>(next)(*domain_);
  }

 private:
  mutable std::mutex mutex_;
  std::shared_ptr<const Domain> domain_;
};

}  // namespace xueji
