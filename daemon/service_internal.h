// What service.cc, feed_poll.cc and article_pipeline.cc share: the per-feed
// runtime and the result of cleaning one article on the pool.
#ifndef JINGWEN_DAEMON_SERVICE_INTERNAL_H_
#define JINGWEN_DAEMON_SERVICE_INTERNAL_H_

#include <chrono>
#include <cstdint>
#include <string>

#include "clean/clean.h"
#include "daemon/service.h"

namespace jingwend {

// One feed's poll loop, from add_feed() until a reload removes it. A reload
// that changes the feed's URL starts a new run under the same name: the old
// run's items still in flight settle against the old run (dropped with it),
// never against the new one, whose validators wait for its own items.
struct Service::FeedRun {
  FeedRun(boost::asio::io_context& io, config::FeedConfig feed_config, std::uint64_t run_id)
      : id(run_id), config(std::move(feed_config)), timer(io) {}
  const std::uint64_t id;  // unique in this process; ArticleJob::feed_run
  config::FeedConfig config;
  boost::asio::steady_timer timer;
  FeedState state;       // validators, failures, next due; persisted after each poll
  std::string file_root;  // "/dir/" of a file:// feed, else ""
  fetch::Origin origin;   // where its last successful poll came from: its links may reach it
  bool polling = false;
  bool removed = false;  // dropped by a reload while a poll was in flight
  // A feed's validators are kept (in memory and in the state) only once every
  // item its last full GET queued has settled: a 304 must never hide an item
  // that failed or was abandoned. Until then they stay empty, so the next
  // poll (or the next run, after a crash) reads the whole feed again.
  fetch::Validators fresh;  // from the last 200, waiting for its items
  int outstanding = 0;      // items this run queued, not yet done
  // One of them failed, was abandoned or awaits a 404 retry, or the last
  // GET listed an item that another job (another feed, or this feed's
  // removed run) holds or whose 404 retry is not due yet: the GET's
  // validators are void, so the next poll reads the feed in full.
  bool lost = false;
  Counters counters;
  Counters reported;  // the counters at the last summary line
};

struct Service::Cleaned {
  clean::Article article;
  std::string text;
  std::string content_sha256;
  std::uint64_t simhash = 0;
  std::size_t chars = 0;  // code points of text
  std::chrono::duration<double> took{0};  // clean::extract's time, for the histogram
  std::string failure = {};  // why cleaning failed (an exception's message); "" when it ran
};

struct Service::Written {
  std::string name = {};  // the spool file name
  Verdict verdict = Verdict::kNew;
  std::string error = {};  // "" when the record is in new/
  bool consumed = false;  // already in cur/: delivered before, not written again
};

// Unix seconds now; the state stores wall-clock times.
inline std::int64_t unix_now() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace jingwend

#endif  // JINGWEN_DAEMON_SERVICE_INTERNAL_H_
