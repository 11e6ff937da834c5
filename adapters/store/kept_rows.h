#pragma once
// A read that runs again and again with other values (a page of a list, a
// case by its id), prepared once per connection and kept. On PostgreSQL
// the server then parses it once and, once it has seen the plans come out
// alike, plans it once: a page's query cost the server about as much to
// plan as to run, and a case's lookup twice what it costs kept (measured
// with pgbench, docs/performance.md).

#include <soci/soci.h>

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "adapters/store/database.h"

namespace xueji::store {

class KeptRows {
 public:
  // `query` takes `params` text parameters and yields `columns` columns,
  // each read as text (NULL as ""). `once`: a one-time query instead,
  // prepared and run in one round trip and never kept.
  KeptRows(soci::session& sql, const std::string& query, size_t params, size_t columns,
           bool once = false);
  // Runs with `params` (as many as the constructor's count) and hands each
  // row's columns to `row`, in the query's order. Throws on a database
  // error.
  void run(const std::vector<std::string>& params,
           const std::function<void(const std::vector<std::string>&)>& row);

 private:
  // Bound by address: never resized.
  std::vector<std::string> params_;
  std::vector<std::string> columns_;
  std::vector<soci::indicator> nulls_;
  std::unique_ptr<soci::statement> statement_;
};

// Runs `query` through `connection`'s kept statement for it
// (Connection::kept_rows, planned as `plans` says), or once when the
// connection keeps no more.
void run_kept(Connection& connection, const std::string& query,
              const std::vector<std::string>& params, size_t columns,
              const std::function<void(const std::vector<std::string>&)>& row,
              Connection::Plans plans = Connection::Plans::kept);

}  // namespace xueji::store
