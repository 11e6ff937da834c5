#include "adapters/store/idempotency_store.h"

#include <soci/soci.h>

#include "adapters/store/row_readers.h"

namespace xueji::store {

const char* const kReleaseAbandonedAnswers = "DELETE FROM idempotency_keys WHERE status = 0";

std::string nth_oldest_answer_statement(int batch) {
  return "SELECT created_at FROM idempotency_keys WHERE status <> 0 AND created_at < :b ORDER BY "
         "created_at LIMIT 1 OFFSET " +
         std::to_string(batch - 1);
}

const char* const kForgetAnswersBefore =
    "DELETE FROM idempotency_keys WHERE status <> 0 AND created_at < :b";

IdempotencyStore::IdempotencyStore(std::shared_ptr<ConnectionPool> pool) : pool_(std::move(pool)) {}

template <typename T, typename Body>
Result<T> IdempotencyStore::write(const std::string& what, Body&& body) {
  if (!fence_) return pool_->run<T>(what, [&](Connection& c) { return body(c.sql()); });
  if (fence_->lost) return make_error("engine_unavailable", "the engine lease is lost: " + what);
  std::string fenced;
  auto done = pool_->run<T>(what, [&](Connection& c) -> T {
    soci::session& sql = c.sql();
    soci::transaction tr(sql);
    try {
      check_lease(sql, *fence_);
    } catch (const LeaseLost& e) {
      fenced = e.what();  // rolled back as the transaction leaves scope
      return T();
    }
    T out = body(sql);
    tr.commit();
    return out;
  });
  if (!fenced.empty()) {
    fence_->lost = true;
    return make_error("engine_unavailable", what + ": " + fenced);
  }
  return done;
}

Result<std::optional<StoredAnswer>> IdempotencyStore::find_answer(const std::string& key) {
  return pool_->run<std::optional<StoredAnswer>>(
      "find idempotency key", [&](Connection& connection) -> std::optional<StoredAnswer> {
        soci::session& sql = connection.sql();
        StoredAnswer a;
        soci::indicator ind = soci::i_null;
        sql << "SELECT request_hash, status, content_type, body FROM idempotency_keys "
               "WHERE key = :k",
            soci::use(key), soci::into(a.request_hash, ind), soci::into(a.status),
            soci::into(a.content_type), soci::into(a.body);
        if (!sql.got_data() || ind != soci::i_ok) return std::nullopt;
        return a;
      });
}

Result<bool> IdempotencyStore::reserve_answer(const std::string& key,
                                              const std::string& request_hash, Instant at) {
  return write<bool>("reserve idempotency key", [&](soci::session& sql) {
    const long long when = at.unix_seconds();
    soci::statement st = (sql.prepare << "INSERT INTO idempotency_keys (key, request_hash, "
                                         "status, content_type, body, created_at) VALUES "
                                         "(:k, :h, 0, '', '', :a) ON CONFLICT (key) DO NOTHING",
                          soci::use(key), soci::use(request_hash), soci::use(when));
    st.execute(true);
    return st.get_affected_rows() == 1;
  });
}

Result<bool> IdempotencyStore::record_answer(const std::string& key, int status,
                                             const std::string& content_type,
                                             const std::string& body) {
  return write<bool>("record idempotency key", [&](soci::session& sql) {
    soci::statement st =
        (sql.prepare << "UPDATE idempotency_keys SET status = :s, "
                        "content_type = :c, body = :b WHERE key = :k "
                        "AND status = 0",
         soci::use(status), soci::use(content_type), soci::use(body), soci::use(key));
    st.execute(true);
    return st.get_affected_rows() == 1;
  });
}

Status IdempotencyStore::forget_answer(const std::string& key) {
  auto done = write<bool>("release idempotency key", [&](soci::session& sql) {
    sql << "DELETE FROM idempotency_keys WHERE key = :k AND status = 0", soci::use(key);
    return true;
  });
  if (!done) return done.error();
  return Status();
}

Result<int64_t> IdempotencyStore::release_abandoned_answers() {
  return pool_->run<int64_t>("release abandoned idempotency keys", [&](Connection& connection) {
    soci::session& sql = connection.sql();
    soci::statement st = (sql.prepare << kReleaseAbandonedAnswers);
    st.execute(true);
    return static_cast<int64_t>(st.get_affected_rows());
  });
}

Result<int64_t> IdempotencyStore::forget_answers_created_before(Instant before, int batch) {
  return write<int64_t>("forget old idempotency keys", [&](soci::session& sql) {
    long long cut = before.unix_seconds();
    long long last = 0;
    soci::indicator none = soci::i_ok;
    sql << nth_oldest_answer_statement(batch), soci::use(cut), soci::into(last, none);
    // A batch's worth: up to its last one's second; else all that remain.
    if (sql.got_data() && none == soci::i_ok) cut = last + 1;
    soci::statement st = (sql.prepare << kForgetAnswersBefore, soci::use(cut));
    st.execute(true);
    return static_cast<int64_t>(st.get_affected_rows());
  });
}

}  // namespace xueji::store
