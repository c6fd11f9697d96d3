// next_poll_delay: interval + jitter, capped exponential backoff, server hints.
#include "daemon/schedule.h"

#include <gtest/gtest.h>

namespace jingwend {
namespace {

using std::chrono::hours;
using std::chrono::minutes;
using std::chrono::seconds;

PollTiming every(minutes interval, int failures = 0) {
  return {.interval = interval, .max_backoff = hours(6), .failures = failures};
}

TEST(NextPollDelay, SuccessWaitsTheIntervalPlusAtMostTenPercentJitter) {
  EXPECT_EQ(next_poll_delay(every(minutes(15)), 0.0), minutes(15));
  EXPECT_EQ(next_poll_delay(every(minutes(15)), 0.5), minutes(15) + seconds(45));
  EXPECT_LT(next_poll_delay(every(minutes(15)), 0.999), minutes(15) + seconds(90));
}

TEST(NextPollDelay, FailuresDoubleTheIntervalUpToTheCap) {
  EXPECT_EQ(next_poll_delay(every(minutes(15), 1), 0.0), minutes(30));
  EXPECT_EQ(next_poll_delay(every(minutes(15), 2), 0.0), minutes(60));
  EXPECT_EQ(next_poll_delay(every(minutes(15), 4), 0.0), minutes(15 * 16));
  EXPECT_EQ(next_poll_delay(every(minutes(15), 5), 0.0), hours(6));  // 8 h capped
  EXPECT_EQ(next_poll_delay(every(minutes(15), 1000), 0.0), hours(6));
}

TEST(NextPollDelay, ACapBelowTheIntervalNeverShortensIt) {
  PollTiming t = every(minutes(15), 3);
  t.max_backoff = minutes(5);
  EXPECT_EQ(next_poll_delay(t, 0.0), minutes(15));
}

TEST(NextPollDelay, ALongerServerHintWinsAShorterOneDoesNot) {
  PollTiming t = every(minutes(15));
  t.server_hint = hours(1);
  EXPECT_EQ(next_poll_delay(t, 0.0), hours(1));
  t.server_hint = minutes(1);
  EXPECT_EQ(next_poll_delay(t, 0.0), minutes(15));
}

TEST(NextPollDelay, RetryAfterOnAFailureWinsOverTheBackoff) {
  PollTiming t = every(minutes(15), 1);
  t.server_hint = hours(2);
  EXPECT_EQ(next_poll_delay(t, 0.0), hours(2));
}

TEST(NextPollDelay, AYearLongMaxAgeIsReadAsADay) {
  PollTiming t = every(minutes(15));
  t.server_hint = hours(24 * 365);
  EXPECT_EQ(next_poll_delay(t, 0.0), kMaxServerHint);
}

}  // namespace
}  // namespace jingwend
