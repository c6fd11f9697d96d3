// Steps 1-2 of service.h: poll a feed (conditional GET), parse it on the
// pool, queue its new or re-stamped items, and schedule the next poll.
#include <boost/asio/post.hpp>
#include <utility>

#include "daemon/dedup.h"
#include "daemon/gone_retry.h"
#include "daemon/schedule.h"
#include "daemon/service.h"
#include "daemon/service_internal.h"

namespace jingwend {
namespace {

using std::chrono::milliseconds;

// The politeness bucket of a URL key, the one fetch/'s host queue uses
// ("https://news.163.com/x" -> "163.com"; "" for file:).
std::string host_of(std::string_view url_key) {
  const std::optional<fetch::ParsedUrl> url = fetch::parse_url(url_key);
  return url ? fetch::site_key(url->host) : "";
}

bool kind_matches(config::FeedKind want, fetch::FeedKind got) {
  switch (want) {
    case config::FeedKind::kGuess: return true;
    case config::FeedKind::kRss: return got == fetch::FeedKind::kRss;
    case config::FeedKind::kAtom: return got == fetch::FeedKind::kAtom;
    case config::FeedKind::kHtml: return got == fetch::FeedKind::kHtmlList;
  }
  return true;
}

}  // namespace

void Service::add_feed(const config::FeedConfig& feed_config, bool poll_now) {
  auto feed = std::make_shared<FeedRun>(io_, feed_config, ++feed_runs_);
  feed->state = state_->feed(feed_config.name).value_or(FeedState{.name = feed_config.name});
  feed->file_root = fetch::local_feed_root(feed_config.url);
  feeds_[feed_config.name] = feed;
  const std::int64_t wait_s = poll_now ? 0 : std::max<std::int64_t>(0, feed->state.next_due - unix_now());
  schedule(feed, std::chrono::seconds(wait_s));
}

void Service::schedule(const FeedPtr& feed, milliseconds delay) {
  feed->timer.expires_after(delay);
  feed->timer.async_wait([this, feed](const boost::system::error_code& ec) {
    if (ec || feed->removed || stopping_ || finished_called_) return;
    poll(feed);
  });
}

void Service::poll(const FeedPtr& feed) {
  feed->polling = true;
  ++feeds_busy_;
  fetch::Request request{
      .url = feed->config.url,
      .validators = {.etag = feed->state.etag, .last_modified = feed->state.last_modified},
      .configured = true,
      .honour_robots = feed->config.robots,
      .headers = feed->config.headers,
  };
  client_->get(std::move(request), [this, feed](fetch::Response response) {
    if (finished_called_) return;
    on_feed_response(feed, std::move(response));
  });
}

void Service::on_feed_response(const FeedPtr& feed, fetch::Response response) {
  if (feed->removed || stopping_) return feed_done(feed);
  if (response.error.code != fetch::ErrorCode::kCancelled) {
    metrics_.fetched("feed", response.status, response.timing.total);
  }
  if (!response.ok()) {
    feed_failed(feed, response, response.error);
    return feed_done(feed);
  }
  feed->origin = fetch::origin_of(response);
  if (response.unchanged) {
    log_.log(Level::kInfo, "feed-fetched",
             {{"feed", feed->config.name}, {"url", feed->config.url}, {"http_status", response.status},
              {"elapsed_ms", response.timing.total.count()}, {"items", 0}, {"new_items", 0},
              {"unchanged", "true"}});
    feed_succeeded(feed, response);
    return feed_done(feed);
  }
  const fetch::FeedOptions options{.link_pattern = feed->config.link_pattern,
                                   .selector = feed->config.selector,
                                   .file_root = feed->file_root};
  const std::string charset = feed->config.charset.empty() ? response.charset : feed->config.charset;
  // Parsing a 2,000-item feed is CPU work: the pool does it.
  boost::asio::post(pool_, [this, feed, options, charset, response = std::move(response)]() mutable {
    fetch::Feed parsed = fetch::parse_feed(response.body, response.final_url, charset, options);
    std::string().swap(response.body);
    boost::asio::post(io_, [this, feed, response = std::move(response), parsed = std::move(parsed)]() mutable {
      if (finished_called_) return;
      on_feed_parsed(feed, response, std::move(parsed));
    });
  });
}

void Service::on_feed_parsed(const FeedPtr& feed, const fetch::Response& response, fetch::Feed parsed) {
  if (feed->removed || stopping_) return feed_done(feed);
  if (!parsed.error.ok()) {
    feed_failed(feed, response, parsed.error);
    return feed_done(feed);
  }
  if (!kind_matches(feed->config.kind, parsed.kind)) {
    log_.log(Level::kWarning, "feed-kind-mismatch",
             {{"feed", feed->config.name}, {"configured", config::feed_kind_name(feed->config.kind)},
              {"found", fetch::feed_kind_name(parsed.kind)}});
  }
  const std::size_t queued = queue_items(feed, parsed);
  log_.log(Level::kInfo, "feed-fetched",
           {{"feed", feed->config.name}, {"url", response.final_url}, {"http_status", response.status},
            {"elapsed_ms", response.timing.total.count()}, {"kind", fetch::feed_kind_name(parsed.kind)},
            {"items", parsed.items.size()}, {"new_items", queued}, {"warnings", parsed.warnings.size()}});
  for (const std::string& warning : parsed.warnings) {
    log_.log(Level::kDebug, "feed-warning",
             {{"feed", feed->config.name}, {"url", feed->config.url}, {"message", warning}});
  }
  feed_succeeded(feed, response);
  feed_done(feed);
  dispatch();
}

std::size_t Service::queue_items(const FeedPtr& feed, const fetch::Feed& parsed) {
  std::size_t queued = 0;
  for (const fetch::FeedItem& item : parsed.items) {
    std::string key = fetch::url_key(item.url);
    if (key.empty()) continue;
    std::string stamp = item_stamp(item.published, item.title);
    // A seen page is fetched again only when the feed says it changed, or
    // when it answered 404/410 and its next retry is due (gone_retry.h).
    if (const auto seen = state_->seen(key); seen && seen->item_stamp == stamp) {
      const std::optional<std::int64_t> retry_at = gone_retry_at(*seen);
      if (!retry_at) continue;
      if (*retry_at > unix_now()) {
        feed->lost = true;  // not settled yet: no 304 may hide the retry
        continue;
      }
    }
    ArticleJob job{.feed = feed->config.name,
                   .url = item.url,
                   .url_key = key,
                   .host = host_of(key),
                   .stamp = std::move(stamp),
                   .local = item.url.starts_with("file:"),
                   .feed_run = feed->id};
    if (queue_.push(std::move(job))) {
      ++queued;
    } else {
      feed->lost = true;  // another job holds the page: see FeedRun::lost
    }
  }
  feed->outstanding += static_cast<int>(queued);
  feed->counters.items += queued;
  totals_.items += queued;
  return queued;
}

void Service::feed_succeeded(const FeedPtr& feed, const fetch::Response& response) {
  const auto now = std::chrono::system_clock::now();
  FeedState& state = feed->state;
  state.failures = 0;
  if (!response.unchanged) {
    feed->fresh = response.validators;
    const bool all_settled = feed->outstanding == 0;
    const bool keep = all_settled && !feed->lost;
    if (all_settled) feed->lost = false;  // nothing left for settle() to reset it
    state.etag = keep ? feed->fresh.etag : "";
    state.last_modified = keep ? feed->fresh.last_modified : "";
  }
  state.last_success = unix_now();
  const milliseconds delay = next_poll_delay(
      {.interval = feed->config.interval, .max_backoff = config_.max_backoff, .failures = 0,
       .server_hint = fetch::server_poll_hint(response, now)},
      uniform01());
  state.next_due = unix_now() + std::chrono::duration_cast<std::chrono::seconds>(delay).count();
  if (std::string error = state_->save_feed(state); !error.empty()) {
    ++totals_.errors;
    log_.log(Level::kError, "error", {{"reason", "state"}, {"feed", feed->config.name}, {"message", error}});
  }
  if (!once_) schedule(feed, delay);
}

void Service::feed_failed(const FeedPtr& feed, const fetch::Response& response, const fetch::Error& error) {
  FeedState& state = feed->state;
  ++state.failures;
  ++feed->counters.poll_failures;
  ++totals_.poll_failures;
  if (once_) ++failed_feeds_;
  const milliseconds delay = next_poll_delay(
      {.interval = feed->config.interval, .max_backoff = config_.max_backoff, .failures = state.failures,
       .server_hint = fetch::server_poll_hint(response, std::chrono::system_clock::now())},
      uniform01());
  state.next_due = unix_now() + std::chrono::duration_cast<std::chrono::seconds>(delay).count();
  log_.log(Level::kWarning, "feed-failed",
           {{"feed", feed->config.name}, {"url", feed->config.url}, {"reason", fetch::error_name(error.code)},
            {"http_status", response.status}, {"failures", state.failures},
            {"retry_in_s", std::chrono::duration_cast<std::chrono::seconds>(delay).count()},
            {"message", error.message}});
  if (std::string save_error = state_->save_feed(state); !save_error.empty()) {
    log_.log(Level::kError, "error", {{"reason", "state"}, {"feed", feed->config.name}, {"message", save_error}});
  }
  if (!once_) schedule(feed, delay);
}

void Service::settle(const ArticleJob& job, bool settled) {
  const auto it = feeds_.find(job.feed);
  // A removed run (the feed dropped, or its URL changed) has no validators
  // left to save; its items must not count against the run now polling.
  if (it == feeds_.end() || it->second->id != job.feed_run) return;
  FeedRun& feed = *it->second;
  --feed.outstanding;
  if (!settled) feed.lost = true;
  if (feed.outstanding > 0) return;
  feed.outstanding = 0;
  if (!feed.lost) {
    feed.state.etag = feed.fresh.etag;
    feed.state.last_modified = feed.fresh.last_modified;
    if (std::string error = state_->save_feed(feed.state); !error.empty()) {
      log_.log(Level::kError, "error", {{"reason", "state"}, {"feed", job.feed}, {"message", error}});
    }
  }
  feed.lost = false;
}

void Service::feed_done(const FeedPtr& feed) {
  feed->polling = false;
  ++feed->counters.polls;
  ++totals_.polls;
  --feeds_busy_;
  maybe_finish();
}

}  // namespace jingwend
