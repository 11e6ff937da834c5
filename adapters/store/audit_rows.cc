// Audit entries appended inside a commit's transaction, chained from the
// head row under its lock.

#include <soci/soci.h>

#include "adapters/store/sql_helpers.h"

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
              seq.size(), true);  // a term's intake: thousands at once
  const long long last = previous.seq;
  sql << "UPDATE audit_head SET seq = :s, hash = :h WHERE id = 1", soci::use(last),
      soci::use(previous.hash);
}

}  // namespace xueji::store
