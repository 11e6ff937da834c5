#pragma once
// A cereal archive pair for bytes kept in memory rather than stored: the
// resident form of a case (engine/case/packed_case.h). Integers are varints
// (zig-zag for signed ones), sizes are varints, and each distinct string is
// written once: a later occurrence is a reference to the first, since org
// codes, step names and decisions recur across a case's plan and history.
//
// Positional and tied to this build: no names and no format number, so bytes
// written by one build are only for the same build to read. Class versions
// are written as cereal writes them (a varint once per type), so the same
// versioned functions serve this archive and the stored snapshot.
//
// The input archive throws cereal::Exception on bytes the output archive
// could not have written (truncated, overlong varints, values out of range,
// references to strings not yet seen, sizes larger than the bytes left).
//
// No prologue or epilogue: cereal's defaults write nothing, which is what a
// positional format wants (its own binary archive relies on them too).

#include <cereal/cereal.hpp>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace xueji {

class CompactOutputArchive
    : public cereal::OutputArchive<CompactOutputArchive, cereal::AllowEmptyClassElision> {
 public:
  CompactOutputArchive();

  // Most numbers in a case fit one byte: that path stays inline.
  void write_varint(std::uint64_t v) {
    if (v < 0x80) {
      out_.push_back(static_cast<char>(v));
    } else {
      write_long_varint(v);
    }
  }
  // Signed values zig-zag, so that -1 costs one byte rather than ten.
  template <typename T>
  void write_integer(T v) {
    if constexpr (std::is_signed_v<T>) {
      const auto wide = static_cast<std::int64_t>(v);
      write_varint((static_cast<std::uint64_t>(wide) << 1) ^
                   static_cast<std::uint64_t>(wide >> 63));
    } else {
      write_varint(static_cast<std::uint64_t>(v));
    }
  }
  // Either (length << 1) and the bytes, or ((index << 1) | 1) when the same
  // text was written before as the index-th distinct string.
  void write_text(const std::string& text);

  // Everything written, sized to fit: resident cases keep it for as long as
  // they stay in memory, so spare capacity would be paid a million times.
  std::string take();

 private:
  void write_long_varint(std::uint64_t v);
  // Where `text` was first written, if it was: its slot in seen_, an empty
  // slot when it was not.
  std::size_t slot_of(std::string_view text) const;
  void grow_seen();

  // A distinct string written: where its bytes are in out_ (so nothing is
  // copied), and its number among the distinct strings, plus one (0: an
  // empty slot). An open-addressed table, at most half full: a std::map of
  // copies took a node and a string a text, and compared whole strings at
  // each level (4% of transition_bench's engine CPU, session 52).
  struct Seen {
    std::size_t offset = 0;
    std::uint32_t size = 0;
    std::uint32_t number = 0;
  };
  std::string out_;
  std::vector<Seen> seen_;
  std::size_t distinct_ = 0;
};

class CompactInputArchive
    : public cereal::InputArchive<CompactInputArchive, cereal::AllowEmptyClassElision> {
 public:
  // `in` must outlive the archive: strings seen are kept as views into it.
  explicit CompactInputArchive(std::string_view in);

  std::uint64_t read_varint() {
    if (pos_ < in_.size() && static_cast<unsigned char>(in_[pos_]) < 0x80) {
      return static_cast<unsigned char>(in_[pos_++]);
    }
    return read_long_varint();
  }
  // What write_integer<T> wrote; throws when the number does not fit a T, as
  // only another field's bytes or damage could make it.
  template <typename T>
  T read_integer() {
    const std::uint64_t raw = read_varint();
    if constexpr (std::is_same_v<T, bool>) {
      if (raw > 1) fail("a flag that is neither 0 nor 1");
      return raw == 1;
    } else if constexpr (std::is_signed_v<T>) {
      const auto v = static_cast<std::int64_t>(raw >> 1) ^ -static_cast<std::int64_t>(raw & 1);
      if (v < std::numeric_limits<T>::min() || v > std::numeric_limits<T>::max()) {
        fail("an integer too wide for its field");
      }
      return static_cast<T>(v);
    } else {
      if (raw > std::numeric_limits<T>::max()) fail("an integer too wide for its field");
      return static_cast<T>(raw);
    }
  }
  // The text write_text() wrote, first occurrence or reference.
  void read_text(std::string& text);
  // A container's element count. Every element takes at least one byte, so
  // a count above the bytes left is refused before anything is allocated.
  std::uint64_t read_size();
  // Throws unless every byte was read: trailing bytes are not our writing.
  void expect_end() const;

  [[noreturn]] static void fail(const char* what);

 private:
  std::uint64_t read_long_varint();

  std::string_view in_;
  std::size_t pos_ = 0;
  std::vector<std::string_view> seen_;
};

// How cereal reaches the archives: integers (bool included), strings, size
// tags and the name-value pairs its own types and class versions use.
template <typename T, std::enable_if_t<std::is_integral_v<T>, int> = 0>
void CEREAL_SAVE_FUNCTION_NAME(CompactOutputArchive& ar, const T& v) {
  ar.write_integer(v);
}
template <typename T, std::enable_if_t<std::is_integral_v<T>, int> = 0>
void CEREAL_LOAD_FUNCTION_NAME(CompactInputArchive& ar, T& v) {
  v = ar.read_integer<T>();
}

inline void CEREAL_SAVE_FUNCTION_NAME(CompactOutputArchive& ar, const std::string& s) {
  ar.write_text(s);
}
inline void CEREAL_LOAD_FUNCTION_NAME(CompactInputArchive& ar, std::string& s) { ar.read_text(s); }

template <typename T>
void CEREAL_SAVE_FUNCTION_NAME(CompactOutputArchive& ar, const cereal::SizeTag<T>& tag) {
  ar.write_varint(tag.size);
}
template <typename T>
void CEREAL_LOAD_FUNCTION_NAME(CompactInputArchive& ar, cereal::SizeTag<T>& tag) {
  tag.size = ar.read_size();
}

template <typename T>
void CEREAL_SAVE_FUNCTION_NAME(CompactOutputArchive& ar, const cereal::NameValuePair<T>& nvp) {
  ar(nvp.value);
}
template <typename T>
void CEREAL_LOAD_FUNCTION_NAME(CompactInputArchive& ar, cereal::NameValuePair<T>& nvp) {
  ar(nvp.value);
}

}  // namespace xueji

CEREAL_REGISTER_ARCHIVE(xueji::CompactOutputArchive)
CEREAL_REGISTER_ARCHIVE(xueji::CompactInputArchive)
CEREAL_SETUP_ARCHIVE_TRAITS(xueji::CompactInputArchive, xueji::CompactOutputArchive)
