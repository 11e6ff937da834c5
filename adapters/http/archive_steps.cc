#include "adapters/http/archive_steps.h"

#include "adapters/http/case_ids.h"

namespace xueji::http {

void follow_with_archive_step(Services& s, const std::string& kind,
                              const std::string& registration_number, const Context& ctx) {
  const std::string id = new_case_id();
  Context follow = ctx;
  follow.action = "case.open";
  follow.target = "case:" + id;
  std::string refused;
  auto record = s.stores.reads.find_student(registration_number);
  if (!record || !*record) {
    refused = record ? "unknown_student" : record.error().code;
  } else {
    OpenCase command{kind, (*record)->school, {}, **record, ""};
    auto reply = s.engine.request(id, std::move(command), nullptr, follow.entry());
    if (reply.ok) return;
    refused = reply.error.code;
  }
  Transition trace;
  trace.audit.push_back(follow.entry(refused));
  (void)s.engine.commit(std::move(trace));  // best effort: the operation stands
}

}  // namespace xueji::http
