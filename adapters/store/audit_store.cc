// The audit trail in the store: appended under the head row's lock, in the
// same transaction as the change an entry records.

#include <soci/soci.h>

#include "adapters/store/sql_helpers.h"
#include "adapters/store/store.h"

namespace xueji::store {

void append_audit_entries(soci::session& sql, const std::vector<AuditEntry>& entries) {
  if (entries.empty()) return;
  // A write first: it takes the row lock on PostgreSQL and the write lock on
  // SQLite before anything is read, so two appenders never chain from the
  // same head.
  sql << "UPDATE audit_head SET seq = seq WHERE id = 1";
  AuditEntry previous;
  sql << "SELECT seq, hash FROM audit_head WHERE id = 1", soci::into(previous.seq),
      soci::into(previous.hash);
  if (!sql.got_data()) throw std::runtime_error("the audit trail has no head row (migration 0003)");
  std::vector<std::string> account, org, action, target, outcome, detail, prev_hash, hash;
  std::vector<long long> seq, at;
  const bool genesis = previous.seq == 0;
  for (size_t i = 0; i < entries.size(); ++i) {
    AuditEntry e = chain_entry(entries[i], (i == 0 && genesis) ? nullptr : &previous);
    seq.push_back(e.seq);
    at.push_back(e.at.unix_seconds());
    account.push_back(e.account);
    org.push_back(e.org);
    action.push_back(e.action);
    target.push_back(e.target);
    outcome.push_back(e.outcome);
    detail.push_back(e.detail);
    prev_hash.push_back(e.prev_hash);
    hash.push_back(e.hash);
    previous = std::move(e);
  }
  insert_rows(sql,
              "INSERT INTO audit_entries (seq, at, account, org, action, target, outcome, "
              "detail, prev_hash, hash) VALUES ",
              "",
              {{nullptr, &seq},
               {nullptr, &at},
               {&account},
               {&org},
               {&action},
               {&target},
               {&outcome},
               {&detail},
               {&prev_hash},
               {&hash}},
              seq.size());
  const long long last = previous.seq;
  sql << "UPDATE audit_head SET seq = :s, hash = :h WHERE id = 1", soci::use(last),
      soci::use(previous.hash);
}

Status Store::append_audit(const std::vector<AuditEntry>& entries) {
  return guarded_status("append to the audit trail", [&] {
    soci::transaction tr(*sql_);
    append_audit_entries(*sql_, entries);
    tr.commit();
  });
}

Result<std::vector<AuditEntry>> Store::load_audit() {
  return guarded<std::vector<AuditEntry>>("read the audit trail", [&] {
    std::vector<AuditEntry> out;
    soci::rowset<soci::row> rows =
        (sql_->prepare << "SELECT seq, at, account, org, action, target, outcome, detail, "
                          "prev_hash, hash FROM audit_entries ORDER BY seq");
    for (const auto& r : rows) {
      AuditEntry e;
      e.seq = r.get<long long>(0);
      e.at = Instant::from_unix_seconds(r.get<long long>(1));
      e.account = r.get<std::string>(2);
      e.org = r.get<std::string>(3);
      e.action = r.get<std::string>(4);
      e.target = r.get<std::string>(5);
      e.outcome = r.get<std::string>(6);
      e.detail = r.get<std::string>(7);
      e.prev_hash = r.get<std::string>(8);
      e.hash = r.get<std::string>(9);
      out.push_back(std::move(e));
    }
    return out;
  });
}

Result<AuditHead> Store::audit_head() {
  return guarded<AuditHead>("read the audit trail's head", [&] {
    AuditHead head;
    long long seq = 0;
    *sql_ << "SELECT seq, hash FROM audit_head WHERE id = 1", soci::into(seq),
        soci::into(head.hash);
    if (!sql_->got_data()) throw std::runtime_error("the audit trail has no head row");
    head.seq = seq;
    return head;
  });
}

}  // namespace xueji::store
