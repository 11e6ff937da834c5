#include "adapters/store/idempotency_store.h"

#include <soci/soci.h>

#include <utility>

#include "adapters/store/fenced_write.h"
#include "adapters/store/row_readers.h"

namespace xueji::store {

const char* const kReleaseAbandonedAnswers = "DELETE FROM idempotency_keys WHERE status = 0";

const AgedRows kAnsweredKeys{"idempotency_keys", "created_at", "status <> 0"};

IdempotencyStore::IdempotencyStore(std::shared_ptr<ConnectionPool> pool) : pool_(std::move(pool)) {}

template <typename T, typename Body>
Result<T> IdempotencyStore::write(const std::string& what, Body&& body) {
  return fenced_write<T>(*pool_, fence_.get(), what, std::forward<Body>(body));
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
    return forget_oldest(sql, kAnsweredKeys, before.unix_seconds(), batch);
  });
}

}  // namespace xueji::store
