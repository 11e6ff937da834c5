#pragma once
// What a command leaves for the process's end to take back. `xueji import`
// holds a term's rows and their outcomes, several allocations a row;
// freeing them one at a time took about 80 ms at 100,000 entrants, after
// the last commit, with nothing else left to do, where the kernel takes
// the pages back at once when the process ends (issue 17,
// docs/performance.md, "The September intake"). Only for what a command
// holds until it returns and the process ends: the memory stays reachable,
// so a leak check does not count it.

#include <type_traits>
#include <utility>
#include <vector>

namespace xueji::cli {

template <class T>
void keep_until_exit(T&& value) {
  using Held = std::decay_t<T>;
  // Never deleted, on purpose: see above.
  static auto* kept = new std::vector<const void*>();
  kept->push_back(new Held(std::forward<T>(value)));
}

}  // namespace xueji::cli
