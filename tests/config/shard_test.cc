// Sharding by host (config/shard.cc): the "i/N" syntax, the `shard` key,
// and the two properties rendezvous hashing is for: an even spread of hosts,
// and a move from N to N+1 instances that moves only ~1/(N+1) of them, all
// to the new instance.
#include <gtest/gtest.h>

#include <iostream>
#include <string>
#include <vector>

#include "config/config.h"
#include "tests/config/helpers.h"

namespace config {
namespace {

// Host names shaped like the ones jingwen polls: gov.cn sites by county and
// NetEase channels.
std::vector<std::string> sample_hosts(int n) {
  std::vector<std::string> hosts;
  for (int i = 0; i < n; ++i) {
    std::string host = i % 5 == 0 ? "c" : "www.county";  // not "c" + ...: a false -Wrestrict in GCC 12
    host.append(std::to_string(i)).append(i % 5 == 0 ? ".163.com" : ".gov.cn");
    hosts.push_back(std::move(host));
  }
  return hosts;
}

TEST(ParseShard, IndexBelowCount) {
  EXPECT_EQ(parse_shard("0/1"), (Shard{0, 1}));
  EXPECT_EQ(parse_shard("3/4"), (Shard{3, 4}));
  EXPECT_EQ(parse_shard("1023/1024"), (Shard{1023, 1024}));
  for (const char* bad : {"4/4", "0/0", "-1/4", "1/-4", "1/1025", "a/b", "1/2/3", " 1/2", "1 /2", "1/", "/2", "12",
                          "", "+1/2", "1/2x"}) {
    EXPECT_FALSE(parse_shard(bad)) << bad;
  }
}

TEST(ParseShard, NameReadsBack) {
  EXPECT_EQ(shard_name(Shard{2, 7}), "2/7");
  EXPECT_EQ(parse_shard(shard_name(Shard{2, 7})), (Shard{2, 7}));
}

TEST(ShardKey, ReadFromTheConfig) {
  const LoadResult ok = parse_config(configtest::kRequired + "shard = \"1/3\"\n", configtest::kEtcConfig);
  ASSERT_TRUE(ok.ok()) << ok.errors.front().to_string();
  EXPECT_EQ(ok.config->shard, (Shard{1, 3}));

  const LoadResult bad = parse_config(configtest::kRequired + "shard = \"3/3\"\n", configtest::kEtcConfig);
  ASSERT_EQ(bad.errors.size(), 1u);
  EXPECT_EQ(bad.errors[0].to_string(),
            "/etc/jingwen/jingwen.toml:3:9: shard: \"3/3\" is not a shard: \"i/N\" with 0 <= i < N <= 1024");
}

// The hash is part of the deployment: a new version that assigned hosts
// differently would move every host between instances at once (and their
// robots caches and politeness with them). These pins catch that.
TEST(ShardOfHost, IsPinned) {
  EXPECT_EQ(shard_of_host("www.163.com", 4), 0);
  EXPECT_EQ(shard_of_host("www.gov.cn", 4), 1);
  EXPECT_EQ(shard_of_host("www.beijing.gov.cn", 16), 14);
  EXPECT_EQ(shard_of_host("", 4), 2);
}

TEST(ShardOfHost, OneInstanceTakesEverything) {
  for (const std::string& host : sample_hosts(100)) EXPECT_EQ(shard_of_host(host, 1), 0) << host;
}

TEST(ShardOfHost, SpreadsHostsEvenly) {
  constexpr int kHosts = 20'000;
  const std::vector<std::string> hosts = sample_hosts(kHosts);
  for (const int n : {2, 3, 4, 8, 16}) {
    std::vector<int> per_shard(static_cast<std::size_t>(n));
    for (const std::string& host : hosts) ++per_shard[static_cast<std::size_t>(shard_of_host(host, n))];
    const double fair = static_cast<double>(kHosts) / n;
    std::cout << "shard: " << n << " instances, hosts per instance:";
    for (const int count : per_shard) {
      std::cout << ' ' << count;
      // Binomial spread is about sqrt(fair); 6% of the fair share is more
      // than 4 standard deviations at 16 instances.
      EXPECT_NEAR(count, fair, fair * 0.06) << n << " instances";
    }
    std::cout << '\n';
  }
}

TEST(ShardOfHost, GrowingByOneMovesAboutOneInNPlusOneAllToTheNewInstance) {
  constexpr int kHosts = 20'000;
  const std::vector<std::string> hosts = sample_hosts(kHosts);
  for (int n = 1; n <= 8; ++n) {
    int moved = 0;
    for (const std::string& host : hosts) {
      const int before = shard_of_host(host, n), after = shard_of_host(host, n + 1);
      if (before == after) continue;
      ++moved;
      EXPECT_EQ(after, n) << host << " moved from " << before << " to an old instance";
    }
    const double expected = static_cast<double>(kHosts) / (n + 1);
    std::cout << "shard: " << n << " -> " << n + 1 << " instances moves " << moved << " of " << kHosts
              << " hosts (1/(N+1): " << static_cast<int>(expected) << ")\n";
    EXPECT_NEAR(moved, expected, expected * 0.08);
  }
}

TEST(InShard, EveryFeedOfAHostOnOneInstance) {
  const Shard three{.index = 0, .count = 3};
  const FeedConfig a{.name = "a", .url = "https://www.163.com/special/rss.xml"};
  const FeedConfig b{.name = "b", .url = "http://WWW.163.COM:80/dy/list.html"};  // same host, spelt otherwise
  EXPECT_EQ(feed_host(a), "www.163.com");
  EXPECT_EQ(feed_host(b), "www.163.com");
  int owners_a = 0, owners_b = 0;
  for (int i = 0; i < 3; ++i) {
    owners_a += in_shard(Shard{i, 3}, a) ? 1 : 0;
    owners_b += in_shard(Shard{i, 3}, b) ? 1 : 0;
    EXPECT_EQ(in_shard(Shard{i, 3}, a), in_shard(Shard{i, 3}, b)) << i;
  }
  EXPECT_EQ(owners_a, 1);
  EXPECT_EQ(owners_b, 1);
  EXPECT_EQ(in_shard(three, a), shard_of_host("www.163.com", 3) == 0);
  EXPECT_TRUE(in_shard(Shard{}, a));  // no shard: every feed
}

TEST(Describe, NamesEachFeedsShardWhenThereAreSeveral) {
  const std::string feeds = "[[feed]]\nname = \"n\"\nurl = \"https://www.163.com/rss.xml\"\n";
  const int owner = shard_of_host("www.163.com", 3);
  const int other = (owner + 1) % 3;
  const LoadResult here = parse_config(configtest::kRequired + "shard = \"" + std::to_string(owner) + "/3\"\n" + feeds,
                                       configtest::kEtcConfig);
  ASSERT_TRUE(here.ok());
  const std::string mark = "# host \"www.163.com\": shard " + std::to_string(owner) + "/3";
  EXPECT_NE(describe(*here.config).find(mark + ", polled by this instance\n"), std::string::npos)
      << describe(*here.config);
  const LoadResult there = parse_config(configtest::kRequired + "shard = \"" + std::to_string(other) + "/3\"\n" + feeds,
                                        configtest::kEtcConfig);
  ASSERT_TRUE(there.ok());
  EXPECT_NE(describe(*there.config).find(mark + ", not polled by this instance\n"), std::string::npos);
  const LoadResult single = parse_config(configtest::kRequired + feeds, configtest::kEtcConfig);
  EXPECT_EQ(describe(*single.config).find("# host"), std::string::npos);  // one instance: no noise
}

}  // namespace
}  // namespace config
