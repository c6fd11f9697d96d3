// Steps 3-7 of service.h: the back-pressure gate, the article fetch, cleaning
// and fingerprints on the pool, dedup, the spool write, the state commit.
// The commit comes after the spool rename: a crash in between re-writes the
// same record name on the next run, never loses the article.
#include <boost/asio/post.hpp>
#include <chrono>
#include <utility>

#include "clean/clean.h"
#include "daemon/dedup.h"
#include "daemon/digest.h"
#include "daemon/gone_retry.h"
#include "daemon/record.h"
#include "daemon/service.h"
#include "daemon/service_internal.h"

namespace jingwend {
namespace {

using std::chrono::steady_clock;

// How stale the spool's file count and free space may be before the gate
// reads the directory again; also the retry period while paused.
constexpr std::chrono::milliseconds kPressureRecheck{1000};

std::size_t code_points(std::string_view utf8) {
  std::size_t n = 0;
  for (unsigned char c : utf8) n += (c & 0xC0) != 0x80;
  return n;
}

std::string iso_utc_now() {
  const std::time_t t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

// The extractor's notes on how it found the body, or why there is none.
std::string joined_notes(const clean::Article& article) {
  std::string out;
  for (const std::string& r : article.reasons) out += (out.empty() ? "" : "; ") + r;
  return out;
}

std::string joined_reasons(const clean::Article& article) {
  std::string out = joined_notes(article);
  return out.empty() ? "no body" : out;
}

// 404 and 410 say the page is gone, or not there yet: remembered as gone and
// retried a bounded number of times (gone_retry.h), not on every poll. Other
// failures are retried at the next poll.
bool page_gone(const fetch::Response& response) {
  return response.error.code == fetch::ErrorCode::kHttpStatus &&
         (response.status == 404 || response.status == 410);
}

}  // namespace

void Service::dispatch() {
  if (stopping_ || finished_called_) return;
  const int per_host = config_.per_host_concurrency + 1;  // one waiting behind the running ones
  while (queue_.queued() > 0 && queue_.active() < static_cast<std::size_t>(config_.max_in_flight)) {
    if (under_pressure()) return;
    std::optional<ArticleJob> job = queue_.pop(per_host, static_cast<std::size_t>(config_.max_in_flight));
    if (!job) return;
    fetch_article(std::move(*job));
  }
}

bool Service::under_pressure() {
  if (paused_) return true;
  if (steady_clock::now() - pressure_checked_ >= kPressureRecheck) {
    pending_ = spool_->pending();
    free_bytes_ = spool_->free_bytes();
    pressure_checked_ = steady_clock::now();
  }
  const bool full = pending_ >= config_.max_pending;
  const bool low = free_bytes_ && *free_bytes_ < config_.min_free;
  if (!full && !low) return false;
  paused_ = true;
  log_.log(Level::kWarning, "paused",
           {{"reason", full ? "max-pending" : "min-free"}, {"pending", pending_},
            {"max_pending", config_.max_pending}, {"free_bytes", free_bytes_.value_or(0)},
            {"min_free", config_.min_free}, {"queued", queue_.queued()}});
  recheck_pressure();
  return true;
}

void Service::recheck_pressure() {
  pressure_timer_.expires_after(kPressureRecheck);
  pressure_timer_.async_wait([this](const boost::system::error_code& ec) {
    if (ec || stopping_ || finished_called_) return;
    pending_ = spool_->pending();
    free_bytes_ = spool_->free_bytes();
    pressure_checked_ = steady_clock::now();
    const bool low = free_bytes_ && *free_bytes_ < config_.min_free;
    if (pending_ >= config_.max_pending || low) return recheck_pressure();
    paused_ = false;
    log_.log(Level::kNotice, "resumed", {{"pending", pending_}, {"free_bytes", free_bytes_.value_or(0)}});
    dispatch();
  });
}

void Service::fetch_article(ArticleJob job) {
  const auto feed = feeds_.find(job.feed);
  fetch::Request request{.url = job.url, .configured = job.local};
  if (feed != feeds_.end()) {
    request.honour_robots = feed->second->config.robots;
    request.headers = feed->second->config.headers;
    // The feed's own origin may be on a private network: the operator chose
    // it. Only that origin, at the address the feed came from.
    request.own_origin = feed->second->origin;
  }
  client_->get(std::move(request), [this, job = std::move(job)](fetch::Response response) mutable {
    if (finished_called_) return;
    on_article_response(std::move(job), std::move(response));
  });
}

void Service::on_article_response(ArticleJob job, fetch::Response response) {
  if (!response.ok()) {
    if (response.error.code == fetch::ErrorCode::kCancelled) return article_done(job, /*settled=*/false);
    metrics_.fetched("article", response.status, response.timing.total);
    metrics_.dropped("fetch-failed");
    ++totals_.errors;
    if (Counters* c = feed_counters(job.feed)) ++c->errors;
    log_.log(Level::kWarning, "article-failed",
             {{"feed", job.feed}, {"url", job.url}, {"reason", fetch::error_name(response.error.code)},
              {"http_status", response.status}, {"elapsed_ms", response.timing.total.count()},
              {"message", response.error.message}});
    const bool given_up = page_gone(response) && remember_gone(job, response.status);
    return article_done(job, /*settled=*/given_up);
  }
  metrics_.fetched("article", response.status, response.timing.total);
  log_.log(Level::kInfo, "article-fetched",
           {{"feed", job.feed}, {"url", job.url}, {"http_status", response.status},
            {"elapsed_ms", response.timing.total.count()}, {"bytes", response.body.size()}});
  clean::Options options;
  std::string charset = response.charset;
  if (const auto feed = feeds_.find(job.feed); feed != feeds_.end()) {
    options.content_selector = feed->second->config.content_selector;
    if (!feed->second->config.charset.empty()) charset = feed->second->config.charset;
  }
  options.opencc_config = config_.opencc;
  // Extraction and fingerprints are CPU work: the pool does them on copies.
  ++cleaning_;
  boost::asio::post(pool_, [this, job = std::move(job), response = std::move(response), options,
                            charset]() mutable {
    Cleaned cleaned = clean_page(response, charset, options);
    std::string().swap(response.body);
    boost::asio::post(io_, [this, job = std::move(job), response = std::move(response),
                            cleaned = std::move(cleaned)]() mutable {
      if (finished_called_) return;
      --cleaning_;
      // Past shutdown_timeout the page was given up on: not spooled, not seen.
      if (abandoning_) return article_done(job, /*settled=*/false);
      on_article_cleaned(job, response, std::move(cleaned));
    });
  });
}

// On the pool. Whatever goes wrong in cleaning one page (an allocation
// that fails, an exception from a library) is that page's outcome, set in
// `failure`: the worker and the process go on.
Service::Cleaned Service::clean_page(const fetch::Response& response, const std::string& charset,
                                     const clean::Options& options) noexcept {
  Cleaned cleaned;
  const auto started = std::chrono::steady_clock::now();
  try {
    cleaned.article = clean::extract(
        clean::Input{.bytes = response.body, .url = response.final_url, .http_charset = charset}, options);
    cleaned.text = cleaned.article.text();
    if (!cleaned.article.empty()) {
      cleaned.content_sha256 = sha256_hex(cleaned.text);
      cleaned.chars = code_points(cleaned.text);
      if (cleaned.chars >= kMinSimhashChars) cleaned.simhash = simhash(cleaned.text);
    }
  } catch (const std::exception& e) {
    cleaned = Cleaned{};
    cleaned.failure = e.what();
  } catch (...) {
    cleaned = Cleaned{};
    cleaned.failure = "unknown exception";
  }
  cleaned.took = std::chrono::steady_clock::now() - started;
  return cleaned;
}

void Service::on_article_cleaned(const ArticleJob& job, const fetch::Response& response, Cleaned cleaned) {
  Counters* feed = feed_counters(job.feed);
  metrics_.cleaned(cleaned.took);
  if (!cleaned.failure.empty() || cleaned.article.empty()) {
    // Remembered like a non-article: not fetched again until its feed item changes.
    const bool failed = !cleaned.failure.empty();
    metrics_.dropped(failed ? "clean-failed" : "not-article");
    const std::string reason =
        failed ? "clean-failed:" + cleaned.failure : "not-article:" + joined_reasons(cleaned.article);
    ++totals_.skipped;
    if (feed) ++feed->skipped;
    log_.log(failed ? Level::kWarning : Level::kInfo, "skipped",
             {{"feed", job.feed}, {"url", job.url}, {"reason", reason}});
    remember(job, SeenKind::kNotArticle, nullptr, reason, "");
    return article_done(job, /*settled=*/true);
  }
  Judgement j = judge(*state_, job.url_key, cleaned.content_sha256, cleaned.simhash, cleaned.chars,
                      config_.near_duplicate_distance);
  if (j.spool()) j = judge_writing(cleaned, j);
  switch (j.verdict) {
    case Verdict::kNew:
    case Verdict::kRevision:
      return write_article(job, response.final_url, std::move(cleaned), j.verdict);  // done when written
    case Verdict::kUnchanged:
      ++totals_.unchanged;
      if (feed) ++feed->unchanged;
      log_.log(Level::kInfo, "unchanged", {{"feed", job.feed}, {"url", job.url}, {"chars", cleaned.chars}});
      remember(job, SeenKind::kSpooled, &cleaned, "", "");
      break;
    case Verdict::kSameContent:
    case Verdict::kNearDuplicate:
      metrics_.dropped(verdict_name(j.verdict));
      ++totals_.duplicates;
      if (feed) ++feed->duplicates;
      log_.log(Level::kInfo, "duplicate",
               {{"feed", job.feed}, {"url", job.url}, {"reason", verdict_name(j.verdict)},
                {"original", j.other_url}, {"distance", j.distance}, {"chars", cleaned.chars}});
      remember(job, SeenKind::kDuplicate, &cleaned, verdict_name(j.verdict), j.other_url);
      break;
  }
  article_done(job, /*settled=*/true);
}

Judgement Service::judge_writing(const Cleaned& cleaned, Judgement verdict) const {
  for (const Writing& w : writing_) {
    if (w.content_sha256 == cleaned.content_sha256) {
      return {.verdict = Verdict::kSameContent, .other_url = w.url};
    }
    if (config_.near_duplicate_distance < 0 || cleaned.simhash == 0 || w.simhash == 0) continue;
    const int distance = hamming_distance(w.simhash, cleaned.simhash);
    if (distance <= config_.near_duplicate_distance) {
      return {.verdict = Verdict::kNearDuplicate, .other_url = w.url, .distance = distance};
    }
  }
  return verdict;
}

void Service::write_article(const ArticleJob& job, std::string final_url, Cleaned cleaned, Verdict verdict) {
  writing_.push_back({.url_key = job.url_key, .url = job.url, .content_sha256 = cleaned.content_sha256,
                      .simhash = cleaned.simhash});
  const config::RecordFormat format = config_.format;
  // The write fsyncs twice (file, folder): the store thread waits, not the loop.
  boost::asio::post(store_, [this, job, final_url = std::move(final_url), cleaned = std::move(cleaned), verdict,
                             format]() mutable {
    Written written{.name = record_name(job.url_key, cleaned.content_sha256, format), .verdict = verdict};
    Record record{.url = job.url,
                  .final_url = std::move(final_url),
                  .feed = job.feed,
                  .article = std::move(cleaned.article),
                  .fetched_at = iso_utc_now(),
                  .content_sha256 = cleaned.content_sha256};
    written.error = spool_->write(written.name, format_record(record, format), &written.consumed);
    cleaned.article.title = std::move(record.article.title);
    cleaned.article.spam_removed = record.article.spam_removed;
    cleaned.article.reasons = std::move(record.article.reasons);  // for the log line
    std::string().swap(cleaned.text);
    boost::asio::post(io_, [this, job = std::move(job), cleaned = std::move(cleaned),
                            written = std::move(written)]() {
      if (finished_called_) return;
      on_written(job, cleaned, written);
    });
  });
}

void Service::on_written(const ArticleJob& job, const Cleaned& cleaned, const Written& written) {
  std::erase_if(writing_, [&](const Writing& w) { return w.url_key == job.url_key; });
  if (!written.error.empty()) {
    // Not remembered: the next poll fetches the page again.
    ++totals_.errors;
    log_.log(Level::kError, "error",
             {{"reason", "spool"}, {"feed", job.feed}, {"url", job.url}, {"message", written.error}});
    return article_done(job, /*settled=*/false);
  }
  if (!written.consumed) ++pending_;
  if (delivery_ && !written.consumed) delivery_->poke();
  ++totals_.spooled;
  metrics_.spam_removed(static_cast<std::uint64_t>(cleaned.article.spam_removed));
  if (Counters* c = feed_counters(job.feed)) ++c->spooled;
  remember(job, SeenKind::kSpooled, &cleaned, "", "");
  log_.log(Level::kInfo, "spooled",
           {{"feed", job.feed}, {"url", job.url}, {"name", written.name}, {"chars", cleaned.chars},
            {"title", cleaned.article.title}, {"verdict", verdict_name(written.verdict)},
            {"spam_removed", cleaned.article.spam_removed},
            {"already_consumed", written.consumed ? "true" : "false"}, {"notes", joined_notes(cleaned.article)}});
  article_done(job, /*settled=*/true);
}

void Service::remember(const ArticleJob& job, SeenKind kind, const Cleaned* cleaned, std::string_view reason,
                       std::string_view duplicate_of) {
  const std::int64_t now = unix_now();
  SeenEntry entry{.url_key = job.url_key, .url = job.url, .feed = job.feed, .kind = kind,
                  .item_stamp = job.stamp, .duplicate_of = std::string(duplicate_of),
                  .reason = std::string(reason), .first_seen = now, .updated = now};
  if (const auto before = state_->seen(job.url_key)) {
    entry.first_seen = before->first_seen;
    // 404/410s of one feed item count up to gone_retry.h's bound.
    if (before->kind == SeenKind::kGone && before->item_stamp == job.stamp) entry.attempts = before->attempts;
  }
  if (kind == SeenKind::kGone) ++entry.attempts;
  if (cleaned) {
    entry.content_sha256 = cleaned->content_sha256;
    entry.simhash = cleaned->simhash;
    if (kind == SeenKind::kSpooled) entry.spool_name = record_name(job.url_key, cleaned->content_sha256, config_.format);
  }
  if (std::string error = state_->commit(entry); !error.empty()) {
    ++totals_.errors;
    log_.log(Level::kError, "error", {{"reason", "state"}, {"feed", job.feed}, {"url", job.url}, {"message", error}});
  }
}

bool Service::remember_gone(const ArticleJob& job, int http_status) {
  remember(job, SeenKind::kGone, nullptr, "http-" + std::to_string(http_status), "");
  const std::optional<SeenEntry> entry = state_->seen(job.url_key);
  const std::optional<std::int64_t> retry_at = entry ? gone_retry_at(*entry) : std::nullopt;
  log_.log(Level::kInfo, "gone",
           {{"feed", job.feed}, {"url", job.url}, {"http_status", http_status},
            {"attempts", entry ? entry->attempts : 0},
            {"retry_in_s", retry_at ? *retry_at - unix_now() : 0}, {"given_up", retry_at ? "false" : "true"}});
  return !retry_at;
}

void Service::article_done(const ArticleJob& job, bool settled) {
  queue_.done(job);
  settle(job, settled);
  dispatch();
  maybe_finish();
}

Counters* Service::feed_counters(const std::string& feed_name) {
  const auto it = feeds_.find(feed_name);
  return it == feeds_.end() ? nullptr : &it->second->counters;
}

}  // namespace jingwend
