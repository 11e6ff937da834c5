#include "engine/account/account_roster.h"

#include <map>
#include <sstream>

#include "engine/core/csv_record.h"

namespace xueji {
namespace {

// One record's cells; nullopt on an unclosed quote.
std::optional<std::vector<std::string>> next_record(const std::string& text, size_t& pos,
                                                    int& line) {
  CsvRecord record = read_csv_record(text, pos, line);
  if (record.unclosed_quote) return std::nullopt;
  return std::move(record.cells);
}

Error file_error(int line, const std::string& what) {
  return make_error("invalid_file", "line " + std::to_string(line) + ": " + what);
}

}  // namespace

Result<std::vector<RosterRow>> parse_roster(const std::string& text) {
  size_t pos = 0;
  int line = 1;
  // A UTF-8 byte-order mark, as spreadsheets write one.
  if (text.rfind("\xEF\xBB\xBF", 0) == 0) pos = 3;
  auto header = next_record(text, pos, line);
  if (!header || (header->size() == 1 && (*header)[0].empty())) {
    return file_error(1,
                      "the header must name the columns name,org,role[,password][,capabilities]");
  }
  std::map<std::string, size_t> column;
  for (size_t i = 0; i < header->size(); ++i) {
    const std::string& name = (*header)[i];
    if (name != "name" && name != "org" && name != "role" && name != "password" &&
        name != "capabilities") {
      return file_error(
          1, "unknown column '" + name + "' (known: name, org, role, password, capabilities)");
    }
    if (!column.emplace(name, i).second) return file_error(1, "column '" + name + "' twice");
  }
  for (const char* required : {"name", "org", "role"}) {
    if (column.count(required) == 0) {
      return file_error(1, std::string("the header lacks the column '") + required + "'");
    }
  }
  std::vector<RosterRow> rows;
  while (pos < text.size()) {
    const int at = line;  // the record starts on the line after the last one read
    auto cells = next_record(text, pos, line);
    if (!cells) return file_error(at, "a quoted cell is not closed");
    if (cells->size() == 1 && (*cells)[0].empty()) continue;  // a blank line
    if (cells->size() != header->size()) {
      return file_error(at, std::to_string(cells->size()) + " cells where the header has " +
                                std::to_string(header->size()));
    }
    RosterRow row;
    row.line = at;
    row.name = (*cells)[column["name"]];
    row.org = (*cells)[column["org"]];
    row.role = (*cells)[column["role"]];
    auto password = column.find("password");
    if (password != column.end() && !(*cells)[password->second].empty()) {
      row.password = (*cells)[password->second];
    }
    auto capabilities = column.find("capabilities");
    if (capabilities != column.end() && !(*cells)[capabilities->second].empty()) {
      row.capabilities = (*cells)[capabilities->second];
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

Status check_org_takes_accounts(const Org& org) {
  // Art. 12: a merged or closed school's work is its successor's.
  if (!org.closed()) return Status{};
  return make_error("org_closed", "org " + org.code + " merged or closed; " + org.successor +
                                      " acts for it (Art. 12): no new account there");
}

Status check_new_account(const std::string& name, const std::string& org, const std::string& role,
                         const std::optional<std::string>& password, const OrgTree& orgs,
                         const PasswordPolicies& policies) {
  if (Status ok = check_account_name(name); !ok) return ok;
  if (auto parsed = parse_role(role); !parsed) return parsed.error();
  const Org* found = orgs.find(org);
  if (found == nullptr) return make_error("unknown_org", "unknown org '" + org + "'");
  if (Status open = check_org_takes_accounts(*found); !open) return open;
  if (password) {
    const PasswordPolicy& policy = policies.for_province(orgs.province_of(org));
    if (Status ok = check_password(policy, *password, name); !ok) return ok;
  }
  return Status{};
}

}  // namespace xueji
