// Progress codes (Art. 15; migrations/0012_progress_codes.sql): the one
// read the open progress route makes. A new case's code is written with
// its opening, among the batch's case rows (batch_rows.cc).

#include <soci/soci.h>

#include "adapters/store/read_model.h"

namespace xueji::store {

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
