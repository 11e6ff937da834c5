#pragma once
// The one description of a case's state for cereal: the stored snapshot
// (engine/case/case_snapshot.h, cereal's binary archive) and the resident
// form (engine/case/packed_case.h, engine/case/compact_archive.h) are both
// written by the functions below, so a field cannot reach one and miss the
// other.
//
// Adding a field: append it to its type's function, read it only when
// `version` is at least the new number, and raise that type's
// CEREAL_CLASS_VERSION at the end of this file. Snapshots written before
// load with the field at its default. Never reorder or drop a field: every
// format here is positional, and rows already stored were written in this
// order.

#include <cereal/cereal.hpp>
#include <cereal/types/map.hpp>
#include <cereal/types/optional.hpp>
#include <cereal/types/string.hpp>
#include <cereal/types/vector.hpp>
#include <cstdint>

#include "engine/case/case_state.h"

namespace xueji {

// A date and an instant are one count each and carry no class version: their
// representation is the count, and it will not grow a field.
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
  int64_t seconds = 0;
  ar(seconds);
  i = Instant::from_unix_seconds(seconds);
}

namespace serialization_detail {

// Bytes from outside (a stored row, a damaged resident state) must not turn
// into an enumerator or an index this build does not have: throwing lets the
// decoder refuse them. Cheap enough to run on writing too.
template <typename E>
void check_enumerator(E value, E last) {
  if (static_cast<int>(value) < 0 || value > last) {
    throw cereal::Exception("enumerator " + std::to_string(static_cast<int>(value)) +
                            " out of range");
  }
}

}  // namespace serialization_detail

template <class Archive>
void serialize(Archive& ar, Period& p, const std::uint32_t /*version*/) {
  ar(p.unit, p.amount);
  serialization_detail::check_enumerator(p.unit, Period::Unit::months);
}

template <class Archive>
void serialize(Archive& ar, PlannedStep& p, const std::uint32_t /*version*/) {
  ar(p.step, p.party, p.org, p.deadline, p.reminder_working_days_before, p.follow_up, p.article);
}

template <class Archive>
void serialize(Archive& ar, PlannedEffects& e, const std::uint32_t version) {
  ar(e.status_while_open, e.status_on_approval, e.moves_school, e.informed_org, e.term_org,
     e.term_months);
  // Version 2 names the record fields approval writes (info_change,
  // grade_change, graduation, stage_handover); before it there were none.
  if (version >= 2) ar(e.sets_record);
  // Version 3 has the day a renewal's or a deferral's term counts from.
  if (version >= 3) ar(e.term_from);
  // Version 4 carries the end-of-term review step (a case opened before
  // it reads the review from the rules when its term ends).
  if (version >= 4) ar(e.term_review);
}

template <class Archive>
void serialize(Archive& ar, StepState& s, const std::uint32_t version) {
  ar(s.plan, s.status, s.activated_at, s.due, s.provisional, s.reminder_at, s.reminded, s.holder,
     s.holder_due, s.holder_deadline, s.escalated_to, s.decision, s.decided_by, s.decided_at);
  // Version 2 keeps where an escalated holder's count starts, so its
  // provisional date can be counted again; a step stored before has none.
  if (version >= 2) ar(s.holder_from, s.holder_provisional);
  serialization_detail::check_enumerator(s.status, StepStatus::cancelled);
}

template <class Archive>
void serialize(Archive& ar, CaseState& c, const std::uint32_t version) {
  ar(c.id, c.status, c.kind, c.rule_version, c.province, c.subject, c.opened_by, c.fields,
     c.opened_at, c.student_status_before, c.effects, c.steps, c.active_step, c.outcome,
     c.completed_at, c.term_ends, c.event_count);
  // Version 2 keeps the student's school at opening (the completion's
  // compare-and-set); a case stored before it has none and sets no condition.
  if (version >= 2) ar(c.student_school_before);
  // Version 3 keeps the proposed fields' values at opening.
  if (version >= 3) ar(c.record_before);
  serialization_detail::check_enumerator(c.status, CaseStatus::closed);
  // active() indexes steps with it: out of range would read past the vector.
  if (c.active_step < -1 || c.active_step >= static_cast<int>(c.steps.size())) {
    throw cereal::Exception("active step " + std::to_string(c.active_step) + " out of range");
  }
}

}  // namespace xueji

// Version 0 is what format-1 snapshots hold: the same fields, written before
// versions were recorded (engine/case/case_snapshot.cc reads them as 0).
// Every type with a versioned function must be listed here: cereal then fills
// its process-wide version table before main, and case actors packing on
// several threads only ever read it.
CEREAL_CLASS_VERSION(xueji::Period, 1)
CEREAL_CLASS_VERSION(xueji::PlannedStep, 1)
CEREAL_CLASS_VERSION(xueji::PlannedEffects, 4)
CEREAL_CLASS_VERSION(xueji::StepState, 2)
CEREAL_CLASS_VERSION(xueji::CaseState, 3)
