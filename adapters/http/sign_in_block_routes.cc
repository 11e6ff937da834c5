#include "adapters/http/sign_in_block_routes.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "adapters/http/json_body.h"
#include "adapters/http/page_cursor.h"
#include "adapters/http/problem.h"

namespace xueji::http {
namespace {

using nlohmann::json;

// The list's name in its cursors (issue 17): one list, whose rows each
// caller sees as far as its jurisdiction reaches.
constexpr const char* kBlockList = "sign-in-blocks";

// Whether the caller may see and clear blocks on `name`: it manages the
// account's org, or, for a name that is no account, it administers the
// ministry. "role_forbidden" or "out_of_jurisdiction" says why not.
Status may_clear(Services& s, const Account& caller, const std::string& name) {
  if (caller.role != Role::administrator) {
    return make_error("role_forbidden", "account '" + caller.name +
                                            "' is not an administrator: only an administrator "
                                            "sees and clears sign-in blocks");
  }
  auto found = s.stores.credentials.find_account(name);
  if (!found) return found.error();
  if (*found) return may_manage(caller, (*found)->account.org, s.engine.data()->orgs);
  const Org* org = s.engine.data()->orgs.find(caller.org);
  if (org != nullptr && org->level == OrgLevel::ministry) return Status();
  return make_error("out_of_jurisdiction", "account '" + caller.name +
                                               "' may not clear blocks on '" + name +
                                               "', which is no account: the ministry's "
                                               "administrators may");
}

json block_json(const SignInBlock& b, Instant at) {
  return json{{"account", b.account},
              {"address", b.address},
              {"failures", b.failures},
              {"since", b.since.to_string()},
              {"until", b.until.to_string()},
              {"retry_after", std::max<int64_t>(1, b.until.unix_seconds() - at.unix_seconds())}};
}

}  // namespace

Response list_sign_in_blocks(Services& s, const Request& request, Context& ctx) {
  if (ctx.account->role != Role::administrator) {
    return from_error(may_clear(s, *ctx.account, ctx.account->name).error());
  }
  auto page = read_page(request.target, kBlockList, 2);
  if (!page) return from_error(page.error());
  // In pages by (account, address), the order of the guard's own table
  // (a map in memory, bounded by its pruning): a page starts after the key.
  json blocks = json::array();
  bool has_more = false;
  std::vector<std::string> last;
  for (const SignInBlock& b : s.throttle->sign_ins.blocks(ctx.at)) {
    const std::vector<std::string> key{b.account, b.address};
    if (!page->after.empty() && !(page->after < key)) continue;
    Status may = may_clear(s, *ctx.account, b.account);
    if (!may && may.error().code.rfind("store", 0) == 0) return from_error(may.error());
    if (!may) continue;
    if (blocks.size() == static_cast<size_t>(page->limit)) {
      has_more = true;
      break;
    }
    blocks.push_back(block_json(b, ctx.at));
    last = key;
  }
  // `truncated` was the answer's word for more rows before it had pages.
  json body{{"blocks", blocks}, {"truncated", has_more}};
  add_page_fields(body, has_more, kBlockList, last);
  return json_response(200, body);
}

Response clear_sign_in_blocks(Services& s, const Request& r, Context& ctx) {
  const std::string& name = ctx.args[0];
  auto address = query_parameter(r.target, "address");
  if (!address) return from_error(address.error());
  std::string only;
  if (*address) {
    only = canonical_address(**address);
    if (only.empty()) {
      return problem(400, "invalid_query",
                     "query parameter 'address' must be an IP address, not '" + **address + "'");
    }
  }
  if (Status may = may_clear(s, *ctx.account, name); !may) return from_error(may.error());
  json cleared = json::array();
  for (const SignInBlock& b : s.throttle->sign_ins.clear(name, only, ctx.at)) {
    cleared.push_back(block_json(b, ctx.at));
  }
  return json_response(200, json{{"account", name}, {"cleared", cleared}});
}

}  // namespace xueji::http
