#include "engine/case/case_snapshot.h"

#include <cereal/archives/binary.hpp>
#include <cstring>
#include <sstream>
#include <string_view>

#include "engine/case/case_state_serialization.h"
#include "engine/core/base64.h"

namespace xueji {
namespace {

// Reads the bytes cereal's binary archive wrote, for both formats. Format 1
// wrote the same fields in the same order, but without class versions:
// for it every class-version query is answered with 0, so format-1 rows go
// through the one set of serialize functions as version 0.
//
// A count (a string's length, a list's size) larger than the bytes left is
// refused before anything is allocated: every element takes at least one
// byte, and a corrupt count would otherwise have the reader allocate and
// zero-fill whatever it says (found by fuzz/stored_case_fuzz.cc).
class SnapshotInputArchive
    : public cereal::InputArchive<SnapshotInputArchive, cereal::AllowEmptyClassElision> {
 public:
  SnapshotInputArchive(std::string_view bytes, bool versioned)
      : InputArchive(this), bytes_(bytes), versioned_(versioned) {}

  void read_bytes(void* data, std::size_t size) {
    if (size > bytes_left()) throw cereal::Exception("snapshot ends early");
    std::memcpy(data, bytes_.data() + pos_, size);
    pos_ += size;
  }
  std::size_t bytes_left() const { return bytes_.size() - pos_; }
  bool versioned() const { return versioned_; }

 private:
  std::string_view bytes_;
  std::size_t pos_ = 0;
  bool versioned_;
};

template <typename T, std::enable_if_t<std::is_arithmetic_v<T>, int> = 0>
void CEREAL_LOAD_FUNCTION_NAME(SnapshotInputArchive& ar, T& v) {
  ar.read_bytes(&v, sizeof v);
}
// A flag is the byte 0 or 1; any other byte is corruption, not a third value.
inline void CEREAL_LOAD_FUNCTION_NAME(SnapshotInputArchive& ar, bool& v) {
  unsigned char byte = 0;
  ar.read_bytes(&byte, 1);
  if (byte > 1) throw cereal::Exception("a flag of " + std::to_string(byte));
  v = byte == 1;
}
template <typename T>
void CEREAL_LOAD_FUNCTION_NAME(SnapshotInputArchive& ar, cereal::BinaryData<T>& data) {
  ar.read_bytes(data.data, static_cast<std::size_t>(data.size));
}
template <typename T>
void CEREAL_LOAD_FUNCTION_NAME(SnapshotInputArchive& ar, cereal::SizeTag<T>& tag) {
  ar(tag.size);
  if (tag.size > ar.bytes_left()) {
    throw cereal::Exception("a count of " + std::to_string(tag.size) + " with " +
                            std::to_string(ar.bytes_left()) + " bytes left");
  }
}
template <typename T>
void CEREAL_LOAD_FUNCTION_NAME(SnapshotInputArchive& ar, cereal::NameValuePair<T>& nvp) {
  // The name is the only mark of a class-version query; format 1 has no bytes for it.
  if constexpr (std::is_same_v<T, std::uint32_t&>) {
    if (!ar.versioned() && std::strcmp(nvp.name, "cereal_class_version") == 0) {
      nvp.value = 0;
      return;
    }
  }
  ar(nvp.value);
}

}  // namespace
}  // namespace xueji

// Enumerations load through cereal's load_minimal, which looks up the
// writing archive's type: both formats were written by cereal's binary archive.
namespace cereal::traits::detail {
template <>
struct get_output_from_input<xueji::SnapshotInputArchive> {
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
    uint32_t format = 0;
    if (bytes->size() < sizeof format) throw cereal::Exception("snapshot ends early");
    std::memcpy(&format, bytes->data(), sizeof format);
    if (format != kSnapshotFormat && format != kFormatUnversioned) {
      return make_error("corrupt_snapshot", "snapshot format " + std::to_string(format) +
                                                " is neither 1 nor " +
                                                std::to_string(kSnapshotFormat));
    }
    SnapshotInputArchive archive(std::string_view(*bytes).substr(sizeof format),
                                 format == kSnapshotFormat);
    CaseState state;
    archive(state);
    return state;
  } catch (const std::exception& e) {
    return make_error("corrupt_snapshot", std::string("unreadable snapshot: ") + e.what());
  }
}

}  // namespace xueji
