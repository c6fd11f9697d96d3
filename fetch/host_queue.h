// Per-host politeness bookkeeping: which waiting request may start now.
//
// At most `per_host` requests run at once against one host, two starts to one
// host are at least `delay` apart, and at most `max_total` run overall. A
// host may also be held until a time (a 429/503 Retry-After applies to the
// whole site, not to the one URL). Hosts take turns: after a host starts a
// request it goes to the back of the line, so one big site does not starve
// the rest when max_total binds.
//
// Pure bookkeeping with the clock passed in: no timers, no I/O. Client drives
// it from one asio timer. Not thread-safe; it lives on the io thread.
#ifndef JINGWEN_FETCH_HOST_QUEUE_H_
#define JINGWEN_FETCH_HOST_QUEUE_H_

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <list>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace fetch {

class HostQueue {
 public:
  using Clock = std::chrono::steady_clock;
  using JobId = std::uint64_t;

  struct Start {
    JobId job;
    std::string host;
  };

  HostQueue(int per_host, std::chrono::milliseconds delay, int max_total);

  // Queues `job` for `host` (at the back, or the front for a retry that
  // should not lose its place).
  void push(const std::string& host, JobId job, bool front = false);
  // Removes a waiting job; false when it is not waiting (running or unknown).
  bool erase(JobId job);
  // Marks as started, and returns, every waiting job that may start at `now`.
  std::vector<Start> take_ready(Clock::time_point now);
  // A started job of `host` finished.
  void finished(const std::string& host);
  // No request to `host` starts before `until`.
  void hold(const std::string& host, Clock::time_point until);
  // When the earliest waiting job becomes startable by time alone; nullopt
  // when nothing waits or every waiting host is blocked by concurrency (a
  // finished() call will unblock it).
  std::optional<Clock::time_point> next_wakeup() const;

  std::size_t waiting() const { return waiting_; }
  std::size_t running() const { return running_; }
  std::size_t host_count() const { return hosts_.size(); }
  // Drops idle hosts whose delay has passed, keeping memory bounded on a
  // crawl over many hosts.
  void forget_idle(Clock::time_point now);

 private:
  struct Host {
    std::deque<JobId> jobs;
    int running = 0;
    Clock::time_point next_start{};  // earliest next start (delay and holds)
  };

  bool can_start(const Host& host, Clock::time_point now) const;

  const int per_host_;
  const std::chrono::milliseconds delay_;
  const int max_total_;
  std::unordered_map<std::string, Host> hosts_;
  std::list<std::string> turn_;  // hosts with waiting jobs, whose turn is next first
  std::unordered_map<JobId, std::string> job_host_;  // waiting jobs only
  std::size_t waiting_ = 0;
  std::size_t running_ = 0;
};

}  // namespace fetch

#endif  // JINGWEN_FETCH_HOST_QUEUE_H_
