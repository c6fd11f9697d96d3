#include "fetch/host_queue.h"

#include <algorithm>

namespace fetch {

HostQueue::HostQueue(int per_host, std::chrono::milliseconds delay, int max_total)
    : per_host_(std::max(1, per_host)),
      delay_(std::max(std::chrono::milliseconds(0), delay)),
      max_total_(std::max(1, max_total)) {}

void HostQueue::push(const std::string& host, JobId job, bool front) {
  Host& h = hosts_[host];
  if (h.jobs.empty()) turn_.push_back(host);
  if (front) {
    h.jobs.push_front(job);
  } else {
    h.jobs.push_back(job);
  }
  job_host_[job] = host;
  ++waiting_;
}

bool HostQueue::erase(JobId job) {
  const auto found = job_host_.find(job);
  if (found == job_host_.end()) return false;
  const std::string host = found->second;
  job_host_.erase(found);
  Host& h = hosts_[host];
  h.jobs.erase(std::find(h.jobs.begin(), h.jobs.end(), job));
  if (h.jobs.empty()) turn_.remove(host);
  --waiting_;
  return true;
}

bool HostQueue::can_start(const Host& host, Clock::time_point now) const {
  return !host.jobs.empty() && host.running < per_host_ && now >= host.next_start;
}

std::vector<HostQueue::Start> HostQueue::take_ready(Clock::time_point now) {
  std::vector<Start> started;
  // Rounds over the line of hosts: each round a host starts at most one job
  // and goes to the back, until a round starts nothing.
  bool progress = true;
  while (progress && running_ < static_cast<std::size_t>(max_total_)) {
    progress = false;
    for (std::size_t n = turn_.size(); n > 0 && running_ < static_cast<std::size_t>(max_total_); --n) {
      const auto it = turn_.begin();
      Host& h = hosts_[*it];
      if (can_start(h, now)) {
        const JobId job = h.jobs.front();
        h.jobs.pop_front();
        job_host_.erase(job);
        --waiting_;
        ++running_;
        ++h.running;
        h.next_start = now + delay_;
        started.push_back({job, *it});
        progress = true;
      }
      if (h.jobs.empty()) {
        turn_.erase(it);
      } else {
        turn_.splice(turn_.end(), turn_, it);
      }
    }
  }
  return started;
}

void HostQueue::finished(const std::string& host) {
  const auto found = hosts_.find(host);
  if (found == hosts_.end() || found->second.running == 0) return;
  --found->second.running;
  --running_;
}

void HostQueue::hold(const std::string& host, Clock::time_point until) {
  Host& h = hosts_[host];
  h.next_start = std::max(h.next_start, until);
}

std::optional<HostQueue::Clock::time_point> HostQueue::next_wakeup() const {
  if (running_ >= static_cast<std::size_t>(max_total_)) return std::nullopt;
  std::optional<Clock::time_point> earliest;
  for (const std::string& name : turn_) {
    const Host& h = hosts_.at(name);
    if (h.running >= per_host_) continue;
    if (!earliest || h.next_start < *earliest) earliest = h.next_start;
  }
  return earliest;
}

void HostQueue::forget_idle(Clock::time_point now) {
  std::erase_if(hosts_, [now](const auto& entry) {
    const Host& h = entry.second;
    return h.jobs.empty() && h.running == 0 && h.next_start <= now;
  });
}

}  // namespace fetch
