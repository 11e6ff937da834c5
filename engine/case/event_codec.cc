#include "engine/case/event_codec.h"

#include <limits>
#include <stdexcept>

#include "engine/core/json_string.h"

namespace xueji {
namespace {

using nlohmann::json;

// A stored number that is not what the writer writes: a fraction, or out of
// its field's range.
class CorruptNumber : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// `j`, a whole number of T's range. nlohmann's get<T>() casts whatever
// number it holds, and casting 2e46 to an integer is undefined behaviour
// (found by fuzz/case_event_fuzz.cc).
template <typename T>
T whole_number(const json& j, const char* name) {
  if (j.is_number_unsigned()) {
    if (j.get<uint64_t>() <= static_cast<uint64_t>(std::numeric_limits<T>::max())) {
      return static_cast<T>(j.get<uint64_t>());
    }
  } else if (j.is_number_integer()) {
    const auto v = j.get<int64_t>();
    if (v >= std::numeric_limits<T>::min() && v <= std::numeric_limits<T>::max()) {
      return static_cast<T>(v);
    }
  }
  throw CorruptNumber(std::string("'") + name + "' is " + j.dump() +
                      ", not a whole number in range");
}

// `j[name]` as a whole number, `otherwise` when absent.
template <typename T>
T whole_number_or(const json& j, const char* name, T otherwise) {
  return j.contains(name) ? whole_number<T>(j[name], name) : otherwise;
}

Period period_from(const json& j) {
  Period p;
  if (j.contains("months")) {
    p.unit = Period::Unit::months;
    p.amount = whole_number<int>(j["months"], "months");
  } else {
    p.amount = whole_number_or<int>(j, "working_days", 0);
  }
  return p;
}

PlannedStep planned_step_from(const json& s) {
  PlannedStep p;
  p.step = s.at("step").get<std::string>();
  p.party = s.at("party").get<std::string>();
  p.org = s.at("org").get<std::string>();
  p.deadline = period_from(s.at("deadline"));
  p.article = s.value("article", std::string());
  if (s.contains("reminder_working_days_before")) {
    p.reminder_working_days_before =
        whole_number<int>(s["reminder_working_days_before"], "reminder_working_days_before");
  }
  if (s.contains("follow_up")) p.follow_up = period_from(s["follow_up"]);
  return p;
}

}  // namespace

namespace {

// One JSON object written key by key. Keys must come in the order
// nlohmann's std::map keeps them (sorted), which each caller below does.
class ObjectWriter {
 public:
  explicit ObjectWriter(std::string& out) : out_(out) { out_ += '{'; }
  ~ObjectWriter() { out_ += '}'; }
  std::string& key(const char* name) {
    if (!first_) out_ += ',';
    first_ = false;
    append_json_string(out_, name);
    out_ += ':';
    return out_;
  }
  void text(const char* name, std::string_view value) { append_json_string(key(name), value); }
  // Only when not empty, as event_to_json leaves empty text out.
  void text_if(const char* name, const std::string& value) {
    if (!value.empty()) text(name, value);
  }
  void number(const char* name, int64_t value) { key(name) += std::to_string(value); }
  void boolean(const char* name, bool value) { key(name) += value ? "true" : "false"; }

 private:
  std::string& out_;
  bool first_ = true;
};

void append_period(std::string& out, const Period& p) {
  ObjectWriter o(out);
  o.number(p.unit == Period::Unit::months ? "months" : "working_days", p.amount);
}

void append_planned_step(std::string& out, const PlannedStep& p) {
  ObjectWriter step(out);
  step.text("article", p.article);
  append_period(step.key("deadline"), p.deadline);
  if (p.follow_up) append_period(step.key("follow_up"), *p.follow_up);
  step.text("org", p.org);
  step.text("party", p.party);
  if (p.reminder_working_days_before) {
    step.number("reminder_working_days_before", *p.reminder_working_days_before);
  }
  step.text("step", p.step);
}

// Keys in sorted order, as event_to_json's map has them.
void write_event(std::string& out, const CaseEvent& e) {
  ObjectWriter o(out);
  o.number("at", e.at.unix_seconds());
  o.text_if("by", e.by);
  if (e.deadline) o.number("deadline", e.deadline->unix_seconds());
  o.text_if("decision", e.decision);
  if (e.due) o.text("due", e.due->to_string());
  if (e.type == CaseEventType::opened) {
    const PlannedEffects& fx = e.effects;
    ObjectWriter effects(o.key("effects"));
    effects.text("informed_org", fx.informed_org);
    effects.boolean("moves_school", fx.moves_school);
    // Only when some: bodies written before the field existed stay as they were.
    if (!fx.sets_record.empty()) {
      std::string& list = effects.key("sets_record");
      list += '[';
      for (size_t i = 0; i < fx.sets_record.size(); ++i) {
        if (i != 0) list += ',';
        append_json_string(list, fx.sets_record[i]);
      }
      list += ']';
    }
    effects.text("status_on_approval", fx.status_on_approval);
    effects.text("status_while_open", fx.status_while_open);
    // Only when set: bodies written before the field existed stay as they were.
    if (fx.term_from) effects.text("term_from", fx.term_from->to_string());
    effects.number("term_months", fx.term_months);
    effects.text("term_org", fx.term_org);
    // Only when some, likewise.
    if (fx.term_review) append_planned_step(effects.key("term_review"), *fx.term_review);
  }
  if (!e.fields.empty()) {
    ObjectWriter fields(o.key("fields"));
    for (const auto& [name, value] : e.fields) fields.text(name.c_str(), value);
  }
  o.text_if("from_org", e.from_org);
  o.text_if("informed_org", e.informed_org);
  o.text_if("kind", e.kind);
  o.text_if("note", e.note);
  o.text_if("org", e.org);
  o.text_if("outcome", e.outcome);
  if (!e.plan.empty()) {
    std::string& plan = o.key("plan");
    plan += '[';
    for (size_t i = 0; i < e.plan.size(); ++i) {
      const PlannedStep& p = e.plan[i];
      if (i != 0) plan += ',';
      append_planned_step(plan, p);
    }
    plan += ']';
  }
  if (e.previous_due) o.text("previous_due", e.previous_due->to_string());
  o.text_if("province", e.province);
  if (e.provisional) o.boolean("provisional", true);
  if (!e.record.empty()) {
    ObjectWriter record(o.key("record"));
    for (const auto& [name, value] : e.record) record.text(name.c_str(), value);
  }
  if (e.reminder_at) o.number("reminder_at", e.reminder_at->unix_seconds());
  o.text_if("rule_version", e.rule_version);
  o.text_if("school", e.school);
  o.text_if("step", e.step);
  o.text_if("student_status", e.student_status);
  o.text_if("subject", e.subject);
  if (e.term_ends) o.number("term_ends", e.term_ends->unix_seconds());
  o.text_if("to_org", e.to_org);
  o.text("type", to_string(e.type));
}

}  // namespace

std::string event_body(const CaseEvent& e) {
  std::string out;
  out.reserve(e.plan.empty() ? 256 : 1024);
  write_event(out, e);
  return out;
}

Result<CaseEvent> event_from_json(const json& j) {
  try {
    CaseEvent e;
    auto type = parse_case_event_type(j.at("type").get<std::string>());
    if (!type) return make_error("corrupt_event", "unknown event type in " + j.dump());
    e.type = *type;
    e.at = Instant::from_unix_seconds(whole_number<int64_t>(j.at("at"), "at"));
    auto text = [&](const char* key) { return j.value(key, std::string()); };
    auto instant = [&](const char* key) -> std::optional<Instant> {
      if (!j.contains(key)) return std::nullopt;
      return Instant::from_unix_seconds(whole_number<int64_t>(j[key], key));
    };
    e.kind = text("kind");
    e.rule_version = text("rule_version");
    e.province = text("province");
    e.subject = text("subject");
    e.by = text("by");
    if (j.contains("fields")) e.fields = j["fields"].get<std::map<std::string, std::string>>();
    if (j.contains("record")) e.record = j["record"].get<std::map<std::string, std::string>>();
    if (j.contains("plan")) {
      for (const auto& s : j["plan"]) e.plan.push_back(planned_step_from(s));
    }
    e.student_status = text("student_status");
    if (j.contains("effects")) {
      const json& fx = j["effects"];
      e.effects.status_while_open = fx.value("status_while_open", std::string());
      e.effects.status_on_approval = fx.value("status_on_approval", std::string());
      e.effects.moves_school = fx.value("moves_school", false);
      e.effects.informed_org = fx.value("informed_org", std::string());
      e.effects.term_org = fx.value("term_org", std::string());
      e.effects.term_months = whole_number_or<int>(fx, "term_months", 0);
      if (fx.contains("term_from")) {
        auto from = Date::parse(fx["term_from"].get<std::string>());
        if (!from) return make_error("corrupt_event", from.error().message);
        e.effects.term_from = *from;
      }
      if (fx.contains("sets_record")) {
        e.effects.sets_record = fx["sets_record"].get<std::vector<std::string>>();
      }
      if (fx.contains("term_review")) e.effects.term_review = planned_step_from(fx["term_review"]);
    }
    e.step = text("step");
    e.org = text("org");
    e.from_org = text("from_org");
    e.to_org = text("to_org");
    if (j.contains("due")) {
      auto due = Date::parse(j["due"].get<std::string>());
      if (!due) return make_error("corrupt_event", due.error().message);
      e.due = *due;
    }
    if (j.contains("previous_due")) {
      auto was = Date::parse(j["previous_due"].get<std::string>());
      if (!was) return make_error("corrupt_event", was.error().message);
      e.previous_due = *was;
    }
    e.deadline = instant("deadline");
    e.reminder_at = instant("reminder_at");
    e.provisional = j.value("provisional", false);
    e.decision = text("decision");
    e.note = text("note");
    e.outcome = text("outcome");
    e.school = text("school");
    e.informed_org = text("informed_org");
    e.term_ends = instant("term_ends");
    return e;
  } catch (const json::exception& ex) {
    return make_error("corrupt_event", std::string("unreadable event: ") + ex.what());
  } catch (const CorruptNumber& ex) {
    return make_error("corrupt_event", std::string("unreadable event: ") + ex.what());
  }
}

}  // namespace xueji
