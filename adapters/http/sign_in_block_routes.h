#pragma once
// An administrator's view of the sign-in blocks (sign_in_guard.h): which
// (account, client address) pairs are refused for wrong passwords, and
// clearing them, say once a registrar has called in. Jurisdiction as for
// managing the account (may_manage); a block on a name that is no account
// belongs to the ministry's administrators. Both routes are audited as any
// other; the blocks live in the server's memory.

#include "adapters/http/context.h"
#include "adapters/http/http_server.h"
#include "adapters/http/services.h"

namespace xueji::http {

// GET /v1/sign-in-blocks: the blocks in force on accounts the caller manages,
// in pages by (account, address) (page_cursor.h: `limit`, `cursor`;
// `has_more`, `next_cursor`, and `truncated`, its older name for has_more).
Response list_sign_in_blocks(Services& services, const Request& request, Context& ctx);
// DELETE /v1/accounts/{name}/sign-in-blocks[?address=A]: clears the
// account's blocks and counts (from address A only, when given).
Response clear_sign_in_blocks(Services& services, const Request& request, Context& ctx);

}  // namespace xueji::http
