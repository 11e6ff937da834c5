#pragma once
// A case's state in the compact form a resident case actor keeps between
// messages: the state's cereal functions (engine/case/case_state_serialization.h)
// over the compact archive (engine/case/compact_archive.h: varints, and each
// distinct string once, since org codes, step names and the like recur across
// the plan, holders and decisions). A transfer packs into a few hundred bytes
// against about two kilobytes unfolded, which is what lets a million pending
// cases stay resident (docs/performance.md). Not a storage format: the store
// keeps its own versioned snapshot.

#include <string>
#include <string_view>

#include "engine/case/case_state.h"
#include "engine/core/result.h"

namespace xueji {

std::string pack_case(const CaseState& state);

// The state pack_case() was given; "corrupt_state" for bytes it did not make.
Result<CaseState> unpack_case(std::string_view packed);

}  // namespace xueji
