#include "adapters/store/migrator.h"

#include <soci/soci.h>

#include <algorithm>
#include <filesystem>
#include <set>
#include <sstream>

#include "adapters/store/sql_helpers.h"
#include "engine/core/yaml_source.h"

namespace xueji::store {
namespace {

constexpr const char* kOnlyOnBackend = "-- backend: ";

}  // namespace

Result<int> migrate(Connection& connection, const std::string& migrations_dir) {
  soci::session& sql = connection.sql();
  namespace fs = std::filesystem;
  std::vector<fs::path> files;
  std::error_code ec;
  for (fs::directory_iterator it(migrations_dir, ec), end; !ec && it != end; it.increment(ec)) {
    if (it->path().extension() == ".sql") files.push_back(it->path());
  }
  if (ec || files.empty()) {
    return make_error("store_failed", "no migration files in " + migrations_dir);
  }
  std::sort(files.begin(), files.end());
  return guarded<int>("migrate", [&] {
    sql << "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, "
           "name TEXT NOT NULL)";
    std::set<int> applied;
    {
      int version = 0;
      soci::statement st =
          (sql.prepare << "SELECT version FROM schema_migrations", soci::into(version));
      st.execute();
      while (st.fetch()) applied.insert(version);
    }
    // A store a newer Xueji has migrated (a downgrade, an old package
    // restarted on a new database): its schema holds tables and rows this
    // build does not know, so it refuses before touching anything.
    const int known = std::atoi(files.back().filename().string().c_str());
    if (!applied.empty() && *applied.rbegin() > known) {
      throw std::runtime_error(
          "the database is at schema version " + std::to_string(*applied.rbegin()) +
          ", newer than this Xueji knows (" + std::to_string(known) + ", " + migrations_dir +
          "): run the Xueji that migrated it, or restore a backup taken before");
    }
    int count = 0;
    for (const auto& file : files) {
      const std::string name = file.filename().string();
      const int version = std::atoi(name.c_str());
      if (version <= 0)
        throw std::runtime_error(name + ": a migration file starts with its number");
      if (applied.count(version) != 0) continue;
      auto text = read_text_file(file.string());
      if (!text) throw std::runtime_error(text.error().message);
      soci::transaction tr(sql);
      // Statements are separated by ';' at the end of a line. A line
      // "-- backend: postgresql" or "-- backend: sqlite3" keeps the
      // statement after it to that backend: a trigger's body is the one
      // thing the two cannot share (migration 0033).
      std::string statement;
      std::string only_on;
      std::istringstream lines(*text);
      for (std::string line; std::getline(lines, line);) {
        const auto start = line.find_first_not_of(" \t");
        if (start == std::string::npos) continue;
        if (line.compare(start, 2, "--") == 0) {
          const std::string marker = line.substr(start);
          if (marker.rfind(kOnlyOnBackend, 0) == 0) {
            only_on = marker.substr(std::string(kOnlyOnBackend).size());
            only_on.erase(only_on.find_last_not_of(" \t\r") + 1);
            if (only_on != "postgresql" && only_on != "sqlite3") {
              throw std::runtime_error(name + ": no backend is named '" + only_on +
                                       "' (postgresql, sqlite3)");
            }
          }
          continue;
        }
        statement += line + "\n";
        const auto end = line.find_last_not_of(" \t\r");
        if (end != std::string::npos && line[end] == ';') {
          if (only_on.empty() || only_on == sql.get_backend_name()) sql << statement;
          statement.clear();
          only_on.clear();
        }
      }
      sql << "INSERT INTO schema_migrations (version, name) VALUES (:v, :n)", soci::use(version),
          soci::use(name);
      tr.commit();
      ++count;
    }
    return count;
  });
}

Result<bool> seed_orgs(Connection& connection, const OrgTree& tree) {
  soci::session& sql = connection.sql();
  return guarded<bool>("seed orgs", [&] {
    long long existing = 0;
    sql << "SELECT COUNT(*) FROM orgs", soci::into(existing);
    if (existing > 0) return false;
    std::vector<std::string> code, name, level, parent, type;
    for (const Org* o : tree.all()) {
      if (o->level == OrgLevel::ministry) continue;
      code.push_back(o->code);
      name.push_back(o->name);
      level.emplace_back(to_string(o->level));
      parent.push_back(o->parent);
      type.emplace_back(o->school_type ? to_string(*o->school_type) : "");
    }
    if (code.empty()) return false;
    soci::transaction tr(sql);
    sql << "INSERT INTO orgs (code, name, level, parent, school_type) VALUES (:c, :n, :l, :p, :t)",
        soci::use(code), soci::use(name), soci::use(level), soci::use(parent), soci::use(type);
    // Records stored while the orgs table was empty learn their schools'
    // parents now (migration 0033): a record's is looked up only as the
    // record is written.
    sql << "UPDATE students SET school_parent = (SELECT parent FROM orgs WHERE orgs.code = "
           "students.school) WHERE school_parent IS NULL";
    // Open steps stored meanwhile name no authority, or their party itself
    // (migration 0034's fill, as OrgTree::authority_over names a code it
    // does not hold): a school's is its parent. A step above a school is
    // its own authority already and is left alone: rewriting it unchanged
    // cost a first start on a million restored cases 20 s, and left every
    // later start's index-only read of the deadlines fetching rows from
    // the table until a vacuum.
    sql << "UPDATE cases SET active_authority = COALESCE((SELECT parent FROM orgs WHERE code = "
           "cases.active_org AND level = 'school'), active_org) WHERE status = 'open' AND "
           "active_step IS NOT NULL AND (active_authority IS NULL OR (active_authority = "
           "active_org AND active_org IN (SELECT code FROM orgs WHERE level = 'school')))";
    tr.commit();
    return true;
  });
}

}  // namespace xueji::store
