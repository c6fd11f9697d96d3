// What /metrics serves, in the Prometheus text exposition format (0.0.4):
// the counters the STATUS= line and the summary log lines also read
// (Counters), plus what only a scrape wants: fetches by HTTP status class,
// records dropped by reason, spam spans removed, and latency histograms.
//
// Not thread-safe: the daemon's I/O thread owns it (clean times are measured
// on the pool and handed back with the result).
#ifndef JINGWEN_DAEMON_METRICS_H_
#define JINGWEN_DAEMON_METRICS_H_

#include <chrono>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace jingwend {

struct Counters;

// A histogram with fixed upper bounds in seconds ("le" buckets; +Inf added).
class Histogram {
 public:
  explicit Histogram(std::vector<double> bounds) : bounds_(std::move(bounds)), counts_(bounds_.size()) {}
  void observe(std::chrono::duration<double> d);
  // Appends NAME_bucket{LABELS,le=...}, NAME_sum, NAME_count lines.
  void render(std::string_view name, std::string_view labels, std::string& out) const;

 private:
  std::vector<double> bounds_;
  std::vector<std::uint64_t> counts_;  // per bucket, not cumulative
  std::uint64_t count_ = 0;
  double sum_ = 0;
};

// The state a scrape also reports, read when it happens.
struct Gauges {
  std::uint64_t feeds = 0;         // polled by this instance
  std::uint64_t queued = 0;        // articles waiting for a fetch slot
  std::uint64_t in_flight = 0;     // articles being fetched or cleaned
  std::uint64_t spool_backlog = 0; // files in spool/new
  bool paused = false;             // back-pressure
  bool sink = false;               // a sink is configured; then:
  std::uint64_t delivered = 0;
  std::uint64_t sink_failures = 0;
  bool sink_failing = false;
};

class Metrics {
 public:
  Metrics();
  // "2xx" .. "5xx" for a status, "error" when no response came (0).
  static std::string_view status_class(int http_status);
  void fetched(std::string_view kind, int http_status, std::chrono::milliseconds elapsed);  // kind: feed|article
  void dropped(std::string_view reason);  // not-article, same-content, near-duplicate, fetch-failed
  void spam_removed(std::uint64_t spans) { spam_removed_ += spans; }
  void cleaned(std::chrono::duration<double> took) { clean_seconds_.observe(took); }

  std::string render(const Counters& totals, const Gauges& gauges) const;

 private:
  std::map<std::pair<std::string, std::string>, std::uint64_t> fetches_;  // (kind, class)
  std::map<std::string, std::uint64_t> dropped_;
  std::uint64_t spam_removed_ = 0;
  std::map<std::string, Histogram> fetch_seconds_;  // by kind
  Histogram clean_seconds_;
};

}  // namespace jingwend

#endif  // JINGWEN_DAEMON_METRICS_H_
