// A case's state as the store keeps it (engine/case/case_snapshot.h: the
// `cases.snapshot` column, cereal binary in base64, formats 1 and 2) and as
// a resident case keeps it (engine/case/packed_case.h: the compact
// archive). Each input is tried three ways: as the column's text, as the
// bytes under the base64 (so mutations reach cereal, not just the base64
// alphabet), and as a packed case. Corrupt bytes are refused, never a
// crash; a state read back encodes and decodes to itself.

#include "engine/case/case_snapshot.h"
#include "engine/case/packed_case.h"
#include "engine/core/base64.h"
#include "fuzz/fuzz_input.h"

using namespace xueji;

namespace {

void check_round_trip(const CaseState& state) {
  auto again = decode_snapshot(encode_snapshot(state));
  fuzz::require(again.ok() && *again == state, "a decoded snapshot re-encodes to itself");
  auto unpacked = unpack_case(pack_case(state));
  fuzz::require(unpacked.ok() && *unpacked == state, "a decoded state packs to itself");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string bytes = fuzz::as_text(data, size);
  if (auto state = decode_snapshot(bytes)) {
    check_round_trip(*state);
  } else {
    fuzz::require(state.error().code == "corrupt_snapshot", "a bad snapshot is corrupt_snapshot");
  }
  if (auto state = decode_snapshot(base64_encode(bytes))) {
    check_round_trip(*state);
  } else {
    fuzz::require(state.error().code == "corrupt_snapshot", "a bad snapshot is corrupt_snapshot");
  }
  if (auto state = unpack_case(bytes)) {
    check_round_trip(*state);
  } else {
    fuzz::require(state.error().code == "corrupt_state", "a bad packed case is corrupt_state");
  }
  return 0;
}
