#include "engine/case/case_snapshot.h"

#include <cereal/archives/binary.hpp>
#include <cstring>
#include <sstream>

#include "engine/case/case_state_serialization.h"
#include "engine/core/base64.h"

namespace xueji {
namespace {

// Format 1 wrote the same fields in the same order through cereal's binary
// archive, but without class versions. This reads those bytes as binary
// does and answers every class-version query with 0, so format-1 rows go
// through the one set of serialize functions as version 0.
class Format1InputArchive
    : public cereal::InputArchive<Format1InputArchive, cereal::AllowEmptyClassElision> {
 public:
  explicit Format1InputArchive(std::istream& in) : InputArchive(this), in_(in) {}

  void read_bytes(void* data, std::streamsize size) {
    if (in_.rdbuf()->sgetn(static_cast<char*>(data), size) != size) {
      throw cereal::Exception("snapshot ends early");
    }
  }

 private:
  std::istream& in_;
};

template <typename T, std::enable_if_t<std::is_arithmetic_v<T>, int> = 0>
void CEREAL_LOAD_FUNCTION_NAME(Format1InputArchive& ar, T& v) {
  ar.read_bytes(&v, sizeof v);
}
template <typename T>
void CEREAL_LOAD_FUNCTION_NAME(Format1InputArchive& ar, cereal::BinaryData<T>& data) {
  ar.read_bytes(data.data, static_cast<std::streamsize>(data.size));
}
template <typename T>
void CEREAL_LOAD_FUNCTION_NAME(Format1InputArchive& ar, cereal::SizeTag<T>& tag) {
  ar(tag.size);
}
template <typename T>
void CEREAL_LOAD_FUNCTION_NAME(Format1InputArchive& ar, cereal::NameValuePair<T>& nvp) {
  // The name is the only mark of a class-version query; format 1 has no bytes for it.
  if constexpr (std::is_same_v<T, std::uint32_t&>) {
    if (std::strcmp(nvp.name, "cereal_class_version") == 0) {
      nvp.value = 0;
      return;
    }
  }
  ar(nvp.value);
}

}  // namespace
}  // namespace xueji

// Enumerations load through cereal's load_minimal, which looks up the
// writing archive's type: format 1 was written by cereal's binary archive.
namespace cereal::traits::detail {
template <>
struct get_output_from_input<xueji::Format1InputArchive> {
  using type = cereal::BinaryOutputArchive;
};
}  // namespace cereal::traits::detail

namespace xueji {
namespace {

// 1: no class versions (read as version 0). 2: cereal's class versions, one
// before the first value of each type (case_state_serialization.h).
constexpr uint32_t kFormatUnversioned = 1;
constexpr uint32_t kSnapshotFormat = 2;

}  // namespace

std::string encode_snapshot(const CaseState& state) {
  std::ostringstream out;
  {
    cereal::BinaryOutputArchive archive(out);
    archive(kSnapshotFormat, state);
  }
  return base64_encode(out.str());
}

Result<CaseState> decode_snapshot(const std::string& text) {
  auto bytes = base64_decode(text);
  if (!bytes) return bytes.error();
  try {
    std::istringstream in(*bytes);
    cereal::BinaryInputArchive archive(in);
    uint32_t format = 0;
    CaseState state;
    archive(format);
    if (format == kSnapshotFormat) {
      archive(state);
    } else if (format == kFormatUnversioned) {
      Format1InputArchive format1(in);
      format1(state);
    } else {
      return make_error("corrupt_snapshot", "snapshot format " + std::to_string(format) +
                                                " is neither 1 nor " +
                                                std::to_string(kSnapshotFormat));
    }
    return state;
  } catch (const std::exception& e) {
    return make_error("corrupt_snapshot", std::string("unreadable snapshot: ") + e.what());
  }
}

}  // namespace xueji
