#include "adapters/store/case_codec.h"

#include <cereal/archives/binary.hpp>
#include <cereal/types/map.hpp>
#include <cereal/types/optional.hpp>
#include <cereal/types/string.hpp>
#include <cereal/types/vector.hpp>
#include <sstream>

// cereal serialisation of the engine's plain data, kept out of engine/ so
// the core knows nothing of its storage.
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

}  // namespace xueji

namespace xueji::store {
namespace {

using nlohmann::json;

constexpr uint32_t kSnapshotFormat = 1;

template <typename T, typename F>
void put_optional(json& j, const char* key, const std::optional<T>& value, F convert) {
  if (value) j[key] = convert(*value);
}

json period_json(const Period& p) {
  return json{{p.unit == Period::Unit::months ? "months" : "working_days", p.amount}};
}

Period period_from(const json& j) {
  Period p;
  if (j.contains("months")) {
    p.unit = Period::Unit::months;
    p.amount = j["months"].get<int>();
  } else {
    p.amount = j.value("working_days", 0);
  }
  return p;
}

auto day_text = [](const Date& d) { return d.to_string(); };
auto seconds = [](const Instant& i) { return i.unix_seconds(); };

}  // namespace

json event_to_json(const CaseEvent& e) {
  json j;
  j["type"] = std::string(to_string(e.type));
  j["at"] = e.at.unix_seconds();
  auto put = [&](const char* key, const std::string& value) {
    if (!value.empty()) j[key] = value;
  };
  put("kind", e.kind);
  put("rule_version", e.rule_version);
  put("province", e.province);
  put("subject", e.subject);
  put("by", e.by);
  if (!e.fields.empty()) j["fields"] = e.fields;
  if (!e.plan.empty()) {
    json plan = json::array();
    for (const auto& p : e.plan) {
      json step{{"step", p.step},
                {"party", p.party},
                {"org", p.org},
                {"deadline", period_json(p.deadline)},
                {"article", p.article}};
      put_optional(step, "reminder_working_days_before", p.reminder_working_days_before,
                   [](int n) { return n; });
      put_optional(step, "follow_up", p.follow_up, period_json);
      plan.push_back(std::move(step));
    }
    j["plan"] = std::move(plan);
  }
  put("student_status", e.student_status);
  if (e.type == CaseEventType::opened) {
    const PlannedEffects& fx = e.effects;
    j["effects"] = json{{"status_while_open", fx.status_while_open},
                        {"status_on_approval", fx.status_on_approval},
                        {"moves_school", fx.moves_school},
                        {"informed_org", fx.informed_org},
                        {"term_org", fx.term_org},
                        {"term_months", fx.term_months}};
  }
  put("step", e.step);
  put("org", e.org);
  put("from_org", e.from_org);
  put("to_org", e.to_org);
  put_optional(j, "due", e.due, day_text);
  put_optional(j, "deadline", e.deadline, seconds);
  put_optional(j, "reminder_at", e.reminder_at, seconds);
  if (e.provisional) j["provisional"] = true;
  put("decision", e.decision);
  put("note", e.note);
  put("outcome", e.outcome);
  put("school", e.school);
  put("informed_org", e.informed_org);
  put_optional(j, "term_ends", e.term_ends, seconds);
  return j;
}

namespace {

// Appends `text` as a JSON string the way nlohmann's dump() does: quotes,
// backslashes and control characters escaped, everything else as is.
void append_json_string(std::string& out, std::string_view text) {
  out += '"';
  size_t from = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    out.append(text, from, i - from);
    from = i + 1;
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\b':
        out += "\\b";
        break;
      case '\f':
        out += "\\f";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default: {
        static constexpr char kHex[] = "0123456789abcdef";
        out += "\\u00";
        out += kHex[c >> 4];
        out += kHex[c & 15];
      }
    }
  }
  out.append(text, from, std::string_view::npos);
  out += '"';
}

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
    effects.text("status_on_approval", fx.status_on_approval);
    effects.text("status_while_open", fx.status_while_open);
    effects.number("term_months", fx.term_months);
    effects.text("term_org", fx.term_org);
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
      ObjectWriter step(plan);
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
    plan += ']';
  }
  o.text_if("province", e.province);
  if (e.provisional) o.boolean("provisional", true);
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
    e.at = Instant::from_unix_seconds(j.at("at").get<int64_t>());
    auto text = [&](const char* key) { return j.value(key, std::string()); };
    auto instant = [&](const char* key) -> std::optional<Instant> {
      if (!j.contains(key)) return std::nullopt;
      return Instant::from_unix_seconds(j[key].get<int64_t>());
    };
    e.kind = text("kind");
    e.rule_version = text("rule_version");
    e.province = text("province");
    e.subject = text("subject");
    e.by = text("by");
    if (j.contains("fields")) e.fields = j["fields"].get<std::map<std::string, std::string>>();
    if (j.contains("plan")) {
      for (const auto& s : j["plan"]) {
        PlannedStep p;
        p.step = s.at("step").get<std::string>();
        p.party = s.at("party").get<std::string>();
        p.org = s.at("org").get<std::string>();
        p.deadline = period_from(s.at("deadline"));
        p.article = s.value("article", std::string());
        if (s.contains("reminder_working_days_before")) {
          p.reminder_working_days_before = s["reminder_working_days_before"].get<int>();
        }
        if (s.contains("follow_up")) p.follow_up = period_from(s["follow_up"]);
        e.plan.push_back(std::move(p));
      }
    }
    e.student_status = text("student_status");
    if (j.contains("effects")) {
      const json& fx = j["effects"];
      e.effects.status_while_open = fx.value("status_while_open", std::string());
      e.effects.status_on_approval = fx.value("status_on_approval", std::string());
      e.effects.moves_school = fx.value("moves_school", false);
      e.effects.informed_org = fx.value("informed_org", std::string());
      e.effects.term_org = fx.value("term_org", std::string());
      e.effects.term_months = fx.value("term_months", 0);
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
  }
}

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

namespace {
constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
}

std::string base64_encode(const std::string& bytes) {
  std::string out((bytes.size() + 2) / 3 * 4, '=');
  char* o = out.data();
  size_t i = 0;
  for (; i + 2 < bytes.size(); i += 3, o += 4) {
    const uint32_t n = (static_cast<uint8_t>(bytes[i]) << 16) |
                       (static_cast<uint8_t>(bytes[i + 1]) << 8) |
                       static_cast<uint8_t>(bytes[i + 2]);
    o[0] = kAlphabet[n >> 18];
    o[1] = kAlphabet[(n >> 12) & 63];
    o[2] = kAlphabet[(n >> 6) & 63];
    o[3] = kAlphabet[n & 63];
  }
  if (i < bytes.size()) {
    uint32_t n = static_cast<uint8_t>(bytes[i]) << 16;
    if (i + 1 < bytes.size()) n |= static_cast<uint8_t>(bytes[i + 1]) << 8;
    o[0] = kAlphabet[n >> 18];
    o[1] = kAlphabet[(n >> 12) & 63];
    if (i + 1 < bytes.size()) o[2] = kAlphabet[(n >> 6) & 63];
  }
  return out;
}

Result<std::string> base64_decode(const std::string& text) {
  auto value = [](char c) -> int {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '+') return 62;
    if (c == '/') return 63;
    return -1;
  };
  if (text.size() % 4 != 0)
    return make_error("corrupt_snapshot", "base64 length is not a multiple of 4");
  std::string out;
  out.reserve(text.size() / 4 * 3);
  for (size_t i = 0; i < text.size(); i += 4) {
    int v[4];
    for (int k = 0; k < 4; ++k) {
      const char c = text[i + k];
      v[k] = c == '=' && i + 4 == text.size() && k >= 2 ? 0 : value(c);
      if (v[k] < 0) return make_error("corrupt_snapshot", "invalid base64 character");
    }
    const uint32_t n = (v[0] << 18) | (v[1] << 12) | (v[2] << 6) | v[3];
    out += static_cast<char>(n >> 16);
    if (text[i + 2] != '=') out += static_cast<char>((n >> 8) & 255);
    if (text[i + 3] != '=') out += static_cast<char>(n & 255);
  }
  return out;
}

}  // namespace xueji::store
