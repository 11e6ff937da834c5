#include "actors/domain.h"

#include "engine/calendar/calendar_loader.h"
#include "engine/workflow/rule_loader.h"

namespace xueji {

Result<std::shared_ptr<Domain>> load_rule_files(const DomainPaths& paths) {
  auto rules = load_rules(paths.rules_dir);
  if (!rules) return rules.error();
  auto passwords = load_password_policies(paths.rules_dir);
  if (!passwords) return passwords.error();
  auto calendars = load_calendars(paths.calendars_dir);
  if (!calendars) return calendars.error();
  auto data = std::make_shared<Domain>();
  data->rules = std::move(*rules);
  data->passwords = std::move(*passwords);
  data->calendars = std::move(*calendars);
  return data;
}

Result<std::shared_ptr<Domain>> load_domain(const DomainPaths& paths,
                                            std::shared_ptr<Clock> clock) {
  auto data = load_rule_files(paths);
  if (!data) return data.error();
  auto orgs = load_org_file(paths.orgs_file);
  if (!orgs) return orgs.error();
  (*data)->orgs = std::move(*orgs);
  (*data)->clock = std::move(clock);
  return data;
}

}  // namespace xueji
