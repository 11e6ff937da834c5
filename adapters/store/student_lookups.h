#pragma once
// Students looked up by registration number, lookups made at the same time
// sharing one query. A lookup that finds another still waiting for a read
// connection joins it, and the first to get a connection reads every number
// joined so far in one round trip. With the read pool busy (64 openings at
// once on 4 connections, each reading its student first) one query answers
// many; with it idle a lookup reads alone, at once, as before.

#include <condition_variable>
#include <cstdint>
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
  std::shared_ptr<ConnectionPool> pool_;
  std::mutex mutex_;
  std::shared_ptr<Batch> open_;  // the batch a lookup joins; its query not begun
  Counts counts_;
};

}  // namespace xueji::store
