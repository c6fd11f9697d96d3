#include "daemon/schedule.h"

#include <algorithm>

namespace jingwend {
namespace {

// 2^20 intervals is beyond any sane cap; stop doubling before overflow.
constexpr int kMaxDoublings = 20;

Millis backoff(const PollTiming& timing) {
  Millis wait = timing.interval;
  const int doublings = std::min(timing.failures, kMaxDoublings);
  for (int i = 0; i < doublings && wait < timing.max_backoff; ++i) wait *= 2;
  return std::min(wait, std::max(timing.max_backoff, timing.interval));
}

}  // namespace

Millis next_poll_delay(const PollTiming& timing, double uniform01) {
  const Millis base = timing.failures > 0 ? backoff(timing) : timing.interval;
  const auto jitter = Millis(static_cast<Millis::rep>(
      static_cast<double>(base.count()) * kJitterFraction * uniform01));
  Millis wait = base + jitter;
  if (timing.server_hint) wait = std::max(wait, std::min(*timing.server_hint, kMaxServerHint));
  return wait;
}

}  // namespace jingwend
