// HostQueue: per-host concurrency, delay between starts, holds, the global
// cap and turn-taking, on a clock the test moves by hand.
#include "fetch/host_queue.h"

#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <vector>

namespace {

using fetch::HostQueue;
using std::chrono::milliseconds;

std::vector<HostQueue::JobId> Jobs(const std::vector<HostQueue::Start>& starts) {
  std::vector<HostQueue::JobId> ids;
  for (const auto& s : starts) ids.push_back(s.job);
  return ids;
}

class HostQueueTest : public ::testing::Test {
 protected:
  HostQueue::Clock::time_point t0 = HostQueue::Clock::now();
};

TEST_F(HostQueueTest, PerHostConcurrencyCapsStartsUntilOneFinishes) {
  HostQueue q(2, milliseconds(0), 100);
  for (HostQueue::JobId id = 1; id <= 4; ++id) q.push("a.gov.cn", id);
  EXPECT_EQ(Jobs(q.take_ready(t0)), (std::vector<HostQueue::JobId>{1, 2}));
  EXPECT_TRUE(q.take_ready(t0).empty());
  EXPECT_FALSE(q.next_wakeup().has_value()) << "blocked by concurrency, not by time";
  q.finished("a.gov.cn");
  EXPECT_EQ(Jobs(q.take_ready(t0)), (std::vector<HostQueue::JobId>{3}));
  EXPECT_EQ(q.running(), 2u);
  EXPECT_EQ(q.waiting(), 1u);
}

TEST_F(HostQueueTest, DelaySpacesStartsToOneHost) {
  HostQueue q(5, milliseconds(1000), 100);
  q.push("a.gov.cn", 1);
  q.push("a.gov.cn", 2);
  EXPECT_EQ(Jobs(q.take_ready(t0)), (std::vector<HostQueue::JobId>{1}));
  ASSERT_TRUE(q.next_wakeup().has_value());
  EXPECT_EQ(*q.next_wakeup(), t0 + milliseconds(1000));
  EXPECT_TRUE(q.take_ready(t0 + milliseconds(999)).empty());
  EXPECT_EQ(Jobs(q.take_ready(t0 + milliseconds(1000))), (std::vector<HostQueue::JobId>{2}));
}

TEST_F(HostQueueTest, DelayIsPerHostNotGlobal) {
  HostQueue q(1, milliseconds(1000), 100);
  q.push("a.gov.cn", 1);
  q.push("b.gov.cn", 2);
  q.push("a.gov.cn", 3);
  EXPECT_EQ(Jobs(q.take_ready(t0)), (std::vector<HostQueue::JobId>{1, 2}));
}

TEST_F(HostQueueTest, HoldDefersAHostButNotOthers) {
  HostQueue q(2, milliseconds(0), 100);
  q.hold("a.gov.cn", t0 + milliseconds(5000));
  q.push("a.gov.cn", 1);
  q.push("b.gov.cn", 2);
  EXPECT_EQ(Jobs(q.take_ready(t0)), (std::vector<HostQueue::JobId>{2}));
  EXPECT_EQ(*q.next_wakeup(), t0 + milliseconds(5000));
  EXPECT_EQ(Jobs(q.take_ready(t0 + milliseconds(5000))), (std::vector<HostQueue::JobId>{1}));
}

TEST_F(HostQueueTest, GlobalCapAndHostsTakeTurns) {
  HostQueue q(10, milliseconds(0), 2);
  for (HostQueue::JobId id = 1; id <= 3; ++id) q.push("big.163.com", id);
  q.push("small.gov.cn", 10);
  // The big host does not take both slots while the small one waits.
  EXPECT_EQ(Jobs(q.take_ready(t0)), (std::vector<HostQueue::JobId>{1, 10}));
  EXPECT_FALSE(q.next_wakeup().has_value()) << "at the global cap";
  q.finished("small.gov.cn");
  EXPECT_EQ(Jobs(q.take_ready(t0)), (std::vector<HostQueue::JobId>{2}));
}

TEST_F(HostQueueTest, RetryAtFrontKeepsItsPlace) {
  HostQueue q(1, milliseconds(0), 10);
  q.push("a.gov.cn", 1);
  q.push("a.gov.cn", 2, /*front=*/true);
  EXPECT_EQ(Jobs(q.take_ready(t0)), (std::vector<HostQueue::JobId>{2}));
}

TEST_F(HostQueueTest, EraseRemovesOnlyWaitingJobs) {
  HostQueue q(1, milliseconds(0), 10);
  q.push("a.gov.cn", 1);
  q.push("a.gov.cn", 2);
  ASSERT_EQ(Jobs(q.take_ready(t0)), (std::vector<HostQueue::JobId>{1}));
  EXPECT_FALSE(q.erase(1)) << "running, not waiting";
  EXPECT_TRUE(q.erase(2));
  EXPECT_EQ(q.waiting(), 0u);
  q.finished("a.gov.cn");
  EXPECT_TRUE(q.take_ready(t0).empty());
  EXPECT_FALSE(q.next_wakeup().has_value());
}

TEST_F(HostQueueTest, ForgetIdleKeepsHostsStillInTheirDelay) {
  HostQueue q(1, milliseconds(1000), 10);
  q.push("a.gov.cn", 1);
  ASSERT_EQ(q.take_ready(t0).size(), 1u);
  q.finished("a.gov.cn");
  q.forget_idle(t0);
  EXPECT_EQ(q.host_count(), 1u) << "forgetting it now would drop the delay";
  q.push("a.gov.cn", 2);
  EXPECT_TRUE(q.take_ready(t0 + milliseconds(10)).empty());
  EXPECT_TRUE(q.erase(2));
  q.forget_idle(t0 + milliseconds(1000));
  EXPECT_EQ(q.host_count(), 0u);
}

}  // namespace
