#include "engine/case/notice.h"

namespace xueji {

std::vector<Notice> notices_for(const std::string& case_id, int64_t seq, const CaseEvent& e,
                                const std::string& opened_by) {
  std::vector<Notice> out;
  // The notice added, or null when it has no addressee.
  auto add = [&](const std::string& org, const std::string& kind,
                 const std::string& text) -> Notice* {
    if (org.empty() || org == "guardian") return nullptr;
    Notice n;
    n.id = case_id + "/" + std::to_string(seq) + "/" + std::to_string(out.size());
    n.org = org;
    n.case_id = case_id;
    n.kind = kind;
    n.at = e.at;
    n.step = e.step;
    n.due = e.due ? e.due->to_string() : "";
    n.text = text;
    out.push_back(std::move(n));
    return &out.back();
  };
  switch (e.type) {
    case CaseEventType::reminded:
      add(e.org, "reminder",
          "case " + case_id + ": step " + e.step + " is due " + e.due->to_string());
      break;
    case CaseEventType::escalated:
      // The next level up must act (requirements: "an escalation notice goes
      // to the party's next level up").
      add(e.to_org, "escalation",
          "case " + case_id + ": " + e.from_org + " missed step " + e.step +
              (e.due ? "; you must decide by " + e.due->to_string() : "; you must decide"));
      break;
    case CaseEventType::completed:
      add(opened_by, "completion",
          "case " + case_id + " " + e.outcome + (e.note.empty() ? "" : ": " + e.note));
      add(e.informed_org, "informed", "case " + case_id + " " + e.outcome + " (备案)");
      break;
    case CaseEventType::term_ended:
      add(e.org, "term_ended",
          e.note.empty() ? "case " + case_id + ": the term has ended; act on " + e.subject
                         : "case " + case_id + ": the term ended early: " + e.note);
      break;
    case CaseEventType::handed_over:
      // Art. 12: the successor learns the case is now its to act in.
      add(e.to_org, "handed_over",
          "case " + case_id + ": school " + e.from_org +
              (e.note == "merge" ? " merged into " + e.to_org : " closed") + "; " + e.to_org +
              " acts for it in this case" +
              (e.step.empty() || e.org != e.to_org
                   ? ""
                   : "; step " + e.step + " is yours" +
                         (e.due ? ", due " + e.due->to_string() : "")));
      break;
    case CaseEventType::redated:
      // The holder learns its new date, or that the date it had stands.
      if (Notice* n =
              add(e.org, "redated",
                  "case " + case_id + ": step " + e.step + " is due " + e.due->to_string() +
                      (*e.due == *e.previous_due ? ", as told before"
                                                 : " instead of " + e.previous_due->to_string()) +
                      (e.provisional ? " (still provisional)"
                                     : " (the year's schedule is published)"))) {
        n->previous_due = e.previous_due->to_string();
        n->provisional = e.provisional;
      }
      break;
    default:
      break;
  }
  return out;
}

}  // namespace xueji
