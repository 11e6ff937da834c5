#pragma once
// The schema and the data a store starts with: versioned migration files
// applied in order, and the org tree written into an empty store. Run by
// `xueji migrate`, at `xueji serve`'s start, and by the tests' fixtures.

#include <string>

#include "adapters/store/database.h"
#include "engine/org/org_tree.h"

namespace xueji::store {

// Applies the migration files (NNNN_name.sql) of `migrations_dir` not yet
// recorded, in order, each in its own transaction. Returns how many were
// applied; "store_failed" naming the file that failed, or, changing
// nothing, the store's version when a newer Xueji has migrated it.
Result<int> migrate(Connection& connection, const std::string& migrations_dir);

// Writes the org tree when the table is empty; returns whether it did.
Result<bool> seed_orgs(Connection& connection, const OrgTree& tree);

}  // namespace xueji::store
