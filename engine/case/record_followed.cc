// RecordFollowed (case_command.h): the student's record moved to another
// school, and a case that only followed the student up at the school it
// left (Art. 17's dropout follow-up: a 人籍分离 the transfer resolved, Art.
// 12: 籍随人走) is done. Any other case refuses it, changing nothing.

#include "engine/case/record_followed.h"

#include "engine/case/command_handlers.h"

namespace xueji {

bool ends_when_followed(const CaseState& other, const RecordFollowed& followed,
                        const RuleSet& rules) {
  const CaseKindRules* kind = rules.find(other.kind, other.province);
  return kind != nullptr && kind->ends_when_record_moves && followed.by_case != other.id &&
         other.status == CaseStatus::open && other.student_school_before == followed.left_school;
}

Result<Events> record_followed(const CaseState& state, const RecordFollowed& cmd, Instant now,
                               const DecisionContext& ctx) {
  if (!ends_when_followed(state, cmd, ctx.rules)) {
    return make_error("stale_follow_up", "case '" + state.id + "' does not end when case " +
                                             cmd.by_case + " moves the record");
  }
  return supersede_case(state,
                        SupersedeCase{"the record followed the student to school " + cmd.to_school +
                                      " by case " + cmd.by_case},
                        now);
}

}  // namespace xueji
