#include "adapters/http/route_table.h"

#include "adapters/http/account_routes.h"
#include "adapters/http/calendar_routes.h"
#include "adapters/http/case_routes.h"
#include "adapters/http/clock_routes.h"
#include "adapters/http/console_routes.h"
#include "adapters/http/graduation_routes.h"
#include "adapters/http/operations_routes.h"
#include "adapters/http/org_change_routes.h"
#include "adapters/http/org_routes.h"
#include "adapters/http/org_summary_routes.h"
#include "adapters/http/progress_routes.h"
#include "adapters/http/promotion_routes.h"
#include "adapters/http/registration_numbers.h"
#include "adapters/http/roster_check_routes.h"
#include "adapters/http/rule_routes.h"
#include "adapters/http/sign_in_block_routes.h"
#include "adapters/http/statistics_routes.h"
#include "adapters/http/student_batch_routes.h"
#include "adapters/http/student_routes.h"

namespace xueji::http {
namespace {

const std::vector<Route>& routes() {
  using P = std::vector<std::string>;
  static const std::vector<Route> table = {
      {"GET", P{"healthz"}, "", "", kProbe, &healthz},
      {"GET", P{"readyz"}, "", "", kProbe, &ready},
      {"GET", P{"metrics"}, "", "", kProbe, &metrics},
      {"GET", P{""}, "", "", kProbe, &console_page},
      {"GET", P{"console", "{}"}, "", "", kProbe, &console_file},
      {"POST", P{"v1", "sessions"}, "session.login", "account:", kOpen | kNoReplay, &sign_in},
      {"POST", P{"v1", "accounts"}, "account.create", "account:", kNoReplay, &create_account},
      {"GET", P{"v1", "accounts", "{}"}, "account.read", "account:", kNeedsToken, &get_account},
      {"POST", P{"v1", "accounts", "{}", "unseal"}, "account.unseal", "account:", kNeedsToken,
       &unseal},
      {"POST", P{"v1", "accounts", "{}", "password"}, "account.password",
       "account:", kOpen | kNoReplay, &change_password},
      {"POST", P{"v1", "accounts", "{}", "tokens"}, "token.issue", "account:", kNoReplay,
       &issue_token},
      {"DELETE", P{"v1", "tokens", "{}"}, "token.revoke", "token:", kNeedsToken, &revoke_token},
      // Issue 18: the pairs refused for wrong passwords (sign_in_guard.h).
      {"GET", P{"v1", "sign-in-blocks"}, "account.blocks", "sign-in-blocks", kNeedsToken,
       &list_sign_in_blocks},
      {"DELETE", P{"v1", "accounts", "{}", "sign-in-blocks"}, "account.unblock",
       "account:", kNeedsToken, &clear_sign_in_blocks},
      {"POST", P{"v1", "students"}, "student.register", "student:", kNeedsToken, nullptr,
       &register_student},
      {"POST", P{"v1", "students", "batch"}, "student.register_batch", "batch:", kLong,
       &register_students},
      {"GET", P{"v1", "students", "{}"}, "student.read", "student:", kNeedsToken, &get_student},
      {"POST", P{"v1", "students", "{}", "verify"}, "student.verify", "student:", kNeedsToken,
       &verify_identity},
      {"GET", P{"v1", "students", "by-resident-id", "{}"}, "student.read",
       "resident_id:", kNeedsToken, &find_student_by_resident_id},
      {"POST", P{"v1", "cases"}, "case.open", "case:", kNeverWaits, nullptr, &open_case},
      {"GET", P{"v1", "cases", "{}"}, "case.read", "case:", kNeedsToken, &get_case},
      {"GET", P{"v1", "cases", "{}", "progress"}, "case.progress", "case:", kNeedsToken, &progress},
      {"POST", P{"v1", "cases", "{}", "decisions"}, "case.decide", "case:", kNeverWaits, nullptr,
       &decide},
      {"POST", P{"v1", "cases", "{}", "withdraw"}, "case.withdraw", "case:", kNeverWaits, nullptr,
       &withdraw},
      // Art. 15: the family's view by the case's progress code, no account.
      {"GET", P{"v1", "progress", "{}"}, "case.progress", "progress:", kOpen, &progress_by_code},
      {"GET", P{"v1", "orgs", "{}"}, "org.read", "org:", kNeedsToken, &org_summary},
      {"GET", P{"v1", "orgs", "{}", "notices"}, "org.notices", "org:", kNeedsToken, &notices},
      {"GET", P{"v1", "orgs", "{}", "pending"}, "org.pending", "org:", kNeedsToken, &pending},
      {"GET", P{"v1", "orgs", "{}", "overdue"}, "org.overdue", "org:", kNeedsToken, &overdue},
      {"GET", P{"v1", "orgs", "{}", "cases"}, "org.cases", "org:", kNeedsToken, &org_open_cases},
      {"GET", P{"v1", "orgs", "{}", "students"}, "org.students", "org:", kNeedsToken, &roster},
      // Art. 25, 26: the supervisor's figures of the org's subtree.
      {"GET", P{"v1", "orgs", "{}", "statistics"}, "org.statistics", "org:", kNeedsToken,
       &org_statistics},
      // Art. 25: the termly check; Art. 17: the follow-ups' ledger.
      {"POST", P{"v1", "roster-checks"}, "roster_check.open", "roster-checks", kLong,
       &open_roster_checks},
      {"POST", P{"v1", "roster-checks", "{}", "confirmation"}, "roster_check.confirm",
       "case:", kNeedsToken, &confirm_roster},
      {"GET", P{"v1", "orgs", "{}", "dropout-ledger"}, "org.dropout_ledger", "org:", kNeedsToken,
       &dropout_ledger},
      {"POST", P{"v1", "graduations"}, "graduation.run", "graduation:", kLong, &run_graduation},
      {"GET", P{"v1", "graduations", "{}"}, "graduation.read", "graduation:", kNeedsToken,
       &get_graduation},
      {"POST", P{"v1", "promotions"}, "promotion.run", "promotion:", kLong, &run_promotion},
      {"GET", P{"v1", "promotions", "{}"}, "promotion.read", "promotion:", kNeedsToken,
       &get_promotion},
      {"POST", P{"v1", "promotions", "{}", "corrections"}, "promotion.correct",
       "promotion:", kNeedsToken, &correct_promotion},
      {"POST", P{"v1", "clock", "advance"}, "clock.advance", "clock", kLong, &advance_clock},
      {"POST", P{"v1", "rules", "reload"}, "rules.reload", "rules", kLong, &reload_rules},
      // Art. 12: schools opened, renamed, merged or closed on a running server.
      {"POST", P{"v1", "org-changes"}, "org.change", "org-changes", kLong, &change_org},
      {"GET", P{"v1", "org-changes"}, "org.changes", "org-changes", kNeedsToken, &list_org_changes},
      {"GET", P{"v1", "calendars", "{}"}, "calendar.read", "calendar:", kNeedsToken,
       &calendar_year},
  };
  return table;
}

}  // namespace

std::vector<std::string> split_path(const std::string& target) {
  std::string path = target.substr(0, target.find('?'));
  std::vector<std::string> parts;
  size_t start = 1;
  while (start <= path.size()) {
    const size_t end = path.find('/', start);
    parts.push_back(path.substr(start, end == std::string::npos ? std::string::npos : end - start));
    if (end == std::string::npos) break;
    start = end + 1;
  }
  return parts;
}

const Route* find_route(const std::string& method, const std::vector<std::string>& parts,
                        std::vector<std::string>& args) {
  for (const auto& route : routes()) {
    if (method != route.method || parts.size() != route.pattern.size()) continue;
    std::vector<std::string> found;
    bool ok = true;
    for (size_t i = 0; i < parts.size() && ok; ++i) {
      if (route.pattern[i] == "{}") {
        ok = !parts[i].empty();
        found.push_back(parts[i]);
      } else {
        ok = parts[i] == route.pattern[i];
      }
    }
    if (ok) {
      args = std::move(found);
      return &route;
    }
  }
  return nullptr;
}

}  // namespace xueji::http
