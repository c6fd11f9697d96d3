// The article fetches waiting for their turn: one FIFO per host, served round
// robin, so a feed listing 500 pages of one site does not starve the others.
// The fetch client keeps its own per-host politeness; this queue only decides
// what is handed to it, so back-pressure can hold everything not yet started.
// Not thread-safe: the I/O thread owns it.
#ifndef JINGWEN_DAEMON_ARTICLE_QUEUE_H_
#define JINGWEN_DAEMON_ARTICLE_QUEUE_H_

#include <cstddef>
#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace jingwend {

struct ArticleJob {
  std::string feed = {};     // the feed's name
  std::string url = {};      // the item URL
  std::string url_key = {};  // fetch::url_key(url)
  std::string host = {};     // politeness bucket ("" for local files)
  std::string stamp = {};    // dedup.h item_stamp() of the feed item
  bool local = false;        // a file:// page under a local feed's folder
  std::uint64_t feed_run = 0;  // the poll loop of `feed` that queued it (service.h)
};

class ArticleQueue {
 public:
  // Queues the job; false (and nothing queued) when its url_key is already
  // queued or active — two feeds listing one page fetch it once.
  bool push(ArticleJob job);
  // The next job, round robin over hosts, from a host with fewer than
  // `per_host_limit` active jobs; it becomes active. nullopt when none.
  std::optional<ArticleJob> pop(int per_host_limit);
  // An active job finished (any outcome): frees its host slot and its key.
  void done(const ArticleJob& job);
  // Drops every queued (not active) job and returns them.
  std::vector<ArticleJob> clear();

  std::size_t queued() const { return queued_; }
  std::size_t active() const { return active_; }

 private:
  std::unordered_map<std::string, std::deque<ArticleJob>> by_host_;
  std::deque<std::string> ring_;  // hosts with queued jobs, in serving order
  std::unordered_map<std::string, int> active_by_host_;
  std::unordered_set<std::string> keys_;  // queued or active
  std::size_t queued_ = 0;
  std::size_t active_ = 0;
};

}  // namespace jingwend

#endif  // JINGWEN_DAEMON_ARTICLE_QUEUE_H_
