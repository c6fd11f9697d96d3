// When a feed is polled next. Pure: the outcome of the last poll, the server's
// hint and the random draw come in as arguments, so tests pin every case.
#ifndef JINGWEN_DAEMON_SCHEDULE_H_
#define JINGWEN_DAEMON_SCHEDULE_H_

#include <chrono>
#include <optional>

namespace jingwend {

using Millis = std::chrono::milliseconds;

// Up to this fraction of the interval is added at random, so a thousand
// feeds configured at once do not poll in lockstep.
inline constexpr double kJitterFraction = 0.10;
// A server hint (Retry-After, Cache-Control max-age) longer than this is
// read as this: a misconfigured max-age of a year must not silence a feed.
inline constexpr Millis kMaxServerHint = std::chrono::hours(24);

struct PollTiming {
  Millis interval{0};     // the feed's configured interval
  Millis max_backoff{0};  // cap of the failure backoff
  int failures = 0;       // consecutive failed polls, this one included
  std::optional<Millis> server_hint = {};  // fetch::server_poll_hint()
};

// The wait until the next poll:
//   success: interval + jitter, or the server hint when that is longer;
//   failure: min(max_backoff, interval * 2^failures) + jitter, or the server
//            hint (Retry-After) when that is longer.
// REQUIRES: 0 <= uniform01 < 1.
Millis next_poll_delay(const PollTiming& timing, double uniform01);

}  // namespace jingwend

#endif  // JINGWEN_DAEMON_SCHEDULE_H_
