#pragma once
// The reason a record's actor fails with when an exception leaves its
// handler (a fault of the code): the exception's own text, which its
// directory logs (directory.h, drop_failed). CAF's default says only
// "runtime_error" and prints the text to stderr, away from the log.

#include <caf/all.hpp>

#include <exception>

namespace xueji {

inline caf::error fault_reason(caf::scheduled_actor*, std::exception_ptr& thrown) {
  try {
    std::rethrow_exception(thrown);
  } catch (const std::exception& e) {
    return caf::make_error(caf::sec::runtime_error, std::string(e.what()));
  } catch (...) {
    return caf::make_error(caf::sec::runtime_error, std::string("an exception of no known type"));
  }
}

}  // namespace xueji
