#pragma once
// Rows that age out of a table that otherwise grows for ever: the answers
// kept under Idempotency-Keys (idempotency_store.h), the tokens whose
// sign-in ended (ended_tokens.h). They are deleted oldest first, a batch
// per transaction, through an index of their age: a deletion by key IN
// the oldest keys was planned by PostgreSQL as a hash join reading the
// whole table for each batch, so a batch is the rows older than the
// batch's last one instead.

#include <cstdint>
#include <string>

namespace soci {
class session;
}

namespace xueji::store {

struct AgedRows {
  std::string table;
  // The column or expression (unix seconds) an index of `table` is on,
  // written exactly as that index has it, so both backends use it.
  std::string age;
  // What else a row must be to age out, as the index is partial on; "" if
  // nothing.
  std::string only;

  // The age of the `batch`th oldest row older than `:b`.
  std::string nth_oldest_statement(int batch) const;
  // The deletion of the rows older than `:b`.
  std::string forget_statement() const;
};

// Deletes the `batch` oldest of `rows` older than `before` (unix seconds),
// with those as old as the last of them, or all of them if fewer. Returns
// how many it deleted.
int64_t forget_oldest(soci::session& sql, const AgedRows& rows, long long before, int batch);

}  // namespace xueji::store
