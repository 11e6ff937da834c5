#include "adapters/http/idempotency.h"

#include "adapters/http/problem.h"
#include "engine/core/sha256.h"

namespace xueji::http {

bool carries_idempotency_key(const Request& r) {
  return r.method == "POST" && r.headers.count("idempotency-key") != 0;
}

Response with_idempotency(store::IdempotencyStore& answers, const Request& r, Context& ctx,
                          const std::function<Response()>& handler) {
  const std::string key = r.headers.at("idempotency-key");
  if (key.empty() || key.size() > 200) {
    return problem(400, "invalid_field", "Idempotency-Key must be 1 to 200 characters");
  }
  ctx.idempotency_key = (ctx.account ? ctx.account->name : std::string("-")) + "/" + key;
  const std::string hash = sha256_hex(r.method + " " + r.target + "\n" + r.body);
  {
    auto reserved = answers.reserve_answer(ctx.idempotency_key, hash, ctx.at);
    if (!reserved) return problem(503, "store_unavailable", reserved.error().message);
    if (!*reserved) {
      auto first = answers.find_answer(ctx.idempotency_key);
      if (!first) return problem(503, "store_unavailable", first.error().message);
      if (!*first) {
        return problem(409, "idempotency_key_in_use", "retry: the key was just released");
      }
      if ((*first)->request_hash != hash) {
        return problem(422, "idempotency_key_reused",
                       "Idempotency-Key '" + key + "' was first used for a different request");
      }
      if ((*first)->status == 0) {
        return problem(409, "idempotency_key_in_use",
                       "the first request with Idempotency-Key '" + key + "' is still running");
      }
      return Response{(*first)->status, (*first)->content_type, (*first)->body, {}};
    }
  }
  Response response = handler();
  if (response.status >= 500) {
    (void)answers.forget_answer(ctx.idempotency_key);
  } else {
    (void)answers.record_answer(ctx.idempotency_key, response.status, response.content_type,
                                response.body);
  }
  return response;
}

}  // namespace xueji::http
