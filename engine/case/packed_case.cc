#include "engine/case/packed_case.h"

#include <map>
#include <stdexcept>

namespace xueji {
namespace {

// The body refers to strings by their index in a table written first.
class Packer {
 public:
  void uint(uint64_t v) {
    while (v >= 0x80) {
      body_ += static_cast<char>((v & 0x7f) | 0x80);
      v >>= 7;
    }
    body_ += static_cast<char>(v);
  }
  void sint(int64_t v) { uint((static_cast<uint64_t>(v) << 1) ^ static_cast<uint64_t>(v >> 63)); }
  void flag(bool b) { uint(b ? 1 : 0); }
  void text(const std::string& s) {
    auto [it, added] = index_.emplace(s, table_.size());
    if (added) table_.push_back(&it->first);
    uint(it->second);
  }
  void instant(const Instant& i) { sint(i.unix_seconds()); }
  void date(const Date& d) { sint(d.days()); }
  template <typename T, typename F>
  void optional(const std::optional<T>& v, F write) {
    flag(v.has_value());
    if (v) write(*v);
  }
  void period(const Period& p) {
    uint(static_cast<uint64_t>(p.unit));
    sint(p.amount);
  }

  std::string finish() {
    std::string out;
    Packer head;
    head.uint(table_.size());
    for (const std::string* s : table_) {
      head.uint(s->size());
      head.body_ += *s;
    }
    out = std::move(head.body_);
    out += body_;
    return out;
  }

 private:
  std::string body_;
  std::map<std::string, uint64_t> index_;
  std::vector<const std::string*> table_;
};

class Unpacker {
 public:
  explicit Unpacker(std::string_view in) : in_(in) {
    const uint64_t n = uint();
    if (n > in_.size()) fail();
    table_.reserve(n);
    for (uint64_t i = 0; i < n; ++i) {
      const uint64_t len = uint();
      if (len > in_.size() - pos_) fail();
      table_.emplace_back(in_.substr(pos_, len));
      pos_ += len;
    }
  }
  uint64_t uint() {
    uint64_t v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (pos_ >= in_.size()) fail();
      const auto byte = static_cast<unsigned char>(in_[pos_++]);
      v |= static_cast<uint64_t>(byte & 0x7f) << shift;
      if ((byte & 0x80) == 0) return v;
    }
    fail();
  }
  int64_t sint() {
    const uint64_t v = uint();
    return static_cast<int64_t>(v >> 1) ^ -static_cast<int64_t>(v & 1);
  }
  bool flag() { return uint() != 0; }
  std::string text() {
    const uint64_t i = uint();
    if (i >= table_.size()) fail();
    return table_[i];
  }
  Instant instant() { return Instant::from_unix_seconds(sint()); }
  Date date() { return Date::from_days(static_cast<int32_t>(sint())); }
  template <typename T, typename F>
  std::optional<T> optional(F read) {
    if (!flag()) return std::nullopt;
    return read();
  }
  template <typename E>
  E enumerated(uint64_t count) {
    const uint64_t v = uint();
    if (v >= count) fail();
    return static_cast<E>(v);
  }
  Period period() {
    Period p;
    p.unit = enumerated<Period::Unit>(2);
    p.amount = static_cast<int>(sint());
    return p;
  }
  bool done() const { return pos_ == in_.size(); }
  [[noreturn]] static void fail() { throw std::out_of_range("corrupt packed case"); }

 private:
  std::string_view in_;
  size_t pos_ = 0;
  std::vector<std::string> table_;
};

void pack_step(Packer& p, const StepState& s) {
  p.text(s.plan.step);
  p.text(s.plan.party);
  p.text(s.plan.org);
  p.period(s.plan.deadline);
  p.optional(s.plan.reminder_working_days_before, [&](int v) { p.sint(v); });
  p.optional(s.plan.follow_up, [&](const Period& v) { p.period(v); });
  p.text(s.plan.article);
  p.uint(static_cast<uint64_t>(s.status));
  p.optional(s.activated_at, [&](const Instant& v) { p.instant(v); });
  p.optional(s.due, [&](const Date& v) { p.date(v); });
  p.flag(s.provisional);
  p.optional(s.reminder_at, [&](const Instant& v) { p.instant(v); });
  p.flag(s.reminded);
  p.text(s.holder);
  p.optional(s.holder_due, [&](const Date& v) { p.date(v); });
  p.optional(s.holder_deadline, [&](const Instant& v) { p.instant(v); });
  p.uint(s.escalated_to.size());
  for (const auto& org : s.escalated_to) p.text(org);
  p.text(s.decision);
  p.text(s.decided_by);
  p.optional(s.decided_at, [&](const Instant& v) { p.instant(v); });
}

StepState unpack_step(Unpacker& u) {
  StepState s;
  s.plan.step = u.text();
  s.plan.party = u.text();
  s.plan.org = u.text();
  s.plan.deadline = u.period();
  s.plan.reminder_working_days_before = u.optional<int>([&] { return static_cast<int>(u.sint()); });
  s.plan.follow_up = u.optional<Period>([&] { return u.period(); });
  s.plan.article = u.text();
  s.status = u.enumerated<StepStatus>(5);
  s.activated_at = u.optional<Instant>([&] { return u.instant(); });
  s.due = u.optional<Date>([&] { return u.date(); });
  s.provisional = u.flag();
  s.reminder_at = u.optional<Instant>([&] { return u.instant(); });
  s.reminded = u.flag();
  s.holder = u.text();
  s.holder_due = u.optional<Date>([&] { return u.date(); });
  s.holder_deadline = u.optional<Instant>([&] { return u.instant(); });
  const uint64_t chain = u.uint();
  if (chain > 16) Unpacker::fail();  // five levels: a longer chain is no chain
  for (uint64_t i = 0; i < chain; ++i) s.escalated_to.push_back(u.text());
  s.decision = u.text();
  s.decided_by = u.text();
  s.decided_at = u.optional<Instant>([&] { return u.instant(); });
  return s;
}

}  // namespace

std::string pack_case(const CaseState& c) {
  Packer p;
  p.text(c.id);
  p.uint(static_cast<uint64_t>(c.status));
  p.text(c.kind);
  p.text(c.rule_version);
  p.text(c.province);
  p.text(c.subject);
  p.text(c.opened_by);
  p.uint(c.fields.size());
  for (const auto& [key, value] : c.fields) {
    p.text(key);
    p.text(value);
  }
  p.optional(c.opened_at, [&](const Instant& v) { p.instant(v); });
  p.text(c.student_status_before);
  p.text(c.effects.status_while_open);
  p.text(c.effects.status_on_approval);
  p.flag(c.effects.moves_school);
  p.text(c.effects.informed_org);
  p.text(c.effects.term_org);
  p.sint(c.effects.term_months);
  p.uint(c.steps.size());
  for (const auto& s : c.steps) pack_step(p, s);
  p.sint(c.active_step);
  p.text(c.outcome);
  p.optional(c.completed_at, [&](const Instant& v) { p.instant(v); });
  p.optional(c.term_ends, [&](const Instant& v) { p.instant(v); });
  p.sint(c.event_count);
  return p.finish();
}

Result<CaseState> unpack_case(std::string_view packed) {
  try {
    Unpacker u(packed);
    CaseState c;
    c.id = u.text();
    c.status = u.enumerated<CaseStatus>(4);
    c.kind = u.text();
    c.rule_version = u.text();
    c.province = u.text();
    c.subject = u.text();
    c.opened_by = u.text();
    const uint64_t fields = u.uint();
    if (fields > packed.size()) Unpacker::fail();
    for (uint64_t i = 0; i < fields; ++i) {
      std::string key = u.text();
      c.fields[key] = u.text();
    }
    c.opened_at = u.optional<Instant>([&] { return u.instant(); });
    c.student_status_before = u.text();
    c.effects.status_while_open = u.text();
    c.effects.status_on_approval = u.text();
    c.effects.moves_school = u.flag();
    c.effects.informed_org = u.text();
    c.effects.term_org = u.text();
    c.effects.term_months = static_cast<int>(u.sint());
    const uint64_t steps = u.uint();
    if (steps > packed.size()) Unpacker::fail();
    c.steps.reserve(steps);
    for (uint64_t i = 0; i < steps; ++i) c.steps.push_back(unpack_step(u));
    c.active_step = static_cast<int>(u.sint());
    if (c.active_step < -1 || c.active_step >= static_cast<int>(c.steps.size())) Unpacker::fail();
    c.outcome = u.text();
    c.completed_at = u.optional<Instant>([&] { return u.instant(); });
    c.term_ends = u.optional<Instant>([&] { return u.instant(); });
    c.event_count = u.sint();
    if (!u.done()) Unpacker::fail();
    return c;
  } catch (const std::out_of_range&) {
    return make_error("corrupt_state", "a packed case state is truncated or malformed");
  }
}

}  // namespace xueji
