#include "daemon/article_queue.h"

#include <utility>

namespace jingwend {

bool ArticleQueue::push(ArticleJob job) {
  if (!keys_.insert(job.url_key).second) return false;
  std::deque<ArticleJob>& fifo = by_host_[job.host];
  if (fifo.empty()) ring_.push_back(job.host);
  fifo.push_back(std::move(job));
  ++queued_;
  return true;
}

std::optional<ArticleJob> ArticleQueue::pop(int per_host_limit) {
  // Each host is looked at once; a host at its limit moves to the back.
  for (std::size_t tries = ring_.size(); tries > 0; --tries) {
    std::string host = std::move(ring_.front());
    ring_.pop_front();
    int& active = active_by_host_[host];
    if (active >= per_host_limit) {
      ring_.push_back(std::move(host));
      continue;
    }
    std::deque<ArticleJob>& fifo = by_host_[host];
    ArticleJob job = std::move(fifo.front());
    fifo.pop_front();
    if (fifo.empty()) {
      by_host_.erase(host);
    } else {
      ring_.push_back(host);
    }
    ++active;
    --queued_;
    ++active_;
    return job;
  }
  return std::nullopt;
}

void ArticleQueue::done(const ArticleJob& job) {
  keys_.erase(job.url_key);
  const auto it = active_by_host_.find(job.host);
  if (it != active_by_host_.end() && --it->second <= 0) active_by_host_.erase(it);
  if (active_ > 0) --active_;
}

std::vector<ArticleJob> ArticleQueue::clear() {
  std::vector<ArticleJob> dropped;
  for (auto& [host, fifo] : by_host_) {
    for (ArticleJob& job : fifo) {
      keys_.erase(job.url_key);
      dropped.push_back(std::move(job));
    }
  }
  by_host_.clear();
  ring_.clear();
  queued_ = 0;
  return dropped;
}

}  // namespace jingwend
