// `xueji export`: the one way student data leaves the system (Art. 24):
// approved by an administrator of county level or above, recorded on the
// audit trail (the approval and the export, with its reason, row count and
// the file's SHA-256), and de-identified (engine/student/deidentified.h).

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "actors/clock.h"
#include "adapters/cli/command_line.h"
#include "adapters/store/credential_store.h"
#include "adapters/store/credentials.h"
#include "adapters/store/read_model.h"
#include "adapters/store/sql_journal.h"
#include "engine/account/jurisdiction.h"
#include "engine/core/sha256.h"
#include "engine/student/deidentified.h"

namespace xueji::cli {
namespace {

// Rows read from PostgreSQL at a time: a few MB of memory, and a round
// trip's cost spread over thousands of rows.
constexpr size_t kExportBatch = 5000;

struct ExportOptions {
  std::string db;
  std::string org;
  std::string approved_by;
  std::string reason;
  std::string out;
  std::string key_file;
};

std::string operator_name() {
  const char* user = std::getenv("USER");
  return std::string("operator:") + (user != nullptr && *user != '\0' ? user : "unknown");
}

void run_export(const ExportOptions& o) {
  std::string reason = o.reason;
  while (!reason.empty() && std::isspace(static_cast<unsigned char>(reason.back()))) {
    reason.pop_back();
  }
  if (reason.empty()) throw UsageError("--reason must say why the data leaves the system");
  auto pool = store::ConnectionPool::open(o.db, 1);
  if (!pool) throw UsageError(pool.error().message);
  auto journal = store::SqlJournal::open(o.db);
  if (!journal) throw UsageError(journal.error().message);
  store::ReadModel reads(*pool);
  // Entries reach the trail through the journal, like every write.
  auto append_audit = [&journal](std::vector<AuditEntry> entries) {
    Transition t;
    t.audit = std::move(entries);
    return (*journal)->commit({t});
  };
  auto orgs = reads.load_orgs();
  if (!orgs) throw UsageError(orgs.error().message);
  if (orgs->find(o.org) == nullptr) throw UsageError("--org: unknown organisation '" + o.org + "'");
  const Instant now = SystemClock().now();

  AuditEntry approval = audit_entry(now, o.approved_by, "-", "export.approve", "org:" + o.org, "",
                                    "reason=" + reason);
  auto approver = store::CredentialStore(*pool).find_account(o.approved_by);
  if (!approver) throw UsageError(approver.error().message);
  Status may = *approver
                   ? may_approve_export((*approver)->account, o.org, *orgs)
                   : Status(make_error("unknown_account", "no account '" + o.approved_by + "'"));
  if (*approver) approval.org = (*approver)->account.org;
  if (!may) {
    // A refused export is on the trail too: who tried, for what, and why not.
    approval.outcome = may.error().code;
    Status recorded = append_audit({approval});
    if (!recorded) throw UsageError(recorded.error().message);
    throw UsageError("export refused: " + may.error().message);
  }
  approval.outcome = "ok";

  std::string key;
  if (!o.key_file.empty()) {
    std::ifstream in(o.key_file, std::ios::binary);
    if (!in) throw UsageError("--pseudonym-key-file: cannot read " + o.key_file);
    std::ostringstream text;
    text << in.rdbuf();
    key = text.str();
    if (key.size() < 16) throw UsageError("--pseudonym-key-file: the key needs at least 16 bytes");
  } else {
    // No key given: one for this export only, forgotten after it, so its
    // pseudonyms link to nothing outside the file.
    key = store::random_bytes(32);
  }
  // Written and hashed as it is read, a batch of rows in memory at a time:
  // a province's roster does not fit a node's memory twice over.
  const std::string temporary = o.out + ".partial";
  int64_t rows = 0;
  Sha256Stream digest;
  {
    std::ofstream file(temporary, std::ios::binary | std::ios::trunc);
    if (!file) throw UsageError("--out: cannot write " + temporary);
    auto write = [&](const std::string& text) {
      file << text;
      digest.add(text);
    };
    write(deidentified_csv_header());
    auto read = reads.each_student_under(o.org, kExportBatch, [&](const Student& s) {
      // The store's subtree is the tree's; a row outside it stays out.
      if (!orgs->contains(o.org, s.school)) return;
      write(to_csv_row(deidentify(s, key)));
      ++rows;
    });
    file.flush();
    if (!read || !file) {
      file.close();
      std::filesystem::remove(temporary);
      if (!read) throw UsageError("export not written: " + read.error().message);
      throw UsageError("--out: cannot write " + temporary);
    }
  }
  AuditEntry exported = approval;
  exported.account = operator_name();
  exported.action = "export";
  exported.detail = "rows=" + std::to_string(rows) + " sha256=" + digest.hex() +
                    " file=" + std::filesystem::path(o.out).filename().string() +
                    " approved_by=" + o.approved_by + " reason=" + reason;
  // Recorded first, released second: no file leaves unrecorded.
  Status recorded = append_audit({approval, exported});
  if (!recorded) {
    std::filesystem::remove(temporary);
    throw UsageError("export not recorded, file removed: " + recorded.error().message);
  }
  std::error_code ec;
  std::filesystem::rename(temporary, o.out, ec);
  if (ec)
    throw UsageError("--out: cannot move " + temporary + " to " + o.out + ": " + ec.message());
  std::cout << "exported " << rows << " students of org " << o.org << " to " << o.out
            << " (approved by " << o.approved_by << ", de-identified)\n";
}

}  // namespace

void add_export_command(CLI::App& app) {
  auto* cmd = app.add_subcommand(
      "export", "write an org subtree's students, de-identified, to CSV (Art. 24)");
  auto o = std::make_shared<ExportOptions>();
  cmd->add_option("--db", o->db, "postgresql://user:pass@host/db or sqlite:path")->required();
  cmd->add_option("--org", o->org, "the org whose subtree is exported")->required();
  cmd->add_option("--approved-by", o->approved_by,
                  "the approving administrator's account (county level or above)")
      ->required();
  cmd->add_option("--reason", o->reason, "why the data leaves the system")->required();
  cmd->add_option("--out", o->out, "the CSV file to write")->required();
  cmd->add_option("--pseudonym-key-file", o->key_file,
                  "key for stable pseudonyms across exports (default: a fresh key per export)");
  cmd->callback([o] { run_export(*o); });
}

}  // namespace xueji::cli
