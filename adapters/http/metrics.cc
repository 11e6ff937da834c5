#include "adapters/http/metrics.h"

#include <sstream>

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

namespace {

// One metric as Prometheus's text format has it: HELP, TYPE, value.
void append_metric(std::string& text, const std::string& name, const char* type, const char* help,
                   long long value) {
  text += "# HELP " + name + " " + help + "\n# TYPE " + name + " " + type + "\n";
  text += name + " " + std::to_string(value) + "\n";
}

// Fired-at minus due, per kind of timer: a histogram with cumulative
// buckets as Prometheus has them.
void append_lateness(std::string& text,
                     const std::map<std::string, TimerLateness::Figures>& by_kind) {
  const std::string name = "xueji_timer_lateness_seconds";
  text += "# HELP " + name + " How long after its due instant each timer fired, by kind.\n";
  text += "# TYPE " + name + " histogram\n";
  for (const auto& [kind, figures] : by_kind) {
    const std::string label = "timer=\"" + kind + "\"";
    long long cumulative = 0;
    for (size_t i = 0; i < TimerLateness::bounds.size(); ++i) {
      cumulative += figures.buckets[i];
      std::ostringstream bound;
      bound << TimerLateness::bounds[i];
      text += name + "_bucket{" + label + ",le=\"" + bound.str() + "\"} " +
              std::to_string(cumulative) + "\n";
    }
    text += name + "_bucket{" + label + ",le=\"+Inf\"} " + std::to_string(figures.count) + "\n";
    text += name + "_sum{" + label + "} " + std::to_string(figures.sum_seconds) + "\n";
    text += name + "_count{" + label + "} " + std::to_string(figures.count) + "\n";
  }
}

}  // namespace

std::string render(const EngineFigures& figures) {
  std::string text;
  append_metric(text, "xueji_pending_cases", "gauge", "Open cases waiting on a party.",
                figures.pending_cases);
  append_metric(text, "xueji_overdue_steps", "gauge", "Active steps past their party's deadline.",
                figures.overdue_steps);
  append_metric(text, "xueji_notices_waiting", "gauge",
                "Notices in the outbox not yet delivered to a webhook.", figures.notices_waiting);
  append_metric(text, "xueji_commits_total", "counter", "Store commits by the group-commit writer.",
                figures.commits);
  append_metric(text, "xueji_committed_transitions_total", "counter", "Case transitions committed.",
                figures.transitions);
  append_metric(text, "xueji_commit_batch_max", "gauge",
                "Largest number of transitions in one commit.", figures.largest_batch);
  append_lateness(text, figures.lateness);
  return text;
}

}  // namespace xueji::http
