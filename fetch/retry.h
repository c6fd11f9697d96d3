// When and how long to wait before trying a failed request again. Pure: the
// clock and the random draw come in as arguments.
#ifndef JINGWEN_FETCH_RETRY_H_
#define JINGWEN_FETCH_RETRY_H_

#include <chrono>
#include <optional>
#include <string_view>

#include "fetch/fetch.h"

namespace fetch {

// Network errors (kDns, kConnect, kTimeout, kNetwork), 5xx and 429 are worth
// another attempt; everything else (4xx, too large, robots, TLS, bad URL,
// redirect loops, cancelled) is final.
bool retryable(const Response& response);

// The Retry-After header as a delay from `now`: delta-seconds ("120") or an
// HTTP-date ("Wed, 21 Oct 2015 07:28:00 GMT", also the RFC 850 and asctime
// forms). A date in the past is zero; garbage is nullopt.
std::optional<Millis> parse_retry_after(std::string_view value,
                                        std::chrono::system_clock::time_point now);

// Exponential backoff with full jitter for the attempt that just failed
// (1-based): uniform01 * min(backoff_max, backoff_base * 2^(attempt-1)).
// REQUIRES: 0 <= uniform01 < 1.
Millis backoff_delay(int attempt, const Options& options, double uniform01);

// The wait before the next attempt: the server's Retry-After on 429/503
// (capped at retry_after_max), else backoff_delay().
Millis retry_delay(const Response& response, int attempt, const Options& options,
                   std::chrono::system_clock::time_point now, double uniform01);

}  // namespace fetch

#endif  // JINGWEN_FETCH_RETRY_H_
