#include "adapters/http/services.h"

namespace xueji::http {

Stores::Stores(std::shared_ptr<store::ConnectionPool> pool)
    : reads(pool),
      credentials(pool),
      answers(pool),
      outbox(pool),
      runs(pool),
      statistics(pool),
      org_changes(pool) {}

}  // namespace xueji::http
