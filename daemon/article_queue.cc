#include "daemon/article_queue.h"

#include <algorithm>
#include <utility>

namespace jingwend {

bool ArticleQueue::push(ArticleJob job) {
  if (!keys_.insert(job.url_key).second) return false;
  FeedLine& line = feeds_[job.feed];
  if (line.queued == 0) ring_.push_back(job.feed);
  std::deque<ArticleJob>& fifo = line.by_host[job.host];
  if (fifo.empty()) line.hosts.push_back(job.host);
  fifo.push_back(std::move(job));
  ++line.queued;
  ++queued_;
  return true;
}

std::optional<ArticleJob> ArticleQueue::pop(int per_host_limit, std::size_t max_active) {
  if (active_ >= max_active) return std::nullopt;
  // One more than the feeds with work: room for the next feed to arrive.
  const std::size_t sharers = feeds_.size() + 1;
  const std::size_t share = std::max<std::size_t>(1, (max_active + sharers - 1) / sharers);
  // Each feed is looked at once; one at its share or with every host at its
  // limit moves to the back.
  for (std::size_t tries = ring_.size(); tries > 0; --tries) {
    std::string feed = std::move(ring_.front());
    ring_.pop_front();
    FeedLine& line = feeds_.at(feed);
    std::optional<ArticleJob> job;
    if (line.active < share) job = pop_from(line, per_host_limit);
    if (line.queued > 0) ring_.push_back(std::move(feed));
    if (job) return job;
  }
  return std::nullopt;
}

// The next job of `line`, round robin over its hosts, from a host under its
// limit; its host, feed and totals count it active.
std::optional<ArticleJob> ArticleQueue::pop_from(FeedLine& line, int per_host_limit) {
  for (std::size_t tries = line.hosts.size(); tries > 0; --tries) {
    std::string host = std::move(line.hosts.front());
    line.hosts.pop_front();
    int& active = active_by_host_[host];
    if (active >= per_host_limit) {
      line.hosts.push_back(std::move(host));
      continue;
    }
    std::deque<ArticleJob>& fifo = line.by_host.at(host);
    ArticleJob job = std::move(fifo.front());
    fifo.pop_front();
    if (fifo.empty()) {
      line.by_host.erase(host);
    } else {
      line.hosts.push_back(std::move(host));
    }
    ++active;
    --line.queued;
    ++line.active;
    --queued_;
    ++active_;
    return job;
  }
  return std::nullopt;
}

void ArticleQueue::done(const ArticleJob& job) {
  keys_.erase(job.url_key);
  const auto host = active_by_host_.find(job.host);
  if (host != active_by_host_.end() && --host->second <= 0) active_by_host_.erase(host);
  if (const auto feed = feeds_.find(job.feed); feed != feeds_.end() && feed->second.active > 0) {
    --feed->second.active;
    forget_if_idle(job.feed);
  }
  if (active_ > 0) --active_;
}

void ArticleQueue::forget_if_idle(const std::string& feed) {
  const auto it = feeds_.find(feed);
  if (it != feeds_.end() && it->second.queued == 0 && it->second.active == 0) feeds_.erase(it);
}

std::vector<ArticleJob> ArticleQueue::clear() {
  std::vector<ArticleJob> dropped;
  for (auto& [feed, line] : feeds_) {
    for (auto& [host, fifo] : line.by_host) {
      for (ArticleJob& job : fifo) {
        keys_.erase(job.url_key);
        dropped.push_back(std::move(job));
      }
    }
    line.by_host.clear();
    line.hosts.clear();
    line.queued = 0;
  }
  std::erase_if(feeds_, [](const auto& entry) { return entry.second.active == 0; });
  ring_.clear();
  queued_ = 0;
  return dropped;
}

}  // namespace jingwend
