#include "adapters/store/student_lookups.h"

#include <nlohmann/json.hpp>

#include "adapters/store/array_statement.h"
#include "adapters/store/kept_rows.h"
#include "adapters/store/row_readers.h"

namespace xueji::store {

struct StudentLookups::Batch {
  std::vector<std::string> numbers;
  // Its own: a batch answered wakes only the lookups that joined it.
  std::condition_variable answered;
  bool done = false;
  Result<std::map<std::string, Student>> found = std::map<std::string, Student>();
  // The asynchronous lookups' answers, each with its number: called once
  // the batch is done, outside the lock.
  std::vector<std::pair<std::string, Found>> callbacks;
};

namespace {

// `number`'s answer from a done batch's.
Result<std::optional<Student>> answer_from(const Result<std::map<std::string, Student>>& found,
                                           const std::string& number) {
  if (!found) return found.error();
  auto it = found->find(number);
  if (it == found->end()) return std::optional<Student>();
  return std::optional<Student>(it->second);
}

// On PostgreSQL, a query of 1, 2, 4, 8 or 16 parameters (the numbers, the
// last repeated to fill it), each kept per connection: PostgreSQL keeps
// one plan for such a query once five plans with their values came out no
// cheaper. One array parameter for any count was planned again at every
// lookup, its generic plan priced for an array of unknown length: that
// planning cost the server twice the lookup's own run (pg_stat_statements,
// session 53). More numbers than the largest fills (a busy pool's batch)
// go as one array. On SQLite, a JSON array.
constexpr size_t kMostKeptParameters = 16;

size_t kept_parameters_for(size_t numbers) {
  size_t n = 1;
  while (n < numbers) n *= 2;
  return n;
}

// The query for `numbers` and its parameters, decided together so that
// the two always fit.
struct Lookup {
  const std::string& query;
  std::vector<std::string> parameters;
};

Lookup lookup_for(DatabaseUrl::Backend backend, const std::vector<std::string>& numbers) {
  static const std::string head = std::string("SELECT ") + kStudentColumns + " FROM students ";
  static const std::string sqlite =
      head + "WHERE registration_number IN (SELECT value FROM json_each(:n))";
  static const std::string array = head + "WHERE registration_number = ANY(CAST(:n AS text[]))";
  static const std::vector<std::string> kept = [] {
    std::vector<std::string> out(kMostKeptParameters + 1);
    for (size_t n = 1; n <= kMostKeptParameters; n *= 2) {
      std::string q = head + "WHERE registration_number IN (";
      for (size_t i = 0; i < n; ++i) q += (i == 0 ? ":n" : ", :n") + std::to_string(i);
      out[n] = q + ")";
    }
    return out;
  }();
  if (backend == DatabaseUrl::Backend::sqlite) return {sqlite, {nlohmann::json(numbers).dump()}};
  if (numbers.size() <= kMostKeptParameters) {
    const size_t filled = kept_parameters_for(numbers.size());
    std::vector<std::string> parameters = numbers;
    parameters.resize(filled, numbers.back());
    return {kept[filled], std::move(parameters)};
  }
  std::string out;
  append_text_array(out, numbers, nullptr);
  return {array, {out}};
}

}  // namespace

StudentLookups::StudentLookups(std::shared_ptr<ConnectionPool> pool) : pool_(std::move(pool)) {}

bool StudentLookups::join(const std::string& registration_number, std::shared_ptr<Batch>& batch,
                          Found found) {
  std::lock_guard<std::mutex> lock(mutex_);
  ++counts_.lookups;
  std::shared_ptr<Batch>& open = found ? open_async_ : open_;
  bool leads = false;
  if (!open || open->numbers.size() >= kMostPerQuery) {
    open = std::make_shared<Batch>();
    leads = true;
  }
  batch = open;
  batch->numbers.push_back(registration_number);
  if (found) batch->callbacks.emplace_back(registration_number, std::move(found));
  return leads;
}

void StudentLookups::close(const std::shared_ptr<Batch>& batch) {
  if (open_ == batch) open_ = nullptr;
  if (open_async_ == batch) open_async_ = nullptr;
}

void StudentLookups::read(const std::shared_ptr<Batch>& batch) {
  const auto backend = pool_->backend();
  auto found = pool_->run<std::map<std::string, Student>>("find student", [&](Connection& c) {
    // A connection at last: the batch closes here, and the numbers joined
    // while this lookup waited for it are read with its own.
    std::vector<std::string> numbers;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      close(batch);
      numbers = batch->numbers;
      ++counts_.queries;  // counted once sent: a lost connection sends none
    }
    std::map<std::string, Student> out;
    const Lookup lookup = lookup_for(backend, numbers);
    run_kept(c, lookup.query, lookup.parameters, kStudentColumnCount,
             [&out](const std::vector<std::string>& row) {
               Student s = student_from(row);
               std::string number = s.registration_number;
               out.emplace(std::move(number), std::move(s));
             });
    return out;
  });
  std::vector<std::pair<std::string, Found>> callbacks;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    // A connection that could not be revived never ran the query: the
    // batch closes with its error.
    close(batch);
    batch->found = std::move(found);
    batch->done = true;
    callbacks.swap(batch->callbacks);
    batch->answered.notify_all();
  }
  // A done batch is never written again: read without the lock.
  for (auto& [number, answer] : callbacks) answer(answer_from(batch->found, number));
}

Result<std::optional<Student>> StudentLookups::find(const std::string& registration_number) {
  std::shared_ptr<Batch> batch;
  if (join(registration_number, batch, nullptr)) {
    read(batch);
  } else {
    std::unique_lock<std::mutex> lock(mutex_);
    batch->answered.wait(lock, [&batch] { return batch->done; });
  }
  return answer_from(batch->found, registration_number);
}

void StudentLookups::find_async(const std::string& registration_number, Found found,
                                const std::function<void(std::function<void()>)>& elsewhere) {
  std::shared_ptr<Batch> batch;
  if (join(registration_number, batch, std::move(found))) {
    elsewhere([this, batch] { read(batch); });
  }
}

StudentLookups::Counts StudentLookups::counts() {
  std::lock_guard<std::mutex> lock(mutex_);
  return counts_;
}

}  // namespace xueji::store
