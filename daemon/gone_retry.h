// When a page that answered 404 or 410 is fetched again.
//
// Feeds list pages before they go live: a CMS writes the feed item when the
// story is scheduled, a CDN serves the page minutes later, a gov.cn column
// lists a notice whose page is uploaded hours after. Remembering the first
// 404 for good lost such articles; fetching on every poll hammers links
// that are really dead. So a 404/410 item is fetched again after each delay
// below in turn (counted from the last 404), at the first poll of its feed
// that lists it once the delay has passed, and after the last one the page
// is taken as gone until its feed item changes (a new stamp starts over):
// at most 1 + kGoneRetryDelays.size() fetches, over about a day.
// Until then the item is not settled, so its feed is read in full (no
// conditional GET): a 304 would hide the retry.
#ifndef JINGWEN_DAEMON_GONE_RETRY_H_
#define JINGWEN_DAEMON_GONE_RETRY_H_

#include <array>
#include <chrono>
#include <cstdint>
#include <optional>

#include "daemon/state.h"

namespace jingwend {

// The wait before fetch n + 1 after n 404/410s in a row: growing, because
// a page that is late by minutes is common and one late by hours is not.
// They add up to about a day, after which a 404 is a removed page.
inline constexpr std::array<std::chrono::seconds, 5> kGoneRetryDelays = {
    std::chrono::minutes{10}, std::chrono::minutes{30}, std::chrono::hours{2}, std::chrono::hours{6},
    std::chrono::hours{16}};

// Unix seconds from which the item of `entry` may be fetched again, or
// nullopt when it is not waiting for a retry (not gone, or out of attempts).
inline std::optional<std::int64_t> gone_retry_at(const SeenEntry& entry) {
  if (entry.kind != SeenKind::kGone || entry.attempts < 1) return std::nullopt;
  const auto index = static_cast<std::size_t>(entry.attempts - 1);
  if (index >= kGoneRetryDelays.size()) return std::nullopt;
  return entry.updated + kGoneRetryDelays[index].count();
}

}  // namespace jingwend

#endif  // JINGWEN_DAEMON_GONE_RETRY_H_
