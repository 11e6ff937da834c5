#include "adapters/http/context.h"

namespace xueji::http {

AuditEntry Context::entry(const std::string& outcome) const {
  return audit_entry(at, account ? account->name : (claimed.empty() ? "-" : claimed),
                     account ? account->org : "-", action, target, outcome, detail);
}

}  // namespace xueji::http
