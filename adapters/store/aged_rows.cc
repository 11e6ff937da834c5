#include "adapters/store/aged_rows.h"

#include <soci/soci.h>

namespace xueji::store {

namespace {

std::string older_than_b(const AgedRows& rows) {
  return " WHERE " + (rows.only.empty() ? std::string() : rows.only + " AND ") + rows.age + " < :b";
}

}  // namespace

std::string AgedRows::nth_oldest_statement(int batch) const {
  return "SELECT " + age + " FROM " + table + older_than_b(*this) + " ORDER BY " + age +
         " LIMIT 1 OFFSET " + std::to_string(batch - 1);
}

std::string AgedRows::forget_statement() const {
  return "DELETE FROM " + table + older_than_b(*this);
}

int64_t forget_oldest(soci::session& sql, const AgedRows& rows, long long before, int batch) {
  long long cut = before;
  long long last = 0;
  soci::indicator none = soci::i_ok;
  sql << rows.nth_oldest_statement(batch), soci::use(before), soci::into(last, none);
  // A batch's worth: up to its last one's second; else all that remain.
  if (sql.got_data() && none == soci::i_ok) cut = last + 1;
  soci::statement st = (sql.prepare << rows.forget_statement(), soci::use(cut));
  st.execute(true);
  return static_cast<int64_t>(st.get_affected_rows());
}

}  // namespace xueji::store
