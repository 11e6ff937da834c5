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
#include <sstream>

#include "adapters/cli/audit_archive_file.h"
#include "adapters/cli/command_line.h"
#include "adapters/store/audit_archive.h"

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
  auto months = archives.months();
  if (!months) throw UsageError(months.error().message);
  ChainAnchor anchor = store::AuditArchive::anchor(*months);
  std::string last_month = months->empty() ? "" : months->back().month;
  auto entries = archives.entries_before(start_of_beijing_day(end_day));
  if (!entries) throw UsageError(entries.error().message);
  if (entries->empty()) {
    std::cout << "nothing to archive: no entry before " << end_day.to_string() << "\n";
    return 0;
  }

  size_t begin = 0;
  while (begin < entries->size()) {
    // A month is a run of entries in chain order; an entry stamped before
    // the one ahead of it (a clock stepped back) stays in the later month.
    std::string month = std::max(last_month, beijing_month((*entries)[begin].at));
    size_t end = begin + 1;
    while (end < entries->size() && std::max(month, beijing_month((*entries)[end].at)) == month)
      ++end;
    std::vector<AuditEntry> run(entries->begin() + begin, entries->begin() + end);
    if (auto broken = verify_chain(run, anchor)) {
      std::cout << "audit trail broken at entry " << broken->seq << ": " << broken->reason
                << "; nothing archived from there\n";
      return 3;
    }
    store::ArchivedMonth record;
    record.month = month;
    record.first_seq = run.front().seq;
    record.last_seq = run.back().seq;
    record.last_hash = run.back().hash;
    record.entries = static_cast<int64_t>(run.size());
    record.file = "audit-" + month + ".ndjson";
    record.archived_at = archived_at;
    const std::string path = (std::filesystem::path(dir) / record.file).string();
    auto sha = write_audit_archive(path, run);
    if (!sha) throw UsageError(sha.error().message);
    record.file_sha256 = *sha;
    if (Status done = archives.record(record); !done) throw UsageError(done.error().message);
    std::cout << "archived " << month << ": " << run.size() << " entries (" << record.first_seq
              << ".." << record.last_seq << ") to " << path << "\n";
    anchor = ChainAnchor{record.last_seq, record.last_hash};
    last_month = month;
    begin = end;
  }
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
