#include "adapters/http/metrics.h"

#include <cstdio>
#include <iterator>

namespace xueji::http {
namespace {
constexpr double kLatencyBounds[] = {0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 5};
}  // namespace

void RequestMetrics::record(int status, double seconds) {
  std::lock_guard<std::mutex> lock(mutex_);
  ++by_status_[status];
  if (buckets_.empty()) buckets_.assign(std::size(kLatencyBounds), 0);
  for (size_t i = 0; i < std::size(kLatencyBounds); ++i) {
    if (seconds <= kLatencyBounds[i]) ++buckets_[i];
  }
  sum_seconds_ += seconds;
  ++count_;
}

std::string RequestMetrics::render() const {
  std::lock_guard<std::mutex> lock(mutex_);
  std::string text;
  text += "# HELP xueji_http_requests_total HTTP requests answered, by status.\n";
  text += "# TYPE xueji_http_requests_total counter\n";
  for (const auto& [status, n] : by_status_) {
    text += "xueji_http_requests_total{status=\"" + std::to_string(status) + "\"} " +
            std::to_string(n) + "\n";
  }
  text += "# HELP xueji_http_request_seconds Time to answer a request.\n";
  text += "# TYPE xueji_http_request_seconds histogram\n";
  for (size_t i = 0; i < buckets_.size(); ++i) {
    char bound[32];
    std::snprintf(bound, sizeof bound, "%g", kLatencyBounds[i]);
    text += std::string("xueji_http_request_seconds_bucket{le=\"") + bound + "\"} " +
            std::to_string(buckets_[i]) + "\n";
  }
  text += "xueji_http_request_seconds_bucket{le=\"+Inf\"} " + std::to_string(count_) + "\n";
  text += "xueji_http_request_seconds_sum " + std::to_string(sum_seconds_) + "\n";
  text += "xueji_http_request_seconds_count " + std::to_string(count_) + "\n";
  return text;
}

std::string render(const EngineFigures& figures) {
  std::string text;
  text +=
      "# HELP xueji_pending_cases Open cases waiting on a party.\n# TYPE xueji_pending_cases "
      "gauge\n";
  text += "xueji_pending_cases " + std::to_string(figures.pending_cases) + "\n";
  text +=
      "# HELP xueji_overdue_steps Active steps past their party's deadline.\n# TYPE "
      "xueji_overdue_steps gauge\n";
  text += "xueji_overdue_steps " + std::to_string(figures.overdue_steps) + "\n";
  text +=
      "# HELP xueji_notices_waiting Notices in the outbox not yet delivered to a webhook.\n"
      "# TYPE xueji_notices_waiting gauge\n";
  text += "xueji_notices_waiting " + std::to_string(figures.notices_waiting) + "\n";
  text +=
      "# HELP xueji_commits_total Store commits by the group-commit writer.\n# TYPE "
      "xueji_commits_total counter\n";
  text += "xueji_commits_total " + std::to_string(figures.commits) + "\n";
  text +=
      "# HELP xueji_committed_transitions_total Case transitions committed.\n# TYPE "
      "xueji_committed_transitions_total counter\n";
  text += "xueji_committed_transitions_total " + std::to_string(figures.transitions) + "\n";
  text +=
      "# HELP xueji_commit_batch_max Largest number of transitions in one commit.\n# TYPE "
      "xueji_commit_batch_max gauge\n";
  text += "xueji_commit_batch_max " + std::to_string(figures.largest_batch) + "\n";
  return text;
}

}  // namespace xueji::http
