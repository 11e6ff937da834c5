#include "adapters/cli/reload_signal.h"

#include "actors/domain_reload.h"
#include "adapters/http/log_line.h"

namespace xueji::cli {

void reload_on_signal(Runtime& engine, const DomainPaths& paths) {
  auto reloaded = reload_domain(engine, paths);
  std::string detail;
  if (reloaded) {
    detail = reloaded->summary();
    http::log_line(http::LogLevel::info, "rules reloaded",
                   {{"signal", "SIGHUP"},
                    {"rule_version", reloaded->version},
                    {"previous_rule_version", reloaded->previous_version},
                    {"calendar_version", reloaded->calendars},
                    {"redated", std::to_string(reloaded->redated)}});
  } else {
    detail = reloaded.error().message;
    http::log_line(http::LogLevel::warn, "reload refused",
                   {{"signal", "SIGHUP"}, {"error", reloaded.error().message}});
  }
  Transition t;
  t.audit.push_back(audit_entry(engine.data()->clock->now(), "system", OrgTree::kMinistryCode,
                                "rules.reload", "rules", reloaded ? "ok" : reloaded.error().code,
                                "SIGHUP: " + detail));
  if (Status recorded = engine.commit(std::move(t)); !recorded) {
    http::log_line(http::LogLevel::warn, "reload not recorded on the audit trail",
                   {{"error", recorded.error().message}});
  }
}

}  // namespace xueji::cli
