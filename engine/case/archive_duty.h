#pragma once
// When the school owes the student's archive a step (Art. 6, 7), as a pure
// decision the server and the simulator share: a first registration owes an
// archive_build case (two months), a reopened record or an approved case
// that moves the student or writes the record's fields an archive_update
// case (one month). The duty is written in the same transaction as the
// operation that causes it, so a stop before its case opens loses nothing
// (docs/workflows.md, "The archive's deadlines").

#include <optional>
#include <string>
#include <vector>

#include "engine/case/case_event.h"
#include "engine/case/case_state.h"
#include "engine/core/instant.h"
#include "engine/student/student.h"

namespace xueji {

// An archive step owed and not yet opened as a case. `case_id` is fixed
// when the duty is recorded, so opening it twice finds the case already
// there (case_exists) instead of opening a second one.
struct ArchiveDuty {
  std::string case_id;
  std::string kind;     // "archive_build" | "archive_update"
  std::string subject;  // the record's registration number
  std::string school;   // the school that owes it, when it was owed
  Instant owed_since;   // the deadline counts from here, not from its opening
};

// Art. 6: a new registration owes archive_build; Art. 7: a reopened record
// owes archive_update.
std::string archive_kind_after_registration(bool reopened);

// Art. 7: the archive_update a closed case owes: only an approval, of a
// case that moves the student or writes the record's fields, owed since
// its completion, by the school the student is at after it. An approval
// that closes the record (a graduation, Art. 19) owes none: the archive
// goes on at the next stage's school, which takes the record over. Its case id
// derives from the approving case's (archive_case_id), so the same
// approval always owes the same case.
std::optional<ArchiveDuty> archive_duty_of(const CaseState& closed);

// The same for the transition that appends `events` to case `after`: a
// duty only when they hold its completion, so the duty is written once,
// with the approval itself.
std::optional<ArchiveDuty> archive_duty_after_case(const std::vector<CaseEvent>& events,
                                                   const CaseState& after);

// The id of the archive case a case's approval owes: "C" and 16 hex digits
// of SHA-256 over the source case's id and the kind, the shape of the
// random ids (adapters/http/case_ids.h), so nothing else tells them apart.
std::string archive_case_id(const std::string& source_case_id, const std::string& kind);

}  // namespace xueji
