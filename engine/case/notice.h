#pragma once
// Notices: what a case tells an org (a reminder to the party, an escalation
// to the superior, a completion to the initiator, a term's end). Derived from
// events, so they are written in the same transaction as the transition that
// caused them (transactional outbox), each with a stable id.

#include <string>
#include <vector>

#include "engine/case/case_event.h"

namespace xueji {

struct Notice {
  std::string id;   // "<case>/<seq>/<n>": stable across retries and restarts
  std::string org;  // the addressee
  std::string case_id;
  std::string kind;  // reminder | escalation | completion | informed | term_ended | redated
                     // | handed_over
  Instant at;
  std::string step;
  std::string due;   // YYYY-MM-DD, when the notice carries a deadline
  std::string text;  // one line for a human
  // A `redated` notice: the date the party had been told (equal to `due`
  // when it stands), and whether `due` still rests on a year whose
  // schedule is not published.
  std::string previous_due;
  bool provisional = false;
};

// The notices one event causes; `seq` is the event's sequence number in its
// case and `opened_by` the case's initiator.
std::vector<Notice> notices_for(const std::string& case_id, int64_t seq, const CaseEvent& event,
                                const std::string& opened_by);

}  // namespace xueji
