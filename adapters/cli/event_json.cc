#include "adapters/cli/event_json.h"

namespace xueji::cli {
namespace {

void put_event(nlohmann::ordered_json& j, const CaseEvent& e) {
  auto put = [&](const char* key, const std::string& value) {
    if (!value.empty()) j[key] = value;
  };
  j["event"] = std::string(to_string(e.type));
  switch (e.type) {
    case CaseEventType::opened:
      put("kind", e.kind);
      put("subject", e.subject);
      put("by", e.by);
      put("province", e.province);
      break;
    case CaseEventType::step_activated:
    case CaseEventType::reminded:
      put("step", e.step);
      put("org", e.org);
      if (e.due) j["due"] = e.due->to_string();
      break;
    case CaseEventType::escalated:
      put("step", e.step);
      put("from_org", e.from_org);
      put("to_org", e.to_org);
      if (e.due) j["due"] = e.due->to_string();
      break;
    case CaseEventType::decided:
      put("step", e.step);
      put("by", e.org);
      put("decision", e.decision);
      put("note", e.note);
      break;
    case CaseEventType::completed:
      put("outcome", e.outcome);
      put("student_status", e.student_status);
      put("school", e.school);
      if (!e.record.empty()) j["record"] = e.record;  // the record fields it writes
      put("informed_org", e.informed_org);
      put("note", e.note);  // why, when superseded
      if (e.term_ends) j["term_ends"] = e.term_ends->to_string();
      break;
    case CaseEventType::term_ended:
      put("org", e.org);
      put("subject", e.subject);
      break;
    case CaseEventType::handed_over:
      put("from_org", e.from_org);
      put("to_org", e.to_org);
      put("school", e.school);
      put("change", e.note);
      put("step", e.step);
      put("org", e.org);
      if (e.due) j["due"] = e.due->to_string();
      break;
    case CaseEventType::redated:
      put("step", e.step);
      put("org", e.org);
      if (e.previous_due) j["previous_due"] = e.previous_due->to_string();
      if (e.due) j["due"] = e.due->to_string();
      break;
  }
  if (e.provisional) j["provisional"] = true;
}

}  // namespace

nlohmann::ordered_json simulation_line_json(const SimulationLine& line) {
  nlohmann::ordered_json j;
  j["at"] = line.at.to_string();
  j["case"] = line.case_ref;
  if (line.event) {
    put_event(j, *line.event);
  } else if (line.refusal) {
    j["event"] = "refused";
    j["code"] = line.refusal->code;
    j["reason"] = line.refusal->message;
  } else if (line.run) {
    j["event"] = "run";
    j["run"] = line.run->id;
    j["kind"] = line.run->kind;
    j["changed"] = line.run->changed;
    if (line.run->skipped != 0) j["skipped_open_cases"] = line.run->skipped;
  } else if (line.change) {
    const SimulatedRecordChange& c = *line.change;
    j["event"] = c.correction ? "corrected" : "record_changed";
    j["run"] = c.run;
    j["student"] = c.student;
    if (c.grade != c.previous_grade) {
      j["grade"] = c.grade;
      j["previous_grade"] = c.previous_grade;
    }
    if (!c.status.empty()) {
      j["status"] = c.status;
      j["previous_status"] = c.previous_status;
    }
    if (c.correction) j["reason"] = c.reason;
  } else {
    j["event"] = "registered";
    j["student"] = line.registered;
    if (line.reopened) j["reopened"] = true;
  }
  return j;
}

}  // namespace xueji::cli
