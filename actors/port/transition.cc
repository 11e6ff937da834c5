#include "actors/port/transition.h"

#include <iterator>

#include "engine/case/case_snapshot.h"
#include "engine/case/event_codec.h"

namespace xueji {
namespace {

CaseRow row_of(const CaseState& after, int64_t updated_at) {
  CaseRow row;
  row.kind = after.kind;
  row.status = to_string(after.status);
  row.rule_version = after.rule_version;
  row.subject = after.subject;
  row.event_count = after.event_count;
  if (const auto timer = after.next_timer()) row.next_instant = timer->at.unix_seconds();
  row.updated_at = updated_at;
  row.snapshot = encode_snapshot(after);
  if (const StepState* active = after.active()) {
    row.has_active_step = true;
    row.active_step = active->plan.step;
    row.active_org = active->plan.org;
    row.holder = active->holder;
    row.active_due = active->due ? active->due->to_string() : "";
    row.holder_due = active->holder_due ? active->holder_due->to_string() : "";
  }
  return row;
}

}  // namespace

CountedRow counted(const CaseRow& row) {
  CountedRow c;
  c.open = row.status == "open";
  c.has_active_step = row.has_active_step;
  if (row.has_active_step) c.active_due = row.active_due;
  return c;
}

std::optional<CountedRow> counted_row(const CaseState& state) {
  if (state.event_count == 0) return std::nullopt;
  CountedRow c;
  c.open = state.status == CaseStatus::open;
  if (const StepState* active = state.active()) {
    c.has_active_step = true;
    c.active_due = active->due ? active->due->to_string() : "";
  }
  return c;
}

std::vector<FieldChange> history_rows(const Student& before, const Student& after) {
  const std::string mark(to_string(StudentStatus::transfer_pending));
  std::vector<FieldChange> rows;
  for (auto& row : changed_fields(before, after)) {
    if (row.field == "status" && (row.old_value == mark || row.new_value == mark)) continue;
    rows.push_back(std::move(row));
  }
  return rows;
}

bool may_leave_history(const StudentChange& change) {
  return !change.fields.empty() || !change.school.empty() ||
         (!change.status.empty() && change.status != to_string(StudentStatus::transfer_pending));
}

Transition case_transition(int64_t first_seq, const std::vector<CaseEvent>& events,
                           const CaseState& after) {
  Transition t;
  t.case_id = after.id;
  t.first_seq = first_seq;
  t.events.reserve(events.size());
  for (size_t i = 0; i < events.size(); ++i) {
    const CaseEvent& e = events[i];
    t.events.push_back(
        EventRow{std::string(to_string(e.type)), e.at.unix_seconds(), event_body(e)});
    auto notices = notices_for(after.id, first_seq + static_cast<int64_t>(i), e, after.opened_by);
    t.notices.insert(t.notices.end(), notices.begin(), notices.end());
    // What the case does to the student's record commits with it.
    if (auto effect = student_effect(e, after)) t.student_changes.push_back(*effect);
  }
  t.row = row_of(after, t.events.empty() ? 0 : t.events.back().at);
  // Art. 7: an approval that moves the student or writes the record owes
  // the archive an update, recorded with the approval so no stop loses it.
  if (auto duty = archive_duty_after_case(events, after)) t.records.archive_owed.push_back(*duty);
  // An archive case's opening settles the duty that owed it, in the same
  // transaction (a case opened otherwise settles nothing).
  const bool opens = !events.empty() && events.front().type == CaseEventType::opened;
  if (opens && after.kind.rfind("archive_", 0) == 0) t.records.archive_settled.push_back(after.id);
  return t;
}

namespace {

template <typename T>
void append(std::vector<T>& into, std::vector<T>& more) {
  into.insert(into.end(), std::make_move_iterator(more.begin()),
              std::make_move_iterator(more.end()));
}

}  // namespace

void append_records(RecordWrites& into, RecordWrites more) {
  append(into.registrations, more.registrations);
  append(into.reopened, more.reopened);
  append(into.renumberings, more.renumberings);
  append(into.new_accounts, more.new_accounts);
  append(into.password_changes, more.password_changes);
  append(into.issued_tokens, more.issued_tokens);
  append(into.revoked_tokens, more.revoked_tokens);
  append(into.grade_corrections, more.grade_corrections);
  append(into.archive_owed, more.archive_owed);
  append(into.archive_settled, more.archive_settled);
  append(into.progress_codes, more.progress_codes);
  append(into.org_changes, more.org_changes);
  append(into.follow_ups_owed, more.follow_ups_owed);
  append(into.follow_ups_settled, more.follow_ups_settled);
  if (!more.schedule_years.empty()) into.schedule_years_at = more.schedule_years_at;
  append(into.schedule_years, more.schedule_years);
}

}  // namespace xueji
