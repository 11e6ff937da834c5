#include "adapters/cli/server_settings.h"

#include <yaml-cpp/yaml.h>

#include "adapters/cli/command_line.h"
#include "adapters/cli/config_where.h"
#include "adapters/cli/throttle_config.h"

namespace xueji::cli {
namespace {

int whole_number(const std::string& path, const std::string& key, const std::string& value, int min,
                 int max) {
  try {
    size_t used = 0;
    const int n = std::stoi(value, &used);
    if (used == value.size() && n >= min && n <= max) return n;
  } catch (const std::exception&) {
  }
  throw UsageError(path + ": " + key + " must be a whole number from " + std::to_string(min) +
                   " to " + std::to_string(max) + ", not '" + value + "'");
}

}  // namespace

ServerSettings read_server_settings(const std::string& path) {
  ServerSettings s;
  try {
    const YAML::Node root = YAML::LoadFile(path);
    for (const auto& entry : root) {
      const std::string key = entry.first.as<std::string>();
      if (key == "webhooks") {
        // An org's receiver: its URL, or {url, secret} to sign its POSTs.
        for (const auto& hook : entry.second) {
          const std::string org = hook.first.as<std::string>();
          const std::string where = config_where(path, hook.first) + "webhook of " + org;
          if (hook.second.IsScalar()) {
            s.webhooks[org] = hook.second.as<std::string>();
            continue;
          }
          if (!hook.second.IsMap() || !hook.second["url"] || !hook.second["url"].IsScalar()) {
            throw UsageError(where + ": a URL, or {url, secret}");
          }
          for (const auto& field : hook.second) {
            const std::string name = field.first.as<std::string>();
            if (name != "url" && name != "secret") {
              throw UsageError(where + ": unknown key '" + name + "' (url, secret)");
            }
          }
          s.webhooks[org] = hook.second["url"].as<std::string>();
          if (hook.second["secret"]) {
            const std::string secret = hook.second["secret"].as<std::string>();
            // An HMAC key shorter than this is guessable offline from one
            // signed POST.
            if (secret.size() < 16) {
              throw UsageError(where + ": secret must be at least 16 characters");
            }
            s.webhook_secrets[org] = secret;
          }
        }
        continue;
      }
      if (key == "throttle") {  // wrong passwords, anonymous requests, proxies
        s.accounts.throttle = read_throttle_settings(path, entry.second);
        continue;
      }
      if (key == "standby") {  // a hot standby pair's lease
        s.standby = read_standby_settings(path, entry.second);
        continue;
      }
      const std::string value = entry.second.as<std::string>();
      if (key == "db")
        s.db = value;
      else if (key == "listen")
        s.listen = value;
      else if (key == "rules")
        s.rules = value;
      else if (key == "calendars")
        s.calendars = value;
      else if (key == "orgs")
        s.orgs = value;
      else if (key == "migrations")
        s.migrations = value;
      else if (key == "console")
        s.console = value;
      else if (key == "idle_seconds")
        s.idle_seconds = whole_number(path, key, value, 0, 86400);
      else if (key == "archive_sweep_seconds")
        s.archive_sweep_seconds = whole_number(path, key, value, 0, 86400);
      else if (key == "reply_seconds")
        s.reply_seconds = whole_number(path, key, value, 1, 3600);
      else if (key == "idempotency_keep_days")
        s.idempotency_keep_days = whole_number(path, key, value, 0, 36500);
      else if (key == "token_keep_days")
        s.token_keep_days = whole_number(path, key, value, 0, 36500);
      else if (key == "header_timeout_seconds")
        s.header_timeout_seconds = whole_number(path, key, value, 1, 3600);
      else if (key == "body_timeout_seconds")
        s.body_timeout_seconds = whole_number(path, key, value, 1, 3600);
      else if (key == "handler_threads")
        s.handler_threads = whole_number(path, key, value, 1, 256);
      else if (key == "long_threads")
        s.long_threads = whole_number(path, key, value, 1, 64);
      else if (key == "read_connections")
        s.read_connections = whole_number(path, key, value, 1, 256);
      else if (key == "engine_threads")
        s.engine_threads = whole_number(path, key, value, 0, 256);
      else if (key == "engine_polls")
        s.engine_polls = entry.second.as<bool>();
      else if (key == "writer_connections")
        s.writer_connections = whole_number(path, key, value, 1, 16);
      else if (key == "demo_accounts")
        s.demo_accounts = entry.second.as<bool>();
      else if (key == "session_minutes")
        s.accounts.session_minutes = whole_number(path, key, value, 1, 7 * 24 * 60);
      else if (key == "system_token_days")
        s.accounts.system_token_days = whole_number(path, key, value, 0, 3650);
      else if (key == "argon2_memory_kib")
        s.accounts.argon2.memory_kib = whole_number(path, key, value, 8, 4 * 1024 * 1024);
      else if (key == "argon2_iterations")
        s.accounts.argon2.iterations = whole_number(path, key, value, 1, 100);
      else
        throw UsageError(config_where(path, entry.first) + "unknown key '" + key + "'");
    }
  } catch (const YAML::Exception& e) {
    throw UsageError(path + ":" + std::to_string(e.mark.line + 1) + ": " + e.msg);
  }
  return s;
}

}  // namespace xueji::cli
