#include "adapters/http/route_capabilities.h"

#include <map>

namespace xueji::http {

std::string capability_for_action(std::string_view action) {
  static const std::map<std::string, std::string, std::less<>> table = {
      // Signing in, changing one's password and the family's progress code
      // are open routes; a case's opening asks open:<kind> in its route.
      {"session.login", ""},
      {"account.password", ""},
      {"case.open", ""},
      {"roster_check.open", ""},
      // One's own account and token every account reads and revokes; the
      // routes ask `read` and `manage_accounts` for another's.
      {"account.read", ""},
      {"token.revoke", ""},
      {"case.decide", "decide"},
      {"case.withdraw", "withdraw"},
      {"roster_check.confirm", "decide"},
      {"student.register", "register_student"},
      {"student.register_batch", "register_student"},
      {"student.verify", "register_student"},
      {"graduation.run", "graduate"},
      {"promotion.run", "promote"},
      {"promotion.correct", "promote"},
      {"account.create", "manage_accounts"},
      {"account.unseal", "manage_accounts"},
      {"account.blocks", "manage_accounts"},
      {"account.unblock", "manage_accounts"},
      {"token.issue", "manage_accounts"},
      {"clock.advance", "advance_clock"},
      {"rules.reload", "reload_rules"},
      {"org.change", "manage_orgs"},
      {"org.changes", "read"},
      {"student.read", "read"},
      {"case.read", "read"},
      {"case.progress", "read"},
      {"org.read", "read"},
      {"org.notices", "read"},
      {"org.pending", "read"},
      {"org.overdue", "read"},
      {"org.cases", "read"},
      {"org.students", "read"},
      {"org.statistics", "read"},
      {"org.dropout_ledger", "read"},
      {"graduation.read", "read"},
      {"promotion.read", "read"},
      {"calendar.read", "read"},
  };
  auto it = table.find(action);
  return it == table.end() ? std::string(action) : it->second;
}

}  // namespace xueji::http
