#pragma once
// The `standby:` map of the server's configuration (config/xueji.yaml): a
// hot standby pair, two `xueji serve` on one PostgreSQL of which one runs
// the engine (adapters/cli/lease_keeper.h, docs/operations.md). Off by
// default: one server, no lease. An unknown key or a value out of range is
// a UsageError naming the file, its line and what is wrong.

#include <yaml-cpp/yaml.h>

#include <string>

namespace xueji::cli {

struct StandbySettings {
  bool enabled = false;
  // The lease's time to live: a standby takes over this long after the
  // active one last renewed. At most 5 s (issue 18).
  int ttl_ms = 5000;
  // How often the active one renews, and a standby polls. Below a third
  // of the time to live, so that one slow renewal does not lose it.
  int renew_ms = 1000;
  // Where clients reach this server, named by the standby's 503s while it
  // is active ("http://host:port"); "" is http://<listen>.
  std::string advertise;
};

StandbySettings read_standby_settings(const std::string& path, const YAML::Node& node);

}  // namespace xueji::cli
