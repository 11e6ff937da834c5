#include "engine/case/owed_follow_up.h"

#include <nlohmann/json.hpp>

namespace xueji {
namespace {

using nlohmann::json;

const char* type_of(const std::variant<FollowUpLeave, RecordFollowed>& command) {
  return std::holds_alternative<FollowUpLeave>(command) ? "follow_up_leave" : "record_followed";
}

}  // namespace

OwedFollowUp owe_follow_up(const std::string& subject, const std::string& by_case,
                           int64_t first_seq, Instant now,
                           std::variant<FollowUpLeave, RecordFollowed> command) {
  OwedFollowUp owed;
  owed.id = by_case + "#" + std::to_string(first_seq) + "#" + type_of(command);
  owed.subject = subject;
  owed.by_case = by_case;
  owed.owed_since = now;
  owed.command = std::move(command);
  return owed;
}

std::string follow_up_body(const OwedFollowUp& owed) {
  json j;
  j["type"] = type_of(owed.command);
  if (const auto* leave = std::get_if<FollowUpLeave>(&owed.command)) {
    j["by_case"] = leave->by_case;
    j["kind"] = leave->kind;
    j["approved"] = leave->approved;
    if (leave->by_opened) j["by_opened"] = leave->by_opened->unix_seconds();
  } else {
    const auto& followed = std::get<RecordFollowed>(owed.command);
    j["by_case"] = followed.by_case;
    j["left_school"] = followed.left_school;
    j["to_school"] = followed.to_school;
  }
  return j.dump();
}

Result<std::variant<FollowUpLeave, RecordFollowed>> follow_up_command(const std::string& body) {
  const json j = json::parse(body, nullptr, false);
  if (j.is_discarded() || !j.is_object()) {
    return make_error("corrupt_follow_up", "an owed follow-up's body is not a JSON object");
  }
  const auto text = [&](const char* name) -> Result<std::string> {
    if (!j.contains(name) || !j[name].is_string()) {
      return make_error("corrupt_follow_up",
                        std::string("an owed follow-up's '") + name + "' is not text");
    }
    return j[name].get<std::string>();
  };
  auto type = text("type");
  if (!type) return type.error();
  auto by_case = text("by_case");
  if (!by_case) return by_case.error();
  if (*type == "follow_up_leave") {
    auto kind = text("kind");
    if (!kind) return kind.error();
    if (!j.contains("approved") || !j["approved"].is_boolean()) {
      return make_error("corrupt_follow_up", "an owed follow-up's 'approved' is not true or false");
    }
    FollowUpLeave leave{*by_case, *kind, j["approved"].get<bool>()};
    if (j.contains("by_opened")) {
      if (!j["by_opened"].is_number_integer()) {
        return make_error("corrupt_follow_up",
                          "an owed follow-up's 'by_opened' is not a whole number of seconds");
      }
      leave.by_opened = Instant::from_unix_seconds(j["by_opened"].get<int64_t>());
    }
    return std::variant<FollowUpLeave, RecordFollowed>(std::move(leave));
  }
  if (*type == "record_followed") {
    auto left = text("left_school");
    if (!left) return left.error();
    auto to = text("to_school");
    if (!to) return to.error();
    return std::variant<FollowUpLeave, RecordFollowed>(RecordFollowed{*left, *to, *by_case});
  }
  return make_error("corrupt_follow_up", "an owed follow-up of unknown type '" + *type + "'");
}

CaseCommand as_case_command(const OwedFollowUp& owed) {
  return std::visit([](const auto& command) { return CaseCommand(command); }, owed.command);
}

}  // namespace xueji
