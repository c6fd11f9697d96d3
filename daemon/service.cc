// Service lifecycle: open, start, reload, stop, the --once finish line, the
// periodic summaries. The data flow lives in feed_poll.cc and
// article_pipeline.cc; service.h numbers its steps.
#include "daemon/service.h"

#include <algorithm>
#include <boost/asio/post.hpp>
#include <set>
#include <utility>

#include "daemon/daemon.h"
#include "daemon/service_internal.h"

namespace jingwend {
namespace {

using std::chrono::duration_cast;
using std::chrono::milliseconds;
using std::chrono::steady_clock;

}  // namespace

bool polled_here(const config::Config& config, const config::FeedConfig& feed) {
  return feed.enabled && config::in_shard(config.shard, feed);
}

namespace {

fetch::Options client_options(const config::Config& c) {
  fetch::Options o;
  if (!c.user_agent.empty()) o.user_agent = c.user_agent;
  o.proxy = c.proxy;
  o.headers = c.headers;
  o.connect_timeout = c.connect_timeout;
  o.total_timeout = c.timeout;
  o.max_body_bytes = static_cast<std::size_t>(c.max_body);
  o.per_host_concurrency = c.per_host_concurrency;
  o.per_host_delay = c.per_host_delay;
  o.max_in_flight = c.max_in_flight;
  return o;
}

// The settings a reload cannot change: the client, the pool, the spool and
// the state are built from them once.
std::vector<std::string> restart_only_changes(const config::Config& a, const config::Config& b) {
  std::vector<std::string> changed;
  const auto check = [&](bool differs, const char* key) {
    if (differs) changed.emplace_back(key);
  };
  check(a.spool_dir != b.spool_dir, "spool_dir");
  check(a.state_dir != b.state_dir, "state_dir");
  check(a.workers != b.workers, "workers");
  check(a.user_agent != b.user_agent, "user_agent");
  check(a.proxy != b.proxy, "proxy");
  check(a.headers != b.headers, "headers");
  check(a.per_host_concurrency != b.per_host_concurrency, "per_host_concurrency");
  check(a.per_host_delay != b.per_host_delay, "per_host_delay");
  check(a.max_in_flight != b.max_in_flight, "max_in_flight");
  check(a.timeout != b.timeout, "timeout");
  check(a.connect_timeout != b.connect_timeout, "connect_timeout");
  check(a.max_body != b.max_body, "max_body");
  const config::SinkConfig &sa = a.sink, &sb = b.sink;
  check(sa.kind != sb.kind || sa.host != sb.host || sa.port != sb.port || sa.db != sb.db || sa.stream != sb.stream ||
            sa.maxlen != sb.maxlen || sa.timeout != sb.timeout,
        "sink");
  return changed;
}

std::string joined(const std::vector<std::string>& parts) {
  std::string out;
  for (const std::string& p : parts) out += (out.empty() ? "" : ",") + p;
  return out;
}

}  // namespace

Service::Service(boost::asio::io_context& io, config::Config config, Logger& log, Notifier& notifier,
                 bool once)
    : io_(io),
      config_(std::move(config)),
      log_(log),
      notifier_(notifier),
      once_(once),
      pool_(static_cast<std::size_t>(std::max(1, config_.workers))),
      store_(1),
      pressure_timer_(io),
      shutdown_timer_(io),
      summary_timer_(io),
      started_(steady_clock::now()),
      rng_(std::random_device{}()) {}

Service::~Service() {
  finished_called_ = true;  // callbacks completing below must not start new work
  client_.reset();          // completes what is left with kCancelled while we still exist
  pool_.join();
  store_.join();
}

std::string Service::open(bool new_state) {
  std::string error;
  spool_ = Spool::open(config_.spool_dir, &error);
  if (!spool_) return error;
  if (std::string refused = check_new_state(new_state); !refused.empty()) return refused;
  state_ = State::open(config_.state_dir, &error);
  if (!state_) return error;
  client_ = std::make_unique<fetch::Client>(io_, client_options(config_));
  if (config_.sink.kind == config::SinkKind::kRedis) {
    const config::SinkConfig& c = config_.sink;
    delivery_ = std::make_unique<Delivery>(
        config_.spool_dir,
        sink::make_redis_sink({.host = c.host, .port = c.port, .db = c.db, .timeout = c.timeout},
                              {.stream = c.stream, .maxlen = c.maxlen}),
        log_);
  }
  pending_ = spool_->pending();
  free_bytes_ = spool_->free_bytes();
  pressure_checked_ = steady_clock::now();
  return open_metrics_listener();
}

// A missing or emptied state next to a spool that was written before is a
// lost state, not a first start: opening it would fetch and spool every
// article again for consumers that already took them. Starting over must be
// asked for (--new-state).
std::string Service::check_new_state(bool new_state) {
  if (!State::is_new(config_.state_dir) || !spool_->holds_records()) return "";
  const std::string state_file = State::file_in(config_.state_dir);
  if (!new_state) {
    return "state " + state_file + " is missing or empty, but spool " + spool_->dir() +
           " already holds records (new/ or cur/): a new state would fetch and spool every article again. "
           "Restore the state file, or start afresh on purpose with jingwend --new-state (see jingwend(8))";
  }
  log_.log(Level::kWarning, "new-state",
           {{"state", state_file}, {"spool", spool_->dir()},
            {"message", "--new-state: starting a new state; every article listed is fetched and spooled again"}});
  return "";
}

std::string Service::open_metrics_listener() {
  if (config_.metrics_host.empty()) return "";
  std::string error;
  metrics_server_ = MetricsServer::listen(io_, config_.metrics_host, static_cast<unsigned short>(config_.metrics_port),
                                          [this](std::string_view path) { return http_get(path); }, &error);
  if (!metrics_server_) return error;
  const bool v6 = config_.metrics_host.find(':') != std::string::npos;
  const std::string address = (v6 ? "[" + config_.metrics_host + "]" : config_.metrics_host) + ":" +
                              std::to_string(metrics_server_->port());
  log_.log(Level::kInfo, "metrics-listening", {{"address", address}, {"paths", "/metrics /healthz"}});
  return "";
}

HttpReply Service::http_get(std::string_view path) const {
  if (path == "/healthz") {
    if (stopping_ || finished_called_) return {.status = 503, .body = "stopping\n"};
    return {.body = "ok\n"};
  }
  if (path != "/metrics") return {.status = 404, .body = "not found: /metrics or /healthz\n"};
  Gauges g{.feeds = feeds_.size(),
           .queued = queue_.queued(),
           .in_flight = queue_.active(),
           .spool_backlog = pending_,
           .paused = paused_};
  if (delivery_) {
    const DeliveryStats d = delivery_->stats();
    g.sink = true;
    g.delivered = d.delivered;
    g.sink_failures = d.failures;
    g.sink_failing = d.failing;
  }
  return {.content_type = "text/plain; version=0.0.4; charset=utf-8", .body = metrics_.render(totals_, g)};
}

void Service::start(std::function<void(int)> finished) {
  finished_ = std::move(finished);
  for (const config::FeedConfig& feed : config_.feeds) {
    if (polled_here(config_, feed)) add_feed(feed, /*poll_now=*/once_);
  }
  arm_summary();
  maybe_finish();  // --once with no enabled feed is done at once
}

void Service::reload(config::Config next) {
  if (const auto changed = restart_only_changes(config_, next); !changed.empty()) {
    log_.log(Level::kWarning, "reload-partial",
             {{"restart_needed_for", joined(changed)}, {"message", "these settings apply after a restart"}});
  }
  std::set<std::string> keep;
  for (const config::FeedConfig& feed : next.feeds) {
    if (polled_here(next, feed)) keep.insert(feed.name);
  }
  for (auto it = feeds_.begin(); it != feeds_.end();) {
    if (keep.count(it->first) == 0) {
      it->second->removed = true;
      it->second->timer.cancel();
      it = feeds_.erase(it);
    } else {
      ++it;
    }
  }
  for (const config::FeedConfig& feed : next.feeds) {
    if (!polled_here(next, feed)) continue;
    const auto it = feeds_.find(feed.name);
    if (it != feeds_.end() && it->second->config.url != feed.url) {
      // Another URL is another feed: its validators and file root are void.
      it->second->removed = true;
      it->second->timer.cancel();
      feeds_.erase(it);
      if (std::string error = state_->save_feed(FeedState{.name = feed.name}); !error.empty()) {
        log_.log(Level::kError, "error", {{"reason", "state"}, {"feed", feed.name}, {"message", error}});
      }
      add_feed(feed, /*poll_now=*/true);
    } else if (it == feeds_.end()) {
      add_feed(feed, /*poll_now=*/true);
    } else {
      it->second->config = feed;  // the new interval applies from the next poll
    }
  }
  // Only the settings the running parts read per use change now.
  const std::string spool_dir = config_.spool_dir, state_dir = config_.state_dir;
  config::Config applied = std::move(next);
  applied.spool_dir = spool_dir;
  applied.state_dir = state_dir;
  config_ = std::move(applied);
  log_.log(Level::kNotice, "reloaded",
           {{"config", config_.path}, {"feeds", feeds_.size()}, {"shard", config::shard_name(config_.shard)}});
  dispatch();
}

void Service::stop(std::string_view signal_name) {
  if (stopping_) return;
  stopping_ = true;
  for (auto& [name, feed] : feeds_) feed->timer.cancel();
  for (const ArticleJob& job : queue_.clear()) {
    ++abandoned_;
    settle(job, /*settled=*/false);  // not seen: its feed is read in full next time
  }
  pressure_timer_.cancel();
  summary_timer_.cancel();
  log_.log(Level::kNotice, "stopping",
           {{"signal", signal_name}, {"in_flight", queue_.active()}, {"feeds_busy", feeds_busy_},
            {"shutdown_timeout_s", config_.shutdown_timeout.count()}});
  shutdown_timer_.expires_after(config_.shutdown_timeout);
  shutdown_timer_.async_wait([this](const boost::system::error_code& ec) {
    if (ec || finished_called_) return;
    abandoned_ += queue_.active();
    abandoning_ = true;
    log_.log(Level::kWarning, "shutdown-timeout",
             {{"abandoned", queue_.active()}, {"cleaning", cleaning_},
              {"message", "cancelling in-flight fetches, not waiting for cleaning"}});
    client_->cancel_all();
    maybe_finish();
  });
  maybe_finish();
}

void Service::maybe_finish() {
  const std::uint64_t waited_for = queue_.active() - abandoned_cleaning();
  if (finished_called_ || feeds_busy_ > 0 || waited_for > 0) return;
  if (stopping_) return finish(kExitOk);
  if (!once_ || queue_.queued() > 0) return;
  for (const auto& [name, feed] : feeds_) {
    if (feed->counters.polls == 0) return;  // not polled yet
  }
  finish(failed_feeds_ > 0 ? kExitFailure : kExitOk);
}

void Service::finish(int status) {
  finished_called_ = true;
  shutdown_timer_.cancel();
  pressure_timer_.cancel();
  summary_timer_.cancel();
  for (auto& [name, feed] : feeds_) feed->timer.cancel();
  log_summaries();
  // What is in new/ now goes to the sink first, within shutdown_timeout; the
  // rest waits there for the next start.
  if (delivery_) delivery_->stop(config_.shutdown_timeout);
  if (metrics_server_) metrics_server_->close();
  const auto elapsed = duration_cast<milliseconds>(steady_clock::now() - started_).count();
  const Counters& t = totals_;
  if (once_ && !stopping_) {
    log_.log(status == kExitOk ? Level::kNotice : Level::kWarning, "once-done",
             {{"feeds", feeds_.size()}, {"failed", failed_feeds_}, {"spooled", t.spooled},
              {"unchanged", t.unchanged}, {"duplicates", t.duplicates}, {"skipped", t.skipped},
              {"errors", t.errors}, {"delivered", delivered()}, {"elapsed_ms", elapsed}});
  } else {
    log_.log(Level::kNotice, "stopped",
             {{"spooled", t.spooled}, {"duplicates", t.duplicates}, {"skipped", t.skipped},
              {"errors", t.errors}, {"abandoned", abandoned_}, {"delivered", delivered()}, {"elapsed_ms", elapsed}});
  }
  if (finished_) boost::asio::post(io_, [done = finished_, status] { done(status); });
}

void Service::arm_summary() {
  summary_timer_.expires_after(config_.summary_interval);
  summary_timer_.async_wait([this](const boost::system::error_code& ec) {
    if (ec || stopping_ || finished_called_) return;
    log_summaries();
    arm_summary();
  });
}

// One line per feed that did something since its last summary (queued
// items, failed, spooled...), then one line for the whole service: with a
// thousand quiet feeds the log stays readable.
void Service::log_summaries() {
  for (const auto& [name, feed] : feeds_) {
    const Counters& c = feed->counters;
    const Counters& before = feed->reported;
    const bool active = c.items != before.items || c.poll_failures != before.poll_failures ||
                        c.errors != before.errors;
    feed->reported = c;
    if (!active) continue;
    log_.log(Level::kInfo, "summary",
             {{"feed", name}, {"polls", c.polls}, {"poll_failures", c.poll_failures}, {"items", c.items},
              {"spooled", c.spooled}, {"unchanged", c.unchanged}, {"duplicates", c.duplicates},
              {"skipped", c.skipped}, {"errors", c.errors}});
  }
  const Counters& t = totals_;
  log_.log(Level::kInfo, "summary-total",
           {{"feeds", feeds_.size()}, {"polls", t.polls}, {"poll_failures", t.poll_failures}, {"items", t.items},
            {"spooled", t.spooled}, {"unchanged", t.unchanged}, {"duplicates", t.duplicates},
            {"skipped", t.skipped}, {"errors", t.errors}, {"pending", pending_}});
}

std::string Service::status_line() const {
  const Counters& t = totals_;
  std::string s = "feeds=" + std::to_string(feeds_.size()) + " spooled=" + std::to_string(t.spooled) +
                  " duplicates=" + std::to_string(t.duplicates) + " skipped=" + std::to_string(t.skipped) +
                  " errors=" + std::to_string(t.errors) + " pending=" + std::to_string(pending_) +
                  " queued=" + std::to_string(queue_.queued() + queue_.active());
  if (delivery_) {
    const DeliveryStats d = delivery_->stats();
    s += " delivered=" + std::to_string(d.delivered);
    if (d.failing) s += " sink-failing";
  }
  if (paused_) s += " paused";
  return s;
}

std::uint64_t Service::delivered() const { return delivery_ ? delivery_->stats().delivered : 0; }

double Service::uniform01() { return std::uniform_real_distribution<double>(0.0, 1.0)(rng_); }

}  // namespace jingwend
