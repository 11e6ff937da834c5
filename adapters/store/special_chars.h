#pragma once
// The characters a text format escapes, found in one pass. std::string's
// find_first_of calls memchr over the set once per character of the text:
// on the writer's thread, escaping a batch's array literals spent a quarter
// of its time there, and a start's COPY of ten million timers as much. A
// table of 256 answers each character with one load.

#include <array>
#include <string_view>

namespace xueji::store {

class SpecialChars {
 public:
  constexpr explicit SpecialChars(std::string_view chars) : special_{} {
    for (char c : chars) special_[static_cast<unsigned char>(c)] = true;
  }

  // The first special character of `text` at or after `from`, or npos.
  size_t find(std::string_view text, size_t from = 0) const {
    for (size_t at = from; at < text.size(); ++at) {
      if (special_[static_cast<unsigned char>(text[at])]) return at;
    }
    return std::string_view::npos;
  }

 private:
  std::array<bool, 256> special_;
};

}  // namespace xueji::store
