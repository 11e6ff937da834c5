#include "engine/case/compact_archive.h"

namespace xueji {

// Room for a typical case in one allocation; take() trims the rest. A
// case holds a few dozen distinct strings: 64 slots keep it half empty.
CompactOutputArchive::CompactOutputArchive() : OutputArchive(this), seen_(64) { out_.reserve(512); }

void CompactOutputArchive::write_long_varint(std::uint64_t v) {
  while (v >= 0x80) {
    out_ += static_cast<char>((v & 0x7f) | 0x80);
    v >>= 7;
  }
  out_ += static_cast<char>(v);
}

std::size_t CompactOutputArchive::slot_of(std::string_view text) const {
  const std::size_t mask = seen_.size() - 1;
  for (std::size_t slot = std::hash<std::string_view>{}(text)&mask;; slot = (slot + 1) & mask) {
    const Seen& s = seen_[slot];
    if (s.number == 0) return slot;
    if (s.size == text.size() && std::string_view(out_.data() + s.offset, s.size) == text) {
      return slot;
    }
  }
}

void CompactOutputArchive::grow_seen() {
  std::vector<Seen> old(seen_.size() * 2);
  old.swap(seen_);
  for (const Seen& s : old) {
    if (s.number == 0) continue;
    const std::string_view text(out_.data() + s.offset, s.size);
    seen_[slot_of(text)] = s;
  }
}

void CompactOutputArchive::write_text(const std::string& text) {
  const std::size_t slot = slot_of(text);
  if (seen_[slot].number != 0) {
    write_varint((static_cast<std::uint64_t>(seen_[slot].number - 1) << 1) | 1);
    return;
  }
  write_varint(static_cast<std::uint64_t>(text.size()) << 1);
  // Every text written out takes the next number, as the reader counts
  // them. One past 4 GiB, or past 2^32 texts, is not a case's: it is
  // written out and never referred to.
  distinct_ += 1;
  if (text.size() <= std::numeric_limits<std::uint32_t>::max() &&
      distinct_ <= std::numeric_limits<std::uint32_t>::max()) {
    seen_[slot] = Seen{out_.size(), static_cast<std::uint32_t>(text.size()),
                       static_cast<std::uint32_t>(distinct_)};
    if (distinct_ * 2 > seen_.size()) grow_seen();
  }
  out_ += text;
}

std::string CompactOutputArchive::take() {
  out_.shrink_to_fit();
  return std::move(out_);
}

CompactInputArchive::CompactInputArchive(std::string_view in) : InputArchive(this), in_(in) {}

std::uint64_t CompactInputArchive::read_long_varint() {
  std::uint64_t v = 0;
  for (int shift = 0; shift < 64; shift += 7) {
    if (pos_ >= in_.size()) fail("bytes end inside a number");
    const auto byte = static_cast<unsigned char>(in_[pos_++]);
    // The tenth byte holds the 64th bit only.
    if (shift == 63 && byte > 1) fail("a number wider than 64 bits");
    v |= static_cast<std::uint64_t>(byte & 0x7f) << shift;
    if ((byte & 0x80) == 0) return v;
  }
  fail("a number wider than 64 bits");
}

void CompactInputArchive::read_text(std::string& text) {
  const std::uint64_t tag = read_varint();
  if (tag & 1) {
    const std::uint64_t index = tag >> 1;
    if (index >= seen_.size()) fail("a reference to a string not yet written");
    text.assign(seen_[index]);
    return;
  }
  const std::uint64_t length = tag >> 1;
  if (length > in_.size() - pos_) fail("bytes end inside a string");
  seen_.push_back(in_.substr(pos_, length));
  pos_ += length;
  text.assign(seen_.back());
}

std::uint64_t CompactInputArchive::read_size() {
  const std::uint64_t size = read_varint();
  if (size > in_.size() - pos_) fail("a count larger than the bytes left");
  return size;
}

void CompactInputArchive::expect_end() const {
  if (pos_ != in_.size()) fail("bytes left over");
}

void CompactInputArchive::fail(const char* what) {
  throw cereal::Exception(std::string("compact archive: ") + what);
}

}  // namespace xueji
