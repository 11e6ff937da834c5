#include "adapters/store/database.h"

#include <poll.h>
#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include <cctype>
#include <filesystem>
#include <mutex>
#include <sstream>
#include <vector>

#include "adapters/store/array_statement.h"
#include "adapters/store/kept_rows.h"
#include "adapters/store/sql_helpers.h"

namespace xueji::store {

std::string redact_password(const std::string& url) {
  const auto scheme = url.find("://");
  const auto at = url.find('@');
  if (scheme == std::string::npos || at == std::string::npos || at < scheme) return url;
  const auto colon = url.find(':', scheme + 3);
  if (colon == std::string::npos || colon > at) return url;
  return url.substr(0, colon + 1) + "***" + url.substr(at);
}

Result<DatabaseUrl> parse_database_url(const std::string& url) {
  DatabaseUrl out;
  if (url.rfind("postgresql://", 0) == 0 || url.rfind("postgres://", 0) == 0) {
    out.backend = DatabaseUrl::Backend::postgresql;
    // SOCI hands libpq a "key=value" string, so the URI is taken apart here:
    // postgresql://[user[:password]@]host[:port]/dbname[?key=value&...]
    std::string rest = url.substr(url.find("://") + 3);
    std::string query;
    if (auto q = rest.find('?'); q != std::string::npos) {
      query = rest.substr(q + 1);
      rest = rest.substr(0, q);
    }
    const auto slash = rest.find('/');
    if (slash == std::string::npos || slash + 1 == rest.size()) {
      return make_error("invalid_database_url", "database URL '" + url + "' names no database");
    }
    const std::string dbname = rest.substr(slash + 1);
    std::string authority = rest.substr(0, slash);
    std::string user, password;
    if (auto at = authority.rfind('@'); at != std::string::npos) {
      user = authority.substr(0, at);
      authority = authority.substr(at + 1);
      if (auto colon = user.find(':'); colon != std::string::npos) {
        password = user.substr(colon + 1);
        user = user.substr(0, colon);
      }
    }
    std::string host = authority, port;
    if (auto colon = authority.rfind(':'); colon != std::string::npos) {
      host = authority.substr(0, colon);
      port = authority.substr(colon + 1);
    }
    auto quoted = [](const std::string& v) {
      std::string q = "'";
      for (char c : v) {
        if (c == '\\' || c == '\'') q += '\\';
        q += c;
      }
      return q + "'";
    };
    std::string connect = "dbname=" + quoted(dbname);
    if (!host.empty()) connect += " host=" + quoted(host);
    if (!port.empty()) connect += " port=" + quoted(port);
    if (!user.empty()) connect += " user=" + quoted(user);
    if (!password.empty()) connect += " password=" + quoted(password);
    bool timeout_given = false;
    std::istringstream params(query);
    for (std::string kv; std::getline(params, kv, '&');) {
      const auto eq = kv.find('=');
      if (eq == std::string::npos) continue;
      timeout_given |= kv.substr(0, eq) == "connect_timeout";
      connect += " " + kv.substr(0, eq) + "=" + quoted(kv.substr(eq + 1));
    }
    // An unreachable server is an error after seconds, never a hang.
    if (!timeout_given) connect += " connect_timeout='5'";
    out.connect = connect;
    return out;
  }
  if (url.rfind("sqlite:", 0) == 0 && url.size() > 7) {
    out.backend = DatabaseUrl::Backend::sqlite;
    out.path = url.substr(7);
    out.connect = "db=" + out.path + " timeout=30";
    return out;
  }
  return make_error(
      "invalid_database_url",
      "database URL '" + url + "' is neither postgresql://user:pass@host/db nor sqlite:path");
}

Connection::Connection(DatabaseUrl url, std::unique_ptr<soci::session> session)
    : url_(std::move(url)), sql_(std::move(session)) {}

Connection::~Connection() = default;

void Connection::plan(Plans plans) {
  if (!postgresql() || plans == plans_) return;
  // `auto` plans a statement five times, then keeps one plan if its cost
  // comes out no worse. A one-time statement is planned with its values
  // but under by_key, where it too is planned without them and by its
  // keys: the writer's one-time statements name their rows' keys. Every
  // mode sets every setting, so that no switch leaves another's behind.
  const char* cache = plans == Plans::kept     ? "auto"
                      : plans == Plans::by_key ? "force_generic_plan"
                                               : "force_custom_plan";
  const std::string on = plans == Plans::by_key ? "off" : "on";
  std::string set;
  *sql_ << std::string("SELECT set_config('plan_cache_mode', '") + cache + "', false) || " +
               "set_config('enable_seqscan', '" + on + "', false) || " +
               "set_config('enable_hashjoin', '" + on + "', false) || " +
               "set_config('enable_mergejoin', '" + on + "', false)",
      soci::into(set);
  plans_ = plans;
}

ArrayStatement& Connection::array_statement(const std::string& query, size_t columns) {
  plan(Plans::by_key);
  auto it = array_statements_.find(query);
  if (it == array_statements_.end()) {
    it = array_statements_.emplace(query, std::make_unique<ArrayStatement>(*sql_, query, columns))
             .first;
  }
  return *it->second;
}

KeptRows* Connection::kept_rows(const std::string& query, size_t params, size_t columns,
                                Plans plans) {
  auto it = kept_rows_.find(query);
  if (it == kept_rows_.end()) {
    if (kept_rows_.size() >= kKeptRowsLimit) return nullptr;
    it = kept_rows_.emplace(query, std::make_unique<KeptRows>(*sql_, query, params, columns)).first;
  }
  // A statement without parameters has one plan in every mode: switching
  // would cost a round trip and change nothing (the audit head's read,
  // between two of the writer's batch statements).
  if (params > 0) plan(plans);
  return it->second.get();
}

namespace {

// The settings every connection runs with, applied again after a reconnect.
void configure(soci::session& session, const DatabaseUrl& url) {
  if (url.backend == DatabaseUrl::Backend::postgresql) {
    // Notices such as "relation already exists, skipping" are not news.
    session << "SET client_min_messages TO WARNING";
    // The writer's and the directory's statements are prepared once and
    // run for the life of the connection, while their tables grow from
    // empty to millions of rows. A generic plan made while a table was
    // small stays a sequential scan (measured: the directory's load then
    // cost PostgreSQL three times the CPU); a plan per execution costs
    // tens of microseconds per batch and follows the table.
    session << "SET plan_cache_mode TO force_custom_plan";
  } else {
    // What the engine acknowledges must survive a crash: WAL with a full
    // fsync at every commit.
    session << "PRAGMA journal_mode=WAL";
    session << "PRAGMA synchronous=FULL";
    session << "PRAGMA foreign_keys=ON";
    // The writer, the readers and the account directory each hold a
    // connection: a writer waits its turn instead of failing.
    session << "PRAGMA busy_timeout=10000";
  }
}

}  // namespace

Result<std::unique_ptr<Connection>> Connection::open(const std::string& url) {
  auto parsed = parse_database_url(url);
  if (!parsed) return parsed.error();
  try {
    std::unique_ptr<soci::session> session;
    if (parsed->backend == DatabaseUrl::Backend::postgresql) {
      session = std::make_unique<soci::session>(soci::postgresql, parsed->connect);
    } else {
      const auto dir = std::filesystem::path(parsed->path).parent_path();
      std::error_code ec;
      if (!dir.empty()) std::filesystem::create_directories(dir, ec);
      session = std::make_unique<soci::session>(soci::sqlite3, parsed->connect);
    }
    configure(*session, *parsed);
    return std::unique_ptr<Connection>(new Connection(std::move(*parsed), std::move(session)));
  } catch (const std::exception& e) {
    return make_error("store_unavailable", "cannot open the store at " + redact_password(url) +
                                               ": " + one_line(e.what()));
  }
}

namespace {

// Whether the PostgreSQL server may have closed an idle connection (it
// crashed, restarted, or an administrator ended the backend): its socket is
// readable with nothing asked. One poll(2), no round trip, so the request
// after a restart reconnects first instead of failing on the dead
// connection. `sql` is a PostgreSQL session.
bool server_may_have_left(soci::session& sql) {
  // PostgreSQL's by the caller's check (SOCI exports no typeinfo to test).
  auto* backend = static_cast<soci::postgresql_session_backend*>(sql.get_backend());
  if (backend == nullptr || backend->conn_ == nullptr) return false;
  pollfd fd{PQsocket(backend->conn_), POLLIN, 0};
  if (fd.fd < 0) return true;
  if (::poll(&fd, 1, 0) <= 0) return false;
  // Readable: a notice the server pushed, or its farewell ("terminating
  // connection due to immediate shutdown") before the end. Drained, and
  // revive() pings to tell them apart.
  PQconsumeInput(backend->conn_);
  return true;
}

}  // namespace

void keep_abandoned(const void* abandoned) {
  static std::mutex guard;
  // Never destroyed: it must outlive every connection, even at exit.
  static auto* kept = new std::vector<const void*>;
  std::lock_guard<std::mutex> lock(guard);
  kept->push_back(abandoned);
}

Status Connection::revive() {
  if (!suspect_ && postgresql() && server_may_have_left(*sql_)) suspect_ = true;
  if (!suspect_) return Status();
  // is_connected() pings the server: only after a failure.
  if (sql_->is_connected()) {
    suspect_ = false;
    return Status();
  }
  // Statements prepared on the old connection point into its backend,
  // which reconnect() frees: they are abandoned without running their
  // destructors (which would deallocate on a connection that is gone).
  for (auto& entry : array_statements_) abandon(std::move(entry.second));
  array_statements_.clear();
  for (auto& entry : kept_rows_) abandon(std::move(entry.second));
  kept_rows_.clear();
  plans_ = Plans::per_execution;  // configure() sets it so again
  ++generation_;
  try {
    sql_->reconnect();
    configure(*sql_, url_);
    suspect_ = false;
    return Status();
  } catch (const std::exception& e) {
    return make_error("store_unavailable", "the store is unreachable: " + one_line(e.what()));
  }
}

Result<std::string> Connection::setting(const std::string& name) {
  return guarded<std::string>("read setting", [&] {
    std::string value;
    if (postgresql()) {
      *sql_ << "SELECT current_setting(:n)", soci::use(name), soci::into(value);
    } else {
      // PRAGMA names cannot be bound: only letters and underscores pass.
      for (char c : name) {
        if (!std::isalpha(static_cast<unsigned char>(c)) && c != '_') {
          throw std::invalid_argument("not a setting name: " + name);
        }
      }
      *sql_ << "PRAGMA " + name, soci::into(value);
    }
    return value;
  });
}

}  // namespace xueji::store
