// `xueji audit archive --db URL --to DIR --through YYYY-MM`: moves every
// whole month of the audit trail up to YYYY-MM (Beijing time) out of the
// store into one file per month (Art. 24: the trail is kept, not thrown
// away; the store stops growing without bound). A month is archived only
// once it is over and only if its entries verify from the month before, so
// archiving never hides a broken chain.

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <iostream>
#include <limits>
#include <memory>
#include <sstream>

#include "adapters/cli/audit_archive_file.h"
#include "adapters/cli/command_line.h"
#include "adapters/store/audit_archive.h"
#include "adapters/store/audit_trail.h"

namespace xueji::cli {
namespace {

// The first day of the month after "YYYY-MM".
Date month_after(const std::string& month) {
  int year = 0, number = 0;
  char dash = 0;
  std::istringstream in(month);
  if (month.size() != 7 || !(in >> year >> dash >> number) || dash != '-')
    throw UsageError("--through " + month + ": expected a month as YYYY-MM");
  auto first = Date::from_ymd(year, number, 1);
  if (!first) throw UsageError("--through " + month + ": " + first.error().message);
  return first->plus_months(1);
}

Instant now() {
  const auto seconds = std::chrono::duration_cast<std::chrono::seconds>(
      std::chrono::system_clock::now().time_since_epoch());
  return Instant::from_unix_seconds(seconds.count());
}

int archive(const std::string& url, const std::string& dir, const std::string& through) {
  const Date end_day = month_after(through);
  const Instant archived_at = now();
  if (end_day > archived_at.beijing_date())
    throw UsageError("--through " + through + ": the month is not over in Beijing (archive " +
                     "only months before " + beijing_month(archived_at) + ")");
  std::error_code made;
  std::filesystem::create_directories(dir, made);
  if (!std::filesystem::is_directory(dir)) throw UsageError("--to " + dir + ": not a directory");

  auto pool = store::ConnectionPool::open(url, 1);
  if (!pool) throw UsageError(pool.error().message);
  store::AuditArchive archives(*pool);
  store::AuditTrail trail(*pool);
  auto months = archives.months();
  if (!months) throw UsageError(months.error().message);
  const ChainAnchor anchor = store::AuditArchive::anchor(*months);
  const Instant end = start_of_beijing_day(end_day);

  // The entries in chain order, from the last archived one to the first
  // made at or after `end`, a page in memory at a time. A month is a run of
  // them; an entry stamped before the one ahead of it (a clock stepped
  // back) stays in the later month. Each month's file is written as its
  // entries are walked, and recorded (its entries deleted) once whole on
  // disk, before the next month begins.
  ChainWalk walk(anchor);
  std::string last_month = months->empty() ? "" : months->back().month;
  std::unique_ptr<AuditArchiveWriter> file;
  store::ArchivedMonth record;
  int64_t archived = 0;
  auto close_month = [&] {
    auto sha = file->finish();
    file.reset();
    if (!sha) throw UsageError(sha.error().message);
    record.file_sha256 = *sha;
    if (Status done = archives.record(record); !done) throw UsageError(done.error().message);
    std::cout << "archived " << record.month << ": " << record.entries << " entries ("
              << record.first_seq << ".." << record.last_seq << ") to "
              << (std::filesystem::path(dir) / record.file).string() << "\n";
    last_month = record.month;
    ++archived;
  };
  auto walked = trail.each_entry(
      anchor.seq, std::numeric_limits<int64_t>::max(), store::kAuditPage, [&](const AuditEntry& e) {
        if (!(e.at < end)) return false;
        const std::string month = std::max(file ? record.month : last_month, beijing_month(e.at));
        if (file && month != record.month) close_month();
        // A month is archived only if its entries verify from the month before.
        if (!walk.step(e)) return false;
        if (!file) {
          record = store::ArchivedMonth{};
          record.month = month;
          record.first_seq = e.seq;
          record.file = "audit-" + month + ".ndjson";
          record.archived_at = archived_at;
          auto created =
              AuditArchiveWriter::create((std::filesystem::path(dir) / record.file).string());
          if (!created) throw UsageError(created.error().message);
          file = std::move(*created);
        }
        if (Status added = file->add(e); !added) throw UsageError(added.error().message);
        record.last_seq = e.seq;
        record.last_hash = e.hash;
        ++record.entries;
        return true;
      });
  if (!walked) throw UsageError(walked.error().message);
  if (const auto& broken = walk.broken()) {
    file.reset();
    std::cout << "audit trail broken at entry " << broken->seq << ": " << broken->reason
              << "; nothing archived from there\n";
    return 3;
  }
  if (file) close_month();
  if (archived == 0)
    std::cout << "nothing to archive: no entry before " << end_day.to_string() << "\n";
  return 0;
}

}  // namespace

void add_audit_archive_command(CLI::App& audit) {
  auto* cmd = audit.add_subcommand(
      "archive", "move whole months of the audit trail into files, keeping the chain verifiable");
  auto db = std::make_shared<std::string>();
  auto dir = std::make_shared<std::string>();
  auto through = std::make_shared<std::string>();
  cmd->add_option("--db", *db, "postgresql://user:pass@host/db or sqlite:path")->required();
  cmd->add_option("--to", *dir, "the directory the month files go to")->required();
  cmd->add_option("--through", *through, "the last month to archive, YYYY-MM (Beijing)")
      ->required();
  cmd->callback([db, dir, through] {
    const int code = archive(*db, *dir, *through);
    if (code != 0) throw ExitStatus{code};
  });
}

}  // namespace xueji::cli
