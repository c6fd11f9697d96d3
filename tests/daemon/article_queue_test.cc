// ArticleQueue: one fetch per URL key, round robin over feeds and hosts,
// per-host limit, per-feed share of the slots.
#include "daemon/article_queue.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace jingwend {
namespace {

// Far more slots than any test uses: only the per-host limit binds.
constexpr std::size_t kManySlots = 1000;

ArticleJob job(std::string host, std::string path, std::string feed = "f") {
  const std::string url = "https://" + host + path;
  return {.feed = std::move(feed), .url = url, .url_key = url, .host = host};
}

std::vector<std::string> drain(ArticleQueue& q, int per_host_limit, std::size_t max_active = kManySlots) {
  std::vector<std::string> urls;
  while (auto j = q.pop(per_host_limit, max_active)) urls.push_back(j->url);
  return urls;
}

TEST(ArticleQueue, ServesHostsRoundRobin) {
  ArticleQueue q;
  q.push(job("a.gov.cn", "/1"));
  q.push(job("a.gov.cn", "/2"));
  q.push(job("a.gov.cn", "/3"));
  q.push(job("www.163.com", "/1"));
  EXPECT_EQ(drain(q, 10), (std::vector<std::string>{"https://a.gov.cn/1", "https://www.163.com/1",
                                                    "https://a.gov.cn/2", "https://a.gov.cn/3"}));
  EXPECT_EQ(q.queued(), 0u);
  EXPECT_EQ(q.active(), 4u);
}

TEST(ArticleQueue, AURLKeyQueuedOrActiveIsNotQueuedTwice) {
  ArticleQueue q;
  EXPECT_TRUE(q.push(job("a.gov.cn", "/1")));
  EXPECT_FALSE(q.push(job("a.gov.cn", "/1")));
  const auto first = q.pop(1, kManySlots);
  ASSERT_TRUE(first);
  EXPECT_FALSE(q.push(job("a.gov.cn", "/1")));  // active
  q.done(*first);
  EXPECT_TRUE(q.push(job("a.gov.cn", "/1")));  // finished: may come again
}

TEST(ArticleQueue, AHostAtItsLimitWaitsWhileOthersAreServed) {
  ArticleQueue q;
  q.push(job("a.gov.cn", "/1"));
  q.push(job("a.gov.cn", "/2"));
  q.push(job("b.gov.cn", "/1"));
  const auto a1 = q.pop(1, kManySlots);
  const auto b1 = q.pop(1, kManySlots);
  ASSERT_TRUE(a1 && b1);
  EXPECT_EQ(b1->url, "https://b.gov.cn/1");
  EXPECT_FALSE(q.pop(1, kManySlots));  // a.gov.cn has one active
  q.done(*a1);
  const auto a2 = q.pop(1, kManySlots);
  ASSERT_TRUE(a2);
  EXPECT_EQ(a2->url, "https://a.gov.cn/2");
}

TEST(ArticleQueue, ClearDropsQueuedJobsButNotActiveOnes) {
  ArticleQueue q;
  q.push(job("a.gov.cn", "/1"));
  q.push(job("a.gov.cn", "/2"));
  const auto active = q.pop(5, kManySlots);
  const std::vector<ArticleJob> dropped = q.clear();
  ASSERT_EQ(dropped.size(), 1u);
  EXPECT_EQ(dropped[0].url, "https://a.gov.cn/2");
  EXPECT_EQ(q.queued(), 0u);
  EXPECT_EQ(q.active(), 1u);
  EXPECT_TRUE(q.push(job("a.gov.cn", "/2")));  // its key was released
}

TEST(ArticleQueue, FeedsTakeTurnsWhateverTheirHosts) {
  ArticleQueue q;
  for (int i = 0; i < 4; ++i) q.push(job("u" + std::to_string(i) + ".example.com", "/x", "many"));
  q.push(job("www.gov.cn", "/1", "few"));
  q.push(job("www.gov.cn", "/2", "few"));
  EXPECT_EQ(drain(q, 10), (std::vector<std::string>{"https://u0.example.com/x", "https://www.gov.cn/1",
                                                    "https://u1.example.com/x", "https://www.gov.cn/2",
                                                    "https://u2.example.com/x", "https://u3.example.com/x"}));
}

// Issue 18 item 4: a feed of 40 slow links, each on a host of its own,
// held every fetch slot, and another feed's 3 articles waited for them.
TEST(ArticleQueue, OneFeedCannotHoldEverySlot) {
  constexpr std::size_t kSlots = 4;
  ArticleQueue q;
  for (int i = 0; i < 40; ++i) q.push(job("u" + std::to_string(i) + ".example.com", "/x", "slow"));
  std::vector<ArticleJob> slow;
  while (auto j = q.pop(3, kSlots)) slow.push_back(*j);
  EXPECT_EQ(slow.size(), kSlots / 2) << "alone, a feed takes half the slots: room for the next";
  for (int i = 0; i < 3; ++i) q.push(job("www.gov.cn", "/" + std::to_string(i), "good"));
  std::vector<ArticleJob> good;
  while (auto j = q.pop(3, kSlots)) good.push_back(*j);
  ASSERT_EQ(good.size(), 2u) << "the second feed starts at once, none of the slow ones having finished";
  EXPECT_EQ(good[0].url, "https://www.gov.cn/0");
  EXPECT_EQ(good[1].url, "https://www.gov.cn/1");
  EXPECT_EQ(q.active(), kSlots);
  q.done(good[0]);  // the slot goes to the good feed again: the slow one holds its share
  const auto next = q.pop(3, kSlots);
  ASSERT_TRUE(next);
  EXPECT_EQ(next->url, "https://www.gov.cn/2");
}

TEST(ArticleQueue, AHostsLimitCountsEveryFeedsJobs) {
  ArticleQueue q;
  q.push(job("www.gov.cn", "/1", "a"));
  q.push(job("www.gov.cn", "/2", "b"));
  const auto first = q.pop(1, kManySlots);
  ASSERT_TRUE(first);
  EXPECT_FALSE(q.pop(1, kManySlots)) << "the other feed's job waits for the host, not only its feed";
  q.done(*first);
  EXPECT_TRUE(q.pop(1, kManySlots));
}

TEST(ArticleQueue, WithOneSlotTheFirstFeedTakesIt) {
  ArticleQueue q;
  q.push(job("a.gov.cn", "/1", "a"));
  q.push(job("b.gov.cn", "/1", "b"));
  const auto first = q.pop(3, 1);
  ASSERT_TRUE(first);
  EXPECT_FALSE(q.pop(3, 1));
  q.done(*first);
  const auto second = q.pop(3, 1);
  ASSERT_TRUE(second);
  EXPECT_EQ(second->feed, "b");
}

}  // namespace
}  // namespace jingwend
