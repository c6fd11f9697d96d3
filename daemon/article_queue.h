// The article fetches waiting for their turn. Feeds take turns, and within a
// feed its hosts take turns, so neither a feed listing 500 pages of one site
// nor one listing pages on 500 sites starves the others:
//   - at most `max_active` jobs are active in all;
//   - a host (fetch::site_key, the bucket fetch/'s politeness uses) has at
//     most `per_host_limit` jobs active, whichever feeds they came from;
//   - a feed has at most its share of `max_active` jobs active: max_active
//     divided by one more than the number of feeds with work (rounded up),
//     so a feed that gets work later always finds slots free (with
//     max_active = 1 the one slot is still taken by whoever comes first).
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
  std::string host = {};     // politeness bucket, fetch::site_key ("" for local files)
  std::string stamp = {};    // dedup.h item_stamp() of the feed item
  bool local = false;        // a file:// page under a local feed's folder
  std::uint64_t feed_run = 0;  // the poll loop of `feed` that queued it (service.h)
};

class ArticleQueue {
 public:
  // Queues the job; false (and nothing queued) when its url_key is already
  // queued or active — two feeds listing one page fetch it once.
  bool push(ArticleJob job);
  // The next job, round robin over feeds and then over the feed's hosts,
  // within the limits of the file comment; it becomes active. nullopt when
  // none may start now.
  std::optional<ArticleJob> pop(int per_host_limit, std::size_t max_active);
  // An active job finished (any outcome): frees its host and feed slots and
  // its key.
  void done(const ArticleJob& job);
  // Drops every queued (not active) job and returns them.
  std::vector<ArticleJob> clear();

  std::size_t queued() const { return queued_; }
  std::size_t active() const { return active_; }

 private:
  // One feed's queued jobs (a FIFO per host, hosts in serving order) and its
  // active count. Kept while it has either.
  struct FeedLine {
    std::unordered_map<std::string, std::deque<ArticleJob>> by_host;
    std::deque<std::string> hosts;
    std::size_t queued = 0;
    std::size_t active = 0;
  };

  std::optional<ArticleJob> pop_from(FeedLine& line, int per_host_limit);
  void forget_if_idle(const std::string& feed);

  std::unordered_map<std::string, FeedLine> feeds_;
  std::deque<std::string> ring_;  // feeds with queued jobs, in serving order
  std::unordered_map<std::string, int> active_by_host_;
  std::unordered_set<std::string> keys_;  // queued or active
  std::size_t queued_ = 0;
  std::size_t active_ = 0;
};

}  // namespace jingwend

#endif  // JINGWEN_DAEMON_ARTICLE_QUEUE_H_
