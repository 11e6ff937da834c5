#include "adapters/store/kept_rows.h"

#include <stdexcept>

#include "adapters/store/database.h"

namespace xueji::store {

KeptRows::KeptRows(soci::session& sql, const std::string& query, size_t params, size_t columns,
                   bool once)
    : params_(params),
      columns_(columns),
      nulls_(columns, soci::i_ok),
      statement_(std::make_unique<soci::statement>(sql)) {
  for (auto& param : params_) statement_->exchange(soci::use(param));
  for (size_t c = 0; c < columns_.size(); ++c) {
    statement_->exchange(soci::into(columns_[c], nulls_[c]));
  }
  statement_->alloc();
  statement_->prepare(query,
                      once ? soci::details::st_one_time_query : soci::details::st_repeatable_query);
  statement_->define_and_bind();
}

void KeptRows::run(const std::vector<std::string>& params,
                   const std::function<void(const std::vector<std::string>&)>& row) {
  if (params.size() != params_.size()) {
    throw std::logic_error("kept statement given " + std::to_string(params.size()) +
                           " parameters for " + std::to_string(params_.size()));
  }
  for (size_t p = 0; p < params.size(); ++p) params_[p] = params[p];
  statement_->execute(false);
  while (statement_->fetch()) {
    for (size_t c = 0; c < columns_.size(); ++c) {
      if (nulls_[c] == soci::i_null) columns_[c].clear();
    }
    row(columns_);
  }
}

void run_kept(Connection& connection, const std::string& query,
              const std::vector<std::string>& params, size_t columns,
              const std::function<void(const std::vector<std::string>&)>& row,
              Connection::Plans plans) {
  if (KeptRows* kept = connection.kept_rows(query, params.size(), columns, plans)) {
    kept->run(params, row);
    return;
  }
  KeptRows(connection.sql(), query, params.size(), columns, true).run(params, row);
}

}  // namespace xueji::store
