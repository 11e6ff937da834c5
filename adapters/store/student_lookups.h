#pragma once
// Students looked up by registration number, lookups made at the same time
// sharing one query. A lookup that finds another still waiting for a read
// connection joins it, and the first to get a connection reads every number
// joined so far in one round trip. With the read pool busy (64 openings at
// once on 4 connections, each reading its student first) one query answers
// many; with it idle a lookup reads alone, at once, as before.

#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "adapters/store/connection_pool.h"
#include "engine/student/student.h"

namespace xueji::store {

class StudentLookups {
 public:
  explicit StudentLookups(std::shared_ptr<ConnectionPool> pool);

  // The record registered as `registration_number` (exactly), none if no
  // record is; "store_failed" when the query failed, for every lookup that
  // shared it.
  Result<std::optional<Student>> find(const std::string& registration_number);

  // The same, answered through `found` instead of waited for: the calling
  // thread never blocks. A lookup that starts a batch hands its read to
  // `elsewhere` (a thread that may block, Services::follow_up); `found` is
  // called once, on that thread, once the batch is read. Asynchronous
  // lookups made meanwhile join that batch. An opening's lookup on the
  // thread that read its request (issue 17).
  using Found = std::function<void(Result<std::optional<Student>>)>;
  void find_async(const std::string& registration_number, Found found,
                  const std::function<void(std::function<void()>)>& elsewhere);

  // Lookups made, and the queries sent for them (none for a batch whose
  // connection could not be revived).
  struct Counts {
    uint64_t lookups = 0;
    uint64_t queries = 0;
  };
  Counts counts();

  // The most numbers one query reads; a lookup past them starts another.
  static constexpr size_t kMostPerQuery = 256;

 private:
  struct Batch;
  // Joins the open batch (a new one when none is or it is full), `found`
  // among its answers if given; true if this lookup starts the batch and
  // must read it.
  bool join(const std::string& registration_number, std::shared_ptr<Batch>& batch, Found found);
  // No lookup joins `batch` from now on; under mutex_.
  void close(const std::shared_ptr<Batch>& batch);
  // Reads `batch` once a connection is free, then answers its lookups.
  void read(const std::shared_ptr<Batch>& batch);
  std::shared_ptr<ConnectionPool> pool_;
  std::mutex mutex_;
  // The batch a lookup joins, its query not begun. Waiting and asynchronous
  // lookups never share one: a waiting lookup could otherwise wait on a
  // read queued behind it on its own thread pool.
  std::shared_ptr<Batch> open_;
  std::shared_ptr<Batch> open_async_;
  Counts counts_;
};

}  // namespace xueji::store
