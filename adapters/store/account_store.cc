// Accounts and their tokens in the store. Every change commits with the
// audit entries that record it.

#include <soci/soci.h>

#include "adapters/store/sql_helpers.h"
#include "adapters/store/store.h"

namespace xueji::store {
namespace {

constexpr const char* kAccountColumns =
    "name, org, role, kind, password_hash, password_changed, last_used, seal_due, sealed_at, "
    "created_at";

std::optional<Instant> optional_instant(const soci::row& r, size_t column) {
  if (r.get_indicator(column) == soci::i_null) return std::nullopt;
  return Instant::from_unix_seconds(r.get<long long>(column));
}

StoredAccount account_from(const soci::row& r) {
  StoredAccount s;
  Account& a = s.account;
  a.name = r.get<std::string>(0);
  a.org = r.get<std::string>(1);
  a.role = parse_role(r.get<std::string>(2)).value();
  a.kind = parse_account_kind(r.get<std::string>(3)).value();
  a.password_hash = r.get<std::string>(4);
  a.password_changed = Date::parse(r.get<std::string>(5)).value();
  a.last_used = Date::parse(r.get<std::string>(6)).value();
  s.seal_due = optional_instant(r, 7);
  a.sealed_at = optional_instant(r, 8);
  s.created_at = Instant::from_unix_seconds(r.get<long long>(9));
  return s;
}

constexpr const char* kTokenColumns = "id, account, kind, issued_at, expires_at, revoked_at";

TokenRecord token_from(const soci::row& r) {
  TokenRecord t;
  t.id = r.get<std::string>(0);
  t.account = r.get<std::string>(1);
  t.kind = r.get<std::string>(2);
  t.issued_at = Instant::from_unix_seconds(r.get<long long>(3));
  t.expires_at = optional_instant(r, 4);
  t.revoked_at = optional_instant(r, 5);
  return t;
}

}  // namespace

Status Store::insert_account(const Account& a, Instant created_at,
                             const std::vector<AuditEntry>& audit) {
  {
    auto existing = find_account(a.name);
    if (!existing) return existing.error();
    if (*existing) return make_error("account_exists", "account '" + a.name + "' exists");
  }
  return guarded_status("create an account", [&] {
    soci::transaction tr(*sql_);
    const std::string role(to_string(a.role)), kind(to_string(a.kind));
    const std::string changed = a.password_changed.to_string(), used = a.last_used.to_string();
    const long long due = seal_due(a.last_used).unix_seconds(), created = created_at.unix_seconds();
    *sql_ << "INSERT INTO accounts (name, org, role, kind, password_hash, password_changed, "
             "last_used, seal_due, sealed_at, created_at) VALUES (:n, :o, :r, :k, :h, :c, :u, "
             ":d, NULL, :a)",
        soci::use(a.name), soci::use(a.org), soci::use(role), soci::use(kind),
        soci::use(a.password_hash), soci::use(changed), soci::use(used), soci::use(due),
        soci::use(created);
    append_audit_entries(*sql_, audit);
    tr.commit();
  });
}

Result<std::optional<StoredAccount>> Store::find_account(const std::string& name) {
  return guarded<std::optional<StoredAccount>>(
      "find an account", [&]() -> std::optional<StoredAccount> {
        soci::rowset<soci::row> rows =
            (sql_->prepare << "SELECT " << kAccountColumns << " FROM accounts WHERE name = :n",
             soci::use(name));
        for (const auto& r : rows) return account_from(r);
        return std::nullopt;
      });
}

Result<std::vector<StoredAccount>> Store::accounts_of(const std::vector<std::string>& orgs) {
  return guarded<std::vector<StoredAccount>>("list accounts", [&] {
    std::vector<StoredAccount> out;
    if (orgs.empty()) return out;
    std::string query = std::string("SELECT ") + kAccountColumns + " FROM accounts WHERE org IN (";
    for (size_t i = 0; i < orgs.size(); ++i) query += i == 0 ? ":o0" : ", :o" + std::to_string(i);
    query += ") ORDER BY name";
    soci::statement st(*sql_);
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

Status Store::set_password(const std::string& name, const std::string& password_hash, Date changed,
                           const std::vector<AuditEntry>& audit) {
  return guarded_status("change a password", [&] {
    soci::transaction tr(*sql_);
    const std::string day = changed.to_string();
    *sql_ << "UPDATE accounts SET password_hash = :h, password_changed = :c WHERE name = :n",
        soci::use(password_hash), soci::use(day), soci::use(name);
    append_audit_entries(*sql_, audit);
    tr.commit();
  });
}

Result<std::vector<PendingWake>> Store::account_wakes() {
  return guarded<std::vector<PendingWake>>("load the accounts' seal index", [&] {
    std::vector<PendingWake> out;
    soci::rowset<soci::row> rows =
        (sql_->prepare << "SELECT name, seal_due FROM accounts WHERE seal_due IS NOT NULL "
                          "ORDER BY seal_due, name");
    for (const auto& r : rows) {
      out.push_back(
          PendingWake{r.get<std::string>(0), Instant::from_unix_seconds(r.get<long long>(1))});
    }
    return out;
  });
}

Status Store::insert_token(const TokenRecord& t, const std::string& token_hash,
                           const std::vector<AuditEntry>& audit) {
  return guarded_status("issue a token", [&] {
    soci::transaction tr(*sql_);
    const long long issued = t.issued_at.unix_seconds();
    long long expires = t.expires_at ? t.expires_at->unix_seconds() : 0;
    soci::indicator expires_ind = t.expires_at ? soci::i_ok : soci::i_null;
    *sql_ << "INSERT INTO tokens (id, token_hash, account, kind, issued_at, expires_at, "
             "revoked_at) VALUES (:i, :h, :a, :k, :t, :e, NULL)",
        soci::use(t.id), soci::use(token_hash), soci::use(t.account), soci::use(t.kind),
        soci::use(issued), soci::use(expires, expires_ind);
    append_audit_entries(*sql_, audit);
    tr.commit();
  });
}

Result<std::optional<TokenRecord>> Store::find_token(const std::string& token_hash) {
  return guarded<std::optional<TokenRecord>>("find a token", [&]() -> std::optional<TokenRecord> {
    soci::rowset<soci::row> rows =
        (sql_->prepare << "SELECT " << kTokenColumns << " FROM tokens WHERE token_hash = :h",
         soci::use(token_hash));
    for (const auto& r : rows) return token_from(r);
    return std::nullopt;
  });
}

Result<std::optional<TokenRecord>> Store::find_token_by_id(const std::string& id) {
  return guarded<std::optional<TokenRecord>>("find a token", [&]() -> std::optional<TokenRecord> {
    soci::rowset<soci::row> rows =
        (sql_->prepare << "SELECT " << kTokenColumns << " FROM tokens WHERE id = :i",
         soci::use(id));
    for (const auto& r : rows) return token_from(r);
    return std::nullopt;
  });
}

Status Store::revoke_token(const std::string& id, Instant at,
                           const std::vector<AuditEntry>& audit) {
  return guarded_status("revoke a token", [&] {
    soci::transaction tr(*sql_);
    const long long when = at.unix_seconds();
    *sql_ << "UPDATE tokens SET revoked_at = :a WHERE id = :i AND revoked_at IS NULL",
        soci::use(when), soci::use(id);
    append_audit_entries(*sql_, audit);
    tr.commit();
  });
}

}  // namespace xueji::store
