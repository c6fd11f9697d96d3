// Tests for daemon/gone_retry.h: when a 404/410 page is fetched again.
#include "daemon/gone_retry.h"

#include <gtest/gtest.h>

namespace jingwend {
namespace {

SeenEntry gone(int attempts, std::int64_t updated = 1'000'000) {
  return {.url_key = "https://www.163.com/late.html", .kind = SeenKind::kGone, .reason = "http-404",
          .updated = updated, .attempts = attempts};
}

TEST(GoneRetry, EachAttemptWaitsItsDelayFromTheLast404) {
  for (std::size_t i = 0; i < kGoneRetryDelays.size(); ++i) {
    SCOPED_TRACE(i);
    EXPECT_EQ(gone_retry_at(gone(static_cast<int>(i) + 1)), 1'000'000 + kGoneRetryDelays[i].count());
  }
}

TEST(GoneRetry, AfterTheLastDelayThePageIsGivenUp) {
  EXPECT_FALSE(gone_retry_at(gone(static_cast<int>(kGoneRetryDelays.size()) + 1)));
  EXPECT_FALSE(gone_retry_at(gone(1'000)));
}

TEST(GoneRetry, OtherKindsAreNeverRetried) {
  for (SeenKind kind : {SeenKind::kSpooled, SeenKind::kDuplicate, SeenKind::kNotArticle}) {
    SeenEntry entry = gone(1);
    entry.kind = kind;
    EXPECT_FALSE(gone_retry_at(entry));
  }
  EXPECT_FALSE(gone_retry_at(gone(0)));
}

TEST(GoneRetry, DelaysGrowAndEndWithinAboutADay) {
  std::chrono::seconds total{0};
  for (std::size_t i = 0; i < kGoneRetryDelays.size(); ++i) {
    if (i > 0) {
      EXPECT_GT(kGoneRetryDelays[i], kGoneRetryDelays[i - 1]);
    }
    total += kGoneRetryDelays[i];
  }
  EXPECT_GE(total, std::chrono::hours{12});
  EXPECT_LE(total, std::chrono::hours{36});
}

}  // namespace
}  // namespace jingwend
