#include "adapters/store/credential_store.h"

#include <soci/soci.h>

#include "adapters/store/row_readers.h"

namespace xueji::store {

CredentialStore::CredentialStore(std::shared_ptr<ConnectionPool> pool) : pool_(std::move(pool)) {}

Result<std::optional<StoredAccount>> CredentialStore::find_account(const std::string& name) {
  return pool_->run<std::optional<StoredAccount>>(
      "find an account", [&](Connection& connection) -> std::optional<StoredAccount> {
        soci::session& sql = connection.sql();
        soci::rowset<soci::row> rows =
            (sql.prepare << "SELECT " << kAccountColumns << " FROM accounts WHERE name = :n",
             soci::use(name));
        for (const auto& r : rows) return account_from(r);
        return std::nullopt;
      });
}

Result<std::vector<StoredAccount>> CredentialStore::accounts_of(
    const std::vector<std::string>& orgs) {
  return pool_->run<std::vector<StoredAccount>>("list accounts", [&](Connection& connection) {
    soci::session& sql = connection.sql();
    std::vector<StoredAccount> out;
    if (orgs.empty()) return out;
    std::string query = std::string("SELECT ") + kAccountColumns + " FROM accounts WHERE org IN (";
    for (size_t i = 0; i < orgs.size(); ++i) query += i == 0 ? ":o0" : ", :o" + std::to_string(i);
    query += ") ORDER BY name";
    soci::statement st(sql);
    soci::row row;
    for (const auto& org : orgs) st.exchange(soci::use(org));
    st.exchange(soci::into(row));
    st.alloc();
    st.prepare(query, soci::details::st_one_time_query);
    st.define_and_bind();
    st.execute(false);
    while (st.fetch()) out.push_back(account_from(row));
    return out;
  });
}

Result<std::optional<TokenRecord>> CredentialStore::find_token(const std::string& token_hash) {
  uint64_t generation = 0;
  if (auto kept = tokens_->find(token_hash, generation)) return kept;
  auto found = pool_->run<std::optional<TokenRecord>>(
      "find a token", [&](Connection& connection) -> std::optional<TokenRecord> {
        // Every request's first read: a one-time query, one round trip on
        // PostgreSQL (a prepared one is three: prepare, execute, deallocate).
        soci::session& sql = connection.sql();
        soci::row row;
        sql << "SELECT " << kTokenColumns << " FROM tokens WHERE token_hash = :h",
            soci::use(token_hash), soci::into(row);
        if (!sql.got_data()) return std::nullopt;
        return token_from(row);
      });
  if (found && *found) tokens_->keep(token_hash, **found, generation);
  return found;
}

Result<std::optional<TokenRecord>> CredentialStore::find_token_by_id(const std::string& id) {
  return pool_->run<std::optional<TokenRecord>>(
      "find a token", [&](Connection& connection) -> std::optional<TokenRecord> {
        soci::session& sql = connection.sql();
        soci::rowset<soci::row> rows =
            (sql.prepare << "SELECT " << kTokenColumns << " FROM tokens WHERE id = :i",
             soci::use(id));
        for (const auto& r : rows) return token_from(r);
        return std::nullopt;
      });
}

}  // namespace xueji::store
