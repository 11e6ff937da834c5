#include "actors/deadline_index.h"

#include <algorithm>
#include <functional>

namespace xueji {

struct DeadlineIndex::Slots {
  struct Entry {
    int64_t version = -1;
    int64_t at = 0;        // its timer, while armed
    int64_t start_at = 0;  // its place in the start's array, if it has one
    uint64_t id_at = 0;    // chunk << kChunkBits | offset
    uint32_t id_size = 0;
    bool armed = false;
    bool in_start = false;  // its timer is the start array's, at start_at
  };
  static constexpr int kBlockBits = 16;
  static constexpr int kChunkBits = 20;
  static constexpr size_t kChunk = size_t{1} << kChunkBits;

  // Entries in blocks, so that growing moves none and keeps no spare
  // half of a doubled array.
  std::vector<std::unique_ptr<Entry[]>> blocks;
  uint32_t count = 0;
  // The ids' characters, end to end.
  std::vector<std::unique_ptr<char[]>> chunks;
  size_t chunk_used = kChunk;
  // Open addressing, linear probing: the hash's high half (the place and a
  // tag that spares most comparisons of ids) over the slot number plus one;
  // 0 is empty.
  std::vector<uint64_t> table;
  uint64_t mask = 0;
  // The start's timers, by (start_at, id) from `head` once sorted.
  std::vector<uint32_t> start;
  size_t head = 0;
  bool sorted = true;
  size_t armed = 0;

  Entry& entry(uint32_t slot) {
    return blocks[slot >> kBlockBits][slot & ((1u << kBlockBits) - 1)];
  }
  const Entry& entry(uint32_t slot) const {
    return blocks[slot >> kBlockBits][slot & ((1u << kBlockBits) - 1)];
  }
  std::string_view id(uint32_t slot) const {
    const Entry& e = entry(slot);
    return {chunks[e.id_at >> kChunkBits].get() + (e.id_at & (kChunk - 1)), e.id_size};
  }
  // Ordered by instant, then by id, as the store orders its timers.
  bool before(int64_t at_a, uint32_t a, int64_t at_b, uint32_t b) const {
    if (at_a != at_b) return at_a < at_b;
    return id(a) < id(b);
  }

  static uint32_t tag_of(std::string_view id) {
    return static_cast<uint32_t>(std::hash<std::string_view>{}(id) >> 32);
  }

  std::optional<uint32_t> find(std::string_view wanted, uint32_t tag) const {
    if (table.empty()) return std::nullopt;
    for (uint64_t at = tag & mask;; at = (at + 1) & mask) {
      const uint64_t held = table[at];
      if (held == 0) return std::nullopt;
      const auto slot = static_cast<uint32_t>(held) - 1;
      if (static_cast<uint32_t>(held >> 32) == tag && id(slot) == wanted) return slot;
    }
  }

  void place(uint64_t held) {
    for (uint64_t at = (held >> 32) & mask;; at = (at + 1) & mask) {
      if (table[at] == 0) {
        table[at] = held;
        return;
      }
    }
  }

  // Room for `more` ids besides those held, at most three quarters full.
  void reserve(size_t more) {
    const size_t wanted = count + more;
    size_t size = table.empty() ? 1024 : table.size();
    while (wanted * 4 > size * 3) size *= 2;
    if (size == table.size()) return;
    std::vector<uint64_t> old(size, 0);
    old.swap(table);
    mask = size - 1;
    for (uint64_t held : old)
      if (held != 0) place(held);
  }

  uint32_t insert(std::string_view new_id, uint32_t tag) {
    reserve(1);
    if (chunk_used + new_id.size() > kChunk) {
      chunks.push_back(std::make_unique<char[]>(std::max(kChunk, new_id.size())));
      chunk_used = 0;
    }
    const uint32_t slot = count++;
    if ((slot & ((1u << kBlockBits) - 1)) == 0)
      blocks.push_back(std::make_unique<Entry[]>(size_t{1} << kBlockBits));
    Entry& e = entry(slot);
    std::copy(new_id.begin(), new_id.end(), chunks.back().get() + chunk_used);
    e.id_at = (uint64_t{chunks.size() - 1} << kChunkBits) | chunk_used;
    e.id_size = static_cast<uint32_t>(new_id.size());
    chunk_used += new_id.size();
    place((uint64_t{tag} << 32) | (uint64_t{slot} + 1));
    return slot;
  }

  uint32_t find_or_insert(std::string_view wanted) {
    const uint32_t tag = tag_of(wanted);
    if (auto slot = find(wanted, tag)) return *slot;
    return insert(wanted, tag);
  }
};

bool DeadlineIndex::Soonest::operator()(const Later& a, const Later& b) const {
  if (a.at != b.at) return a.at < b.at;
  if (a.head[0] != b.head[0]) return a.head[0] < b.head[0];
  if (a.head[1] != b.head[1]) return a.head[1] < b.head[1];
  return slots->before(a.at, a.slot, b.at, b.slot);  // ids alike in their first 16 bytes
}

DeadlineIndex::Later DeadlineIndex::later_of(int64_t at, uint32_t slot) const {
  // Big-endian, padded with zeros: two ids' heads compare as their first
  // 16 bytes do, a shorter id first where one begins the other.
  const std::string_view id = slots_->id(slot);
  Later later{at, slot, {0, 0}};
  for (size_t i = 0; i < 16 && i < id.size(); ++i) {
    later.head[i / 8] |= uint64_t{static_cast<unsigned char>(id[i])} << (8 * (7 - i % 8));
  }
  return later;
}

DeadlineIndex::DeadlineIndex() : slots_(std::make_unique<Slots>()), later_(Soonest{slots_.get()}) {}
DeadlineIndex::~DeadlineIndex() = default;
DeadlineIndex::DeadlineIndex(DeadlineIndex&&) noexcept = default;
DeadlineIndex& DeadlineIndex::operator=(DeadlineIndex&&) noexcept = default;

void DeadlineIndex::add(std::string_view id, Instant at) {
  Slots& s = *slots_;
  const uint32_t tag = Slots::tag_of(id);
  if (auto held = s.find(id, tag)) {
    set(*held, 0, at);
    return;
  }
  const uint32_t slot = s.insert(id, tag);
  Slots::Entry& e = s.entry(slot);
  e.version = 0;
  e.at = e.start_at = at.unix_seconds();
  e.armed = e.in_start = true;
  ++s.armed;
  if (s.sorted && s.start.size() > s.head) {
    const uint32_t last = s.start.back();
    s.sorted = s.before(s.entry(last).start_at, last, e.start_at, slot);
  }
  s.start.push_back(slot);
}

void DeadlineIndex::add_all(std::vector<PendingWake> wakes) {
  slots_->reserve(wakes.size());
  slots_->start.reserve(slots_->start.size() + wakes.size());
  for (auto& wake : wakes) add(wake.id, wake.at);
}

void DeadlineIndex::apply(std::string_view id, int64_t version, std::optional<Instant> at) {
  set(slots_->find_or_insert(id), version, at);
}

void DeadlineIndex::set(uint32_t slot, int64_t version, std::optional<Instant> at) {
  Slots& s = *slots_;
  Slots::Entry& e = s.entry(slot);
  if (version < e.version) return;  // a late message: a newer one is in
  if (e.armed) {
    // A start's timer is left in its array, passed over once not its own.
    if (!e.in_start) later_.erase(later_of(e.at, slot));
    e.armed = e.in_start = false;
    --s.armed;
  }
  e.version = version;
  if (at) arm_later(slot, *at);
}

void DeadlineIndex::arm_later(uint32_t slot, Instant at) {
  Slots::Entry& e = slots_->entry(slot);
  e.at = at.unix_seconds();
  e.armed = true;
  ++slots_->armed;
  later_.insert(later_of(e.at, slot));
}

void DeadlineIndex::settle() const {
  Slots& s = *slots_;
  if (!s.sorted) {
    std::sort(s.start.begin() + static_cast<std::ptrdiff_t>(s.head), s.start.end(),
              [&s](uint32_t a, uint32_t b) {
                return s.before(s.entry(a).start_at, a, s.entry(b).start_at, b);
              });
    s.sorted = true;
  }
  while (s.head < s.start.size() && !s.entry(s.start[s.head]).in_start) ++s.head;
}

bool DeadlineIndex::start_first() const {
  settle();
  const Slots& s = *slots_;
  if (s.head == s.start.size()) return false;
  if (later_.empty()) return true;
  const uint32_t first = s.start[s.head];
  return s.before(s.entry(first).start_at, first, later_.begin()->at, later_.begin()->slot);
}

std::optional<Instant> DeadlineIndex::next() const {
  if (start_first()) {
    return Instant::from_unix_seconds(slots_->entry(slots_->start[slots_->head]).start_at);
  }
  if (later_.empty()) return std::nullopt;
  return Instant::from_unix_seconds(later_.begin()->at);
}

DeadlineIndex::Taken DeadlineIndex::pop() {
  Slots& s = *slots_;
  uint32_t slot;
  if (start_first()) {
    slot = s.start[s.head++];
  } else {
    slot = later_.begin()->slot;
    later_.erase(later_.begin());
  }
  Slots::Entry& e = s.entry(slot);
  e.armed = e.in_start = false;
  --s.armed;
  return Taken{Instant::from_unix_seconds(e.at), std::string(s.id(slot)), e.version};
}

void DeadlineIndex::restore(std::string_view id, int64_t version, Instant at) {
  Slots& s = *slots_;
  const auto slot = s.find(id, Slots::tag_of(id));
  if (!slot) return;
  const Slots::Entry& e = s.entry(*slot);
  if (e.version != version || e.armed) return;
  arm_later(*slot, at);
}

std::vector<std::string> DeadlineIndex::due_from(Instant from) const {
  settle();
  const Slots& s = *slots_;
  const int64_t first = from.unix_seconds();
  auto in_start =
      std::partition_point(s.start.begin() + static_cast<std::ptrdiff_t>(s.head), s.start.end(),
                           [&s, first](uint32_t slot) { return s.entry(slot).start_at < first; });
  auto later = later_.lower_bound(first);
  std::vector<std::string> ids;
  for (;;) {
    while (in_start != s.start.end() && !s.entry(*in_start).in_start) ++in_start;
    const bool starts = in_start != s.start.end();
    const bool laters = later != later_.end();
    if (!starts && !laters) break;
    if (starts &&
        (!laters || s.before(s.entry(*in_start).start_at, *in_start, later->at, later->slot))) {
      ids.emplace_back(s.id(*in_start++));
    } else {
      ids.emplace_back(s.id(later++->slot));
    }
  }
  return ids;
}

size_t DeadlineIndex::size() const { return slots_->armed; }

}  // namespace xueji
