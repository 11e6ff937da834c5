// The read model's queries on registration numbers (migrations/0008): the
// L numbers retired at verification and the numbers ever issued, which the
// registration route allocates serials from and the readers follow from an
// L number to its G record (Art. 8-10).

#include <soci/soci.h>

#include "adapters/store/read_model.h"

namespace xueji::store {

Result<std::optional<std::string>> ReadModel::replaced_by(const std::string& number) {
  return pool_->run<std::optional<std::string>>(
      "find a retired number", [&](Connection& c) -> std::optional<std::string> {
        soci::rowset<std::string> rows =
            (c.sql().prepare << "SELECT replaced_by FROM retired_numbers WHERE number = :n",
             soci::use(number));
        for (const auto& to : rows) return to;
        return std::nullopt;
      });
}

Result<std::optional<Student>> ReadModel::record_after(const std::string& number,
                                                       Result<std::optional<Student>> own) {
  if (!own || *own) return own;
  auto became = replaced_by(number);
  if (!became) return became.error();
  if (!*became) return std::optional<Student>();
  return find_student(**became);
}

Result<std::optional<Student>> ReadModel::find_record(const std::string& number) {
  return record_after(number, find_student(number));
}

void ReadModel::find_record_async(const std::string& number, StudentLookups::Found found,
                                  const std::function<void(std::function<void()>)>& elsewhere) {
  students_->find_async(
      number,
      [this, number, found = std::move(found)](Result<std::optional<Student>> own) {
        found(record_after(number, std::move(own)));
      },
      elsewhere);
}

Result<std::vector<std::string>> ReadModel::replaced_numbers(const std::string& number) {
  return pool_->run<std::vector<std::string>>("find retired numbers", [&](Connection& c) {
    std::vector<std::string> out;
    soci::rowset<std::string> rows =
        (c.sql().prepare
             << "SELECT number FROM retired_numbers WHERE replaced_by = :n ORDER BY number",
         soci::use(number));
    for (const auto& from : rows) out.push_back(from);
    return out;
  });
}

Result<std::string> ReadModel::last_issued(const std::string& lowest, const std::string& highest) {
  return pool_->run<std::string>("find the last number issued", [&](Connection& c) {
    // Fixed-width numbers: their text order is their serials' order.
    std::string last;
    soci::indicator ind = soci::i_null;
    c.sql() << "SELECT MAX(number) FROM issued_numbers WHERE number >= :lo AND number <= :hi",
        soci::into(last, ind), soci::use(lowest), soci::use(highest);
    return ind == soci::i_ok ? last : std::string();
  });
}

Result<bool> ReadModel::issued(const std::string& number) {
  return pool_->run<bool>("find an issued number", [&](Connection& c) {
    long long n = 0;
    c.sql() << "SELECT COUNT(*) FROM issued_numbers WHERE number = :n", soci::into(n),
        soci::use(number);
    return n > 0;
  });
}

}  // namespace xueji::store
