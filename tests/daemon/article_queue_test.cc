// ArticleQueue: one fetch per URL key, round robin over hosts, per-host limit.
#include "daemon/article_queue.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace jingwend {
namespace {

ArticleJob job(std::string host, std::string path) {
  const std::string url = "https://" + host + path;
  return {.feed = "f", .url = url, .url_key = url, .host = host};
}

std::vector<std::string> drain(ArticleQueue& q, int per_host_limit) {
  std::vector<std::string> urls;
  while (auto j = q.pop(per_host_limit)) urls.push_back(j->url);
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
  const auto first = q.pop(1);
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
  const auto a1 = q.pop(1);
  const auto b1 = q.pop(1);
  ASSERT_TRUE(a1 && b1);
  EXPECT_EQ(b1->url, "https://b.gov.cn/1");
  EXPECT_FALSE(q.pop(1));  // a.gov.cn has one active
  q.done(*a1);
  const auto a2 = q.pop(1);
  ASSERT_TRUE(a2);
  EXPECT_EQ(a2->url, "https://a.gov.cn/2");
}

TEST(ArticleQueue, ClearDropsQueuedJobsButNotActiveOnes) {
  ArticleQueue q;
  q.push(job("a.gov.cn", "/1"));
  q.push(job("a.gov.cn", "/2"));
  const auto active = q.pop(5);
  const std::vector<ArticleJob> dropped = q.clear();
  ASSERT_EQ(dropped.size(), 1u);
  EXPECT_EQ(dropped[0].url, "https://a.gov.cn/2");
  EXPECT_EQ(q.queued(), 0u);
  EXPECT_EQ(q.active(), 1u);
  EXPECT_TRUE(q.push(job("a.gov.cn", "/2")));  // its key was released
}

}  // namespace
}  // namespace jingwend
