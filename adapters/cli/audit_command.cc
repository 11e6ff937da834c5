// `xueji audit verify --db URL`: walks the audit trail's hash chain (Art.
// 26; 操作全程留痕) and names the first entry altered, removed or
// reordered. Exit 0 when intact, 3 when not.

#include <iostream>

#include "adapters/cli/command_line.h"
#include "adapters/store/audit_trail.h"

namespace xueji::cli {
namespace {

int verify(const std::string& url) {
  auto pool = store::ConnectionPool::open(url, 1);
  if (!pool) throw UsageError(pool.error().message);
  store::AuditTrail trail(*pool);
  auto entries = trail.load_audit();
  if (!entries) throw UsageError(entries.error().message);
  auto head = trail.audit_head();
  if (!head) throw UsageError(head.error().message);
  if (auto broken = verify_chain(*entries)) {
    std::cout << "audit trail broken at entry " << broken->seq << ": " << broken->reason << "\n";
    return 3;
  }
  // The chain alone cannot see entries cut off its end: the head row,
  // moved in the same transaction as every append, can.
  const int64_t last = entries->empty() ? 0 : entries->back().seq;
  const std::string last_hash = entries->empty() ? audit_genesis_hash() : entries->back().hash;
  if (last != head->seq || last_hash != head->hash) {
    std::cout << "audit trail broken at entry " << last + 1 << ": removed: the trail ends at entry "
              << last << " but its head records entry " << head->seq << "\n";
    return 3;
  }
  std::cout << "audit trail intact: " << entries->size() << " entries, head " << head->hash << "\n";
  return 0;
}

}  // namespace

void add_audit_commands(CLI::App& app) {
  auto* audit = app.add_subcommand("audit", "the audit trail");
  audit->require_subcommand(1);
  auto* verify_cmd = audit->add_subcommand("verify", "check the audit trail's hash chain");
  auto db = std::make_shared<std::string>();
  verify_cmd->add_option("--db", *db, "postgresql://user:pass@host/db or sqlite:path")->required();
  verify_cmd->callback([db] {
    const int code = verify(*db);
    if (code != 0) throw ExitStatus{code};
  });
}

}  // namespace xueji::cli
