#include "adapters/http/idempotency.h"

#include <algorithm>
#include <mutex>
#include <set>

#include "adapters/http/problem.h"
#include "engine/core/sha256.h"

namespace xueji::http {
namespace {

// The keys whose request is running in this process. The store holds a
// running key as status 0; one it holds so that is not here was abandoned:
// its 5xx answer could not release it because the store was down when it
// answered (the fault suite stops PostgreSQL mid-request, issue 18). Its
// request never committed (its answer would have committed with it), as
// for a key a stop left running (release_abandoned_answers at start), so a
// retry takes it over instead of being told 409 until the next restart.
// One server per database, as that release at start assumes.
class RunningKeys {
 public:
  bool claim(const std::string& key) {
    std::lock_guard<std::mutex> lock(mutex_);
    return keys_.insert(key).second;
  }
  void release(const std::string& key) {
    std::lock_guard<std::mutex> lock(mutex_);
    keys_.erase(key);
  }

 private:
  std::mutex mutex_;
  std::set<std::string> keys_;
};

RunningKeys& running_keys() {
  static RunningKeys keys;
  return keys;
}

}  // namespace

bool carries_idempotency_key(const Request& r) {
  return r.method == "POST" && r.headers.count("idempotency-key") != 0;
}

namespace {

bool outcome_unknown(const Response& response) {
  return response.status == 503 && problem_code(response) == "outcome_unknown";
}

}  // namespace

std::optional<Response> reserve_idempotency(store::IdempotencyStore& answers, const Request& r,
                                            Context& ctx, const std::function<Status()>& settle) {
  const std::string key = r.headers.at("idempotency-key");
  // Printable ASCII, as the IETF draft's sf-string: a key is echoed in
  // problems and logs, and bytes a proxy may rewrite would make two keys.
  const bool printable = std::all_of(key.begin(), key.end(), [](char c) {
    return static_cast<unsigned char>(c) >= 0x20 && static_cast<unsigned char>(c) < 0x7f;
  });
  if (key.empty() || key.size() > 200 || !printable) {
    return problem(400, "invalid_field",
                   "Idempotency-Key must be 1 to 200 printable ASCII characters");
  }
  ctx.idempotency_key = (ctx.account ? ctx.account->name : std::string("-")) + "/" + key;
  const std::string hash = sha256_hex(r.method + " " + r.target + "\n" + r.body);
  // Claimed before the store is asked, so that two requests with one key
  // never both run here.
  if (!running_keys().claim(ctx.idempotency_key)) {
    return problem(409, "idempotency_key_in_use",
                   "the first request with Idempotency-Key '" + key + "' is still running");
  }
  // Lets the key go unless the request is to run (complete_idempotency
  // lets it go then).
  struct Unclaim {
    const std::string& key;
    bool keep = false;
    ~Unclaim() {
      if (!keep) running_keys().release(key);
    }
  } unclaim{ctx.idempotency_key};
  auto reserved = answers.reserve_answer(ctx.idempotency_key, hash, ctx.at);
  if (!reserved) return problem(503, "store_unavailable", reserved.error().message);
  if (!*reserved) {
    auto first = answers.find_answer(ctx.idempotency_key);
    if (!first) return problem(503, "store_unavailable", first.error().message);
    if (!*first) return problem(409, "idempotency_key_in_use", "retry: the key was just released");
    if ((*first)->request_hash != hash) {
      return problem(422, "idempotency_key_reused",
                     "Idempotency-Key '" + key + "' was first used for a different request");
    }
    // Status 0 and not running here: abandoned, or answered 503
    // "outcome_unknown" with its write still queued. Once every write
    // queued before now has settled, its row says which.
    if ((*first)->status == 0) {
      if (Status settled = settle(); !settled) return from_error(settled.error());
      first = answers.find_answer(ctx.idempotency_key);
      if (!first) return problem(503, "store_unavailable", first.error().message);
    }
    // It committed: its answer, exactly. Otherwise nothing of it is on
    // disk: run it under its reservation, which complete_idempotency
    // completes.
    if (*first && (*first)->status != 0) {
      return Response{(*first)->status, (*first)->content_type, (*first)->body, {}};
    }
  }
  unclaim.keep = true;
  return std::nullopt;
}

bool completion_writes(const Context& ctx, const Response& response) {
  return !ctx.answer_recorded && !outcome_unknown(response);
}

Response complete_idempotency(store::IdempotencyStore& answers, const Context& ctx,
                              Response response) {
  struct Unclaim {
    const std::string& key;
    ~Unclaim() { running_keys().release(key); }
  } unclaim{ctx.idempotency_key};
  // Kept reserved: its change may yet commit, and with it its answer. Or
  // committed already, with its change.
  if (!completion_writes(ctx, response)) return response;
  if (response.status >= 500) {
    (void)answers.forget_answer(ctx.idempotency_key);
    return response;
  }
  auto recorded = answers.record_answer(ctx.idempotency_key, response.status, response.content_type,
                                        response.body);
  if (recorded && !*recorded) {
    // An earlier run of this key committed meanwhile: its answer stands.
    auto first = answers.find_answer(ctx.idempotency_key);
    if (first && *first && (*first)->status != 0) {
      return Response{(*first)->status, (*first)->content_type, (*first)->body, {}};
    }
  }
  return response;
}

Response with_idempotency(store::IdempotencyStore& answers, const Request& r, Context& ctx,
                          const std::function<Response()>& handler,
                          const std::function<Status()>& settle) {
  if (auto early = reserve_idempotency(answers, r, ctx, settle)) return std::move(*early);
  return complete_idempotency(answers, ctx, handler());
}

}  // namespace xueji::http
