#include "adapters/store/sql_journal.h"

#include <soci/soci.h>

#include "adapters/store/array_statement.h"
#include "adapters/store/batch_rows.h"
#include "adapters/store/postgres_copy.h"
#include "adapters/store/row_readers.h"
#include "adapters/store/sql_helpers.h"
#include "adapters/store/student_rows.h"
#include "adapters/store/student_runs.h"
#include "engine/case/case_snapshot.h"

namespace xueji::store {

// The numbers first, then their cases: written as one OR over the three,
// PostgreSQL could not look a subject up and read the live cases' index
// whole for each closed record (1.33 s at a million open cases; 0.9 ms
// so). SQLite looked each up either way.
const char* const kOpenCasesOfRecord =
    "SELECT id FROM cases WHERE status IN ('open', 'in_term') AND subject IN (SELECT :s UNION "
    "SELECT number FROM retired_numbers WHERE replaced_by = :g UNION SELECT replaced_by FROM "
    "retired_numbers WHERE number = :l) ORDER BY id";

// PostgreSQL: the case directory's query, prepared once per connection
// and executed once per load with every id as one array.
struct SqlJournal::CaseLoader {
  std::string ids;  // a text[] literal
  std::vector<std::string> found_ids, snapshots;
  soci::statement statement;

  explicit CaseLoader(soci::session& sql) : statement(sql) {
    statement.exchange(soci::into(found_ids));
    statement.exchange(soci::into(snapshots));
    statement.exchange(soci::use(ids));
    statement.alloc();
    statement.prepare("SELECT id, snapshot FROM cases WHERE id = ANY(CAST(:p0 AS text[]))");
    statement.define_and_bind();
  }
};

SqlJournal::SqlJournal(std::unique_ptr<Connection> connection)
    : connection_(std::move(connection)) {}

SqlJournal::~SqlJournal() = default;

Result<std::unique_ptr<SqlJournal>> SqlJournal::open(const std::string& url) {
  auto connection = Connection::open(url);
  if (!connection) return connection.error();
  return std::unique_ptr<SqlJournal>(new SqlJournal(std::move(*connection)));
}

JournalFactory sql_journal_factory(const std::string& url, std::shared_ptr<LeaseFence> fence) {
  auto audit_head = std::make_shared<AuditHeadCache>();
  return [url, fence, audit_head]() -> Result<std::unique_ptr<Journal>> {
    auto journal = SqlJournal::open(url);
    if (!journal) return journal.error();
    if (fence) (*journal)->fence_with(fence);
    (*journal)->share_audit_head(audit_head);
    return std::unique_ptr<Journal>(std::move(*journal));
  };
}

Status SqlJournal::commit(const std::vector<Transition>& batch) {
  if (batch.empty()) return Status();
  // A lost lease is not asked again: the standby may have taken over.
  if (fence_ && fence_->lost) {
    return make_error("engine_unavailable", "the engine lease is lost: nothing committed");
  }
  // Set here, outside the batch's transaction, which could undo it.
  if (Status up = ready(Connection::Plans::by_key); !up) return up.error();
  BatchColumns rows(batch);
  std::string refused;  // why a student change no longer fits, if one does not
  std::string fenced;   // why the lease no longer covers this batch
  // Set once COMMIT is sent: a failure after it (the connection lost
  // before its answer came) leaves the batch committed or not, unknown.
  bool commit_sent = false;
  auto result = guarded_status("commit", [&] {
    std::vector<AuditEntry> audit;
    bool records = false;
    for (const auto& t : batch) {
      audit.insert(audit.end(), t.audit.begin(), t.audit.end());
      records = records || !t.account_changes.empty() || !t.records.empty();
    }
    const bool postgresql = connection_->postgresql();
    // A change naming an L number takes the transaction's path, which
    // resolves a retired one to its G number (Art. 8).
    // A fenced batch checks its lease in its own transaction.
    // What the batch's one statement can apply to students (the mark of an
    // open transfer: no history to write, no retired number to resolve).
    const bool students_in_statement =
        postgresql && !rows.needs_transaction && !names_temporary_number(rows.student_changes);
    if (students_in_statement && !fence_ && audit.empty() && !records) {
      write_case_rows(*connection_, rows);
      return;
    }
    // Entries chained from the head this process last left, written with
    // the head's move in one statement (audit_head_cache.h); a batch of
    // audit entries alone (a read's) is that one statement, its own commit.
    const bool from_memory = postgresql && audit_head_ && !fence_ && !audit.empty() &&
                             !copies_in_bulk(connection_->sql(), audit.size());
    if (from_memory && !records && !rows.has_rows() && rows.student_changes.empty()) {
      commit_sent = true;  // no transaction: the statement commits itself
      if (append_audit_from_memory(audit)) return;
      commit_sent = false;  // nothing was sent, or the head had moved: nothing written
    }
    soci::session& sql = connection_->sql();
    try {
      soci::transaction tr(sql);
      if (fence_) check_lease(sql, *fence_);
      // Records first: a case in the same batch may move a student
      // registered in it.
      write_records(sql, batch);
      // An opening's mark goes in the same statement here too, read and
      // written once per batch rather than once per student (issue 17).
      if (!students_in_statement) rows.drop_student_columns();
      write_case_rows(*connection_, rows);
      if (!students_in_statement) apply_student_changes(sql, postgresql, rows.student_changes);
      // Last, so the chain's head stays locked for as short as can be.
      std::optional<AuditEntry> head;
      if (from_memory) head = append_audit_from_memory(audit);
      if (!head) head = append_audit_entries(*connection_, audit);
      commit_sent = true;
      tr.commit();
      if (audit_head_ && !audit.empty()) audit_head_->learned(*head);
    } catch (const StudentChanged& e) {
      refused = e.what();  // rolled back as the transaction left scope
    } catch (const LeaseLost& e) {
      fenced = e.what();  // rolled back likewise: nothing of it is written
    }
  });
  if (!fenced.empty()) {
    fence_->lost = true;
    return make_error("engine_unavailable", fenced);
  }
  if (!refused.empty()) return make_error("student_changed", refused);
  // PostgreSQL quotes the failed cast's input in double quotes; the query's
  // own text (which SOCI's message carries too) has it in single quotes.
  if (!result &&
      result.error().message.find(std::string("\"") + kStudentChangedMarker) != std::string::npos) {
    // PostgreSQL's one statement refused a change: say which and why.
    auto why = guarded<Status>("commit", [&] {
      return explain_student_changes(connection_->sql(), rows.student_changes);
    });
    if (why && !why->ok()) return why->error();
    return make_error("student_changed", "a student's record changed under the batch");
  }
  if (!result) connection_->suspect();
  // Whatever the failed batch moved in memory, the store did not keep.
  if (!result && audit_head_) audit_head_->forget();
  if (!result && commit_sent) {
    return make_error("outcome_unknown", "no answer to COMMIT: " + result.error().message);
  }
  return result;
}

std::optional<AuditEntry> SqlJournal::append_audit_from_memory(
    const std::vector<AuditEntry>& audit) {
  auto chained = audit_head_->chain(audit);
  if (!chained) return std::nullopt;
  if (append_audit_entries_from(*connection_, chained->from, chained->entries)) {
    return chained->entries.back();
  }
  audit_head_->forget();
  return std::nullopt;
}

Status SqlJournal::ready(Connection::Plans plans) {
  if (Status up = connection_->revive(); !up) return up.error();
  Status planned = guarded_status("plan", [&] { connection_->plan(plans); });
  if (!planned) connection_->suspect();
  return planned;
}

Result<std::map<std::string, StoredStudent>> SqlJournal::load_students(
    const std::vector<std::string>& numbers) {
  if (Status up = ready(Connection::Plans::per_execution); !up) return up.error();
  // Filled in place: GCC 12 misreads a map returned through guarded<>
  // (-Wfree-nonheap-object).
  std::map<std::string, StoredStudent> out;
  Status loaded =
      guarded_status("load students", [&] { out = select_students(connection_->sql(), numbers); });
  if (!loaded) {
    connection_->suspect();
    return loaded.error();
  }
  return out;
}

Result<std::vector<std::string>> SqlJournal::closed_with_open_cases() {
  if (Status up = ready(Connection::Plans::per_execution); !up) return up.error();
  auto found = guarded<std::vector<std::string>>("load closed records with open cases", [&] {
    std::vector<std::string> numbers;
    // From the open cases' side (the partial index on their subjects): the
    // closed records are many more than the open cases.
    soci::rowset<std::string> rows =
        (connection_->sql().prepare
         << "SELECT DISTINCT c.subject FROM cases c JOIN students s "
            "ON s.registration_number = COALESCE((SELECT r.replaced_by FROM retired_numbers r "
            "WHERE r.number = c.subject), c.subject) WHERE c.status IN ('open', 'in_term') AND "
            "s.status IN ("
         << sql_status_list(closed_statuses()) << ") ORDER BY c.subject");
    for (const auto& number : rows) numbers.push_back(number);
    return numbers;
  });
  if (!found) connection_->suspect();
  return found;
}

Result<RunProgress> SqlJournal::run_batch(const StudentRun& run) {
  if (Status up = ready(Connection::Plans::per_execution); !up) return up.error();
  auto progress = guarded<RunProgress>("run " + run.id, [&] {
    return run_student_batch(connection_->sql(), connection_->postgresql(), run);
  });
  if (!progress) connection_->suspect();
  return progress;
}

Result<std::vector<std::string>> SqlJournal::open_cases(const std::string& subject) {
  if (Status up = ready(Connection::Plans::per_execution); !up) return up.error();
  auto found = guarded<std::vector<std::string>>("load open cases", [&] {
    std::vector<std::string> ids;
    // The record's every number (Art. 8): cases opened under its retired L
    // number and under the G number it became are the same student's.
    soci::rowset<std::string> rows = (connection_->sql().prepare << kOpenCasesOfRecord,
                                      soci::use(subject), soci::use(subject), soci::use(subject));
    for (const auto& id : rows) ids.push_back(id);
    return ids;
  });
  if (!found) connection_->suspect();
  return found;
}

Result<std::vector<HistoryEntry>> SqlJournal::student_history(const std::string& number) {
  if (Status up = ready(Connection::Plans::per_execution); !up) return up.error();
  auto found = guarded<std::vector<HistoryEntry>>(
      "load a record's history", [&] { return select_history(connection_->sql(), number); });
  if (!found) connection_->suspect();
  return found;
}

Result<std::map<std::string, CaseState>> SqlJournal::load_cases(
    const std::vector<std::string>& case_ids) {
  // The directory's load, by key: planning it anew took 62 us of
  // PostgreSQL's time per load beside 25 us to run it.
  if (Status up = ready(Connection::Plans::by_key); !up) return up.error();
  // Chunks keep SQLite under its limit of bound parameters.
  constexpr size_t kChunk = 1000;
  std::map<std::string, CaseState> out;
  for (size_t start = 0; start < case_ids.size(); start += kChunk) {
    const std::vector<std::string> ids(
        case_ids.begin() + static_cast<std::ptrdiff_t>(start),
        case_ids.begin() + static_cast<std::ptrdiff_t>(std::min(case_ids.size(), start + kChunk)));
    using Rows = std::vector<std::pair<std::string, std::string>>;
    auto rows = guarded<Rows>("load cases", [&] {
      Rows found;
      if (connection_->postgresql()) {
        if (!case_loader_ || loader_generation_ != connection_->generation()) {
          // One prepared on a connection since revived is abandoned, not
          // destroyed (see Connection::revive).
          abandon(std::move(case_loader_));
          case_loader_ = std::make_unique<CaseLoader>(connection_->sql());
          loader_generation_ = connection_->generation();
        }
        CaseLoader& loader = *case_loader_;
        loader.ids.clear();
        append_text_array(loader.ids, ids, nullptr);
        // Room for every row the query can return (ids are unique).
        loader.found_ids.resize(ids.size());
        loader.snapshots.resize(ids.size());
        if (loader.statement.execute(true)) {
          for (size_t i = 0; i < loader.found_ids.size(); ++i) {
            found.emplace_back(std::move(loader.found_ids[i]), std::move(loader.snapshots[i]));
          }
        }
        return found;
      }
      // SQLite: a rowset, which leaves no read open behind it (a vector
      // `into` kept the connection on its old snapshot of the file).
      const std::string query =
          "SELECT id, snapshot FROM cases WHERE id IN (" + placeholders(ids.size()) + ")";
      auto prepared = (connection_->sql().prepare << query);
      for (const auto& id : ids) prepared, soci::use(id);
      soci::rowset<soci::row> result(prepared);
      for (const auto& row : result) {
        found.emplace_back(row.get<std::string>(0), row.get<std::string>(1));
      }
      return found;
    });
    if (!rows) {
      connection_->suspect();
      return rows.error();
    }
    for (const auto& [id, snapshot] : *rows) {
      auto state = decode_snapshot(snapshot);
      if (!state) return state.error();
      out.emplace(id, std::move(*state));
    }
  }
  return out;
}

Result<std::map<std::string, StoredAccount>> SqlJournal::load_accounts(
    const std::vector<std::string>& names) {
  if (Status up = ready(Connection::Plans::per_execution); !up) return up.error();
  std::map<std::string, StoredAccount> out;
  // Chunks keep SQLite under its limit of bound parameters.
  constexpr size_t kChunk = 500;
  for (size_t start = 0; start < names.size(); start += kChunk) {
    const size_t end = std::min(names.size(), start + kChunk);
    Status loaded = guarded_status("load accounts", [&] {
      const std::string query = std::string("SELECT ") + kAccountColumns +
                                " FROM accounts WHERE name IN (" + placeholders(end - start) + ")";
      auto prepared = (connection_->sql().prepare << query);
      for (size_t i = start; i < end; ++i) prepared, soci::use(names[i]);
      soci::rowset<soci::row> found(prepared);
      for (const auto& r : found) {
        StoredAccount account = account_from(r);
        out.emplace(account.account.name, std::move(account));
      }
    });
    if (!loaded) {
      connection_->suspect();
      return loaded.error();
    }
  }
  return out;
}

Status SqlJournal::each_wake(WakeIndex index, Instant from, Instant until,
                             const std::function<void(PendingWake&&)>& take) {
  if (Status up = ready(Connection::Plans::per_execution); !up) return up.error();
  const bool cases = index == WakeIndex::cases;
  const std::string select =
      cases ? "SELECT id, next_instant FROM cases WHERE next_instant >= :f AND next_instant < :u "
              "ORDER BY next_instant, id"
            : "SELECT name, seal_due FROM accounts WHERE seal_due >= :f AND seal_due < :u "
              "ORDER BY seal_due, name";
  const long long lo = from.unix_seconds(), hi = until.unix_seconds();
  Status read =
      guarded_status(cases ? "load the deadline index" : "load the accounts' seal index", [&] {
        if (connection_->postgresql()) {
          // Streamed: a query's result would be held whole first, ten
          // million rows at a start (issue 17). COPY takes no parameters;
          // the bounds are numbers.
          std::string copy = select;
          copy.replace(copy.find(":f"), 2, std::to_string(lo));
          copy.replace(copy.find(":u"), 2, std::to_string(hi));
          copy_out(connection_->sql(), "COPY (" + copy + ") TO STDOUT",
                   [&](std::vector<std::string>& fields) {
                     take(PendingWake{std::move(fields.at(0)),
                                      Instant::from_unix_seconds(std::stoll(fields.at(1)))});
                   });
          return;
        }
        soci::rowset<soci::row> rows =
            (connection_->sql().prepare << select, soci::use(lo), soci::use(hi));
        for (const auto& r : rows) {
          take(PendingWake{r.get<std::string>(0), Instant::from_unix_seconds(r.get<long long>(1))});
        }
      });
  if (!read) connection_->suspect();
  return read;
}

}  // namespace xueji::store
