#include "daemon/metrics.h"

#include <cstdio>

#include "daemon/service.h"

namespace jingwend {
namespace {

// Fetches: loopback is milliseconds, a slow gov.cn site tens of seconds.
const std::vector<double> kFetchBounds = {0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60};
// Cleaning one page: 1-10 ms typically, a huge page up to a second.
const std::vector<double> kCleanBounds = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1};

std::string number(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.9g", v);
  return buf;
}

void help(std::string& out, std::string_view name, std::string_view type, std::string_view text) {
  out.append("# HELP ").append(name).append(" ").append(text).append("\n");
  out.append("# TYPE ").append(name).append(" ").append(type).append("\n");
}

void sample(std::string& out, std::string_view name, std::string_view labels, std::uint64_t value) {
  out.append(name);
  if (!labels.empty()) out.append("{").append(labels).append("}");
  out.append(" ").append(std::to_string(value)).append("\n");
}

void single(std::string& out, std::string_view name, std::string_view type, std::string_view text,
            std::uint64_t value) {
  help(out, name, type, text);
  sample(out, name, "", value);
}

std::string label(std::string_view key, std::string_view value) {
  std::string out(key);
  return out.append("=\"").append(value).append("\"");
}

}  // namespace

void Histogram::observe(std::chrono::duration<double> d) {
  const double seconds = d.count();
  ++count_;
  sum_ += seconds;
  for (std::size_t i = 0; i < bounds_.size(); ++i) {
    if (seconds <= bounds_[i]) {
      ++counts_[i];
      return;
    }
  }
}

void Histogram::render(std::string_view name, std::string_view labels, std::string& out) const {
  const std::string bucket = std::string(name) + "_bucket";
  const std::string prefix = labels.empty() ? "" : std::string(labels) + ",";
  std::uint64_t cumulative = 0;
  for (std::size_t i = 0; i < bounds_.size(); ++i) {
    cumulative += counts_[i];
    sample(out, bucket, prefix + label("le", number(bounds_[i])), cumulative);
  }
  sample(out, bucket, prefix + label("le", "+Inf"), count_);
  out.append(name).append("_sum");
  if (!labels.empty()) out.append("{").append(labels).append("}");
  out.append(" ").append(number(sum_)).append("\n");
  sample(out, std::string(name) + "_count", labels, count_);
}

Metrics::Metrics() : clean_seconds_(kCleanBounds) {
  for (const char* kind : {"feed", "article"}) fetch_seconds_.emplace(kind, Histogram(kFetchBounds));
}

std::string_view Metrics::status_class(int http_status) {
  if (http_status >= 200 && http_status < 300) return "2xx";
  if (http_status >= 300 && http_status < 400) return "3xx";
  if (http_status >= 400 && http_status < 500) return "4xx";
  if (http_status >= 500 && http_status < 600) return "5xx";
  return "error";
}

void Metrics::fetched(std::string_view kind, int http_status, std::chrono::milliseconds elapsed) {
  ++fetches_[{std::string(kind), std::string(status_class(http_status))}];
  const auto h = fetch_seconds_.find(std::string(kind));
  if (h != fetch_seconds_.end()) h->second.observe(elapsed);
}

void Metrics::dropped(std::string_view reason) { ++dropped_[std::string(reason)]; }

std::string Metrics::render(const Counters& t, const Gauges& g) const {
  std::string out;
  single(out, "jingwen_feeds", "gauge", "Feeds this instance polls.", g.feeds);
  single(out, "jingwen_feed_polls_total", "counter", "Feed polls finished.", t.polls);
  single(out, "jingwen_feed_poll_failures_total", "counter", "Feed polls that failed.", t.poll_failures);
  single(out, "jingwen_items_queued_total", "counter", "New or re-stamped feed items queued for a fetch.", t.items);
  help(out, "jingwen_fetches_total", "counter", "HTTP fetches by kind and status class (error: no response).");
  for (const auto& [key, n] : fetches_) {
    sample(out, "jingwen_fetches_total", label("kind", key.first) + "," + label("class", key.second), n);
  }
  single(out, "jingwen_articles_spooled_total", "counter", "Articles written to the spool.", t.spooled);
  single(out, "jingwen_articles_unchanged_total", "counter", "Articles fetched again with the same text.",
         t.unchanged);
  help(out, "jingwen_articles_dropped_total", "counter", "Articles not spooled, by reason.");
  for (const auto& [reason, n] : dropped_) sample(out, "jingwen_articles_dropped_total", label("reason", reason), n);
  single(out, "jingwen_errors_total", "counter", "Failed article fetches and spool or state errors.", t.errors);
  single(out, "jingwen_spam_spans_removed_total", "counter", "Spam spans removed from spooled articles.",
         spam_removed_);
  single(out, "jingwen_article_queue_length", "gauge", "Articles waiting for a fetch slot.", g.queued);
  single(out, "jingwen_articles_in_flight", "gauge", "Articles being fetched or cleaned.", g.in_flight);
  single(out, "jingwen_spool_backlog", "gauge", "Records in spool/new not yet taken by a consumer or the sink.",
         g.spool_backlog);
  single(out, "jingwen_paused", "gauge", "1 while back-pressure pauses article fetching.", g.paused ? 1 : 0);
  if (g.sink) {
    single(out, "jingwen_sink_delivered_total", "counter", "Records the sink acknowledged.", g.delivered);
    single(out, "jingwen_sink_failures_total", "counter", "Failed deliveries to the sink.", g.sink_failures);
    single(out, "jingwen_sink_failing", "gauge", "1 while the last delivery failed.", g.sink_failing ? 1 : 0);
  }
  help(out, "jingwen_fetch_duration_seconds", "histogram", "Fetch time, retries and waits included.");
  for (const auto& [kind, h] : fetch_seconds_) h.render("jingwen_fetch_duration_seconds", label("kind", kind), out);
  help(out, "jingwen_clean_duration_seconds", "histogram", "Time to clean one article page.");
  clean_seconds_.render("jingwen_clean_duration_seconds", "", out);
  return out;
}

}  // namespace jingwend
