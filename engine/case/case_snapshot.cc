#include "engine/case/case_snapshot.h"

#include <cereal/archives/binary.hpp>
#include <cereal/types/map.hpp>
#include <cereal/types/optional.hpp>
#include <cereal/types/string.hpp>
#include <cereal/types/vector.hpp>
#include <sstream>

#include "engine/core/base64.h"

namespace xueji {

template <class Archive>
void save(Archive& ar, const Date& d) {
  ar(d.days());
}
template <class Archive>
void load(Archive& ar, Date& d) {
  int32_t days = 0;
  ar(days);
  d = Date::from_days(days);
}
template <class Archive>
void save(Archive& ar, const Instant& i) {
  ar(i.unix_seconds());
}
template <class Archive>
void load(Archive& ar, Instant& i) {
  int64_t s = 0;
  ar(s);
  i = Instant::from_unix_seconds(s);
}
template <class Archive>
void serialize(Archive& ar, Period& p) {
  ar(p.unit, p.amount);
}
template <class Archive>
void serialize(Archive& ar, PlannedStep& p) {
  ar(p.step, p.party, p.org, p.deadline, p.reminder_working_days_before, p.follow_up, p.article);
}
template <class Archive>
void serialize(Archive& ar, PlannedEffects& e) {
  ar(e.status_while_open, e.status_on_approval, e.moves_school, e.informed_org, e.term_org,
     e.term_months);
}
template <class Archive>
void serialize(Archive& ar, StepState& s) {
  ar(s.plan, s.status, s.activated_at, s.due, s.provisional, s.reminder_at, s.reminded, s.holder,
     s.holder_due, s.holder_deadline, s.escalated_to, s.decision, s.decided_by, s.decided_at);
}
template <class Archive>
void serialize(Archive& ar, CaseState& c) {
  ar(c.id, c.status, c.kind, c.rule_version, c.province, c.subject, c.opened_by, c.fields,
     c.opened_at, c.student_status_before, c.effects, c.steps, c.active_step, c.outcome,
     c.completed_at, c.term_ends, c.event_count);
}

namespace {
constexpr uint32_t kSnapshotFormat = 1;
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
    if (format != kSnapshotFormat) {
      return make_error("corrupt_snapshot", "snapshot format " + std::to_string(format) +
                                                " is not " + std::to_string(kSnapshotFormat));
    }
    archive(state);
    return state;
  } catch (const std::exception& e) {
    return make_error("corrupt_snapshot", std::string("unreadable snapshot: ") + e.what());
  }
}

}  // namespace xueji
