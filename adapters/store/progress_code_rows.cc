// Progress codes (Art. 15; migrations/0012_progress_codes.sql): the hash of
// a new case's code written inside the batch's transaction with the case's
// opening, and the one read the open progress route makes.

#include <soci/soci.h>

#include "adapters/store/batch_rows.h"
#include "adapters/store/read_model.h"
#include "adapters/store/sql_helpers.h"

namespace xueji::store {

void write_progress_codes(soci::session& sql, const std::vector<Transition>& batch) {
  std::vector<std::string> hashes, cases;
  for (const auto& t : batch) {
    for (const auto& code : t.records.progress_codes) {
      hashes.push_back(code.code_hash);
      cases.push_back(code.case_id);
    }
  }
  // One statement for the batch's codes, not one per opening (issue 17).
  // The key refuses a hash recorded twice (80 random bits: a broken
  // generator, not bad luck), failing the batch's openings rather than
  // letting one code read two cases.
  insert_rows(sql, "INSERT INTO progress_codes (code_hash, case_id) VALUES ", "",
              {Column{&hashes}, Column{&cases}}, hashes.size());
}

Result<std::optional<std::string>> ReadModel::case_of_progress_code(const std::string& code_hash) {
  return pool_->run<std::optional<std::string>>(
      "find a progress code", [&](Connection& c) -> std::optional<std::string> {
        soci::rowset<std::string> rows =
            (c.sql().prepare << "SELECT case_id FROM progress_codes WHERE code_hash = :h",
             soci::use(code_hash));
        for (const auto& id : rows) return id;
        return std::nullopt;
      });
}

}  // namespace xueji::store
