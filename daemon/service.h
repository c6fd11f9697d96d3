// The service: one running configuration of jingwend. It owns the fetch
// client, the worker pool, the spool and the state, the per-feed timers and
// the article queue, and sequences DESIGN.md's data flow:
//
//   1. feed timer fires -> conditional GET of the feed      (feed_poll.cc)
//   2. parse the feed on the pool; new or re-stamped items -> article queue
//   3. back-pressure gate (max_pending, min_free)           (article_pipeline.cc)
//   4. fetch the article (fetch/'s per-host politeness)
//   5. clean::extract + fingerprints on the pool
//   6. dedup against the state (dedup.h)
//   7. spool write (tmp/, fsync, rename into new/) on the store thread, then
//      the state commit back on the I/O thread
//
// Threading: every member function runs on the io_context's thread; only
// the pool's jobs (parse, extract) and the store thread's spool writes run
// elsewhere, on copies of their inputs, and post their results back. The
// I/O thread never waits for a fsync.
#ifndef JINGWEN_DAEMON_SERVICE_H_
#define JINGWEN_DAEMON_SERVICE_H_

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/thread_pool.hpp>
#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "config/config.h"
#include "daemon/article_queue.h"
#include "daemon/dedup.h"
#include "daemon/delivery.h"
#include "daemon/log.h"
#include "daemon/metrics.h"
#include "daemon/metrics_server.h"
#include "daemon/notify.h"
#include "daemon/spool.h"
#include "daemon/state.h"
#include "fetch/fetch.h"

namespace clean {
struct Article;
struct Options;
}

namespace jingwend {

struct Counters {
  std::uint64_t polls = 0;
  std::uint64_t poll_failures = 0;
  std::uint64_t items = 0;  // new or re-stamped items queued
  std::uint64_t spooled = 0;
  std::uint64_t unchanged = 0;
  std::uint64_t duplicates = 0;
  std::uint64_t skipped = 0;  // not articles
  std::uint64_t errors = 0;   // failed article fetches, spool/state errors
};

// True when this instance polls `feed`: enabled, and in config.shard.
bool polled_here(const config::Config& config, const config::FeedConfig& feed);

class Service {
 public:
  Service(boost::asio::io_context& io, config::Config config, Logger& log, Notifier& notifier,
          bool once);
  ~Service();
  Service(const Service&) = delete;
  Service& operator=(const Service&) = delete;

  // Opens the spool and the state. "" or an error naming what failed. A
  // missing or empty state next to a spool holding records is refused
  // unless `new_state` (jingwend --new-state) says to start over.
  std::string open(bool new_state = false);
  // Starts polling. `finished(exit status)` runs once: after stop() has
  // drained, or in --once mode when all work is done.
  void start(std::function<void(int)> finished);
  // Replaces the feed set and the settings that can change while running.
  void reload(config::Config next);
  // Stops scheduling, lets in-flight work finish within shutdown_timeout,
  // then cancels the rest (not marked seen: fetched again next run).
  void stop(std::string_view signal_name);

  // Pages still being cleaned that stop() gave up on at shutdown_timeout:
  // the caller exits without waiting for them (they are fetched again next run).
  std::uint64_t abandoned_cleaning() const { return abandoning_ ? cleaning_ : 0; }

  // "feeds=N spooled=N duplicates=N skipped=N errors=N pending=N queued=N"
  std::string status_line() const;
  const config::Config& config() const { return config_; }

 private:
  struct FeedRun;
  struct Cleaned;
  struct Written;
  // A record on its way to the spool. Dedup judges against these as well as
  // the state: two copies of one story cleaned at once must not both land.
  struct Writing {
    std::string url_key = {};
    std::string url = {};
    std::string content_sha256 = {};
    std::uint64_t simhash = 0;
  };
  using FeedPtr = std::shared_ptr<FeedRun>;

  // feed_poll.cc
  void add_feed(const config::FeedConfig& feed, bool poll_now);
  void schedule(const FeedPtr& feed, std::chrono::milliseconds delay);
  void poll(const FeedPtr& feed);
  void on_feed_response(const FeedPtr& feed, fetch::Response response);
  void on_feed_parsed(const FeedPtr& feed, const fetch::Response& response, fetch::Feed parsed);
  void feed_succeeded(const FeedPtr& feed, const fetch::Response& response);
  void feed_failed(const FeedPtr& feed, const fetch::Response& response, const fetch::Error& error);
  std::size_t queue_items(const FeedPtr& feed, const fetch::Feed& parsed);
  void feed_done(const FeedPtr& feed);
  // An item `job` queued reached an outcome (`settled`: a final one). Counts
  // against the run that queued it only; the last one saves its validators.
  void settle(const ArticleJob& job, bool settled);

  // article_pipeline.cc
  void dispatch();
  bool under_pressure();
  void recheck_pressure();
  void fetch_article(ArticleJob job);
  void on_article_response(ArticleJob job, fetch::Response response);
  static Cleaned clean_page(const fetch::Response& response, const std::string& charset,
                            const clean::Options& options) noexcept;
  void on_article_cleaned(const ArticleJob& job, const fetch::Response& response, Cleaned cleaned);
  Judgement judge_writing(const Cleaned& cleaned, Judgement verdict) const;
  void write_article(const ArticleJob& job, std::string final_url, Cleaned cleaned, Verdict verdict);
  void on_written(const ArticleJob& job, const Cleaned& cleaned, const Written& written);
  void remember(const ArticleJob& job, SeenKind kind, const Cleaned* cleaned, std::string_view reason,
                std::string_view duplicate_of);
  // Remembers a 404/410 answer; true when the item is out of retries.
  bool remember_gone(const ArticleJob& job, int http_status);
  // `settled`: the item reached a final outcome (spooled, duplicate, not an
  // article, gone); false when it failed, was cancelled or abandoned.
  void article_done(const ArticleJob& job, bool settled);
  Counters* feed_counters(const std::string& feed_name);

  // service.cc
  void maybe_finish();
  void finish(int status);
  void arm_summary();
  void log_summaries();
  double uniform01();
  std::uint64_t delivered() const;  // records the sink acknowledged so far
  std::string open_metrics_listener();
  std::string check_new_state(bool new_state);  // "" or why the state is refused
  HttpReply http_get(std::string_view path) const;  // /metrics and /healthz

  boost::asio::io_context& io_;
  config::Config config_;
  Logger& log_;
  Notifier& notifier_;
  const bool once_;
  std::function<void(int)> finished_;

  std::optional<Spool> spool_;
  std::unique_ptr<Delivery> delivery_;  // [sink] kind = "redis": drains new/ into the stream
  Metrics metrics_;
  std::unique_ptr<MetricsServer> metrics_server_;  // metrics_listen
  std::unique_ptr<State> state_;
  std::unique_ptr<fetch::Client> client_;
  boost::asio::thread_pool pool_;   // cleaning and feed parsing (`workers` threads)
  boost::asio::thread_pool store_;  // one thread: spool writes and their fsyncs
  std::vector<Writing> writing_;

  std::map<std::string, FeedPtr> feeds_;
  std::uint64_t feed_runs_ = 0;  // FeedRun ids handed out
  ArticleQueue queue_;
  int feeds_busy_ = 0;      // feed polls started and not yet done (fetch or parse)
  std::uint64_t failed_feeds_ = 0;  // --once: feeds whose poll failed

  bool paused_ = false;
  std::uint64_t pending_ = 0;  // files in new/: last directory read + writes since
  std::optional<std::uint64_t> free_bytes_;
  std::chrono::steady_clock::time_point pressure_checked_{};
  boost::asio::steady_timer pressure_timer_;

  bool stopping_ = false;
  bool abandoning_ = false;    // shutdown_timeout passed: in-flight work no longer waited for
  std::uint64_t cleaning_ = 0;  // articles on the pool being cleaned
  bool finished_called_ = false;
  std::uint64_t abandoned_ = 0;
  boost::asio::steady_timer shutdown_timer_;
  boost::asio::steady_timer summary_timer_;
  std::chrono::steady_clock::time_point started_;
  Counters totals_;
  std::mt19937_64 rng_;
};

}  // namespace jingwend

#endif  // JINGWEN_DAEMON_SERVICE_H_
