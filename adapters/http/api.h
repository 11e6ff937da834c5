#pragma once
// The HTTP/JSON API over the case engine (docs/api/openapi.yaml). Each route
// turns a request into an engine command or a store read and the engine's
// answer into JSON; refusals become application/problem+json with a stable
// type, a title and a detail naming the field or rule. Nothing changes on an
// error.

#include <map>
#include <memory>
#include <mutex>
#include <vector>

#include "actors/case_engine.h"
#include "adapters/http/http_server.h"
#include "adapters/store/store.h"

namespace xueji::http {

class Api {
 public:
  // `reads` is the API's own store connection (a mutex serialises it);
  // `clock` is the virtual clock when the server runs simulated, else null.
  Api(CaseEngine& engine, std::unique_ptr<store::Store> reads,
      std::shared_ptr<VirtualClock> simulated_clock);

  // Every request, with the Idempotency-Key of a POST honoured and the
  // request counted for /metrics.
  Response handle(const Request& request);

 private:
  Response route(const Request& request);
  Response with_idempotency(const Request& request);
  Response progress(const std::string& id);
  Response pending(const std::string& org);
  Response overdue(const std::string& org);
  Response metrics();
  Response register_student(const Request& request);
  Response open_case(const Request& request);
  Response get_case(const std::string& id);
  Response decide(const std::string& id, const Request& request);
  Response withdraw(const std::string& id, const Request& request);
  Response notices(const std::string& org);
  Response advance_clock(const Request& request);
  Response ready();

  CaseEngine& engine_;
  std::mutex reads_mutex_;
  std::unique_ptr<store::Store> reads_;
  std::shared_ptr<VirtualClock> simulated_clock_;
  // Request counts by status class and a latency histogram, for /metrics.
  std::mutex metrics_mutex_;
  std::map<int, long long> requests_by_status_;
  std::vector<long long> latency_buckets_;  // counts per bound in kLatencyBounds
  double latency_sum_seconds_ = 0;
  long long latency_count_ = 0;
};

// The status an engine error code maps to (404, 409, 422, 503, ...).
int status_for(const std::string& code);
Response problem(int status, const std::string& code, const std::string& detail);

}  // namespace xueji::http
