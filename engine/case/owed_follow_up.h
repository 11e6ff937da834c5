#pragma once
// What a case's commit owes the student's other cases (Art. 16: a resume
// or a renewal follows the leave up; Art. 12, 17: a transfer's record
// follows the student and ends the school's dropout follow-up). It is
// written in the same transaction as the commit that owes it, as an
// archive duty is (archive_duty.h), delivered to each of the student's
// live cases after that commit, and settled once each has taken or refused
// it; what a stop leaves owed is delivered at the next start
// (actors/runtime.cc). Delivering twice is harmless: a case that took it
// refuses it the second time as stale, changing nothing.

#include <string>
#include <variant>

#include "engine/case/case_command.h"
#include "engine/core/instant.h"
#include "engine/core/result.h"

namespace xueji {

struct OwedFollowUp {
  // The case that owes it, the commit's first event number and the
  // command's name: one commit owes each command at most once.
  std::string id;
  std::string subject;  // the student whose live cases are sent it
  std::string by_case;
  Instant owed_since;  // the commit's time: the oldest are delivered first
  std::variant<FollowUpLeave, RecordFollowed> command;
};

// The follow-up case `by_case` owes from the commit whose first event is
// `first_seq`, at `now`, its id made of the case, the number and the
// command's name.
OwedFollowUp owe_follow_up(const std::string& subject, const std::string& by_case,
                           int64_t first_seq, Instant now,
                           std::variant<FollowUpLeave, RecordFollowed> command);

// The command as stored text (`owed_follow_ups.body`): JSON, with "type"
// "follow_up_leave" or "record_followed" and the command's fields.
std::string follow_up_body(const OwedFollowUp& owed);
// The command back from its body; "corrupt_follow_up" naming what is
// wrong when the text is not one.
Result<std::variant<FollowUpLeave, RecordFollowed>> follow_up_command(const std::string& body);

// The command as the case directory sends it.
CaseCommand as_case_command(const OwedFollowUp& owed);

}  // namespace xueji
