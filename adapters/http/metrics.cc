#include "adapters/http/metrics.h"

#include <cstdio>
#include <iterator>
#include <sstream>

#include "actors/writer_actor.h"

namespace xueji::http {
namespace {

constexpr double kLatencyBounds[] = {0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 5};

// A label value as the text format wants it: backslash, quote and newline
// escaped.
std::string label(const std::string& value) {
  std::string out;
  for (char c : value) {
    if (c == '\\' || c == '"') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
  }
  return out;
}

void append_header(std::string& text, const std::string& name, const char* type, const char* help) {
  text += "# HELP " + name + " " + help + "\n# TYPE " + name + " " + type + "\n";
}

// One metric without labels: HELP, TYPE, value.
void append_metric(std::string& text, const std::string& name, const char* type, const char* help,
                   long long value) {
  append_header(text, name, type, help);
  text += name + " " + std::to_string(value) + "\n";
}

// A histogram's series for one set of labels ("" for none): cumulative
// buckets, +Inf, sum and count. `counts` per bound, not cumulative; a
// last slot past the bounds, if any, counts only toward +Inf.
template <typename Bound>
void append_histogram_series(std::string& text, const std::string& name, const std::string& labels,
                             const std::vector<Bound>& bounds, const std::vector<long long>& counts,
                             const std::string& sum, long long count) {
  const std::string sep = labels.empty() ? "" : ",";
  long long cumulative = 0;
  for (size_t i = 0; i < bounds.size(); ++i) {
    if (i < counts.size()) cumulative += counts[i];
    std::ostringstream bound;
    bound << bounds[i];
    text += name + "_bucket{" + labels + sep + "le=\"" + bound.str() + "\"} " +
            std::to_string(cumulative) + "\n";
  }
  text += name + "_bucket{" + labels + sep + "le=\"+Inf\"} " + std::to_string(count) + "\n";
  const std::string braces = labels.empty() ? "" : "{" + labels + "}";
  text += name + "_sum" + braces + " " + sum + "\n";
  text += name + "_count" + braces + " " + std::to_string(count) + "\n";
}

// Fired-at minus due, per kind of timer.
void append_lateness(std::string& text,
                     const std::map<std::string, TimerLateness::Figures>& by_kind) {
  const std::string name = "xueji_timer_lateness_seconds";
  append_header(text, name, "histogram",
                "How long after its due instant each timer fired, by kind.");
  const std::vector<double> bounds(TimerLateness::bounds.begin(), TimerLateness::bounds.end());
  for (const auto& [kind, figures] : by_kind) {
    std::vector<long long> counts;
    for (size_t i = 0; i < TimerLateness::bounds.size(); ++i) counts.push_back(figures.buckets[i]);
    append_histogram_series(text, name, "timer=\"" + label(kind) + "\"", bounds, counts,
                            std::to_string(figures.sum_seconds), figures.count);
  }
}

}  // namespace

void RequestMetrics::record(const std::string& route, const std::string& method, int status,
                            double seconds) {
  const std::string status_class = std::to_string(status / 100) + "xx";
  std::lock_guard<std::mutex> lock(mutex_);
  ++by_status_[status];
  Latency& latency = by_route_[{route, method, status_class}];
  if (latency.buckets.empty()) latency.buckets.assign(std::size(kLatencyBounds), 0);
  for (size_t i = 0; i < std::size(kLatencyBounds); ++i) {
    if (seconds <= kLatencyBounds[i]) {
      ++latency.buckets[i];
      break;
    }
  }
  latency.sum_seconds += seconds;
  ++latency.count;
}

std::string RequestMetrics::render() const {
  std::lock_guard<std::mutex> lock(mutex_);
  std::string text;
  append_header(text, "xueji_http_requests_total", "counter", "HTTP requests answered, by status.");
  for (const auto& [status, n] : by_status_) {
    text += "xueji_http_requests_total{status=\"" + std::to_string(status) + "\"} " +
            std::to_string(n) + "\n";
  }
  const std::string name = "xueji_http_request_duration_seconds";
  append_header(text, name, "histogram",
                "Time to answer a request, by route (the route table's operation), method and "
                "status class.");
  const std::vector<double> bounds(std::begin(kLatencyBounds), std::end(kLatencyBounds));
  for (const auto& [key, latency] : by_route_) {
    const auto& [route, method, status_class] = key;
    append_histogram_series(text, name,
                            "route=\"" + label(route) + "\",method=\"" + label(method) +
                                "\",status_class=\"" + status_class + "\"",
                            bounds, latency.buckets, std::to_string(latency.sum_seconds),
                            latency.count);
  }
  return text;
}

namespace {

void append_engine_active(std::string& text, int64_t active) {
  append_metric(text, "xueji_engine_active", "gauge",
                "1 when this server runs the engine (holds the lease of a standby pair), else 0.",
                active);
}

}  // namespace

std::string render_not_active(const std::string& reason) {
  std::string text;
  append_engine_active(text, 0);
  append_header(text, "xueji_engine_inactive_reason", "gauge",
                "Why this server does not run the engine: standby, lease_lost or taking_over.");
  text += "xueji_engine_inactive_reason{reason=\"" + label(reason) + "\"} 1\n";
  return text;
}

std::string render(const EngineFigures& figures) {
  std::string text;
  append_engine_active(text, 1);
  append_header(text, "xueji_open_cases", "gauge", "Open cases (a step waiting), by kind.");
  for (const auto& [kind, n] : figures.backlog.open_cases) {
    text += "xueji_open_cases{kind=\"" + label(kind) + "\"} " + std::to_string(n) + "\n";
  }
  append_metric(text, "xueji_pending_cases", "gauge", "Open cases waiting on a party.",
                figures.backlog.pending_cases);
  append_metric(text, "xueji_overdue_steps", "gauge", "Active steps past their party's deadline.",
                figures.backlog.overdue_steps);
  append_metric(text, "xueji_notices_waiting", "gauge",
                "Notices in the outbox not yet delivered to a webhook.",
                figures.backlog.notices_waiting);
  append_metric(text, "xueji_commits_total", "counter", "Store commits by the group-commit writer.",
                figures.commits);
  append_metric(text, "xueji_committed_transitions_total", "counter", "Case transitions committed.",
                figures.transitions);
  append_metric(text, "xueji_commit_batch_max", "gauge",
                "Largest number of transitions in one commit.", figures.largest_batch);
  append_header(text, "xueji_commit_batch_size", "histogram",
                "Transitions per store commit of the group-commit writer.");
  const std::vector<int64_t> bounds(std::begin(WriterStats::kBatchSizeBounds),
                                    std::end(WriterStats::kBatchSizeBounds));
  const std::vector<long long> counts(figures.batch_sizes.begin(), figures.batch_sizes.end());
  append_histogram_series(text, "xueji_commit_batch_size", "", bounds, counts,
                          std::to_string(figures.transitions), figures.commits);
  append_header(text, "xueji_commit_duration_seconds", "histogram",
                "Seconds the store took over each group commit, its flush to disk included.");
  const std::vector<double> seconds_bounds(std::begin(WriterStats::kCommitSecondsBounds),
                                           std::end(WriterStats::kCommitSecondsBounds));
  const std::vector<long long> by_seconds(figures.commit_seconds.begin(),
                                          figures.commit_seconds.end());
  append_histogram_series(text, "xueji_commit_duration_seconds", "", seconds_bounds, by_seconds,
                          std::to_string(figures.commit_seconds_sum), figures.commits);
  append_lateness(text, figures.lateness);
  append_metric(text, "xueji_redating_cases_left", "gauge",
                "Cases a reload's background re-dating (POST /v1/rules/reload with wait false) "
                "has still to hear from; 0 when none runs.",
                figures.redating_left);
  append_header(text, "xueji_actors_failed_total", "counter",
                "Case and account actors that failed (a fault of the code, see the log's "
                "\"actor failed and dropped\") and were dropped; the record reloads from the store "
                "at its next message.");
  text += "xueji_actors_failed_total{directory=\"case\"} " +
          std::to_string(figures.case_actors_failed) + "\n";
  text += "xueji_actors_failed_total{directory=\"account\"} " +
          std::to_string(figures.account_actors_failed) + "\n";
  if (figures.archive_steps_owed) {
    append_metric(text, "xueji_archive_steps_owed", "gauge",
                  "Archive steps (Art. 6, 7) owed without their case at the sweep's last look "
                  "(archive_sweep_seconds); one that stays owed across looks fails to open (see "
                  "the log).",
                  *figures.archive_steps_owed);
  }
  return text;
}

}  // namespace xueji::http
