// Retry policy (fetch/retry.h): Retry-After in all its forms, backoff with
// jitter, and which failures are retried.
#include "fetch/retry.h"

#include <gtest/gtest.h>

#include <chrono>
#include <limits>
#include <string>
#include <utility>

namespace fetch {
namespace {

using std::chrono::hours;
using std::chrono::seconds;
using std::chrono::system_clock;
using namespace std::chrono_literals;

// 1994-11-06 08:49:37 UTC, the instant RFC 9110's examples name.
system_clock::time_point Rfc9110Example() {
  return std::chrono::sys_days{std::chrono::year{1994} / 11 / 6} + 8h + 49min + 37s;
}

Response Failed(ErrorCode code, long status = 0, std::string retry_after = "") {
  Response r;
  r.error.code = code;
  r.status = status;
  r.retry_after = std::move(retry_after);
  return r;
}

// ---- parse_retry_after ----------------------------------------------------

TEST(Retry, DeltaSeconds) {
  const auto now = system_clock::now();
  EXPECT_EQ(parse_retry_after("120", now), Millis{120'000});
  EXPECT_EQ(parse_retry_after("0", now), Millis{0});
  EXPECT_EQ(parse_retry_after("  7 ", now), Millis{7'000});
}

TEST(Retry, HugeDeltaSaturatesInsteadOfOverflowing) {
  const auto now = system_clock::now();
  const auto huge = parse_retry_after("99999999999999999999999999999999", now);
  ASSERT_TRUE(huge.has_value());
  EXPECT_GT(*huge, Millis{hours{24 * 365}});
  EXPECT_EQ(parse_retry_after("1000000000000", now), huge);
  EXPECT_EQ(parse_retry_after(std::string(500, '9'), now), huge);
}

TEST(Retry, ImfFixdate) {
  const auto now = Rfc9110Example() - 90s;
  EXPECT_EQ(parse_retry_after("Sun, 06 Nov 1994 08:49:37 GMT", now), Millis{90'000});
}

TEST(Retry, Rfc850Date) {
  const auto now = Rfc9110Example() - 10s;
  EXPECT_EQ(parse_retry_after("Sunday, 06-Nov-94 08:49:37 GMT", now), Millis{10'000});
}

TEST(Retry, Rfc850TwoDigitYearPicksTheNearCentury) {
  // In 2024, "30" is 2030 (within 50 years ahead), "99" is 1999.
  const system_clock::time_point now = std::chrono::sys_days{std::chrono::year{2024} / 1 / 1};
  EXPECT_EQ(parse_retry_after("Tuesday, 01-Jan-30 00:00:00 GMT", now),
            std::chrono::duration_cast<Millis>(std::chrono::sys_days{std::chrono::year{2030} / 1 / 1} - now));
  EXPECT_EQ(parse_retry_after("Friday, 01-Jan-99 00:00:00 GMT", now), Millis{0});
}

TEST(Retry, AsctimeDate) {
  const auto now = Rfc9110Example() - 1s;
  EXPECT_EQ(parse_retry_after("Sun Nov  6 08:49:37 1994", now), Millis{1'000});
  EXPECT_EQ(parse_retry_after("Sun Nov 16 08:49:37 1994", now), Millis{hours{240} + 1s});
}

TEST(Retry, SubSecondClockRoundsUp) {
  const auto now = Rfc9110Example() - 1499600us;
  EXPECT_EQ(parse_retry_after("Sun, 06 Nov 1994 08:49:37 GMT", now), Millis{1'500});
}

TEST(Retry, PastDateIsZero) {
  const auto now = Rfc9110Example() + hours{1};
  EXPECT_EQ(parse_retry_after("Sun, 06 Nov 1994 08:49:37 GMT", now), Millis{0});
  EXPECT_EQ(parse_retry_after("Sun Nov  6 08:49:37 1994", now), Millis{0});
}

TEST(Retry, GarbageIsNullopt) {
  const auto now = Rfc9110Example();
  for (const char* bad : {"", "   ", "soon", "-5", "1.5", "12abc", "0x10", "+3",
                          "Sun, 06 Nov 1994 08:49:37",          // no zone
                          "Sun, 06 Nov 1994 08:49:37 PST",      // not GMT
                          "Sun, 6 Nov 1994 08:49:37 GMT",       // one-digit day
                          "Sun, 06 Foo 1994 08:49:37 GMT",      // no such month
                          "Sun, 31 Feb 1994 08:49:37 GMT",      // no such day
                          "Sun, 06 Nov 1994 25:49:37 GMT",      // no such hour
                          "Sun, 06 Nov 1994 08:49:37 GMT junk",  // trailing bytes
                          "Sunday, 06-Nov-1994 08:49:37 GMT",   // RFC 850 with 4-digit year
                          "Sun Nov 6 08:49:37 1994",            // asctime day not padded
                          "2015-10-21T07:28:00Z"}) {
    EXPECT_FALSE(parse_retry_after(bad, now).has_value()) << bad;
  }
}

// ---- backoff --------------------------------------------------------------

TEST(Retry, BackoffDoublesAndCaps) {
  Options o;
  o.backoff_base = Millis{1000};
  o.backoff_max = Millis{10'000};
  // uniform01 just under 1 shows the ceiling of each attempt.
  const double top = 0.999999;
  EXPECT_NEAR(backoff_delay(1, o, top).count(), 1000, 1);
  EXPECT_NEAR(backoff_delay(2, o, top).count(), 2000, 1);
  EXPECT_NEAR(backoff_delay(3, o, top).count(), 4000, 1);
  EXPECT_NEAR(backoff_delay(4, o, top).count(), 8000, 1);
  EXPECT_NEAR(backoff_delay(5, o, top).count(), 10'000, 1);
  EXPECT_NEAR(backoff_delay(1000, o, top).count(), 10'000, 1);
  EXPECT_NEAR(backoff_delay(std::numeric_limits<int>::max(), o, top).count(), 10'000, 1);
}

TEST(Retry, JitterSpansZeroToTheCeiling) {
  Options o;
  o.backoff_base = Millis{1000};
  o.backoff_max = Millis{60'000};
  EXPECT_EQ(backoff_delay(3, o, 0.0), Millis{0});
  EXPECT_EQ(backoff_delay(3, o, 0.5), Millis{2000});
  EXPECT_EQ(backoff_delay(3, o, 0.25), Millis{1000});
  for (double u = 0; u < 1; u += 0.01) {
    const Millis d = backoff_delay(3, o, u);
    EXPECT_GE(d, Millis{0});
    EXPECT_LT(d, Millis{4000});
  }
}

TEST(Retry, BackoffWithZeroBaseIsZero) {
  Options o;
  o.backoff_base = Millis{0};
  EXPECT_EQ(backoff_delay(1'000'000, o, 0.9), Millis{0});
}

// ---- retry_delay ----------------------------------------------------------

TEST(Retry, RetryAfterHonouredOn429And503) {
  Options o;
  const auto now = system_clock::now();
  EXPECT_EQ(retry_delay(Failed(ErrorCode::kHttpStatus, 429, "30"), 1, o, now, 0.5), Millis{30'000});
  EXPECT_EQ(retry_delay(Failed(ErrorCode::kHttpStatus, 503, "5"), 3, o, now, 0.5), Millis{5'000});
}

TEST(Retry, RetryAfterIgnoredOnOtherStatuses) {
  Options o;
  o.backoff_base = Millis{1000};
  const auto now = system_clock::now();
  EXPECT_EQ(retry_delay(Failed(ErrorCode::kHttpStatus, 500, "30"), 1, o, now, 0.5), Millis{500});
}

TEST(Retry, RetryAfterCappedAndAtLeastOneMillisecond) {
  Options o;
  o.retry_after_max = Millis{600'000};
  const auto now = system_clock::now();
  EXPECT_EQ(retry_delay(Failed(ErrorCode::kHttpStatus, 429, "86400"), 1, o, now, 0.5), Millis{600'000});
  EXPECT_EQ(retry_delay(Failed(ErrorCode::kHttpStatus, 429, "99999999999999999999"), 1, o, now, 0.5),
            Millis{600'000});
  EXPECT_EQ(retry_delay(Failed(ErrorCode::kHttpStatus, 503, "0"), 1, o, now, 0.5), Millis{1});
}

TEST(Retry, UnparsableOrMissingRetryAfterFallsBackToBackoff) {
  Options o;
  o.backoff_base = Millis{1000};
  const auto now = system_clock::now();
  EXPECT_EQ(retry_delay(Failed(ErrorCode::kHttpStatus, 429, "later"), 2, o, now, 0.5), Millis{1000});
  EXPECT_EQ(retry_delay(Failed(ErrorCode::kHttpStatus, 503), 2, o, now, 0.5), Millis{1000});
}

// ---- retryable ------------------------------------------------------------

TEST(Retry, RetryableTable) {
  struct Case {
    ErrorCode code;
    long status;
    bool retry;
  };
  const Case cases[] = {
      {ErrorCode::kNone, 200, false},
      {ErrorCode::kNone, 304, false},
      {ErrorCode::kDns, 0, true},
      {ErrorCode::kConnect, 0, true},
      {ErrorCode::kTimeout, 0, true},
      {ErrorCode::kNetwork, 0, true},
      {ErrorCode::kHttpStatus, 429, true},
      {ErrorCode::kHttpStatus, 500, true},
      {ErrorCode::kHttpStatus, 502, true},
      {ErrorCode::kHttpStatus, 503, true},
      {ErrorCode::kHttpStatus, 504, true},
      {ErrorCode::kHttpStatus, 400, false},
      {ErrorCode::kHttpStatus, 401, false},
      {ErrorCode::kHttpStatus, 403, false},
      {ErrorCode::kHttpStatus, 404, false},
      {ErrorCode::kHttpStatus, 410, false},
      {ErrorCode::kAntiBot, 412, false},
      {ErrorCode::kTooLarge, 200, false},
      {ErrorCode::kTls, 0, false},
      {ErrorCode::kBadUrl, 0, false},
      {ErrorCode::kRedirect, 301, false},
      {ErrorCode::kRobotsDisallowed, 0, false},
      {ErrorCode::kCancelled, 0, false},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(retryable(Failed(c.code, c.status)), c.retry)
        << "code " << static_cast<int>(c.code) << " status " << c.status;
  }
}

// server_poll_hint: what the daemon's feed schedule reads from a response.
Response with_header(long status, std::string name, std::string value) {
  Response r;
  r.status = status;
  if (status >= 400) r.error.code = ErrorCode::kHttpStatus;
  if (name == "retry-after") r.retry_after = value;
  r.headers.emplace_back(std::move(name), std::move(value));
  return r;
}

TEST(ServerPollHint, RetryAfterOn429And503) {
  const auto now = Rfc9110Example();
  EXPECT_EQ(server_poll_hint(with_header(429, "retry-after", "120"), now), Millis(120'000));
  EXPECT_EQ(server_poll_hint(with_header(503, "retry-after", "Sun, 06 Nov 1994 09:49:37 GMT"), now),
            Millis(3'600'000));
  EXPECT_EQ(server_poll_hint(with_header(404, "retry-after", "120"), now), std::nullopt);
}

TEST(ServerPollHint, CacheControlMaxAgeOnSuccessTheLargerOfTwoAges) {
  const auto now = Rfc9110Example();
  EXPECT_EQ(server_poll_hint(with_header(200, "cache-control", "public, max-age=1800"), now), Millis(1'800'000));
  EXPECT_EQ(server_poll_hint(with_header(200, "cache-control", "max-age=60, S-MAXAGE=600"), now), Millis(600'000));
}

TEST(ServerPollHint, NoCacheNoStoreAndGarbageGiveNoHint) {
  const auto now = Rfc9110Example();
  EXPECT_EQ(server_poll_hint(with_header(200, "cache-control", "max-age=600, no-cache"), now), std::nullopt);
  EXPECT_EQ(server_poll_hint(with_header(200, "cache-control", "no-store"), now), std::nullopt);
  EXPECT_EQ(server_poll_hint(with_header(200, "cache-control", "max-age=-5, max-age=abc"), now), std::nullopt);
  EXPECT_EQ(server_poll_hint(with_header(200, "etag", "\"x\""), now), std::nullopt);
}

}  // namespace
}  // namespace fetch
