#include "engine/case/packed_case.h"

#include "engine/case/case_state_serialization.h"
#include "engine/case/compact_archive.h"

namespace xueji {

std::string pack_case(const CaseState& state) {
  CompactOutputArchive archive;
  archive(state);
  return archive.take();
}

Result<CaseState> unpack_case(std::string_view packed) {
  try {
    CompactInputArchive archive(packed);
    CaseState state;
    archive(state);
    archive.expect_end();
    return state;
  } catch (const std::exception& e) {
    // Allocation failures land here too: a refusal, never an escape.
    return make_error("corrupt_state",
                      std::string("a packed case state is truncated or malformed: ") + e.what());
  }
}

}  // namespace xueji
